import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_service_visit_tour", {
    steps: () => [
        {
            content: "Today's appointment: the car with plate 吉A12345",
            trigger: ".o_data_row:contains('吉A12345') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Read the mileage during the walk-around",
            trigger: ".o_field_widget[name=odometer] input",
            run: "edit 23456",
        },
        {
            content: "Check the car in",
            trigger: "button[name=action_check_in]",
            run: "click",
        },
        {
            content: "Checked in: the work can start",
            trigger: "button[name=action_start]",
        },
        {
            content: "Add a job",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The oil change",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Oil and filter",
        },
        {
            content: "Pick the labour operation",
            trigger:
                ".o-autocomplete--dropdown-item a:contains('Oil and filter change')",
            run: "click",
        },
        {
            content: "Add a part",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The oil filter, on the new second line",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:nth-child(2).o_selected_row .o_field_widget[name=product_id] input",
            run: "edit Oil filter 04E",
        },
        {
            content: "Pick the part",
            trigger:
                ".o-autocomplete--dropdown-item a:contains('Oil filter 04E115561H')",
            run: "click",
        },
        {
            content: "Save the repair order",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The part is reserved in the parts warehouse",
            trigger:
                ".o_form_saved .o_field_widget[name=availability]:contains('Reserved')",
        },
        {
            content: "Start the work",
            trigger: "button[name=action_start]",
            run: "click",
        },
        {
            content: "The work is finished",
            trigger: "button[name=action_request_inspection]",
            run: "click",
        },
        {
            content: "Final inspection",
            trigger: "button[name=action_pass_inspection]",
            run: "click",
        },
        {
            content: "Hand the car over",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "Invoice",
            trigger: "button[name=action_create_invoices]",
            run: "click",
        },
        {
            content: "Invoiced: the accountant takes it from here",
            trigger:
                ".o_statusbar_status button[data-value=invoiced].o_arrow_button_current",
        },
    ],
});
