/** @odoo-module **/
/*
 * A buyer sees their quantity breaks on the product page, puts 6 in the
 * cart and is told how many more reach the next break.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_buyer_prices", {
    steps: () => [
        {
            content: "The buyer's breaks: 1+, 10+, 50+",
            trigger: ".o_b2b_price_breaks tbody:has(tr:nth-child(3)):not(:has(tr:nth-child(4)))",
        },
        { trigger: "#product_details input[name=add_qty]", run: "edit 6" },
        { trigger: "#add_to_cart", run: "click" },
        {
            trigger: "a sup.my_cart_quantity:contains(/^6$/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart line says 4 more reach the next break",
            trigger: ".o_b2b_cart_nudge:contains(4)",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_buyer_variant_breaks", {
    steps: () => [
        {
            content: "Size S has no break: the table is hidden",
            trigger: ".o_b2b_price_breaks.d-none:not(:visible)",
        },
        { trigger: "input.js_variant_change[data-value_name='L']", run: "click" },
        {
            content: "Size L has a break from 10",
            trigger: ".o_b2b_price_breaks:not(.d-none) tbody tr:last-child td:first-child:contains(10+)",
        },
    ],
});
