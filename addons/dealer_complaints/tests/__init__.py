from . import (
    test_dealer_complaints_install,
    test_complaint_flow,
    test_complaint_sla,
    test_complaint_security,
    test_complaint_analysis,
    test_web_form,
    test_ui,
    test_access_matrix,
    test_screens,
    test_privileged_counts,
    test_dealer_app_screens,
)
from . import test_deadline_trace
