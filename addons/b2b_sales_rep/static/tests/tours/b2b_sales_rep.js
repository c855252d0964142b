/** @odoo-module **/
/*
 * Julie acts for Hugo: the portal says so on every page; she adds a product
 * to the cart, checks out and pays with the demo provider, then stops
 * acting and is back in the backend.
 */
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("b2b_act_for_order", {
    steps: () => [
        { content: "Who is acting, for whom", trigger: ".o_b2b_acting_for:contains(Hugo Bernard)" },
        { trigger: "#add_to_cart", run: "click" },
        tourUtils.goToCart(),
        {
            content: "Checkout",
            trigger: "a[name=website_sale_main_button]:not(.disabled)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The buyer's addresses and carrier",
            trigger: "a[name=website_sale_main_button][href*='/shop/confirm_order']",
            run: "click",
            expectUnloadPage: true,
        },
        // Odoo's demo payment, without its English-only success check.
        ...tourUtils.payWithDemo().slice(0, -1),
        { content: "Paid: the order is confirmed", trigger: ".oe_website_sale_tx_status" },
        { trigger: ".o_b2b_act_for_stop", run: "click", expectUnloadPage: true },
        { content: "Back in the backend", trigger: ".o_list_view .o_data_row" },
    ],
});

/*
 * Julie's cockpit shows Dupont's agreement ending soon; one click creates
 * the activity.
 */
registry.category("web_tour.tours").add("b2b_cockpit_activity", {
    steps: () => [
        {
            content: "Dupont needs attention: its agreement ends",
            trigger: ".o_data_row:has(.o_data_cell:contains(Dupont Outillage)) .o_data_cell[name=signal_reasons]:contains(agreement ends)",
        },
        {
            trigger: ".o_data_row:has(.o_data_cell:contains(Dupont Outillage)) button[name=action_schedule_signal_activities]",
            run: "click",
        },
        {
            content: "The activity is counted once the figures are refreshed",
            trigger: ".o_list_button_header button[name=action_refresh], .o_control_panel button[name=action_refresh]",
            run: "click",
        },
        {
            trigger: ".o_data_row:has(.o_data_cell:contains(Dupont Outillage)) .o_data_cell[name=open_activity_count]:not(:contains(/^0$/))",
        },
    ],
});
