from . import dealer_complaint_xlsx
