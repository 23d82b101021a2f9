import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("dealer_crm_base_register_customer", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dealer app",
            trigger: ".o_app[data-menu-xmlid='dealer_crm_base.dealer_menu_root']",
            run: "click",
        },
        {
            content: "Register a new customer",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Name",
            trigger: ".o_field_widget[name=name] :is(input, textarea)",
            run: "edit 陈静",
        },
        {
            content: "Mobile phone",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit +86 139 4300 8888",
        },
        {
            content: "The dealer profile opens first",
            trigger: ".o_notebook a[name=dealer_profile].active",
        },
        {
            content: "Where does the customer live?",
            trigger:
                ".o_field_widget[name=dealer_district_type] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "In a county",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('County')",
            run: "click",
        },
        {
            content: "The choice is on the form before saving",
            trigger: ".o_field_widget[name=dealer_district_type] input:value('County')",
        },
        {
            content: "Save the customer",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Open their vehicles",
            trigger: "button[name=action_open_dealer_vehicles]",
            run: "click",
        },
        {
            content: "Register a vehicle",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the model",
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit Sagitar Tour",
        },
        {
            content: "Pick it in the list",
            trigger: ".o-autocomplete--dropdown-item a:contains('Sagitar Tour 300TSI')",
            run: "click",
        },
        {
            content: "Licence plate, as the customer says it",
            trigger: ".o_field_widget[name=license_plate] input",
            run: "edit 吉a 66666",
        },
        {
            content: "VIN from the registration certificate",
            trigger: ".o_field_widget[name=vin_sn] input",
            run: "edit LFV3A23C9P3424242",
        },
        {
            content: "Delivered today",
            trigger: ".o_field_widget[name=dealer_delivery_date] input",
            run: "click",
        },
        {
            content: "Pick today",
            trigger: ".o_date_item_cell.o_today",
            run: "click",
        },
        {
            content: "Save the vehicle",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The car is in its three-guarantee period",
            trigger:
                ".o_form_saved .o_field_widget[name=dealer_warranty_state]:contains('Three Guarantees')",
        },
    ],
});
