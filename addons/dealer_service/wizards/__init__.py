from . import dealer_service_campaign_import
from . import dealer_service_due_list
from . import dealer_service_spending_ranking
