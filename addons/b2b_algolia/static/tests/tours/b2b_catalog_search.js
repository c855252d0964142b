/** @odoo-module **/
/*
 * A buyer types three letters in the header search box, sees a popular
 * query and a product suggestion, opens the results, narrows them with the
 * brand facet, adds a product to the cart at their price, then keeps the
 * cheapest price band only. The test creates the "ZZT" products of brand
 * Outilpro (the screwdriver far cheaper) and checks the cart line's price.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_catalog_search", {
    steps: () => [
        {
            content: "Open the header search",
            trigger: "header a[data-bs-target='#o_search_modal']",
            run: "click",
        },
        {
            trigger: "#o_search_modal input.o_b2b_search_input",
            run: "edit zzt",
        },
        {
            content: "A popular query of other buyers",
            trigger: "#o_search_modal .o_b2b_suggestion_query:contains(zzt perceuse)",
        },
        {
            content: "A suggestion with the buyer's price",
            trigger: "#o_search_modal .o_b2b_suggestion:contains(Perceuse à percussion) .o_b2b_suggestion_price",
        },
        {
            content: "See every result",
            trigger: "#o_search_modal .o_b2b_suggestion_all",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: ".o_b2b_search_stats:contains(3)" },
        {
            content: "Filter on the brand",
            trigger: ".o_b2b_facet[data-facet='brand'] input[value='brand:Outilpro']",
            run: "click",
        },
        {
            content: "Only Outilpro's two products remain",
            trigger: ".o_b2b_search_stats:contains(2)",
        },
        {
            trigger: ".o_b2b_hit:contains(Perceuse à percussion) .o_b2b_hit_price",
        },
        {
            trigger: ".o_b2b_hit:contains(Perceuse à percussion) .o_b2b_add_to_cart",
            run: "click",
        },
        {
            content: "In the cart",
            trigger: "sup.my_cart_quantity:contains(/^1$/)",
        },
        {
            content: "The buyer's price bands, counted",
            trigger: ".o_b2b_facet[data-facet='price_band'] label:first-of-type .badge:contains(/^1$/)",
        },
        {
            content: "Keep the cheapest band",
            trigger: ".o_b2b_facet[data-facet='price_band'] label:first-of-type input",
            run: "click",
        },
        {
            content: "Only the screwdriver remains",
            trigger: ".o_b2b_search_stats:contains(1):not(:contains(2))",
        },
        {
            trigger: ".o_b2b_search_hits:has(.o_b2b_hit:contains(Visseuse)):not(:has(.o_b2b_hit:contains(Perceuse)))",
        },
    ],
});
