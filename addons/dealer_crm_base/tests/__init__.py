from . import test_vehicle_register
from . import test_warranty
from . import test_customer
from . import test_prospect
from . import test_care_calendar
from . import test_dealer_security
from . import test_ui
from . import test_suite_clock
