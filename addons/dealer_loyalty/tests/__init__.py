from . import test_dealer_loyalty_install
from . import test_membership
from . import test_earning
from . import test_redemption
from . import test_concurrency
from . import test_nightly_job
from . import test_security
from . import test_reports
