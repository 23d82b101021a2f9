import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_service_callback_tour", {
    steps: () => [
        {
            content: "王伟 does not answer: try again tomorrow",
            trigger:
                ".o_data_row:contains('王伟') button[name=action_dealer_not_reached]",
            run: "click",
        },
        {
            content: "The call leaves today's list",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains('王伟')))",
        },
        {
            content: "李娜 answers, and complains",
            trigger:
                ".o_data_row:contains('李娜') button[name=action_dealer_open_complaint]",
            run: "click",
        },
        {
            content: "Write down what she says",
            trigger: ".modal .o_field_widget[name=feedback] textarea",
            run: "edit The brakes still squeal",
        },
        {
            content: "Raise it to the service manager",
            trigger: ".modal button[name=action_dealer_complaint]",
            run: "click",
        },
        {
            content: "No call left for today",
            trigger: ".o_view_nocontent",
        },
    ],
});
