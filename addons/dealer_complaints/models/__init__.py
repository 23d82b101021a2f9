from . import (
    dealer_complaint_category,
    dealer_complaint_assignment,
    dealer_complaint_group,
    dealer_complaint,
    dealer_complaint_note,
    dealer_complaint_warning,
    dealer_service_visit,
    ir_rule,
    res_company,
    res_config_settings,
    res_partner,
)
