import {registry} from "@web/core/registry";

const open = (subject) => ({
    content: `Open the complaint "${subject}"`,
    trigger: `.o_data_row:contains('${subject}') .o_data_cell[name=subject]`,
    run: "click",
});

registry.category("web_tour.tours").add("dealer_complaint_log_tour", {
    steps: () => [
        {
            content: "The customer calls: log a new complaint",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "What it is about",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Rude answer at the service desk",
        },
        {
            content: "The customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 王伟",
        },
        {
            content: "Pick the customer",
            trigger: ".o-autocomplete--dropdown-item a:contains('王伟')",
            run: "click",
        },
        {
            content: "The category",
            trigger: ".o_field_widget[name=category_id] input",
            run: "edit Staff Attitude",
        },
        {
            content: "Pick the category",
            trigger: ".o-autocomplete--dropdown-item a:contains('Staff Attitude')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Logged, waiting for the manager",
            trigger:
                ".o_form_saved .o_statusbar_status button[data-value=new].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_complaint_assign_tour", {
    steps: () => [
        open("Rude answer at the service desk"),
        {
            content: "Choose the owner",
            trigger: ".o_field_widget[name=user_id] input",
            run: "edit advisor_a",
        },
        {
            content: "The service advisor",
            trigger: ".o-autocomplete--dropdown-item a:contains('advisor_a')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Assigned",
            trigger:
                ".o_form_saved .o_statusbar_status button[data-value=assigned].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_complaint_resolve_tour", {
    steps: () => [
        open("Rude answer at the service desk"),
        {
            content: "The owner called the customer",
            trigger: "button[name=action_contacted]",
            run: "click",
        },
        {
            content: "In progress",
            trigger:
                ".o_statusbar_status button[data-value=in_progress].o_arrow_button_current",
        },
        {
            content: "Open the solution",
            trigger: ".o_notebook_headers a:contains('Solution')",
            run: "click",
        },
        {
            content: "The resolution",
            trigger: ".o_field_widget[name=resolution] textarea",
            run: "edit Apologised in person; lunch-time desk cover arranged.",
        },
        {
            content: "The root cause",
            trigger: ".o_field_widget[name=root_cause] textarea",
            run: "edit Desk understaffed at lunch time",
        },
        {
            content: "The corrective action",
            trigger: ".o_field_widget[name=corrective_action] textarea",
            run: "edit Two advisors at the desk from 11:30 to 13:30.",
        },
        {
            content: "Resolve",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        {
            content: "Resolved",
            trigger:
                ".o_statusbar_status button[data-value=resolved].o_arrow_button_current",
        },
    ],
});
