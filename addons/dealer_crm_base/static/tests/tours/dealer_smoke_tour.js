import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("dealer_crm_base_smoke", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dealer app",
            trigger: ".o_app[data-menu-xmlid='dealer_crm_base.dealer_menu_root']",
            run: "click",
        },
        {
            content: "The Dealer app shows its customers",
            trigger: ".o_main_navbar .o_menu_brand:contains('Dealer')",
        },
        {
            content: "Its Customers menu is there",
            trigger:
                ".o_main_navbar [data-menu-xmlid='dealer_crm_base.dealer_menu_customers']",
        },
    ],
});
