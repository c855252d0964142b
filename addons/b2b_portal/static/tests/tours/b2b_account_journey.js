/** @odoo-module **/
/*
 * The B2B account journey, in three tours started one after the other by
 * tests/test_journeys.py: a visitor applies, a sales manager approves in
 * the backend, the new buyer logs in, sees prices and fills a cart.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("b2b_account_apply", {
    url: "/shop",
    steps: () => [
        {
            content: "Prices are hidden: the visitor is invited to open an account",
            trigger: ".o_b2b_login_for_prices a[href='/b2b/apply']",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: "input[name=name]", run: "edit Menuiserie Girard SARL" },
        { trigger: "input[name=vat]", run: "edit FR 09 443 123 450" },
        { trigger: "input[name=street]", run: "edit 5 rue des Artisans" },
        { trigger: "input[name=zip]", run: "edit 38000" },
        { trigger: "input[name=city]", run: "edit Grenoble" },
        { trigger: "input[name=contact_name]", run: "edit Nadia Girard" },
        { trigger: "input[name=email]", run: "edit nadia@menuiserie-girard.example" },
        {
            content: "A phone number that is not valid in France",
            trigger: "input[name=phone]",
            run: "edit 12 34",
        },
        { trigger: "input[name=terms_accepted]", run: "check" },
        {
            trigger: ".o_b2b_application_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The error is shown next to the phone field, the other values are kept",
            trigger: "input[name=phone].is-invalid + .invalid-feedback:contains(not a valid phone number)",
        },
        { trigger: "input[name=city]:value(Grenoble)" },
        { trigger: "input[name=phone]", run: "edit 04 76 12 34 56" },
        { trigger: "input[name=terms_accepted]", run: "check" },
        {
            trigger: ".o_b2b_application_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: ".o_b2b_application_thanks:contains(Menuiserie Girard SARL)" },
    ],
});

tours.add("b2b_account_approve", {
    url: "/odoo/action-b2b_portal.b2b_account_application_action",
    steps: () => [
        {
            content: "Open the application to review",
            trigger: ".o_data_row td:contains(Menuiserie Girard SARL)",
            run: "click",
        },
        { trigger: ".o_form_view button[name=action_approve]", run: "click" },
        { content: "Confirm the approval", trigger: ".modal-footer button.btn-primary", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Approved)" },
        { trigger: ".o_field_widget[name=partner_id] a:contains(Menuiserie Girard SARL), .o_field_widget[name=partner_id]:contains(Menuiserie Girard SARL)" },
    ],
});

tours.add("b2b_account_first_cart", {
    url: "/shop",
    steps: () => [
        {
            content: "Search the product",
            trigger: "form input[name=search]",
            run: "edit BOSCHARD",
        },
        {
            trigger: "form:has(input[name=search]) .oe_search_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Prices are shown in the grid",
            trigger: ".oe_product_cart .product_price .oe_currency_value",
        },
        {
            trigger: ".oe_product_cart:first a.text-primary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The buyer sees the price on the product page",
            trigger: "#product_details .oe_price .oe_currency_value",
        },
        { trigger: "#add_to_cart", run: "click" },
        {
            trigger: "a sup.my_cart_quantity:contains(/^1$/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart holds the product at a price",
            trigger: "#cart_products .o_cart_product, #cart_products div[name=website_sale_cart_line_price] .oe_currency_value",
        },
    ],
});
