from . import dealer_loyalty_redeem
from . import dealer_loyalty_accrual
