from . import test_dealer_complaints_install
