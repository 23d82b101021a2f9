import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_inspection_approval_tour", {
    steps: () => [
        {
            content: "The worn brake pads, with their price",
            trigger:
                ".o_dealer_finding:contains('Brake pads, front'):contains('Price')",
        },
        {
            content: "Approve the brake pads",
            trigger:
                ".o_dealer_finding:contains('Brake pads, front') label:contains('Approve')",
            run: "click",
        },
        {
            content: "Decline the wipers",
            trigger:
                ".o_dealer_finding:contains('Wiper blades, front') label:contains('Decline')",
            run: "click",
        },
        {
            content: "Send the answer",
            trigger: ".o_dealer_inspection_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: ".o_dealer_inspection_done",
        },
    ],
});
