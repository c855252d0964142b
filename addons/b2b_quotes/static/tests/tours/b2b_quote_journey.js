/** @odoo-module **/
/*
 * A buyer puts two lines in the cart through quick order, requests a quote
 * with a target price and a message; after the rep sent an offer (the test
 * does it in between), the buyer accepts it in one click and sees the
 * order confirmed at the offered price.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_quote_request", {
    steps: () => [
        {
            trigger: "textarea#b2b_qo_paste",
            run() {
                this.anchor.value = "QT-01\t20\nQT-02\t5";
            },
        },
        { trigger: "button.o_b2b_qo_check", run: "click", expectUnloadPage: true },
        { trigger: "button.o_b2b_qo_add:contains(2)", run: "click", expectUnloadPage: true },
        { content: "The cart offers a quote", trigger: "a.o_b2b_request_quote_btn", run: "click", expectUnloadPage: true },
        { trigger: ".o_b2b_quote_request_line:contains(Quote tour drill) input.o_b2b_quote_target", run: "edit 7.90" },
        { trigger: "textarea#b2b_quote_message", run: "edit Site opening in March" },
        { trigger: "input#b2b_quote_po", run: "edit PO-TOUR-7" },
        { trigger: "button.o_b2b_quote_send", run: "click", expectUnloadPage: true },
        {
            content: "The request waits for the rep",
            trigger: "#b2b_quote[data-state=requested] .o_b2b_quote_rounds li[data-kind=request]:contains(Site opening in March)",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_accept", {
    steps: () => [
        { content: "The rep's price", trigger: "#b2b_quote[data-state=offer_sent] .o_b2b_quote_offered_price:contains(8.00)" },
        { content: "The quantity the rep changed is marked", trigger: "tr.o_b2b_quote_changed:contains(Quote tour saw)" },
        { trigger: "button.o_b2b_quote_accept", run: "click", expectUnloadPage: true },
        { content: "Accepted: a confirmed order", trigger: "#b2b_quote[data-state=accepted]" },
        { trigger: "#introduction h2:contains(Sales Order)" },
        { content: "At the offered price", trigger: "#sales_order_table:contains(8.00)" },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_expired", {
    steps: () => [
        { trigger: "#b2b_quote[data-state=expired] .o_b2b_quote_expired" },
        { content: "No acceptance any more", trigger: "#b2b_quote:not(:has(.o_b2b_quote_accept))" },
        { trigger: "button.o_b2b_quote_refresh", run: "click", expectUnloadPage: true },
        { content: "Back with the rep", trigger: "#b2b_quote[data-state=under_review]" },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_rep_offer", {
    steps: () => [
        { content: "The buyer's message", trigger: ".alert-info:contains(Site opening in March)" },
        {
            content: "The drill's price",
            trigger: ".o_field_widget[name=order_line] .o_data_row:has(.o_data_cell:contains(Quote tour drill)) .o_data_cell[name=price_unit]",
            run: "click",
        },
        { trigger: ".o_data_row:nth-child(1).o_selected_row .o_field_widget[name=price_unit] input", run: "edit 8.00" },
        {
            content: "The saw's quantity",
            trigger: ".o_field_widget[name=order_line] .o_data_row:has(.o_data_cell:contains(Quote tour saw)) .o_data_cell[name=product_uom_qty]",
            run: "click",
        },
        { trigger: ".o_data_row:nth-child(2).o_selected_row .o_field_widget[name=product_uom_qty] input", run: "edit 4" },
        { trigger: "button[name=action_b2b_send_offer]", run: "click" },
        {
            content: "Sent: the button is gone, the offer is a round of the negotiation",
            trigger: ".o_form_view:not(:has(button[name=action_b2b_send_offer])) .o_field_widget[name=b2b_quote_state]",
        },
    ],
});
