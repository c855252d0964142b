/** @odoo-module **/
/*
 * A buyer pastes 20 lines, 3 of them wrong; the check says why for each;
 * they fix the 3 lines, check again and add the 20 lines to the cart.
 * The test creates the products QO-01 to QO-19 and QO-BOX (box of 10).
 */
import { registry } from "@web/core/registry";

const PASTED = [
    ...Array.from({ length: 17 }, (_, i) => `QO-${String(i + 1).padStart(2, "0")}\t${i + 1}`),
    "NOPE-404;2",
    "QO-18 abc",
    "QO-BOX 5",
].join("\n");

registry.category("web_tour.tours").add("b2b_quick_order", {
    steps: () => [
        {
            trigger: "textarea#b2b_qo_paste",
            run() {
                this.anchor.value = PASTED;
            },
        },
        { trigger: "button.o_b2b_qo_check", run: "click", expectUnloadPage: true },
        {
            content: "3 lines to correct, each with its reason",
            trigger: ".o_b2b_qo_error_count:contains(3)",
        },
        { trigger: "tr.table-danger .o_b2b_qo_error:contains(NOPE-404)" },
        { trigger: "tr.table-danger .o_b2b_qo_error:contains(minimum is 10)" },
        { trigger: ".o_b2b_qo_add:contains(17)" },
        {
            content: "Fix the unknown SKU",
            trigger: "tr.table-danger input[name=sku][value='NOPE-404']",
            run: "edit QO-19",
        },
        {
            content: "Fix the quantity that is not a number",
            trigger: "tr.table-danger:has(input[name=sku][value='QO-18']) input[name=quantity]",
            run: "edit 3",
        },
        {
            content: "Order a whole box",
            trigger: "tr.table-danger:has(input[name=sku][value='QO-BOX']) input[name=quantity]",
            run: "edit 10",
        },
        { trigger: "button.o_b2b_qo_check", run: "click", expectUnloadPage: true },
        {
            content: "Every line is right now",
            trigger: "form:not(:has(tr.table-danger)) .o_b2b_qo_add:contains(20)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The 20 lines are in the cart: 168 units",
            trigger: "a sup.my_cart_quantity:contains(/^168$/)",
        },
    ],
});
