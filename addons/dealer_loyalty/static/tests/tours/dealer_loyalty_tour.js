import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_loyalty_enrol_tour", {
    steps: () => [
        {
            content: "Enrol a customer in the club",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 李娜",
        },
        {
            content: "Pick her",
            trigger: ".o-autocomplete--dropdown-item a:contains('李娜')",
            run: "click",
        },
        {
            content: "Her card number",
            trigger: ".o_field_widget[name=code] input",
            run: "edit CLUB-88001",
        },
        {
            content: "Save the member",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "She is a member: her card can be printed",
            trigger: ".o_form_view button[name=action_dealer_print_card]",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_loyalty_pay_tour", {
    steps: () => [
        {
            content: "No points before the invoice is paid",
            trigger:
                "button[name=action_dealer_loyalty_points] .o_stat_value:contains('0')",
        },
        {
            content: "Register the payment",
            trigger: "button#account_invoice_payment_btn",
            run: "click",
        },
        {
            content: "Create it",
            trigger: ".modal button[name=action_create_payments]:visible",
            run: "click",
        },
        {
            content: "Paid: 1,000 untaxed earned 100 points",
            trigger:
                "button[name=action_dealer_loyalty_points] .o_stat_value:contains('100')",
        },
        {
            content: "See the points",
            trigger: "button[name=action_dealer_loyalty_points]",
            run: "click",
        },
        {
            content: "The ledger shows the paid invoice",
            trigger:
                ".o_data_row:contains('Paid Invoice') .o_data_cell[name=points]:contains('100')",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_loyalty_redeem_tour", {
    steps: () => [
        {
            content: "Redeem points on the next invoice",
            trigger: "button:contains('Redeem Points')",
            run: "click",
        },
        {
            content: "Spend 60 points",
            trigger: ".modal .o_field_widget[name=points] input",
            run: "edit 60",
        },
        {
            content: "Redeem",
            trigger: ".modal button[name=action_redeem]",
            run: "click",
        },
        {
            content: "The discount line is on the invoice",
            trigger: ".o_data_row:contains('Loyalty points redeemed: 60')",
        },
        {
            content: "40 points are left",
            trigger:
                "button[name=action_dealer_loyalty_points] .o_stat_value:contains('40')",
        },
    ],
});
