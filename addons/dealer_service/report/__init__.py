from . import report_xlsx_abstract
from . import dealer_service_capacity_report
from . import service_due_xlsx
from . import customer_spending_xlsx
from . import dealer_service_retention_report
from . import dealer_service_due_report
