from . import dealer_loyalty_liability
from . import liability_xlsx
