/** @odoo-module **/
/*
 * A buyer asks to lower a line of a confirmed order to 6; once the rep has
 * approved it, the order page shows the request applied and the new quantity.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_modification_request", {
    steps: () => [
        { trigger: "#b2b_mod_kind", run: "select line_quantity" },
        { trigger: "#b2b_mod_line", run: "selectByIndex 1" },
        { trigger: "#b2b_mod_quantity", run: "edit 6" },
        { trigger: "#b2b_mod_reason", run: "edit Our site closes earlier" },
        { trigger: ".o_b2b_modification_submit", run: "click", expectUnloadPage: true },
        {
            content: "The request is listed, waiting for the rep",
            trigger: ".o_b2b_modification_request[data-state=submitted]:contains(Our site closes earlier)",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_modification_applied", {
    steps: () => [
        { trigger: ".o_b2b_modification_request[data-state=applied]" },
        { content: "The line now has 6 units", trigger: "#sales_order_table span:contains(/^6\\.00$/)" },
    ],
});
