from . import test_dealer_loyalty_install
