import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_inspection_tablet_tour", {
    steps: () => [
        {
            content: "Open the front left tyre",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:contains('Tyre tread, front left') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Measure the tread: 2.5 mm",
            trigger: ".modal .o_field_widget[name=value] input",
            run: "edit 2.5 && press Tab",
        },
        {
            content: "Its colour follows the measure",
            trigger:
                ".modal .o_field_widget[name=status] .active:contains('Attention')",
        },
        {
            content: "Keep the item",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The tyre needs attention",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:contains('Tyre tread, front left') .badge:contains('Attention')",
        },
        {
            content: "Open the front wipers",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:contains('Wiper blades, front') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "They smear the windscreen: urgent",
            trigger:
                ".modal .o_field_widget[name=status] .o_selection_badge:contains('Urgent')",
            run: "click",
        },
        {
            content: "Write what was seen",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Rubber torn on the driver's side",
        },
        {
            content: "Keep the item",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Every item judged: finish",
            trigger: ".o_form_view:not(:has(.modal)) button[name=action_finish]",
            run: "click",
        },
        {
            content: "Finished: the advisor takes it from here",
            trigger: "button[name=action_reopen]",
        },
    ],
});
