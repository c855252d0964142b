# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every route that shows a price or changes a cart, for three visitors:
anonymous, a portal user of a non-approved company, an approved buyer."""

import json
import re

from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import B2bDemoWorldMixin

RESTRICTED = "/b2b/restricted"


@tagged("post_install", "-at_install")
class TestGatedCatalog(B2bDemoWorldMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.template = cls.product.product_tmpl_id
        cls.website = cls.env["website"].get_current_website()
        cls.price_text = f"{cls.template.list_price:.2f}"
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Secret 50% off", "selectable": True, "code": "SECRET50"}
        )

    # ---------------------------------------------------------------- helpers
    def as_visitor(self, who):
        if who == "anonymous":
            self.authenticate(None, None)
        elif who == "not approved":
            self.authenticate(self.prospect_marco.login, self.prospect_marco.login)
        else:
            self.authenticate(self.buyer_claire.login, self.buyer_claire.login)

    def csrf_token(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/shop").text).group(1)

    def jsonrpc_error(self, route, params):
        """The error message a JSON route answers (make_jsonrpc_request only gives its class)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 0, "params": params}
        response = self.url_open(route, data=json.dumps(payload), headers={"Content-Type": "application/json"})
        return response.json()["error"]["data"]["message"]

    def cart_lines(self, user):
        return self.env["sale.order.line"].search(
            [
                ("order_id.partner_id", "=", user.partner_id.id),
                ("order_id.state", "=", "draft"),
                ("product_id", "=", self.product.id),
            ]
        )

    def assert_refused(self, response):
        self.assertTrue(response.url.endswith(RESTRICTED), response.url)
        self.assertEqual(response.status_code, 403)
        self.assertIn("reserved to approved B2B accounts", response.text)

    # -------------------------------------------------------- price display
    def test_shop_and_product_page_hide_prices(self):
        for who in ("anonymous", "not approved"):
            with self.subTest(who=who):
                self.as_visitor(who)
                for url in ("/shop", f"/shop/{self.template.id}", f"/shop?search={self.template.default_code}"):
                    html = self.url_open(url).text
                    self.assertNotIn('itemprop="price"', html, url)
                    self.assertNotIn(self.price_text, html, url)
                    self.assertIn("o_b2b_login_for_prices", html, url)
        self.as_visitor("approved")
        html = self.url_open(f"/shop/{self.template.id}").text
        self.assertIn('itemprop="price"', html)
        self.assertNotIn("o_b2b_login_for_prices", html)

    def test_price_sort_and_filter_are_ignored(self):
        def product_names(url):
            return re.findall(r'itemprop="name"[^>]*content="([^"]+)"', self.url_open(url).text)

        self.as_visitor("anonymous")
        by_sequence = product_names("/shop")
        self.assertTrue(by_sequence)
        self.assertEqual(product_names("/shop?order=list_price+asc"), by_sequence)
        self.assertEqual(product_names("/shop?order=list_price+desc"), by_sequence)
        self.assertEqual(product_names("/shop?min_price=1000&max_price=5000"), by_sequence)
        html = self.url_open("/shop").text
        self.assertNotIn("o_wsale_price_range_option", html)
        self.assertNotIn("list_price asc", html)
        self.as_visitor("approved")
        self.assertNotEqual(product_names("/shop?order=list_price+desc"), by_sequence)

    def test_combination_info_json_has_no_price(self):
        params = {
            "product_template_id": self.template.id,
            "product_id": self.product.id,
            "combination": [],
            "add_qty": 1,
        }
        for who in ("anonymous", "not approved"):
            with self.subTest(who=who):
                self.as_visitor(who)
                info = self.make_jsonrpc_request("/website_sale/get_combination_info", params)
                for key in ("price", "list_price", "price_extra", "compare_list_price"):
                    self.assertFalse(info.get(key), key)
                self.assertTrue(info["prevent_zero_price_sale"])
                self.assertFalse(info.get("product_tracking_info", {}).get("price"))
        self.as_visitor("approved")
        info = self.make_jsonrpc_request("/website_sale/get_combination_info", params)
        self.assertGreater(info["price"], 0)

    def test_search_suggestions_have_no_price(self):
        params = {
            "search_type": "products",
            "term": self.template.default_code,
            "order": "name asc",
            "limit": 5,
            "max_nb_chars": 50,
            "options": {
                "displayDetail": True,
                "displayImage": False,
                "displayDescription": False,
                "displayExtraLink": False,
            },
        }
        self.as_visitor("anonymous")
        results = self.make_jsonrpc_request("/website/snippet/autocomplete", params)["results"]
        self.assertTrue(results)
        self.assertFalse([r for r in results if r.get("detail") or r.get("detail_strike")])
        self.as_visitor("approved")
        results = self.make_jsonrpc_request("/website/snippet/autocomplete", params)["results"]
        self.assertTrue(results[0].get("detail"))

    def test_configurator_prices_are_refused(self):
        self.as_visitor("anonymous")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/website_sale/product_configurator/get_values",
                {
                    "product_template_id": self.template.id,
                    "quantity": 1,
                    "currency_id": self.website.currency_id.id,
                    "so_date": "2026-01-01",
                    "product_uom_id": self.template.uom_id.id,
                    "company_id": 1,
                    "pricelist_id": self.website.pricelist_id.id,
                    "ptav_ids": [],
                    "only_main_product": True,
                },
            )

    # ------------------------------------------------------- cart and checkout
    def test_cart_routes_refuse_non_approved(self):
        for who, user in (("anonymous", self.env.ref("base.public_user")), ("not approved", self.prospect_marco)):
            with self.subTest(who=who):
                self.as_visitor(who)
                response = self.url_open(
                    "/shop/cart/update",
                    data={"product_id": self.product.id, "add_qty": 3, "csrf_token": self.csrf_token()},
                )
                self.assert_refused(response)
                message = self.jsonrpc_error("/shop/cart/update_json", {"product_id": self.product.id, "add_qty": 3})
                self.assertIn("reserved to approved B2B accounts", message)
                self.assertFalse(self.cart_lines(user))
                for url in (
                    "/shop/cart",
                    "/shop/checkout",
                    "/shop/address",
                    "/shop/confirm_order",
                    "/shop/payment",
                    f"/shop/change_pricelist/{self.pricelist.id}",
                    "/shop/pricelist?promo=SECRET50",
                ):
                    self.assert_refused(self.url_open(url))

    def test_approved_buyer_fills_a_cart_at_server_prices(self):
        self.as_visitor("approved")
        result = self.make_jsonrpc_request(
            "/shop/cart/update_json", {"product_id": self.product.id, "add_qty": 3, "price_unit": 0.01}
        )
        self.assertEqual(result["quantity"], 3)
        line = self.cart_lines(self.buyer_claire)
        self.assertEqual(line.product_uom_qty, 3)
        self.assertAlmostEqual(
            line.price_unit, line.order_id.pricelist_id._get_product_price(self.product, 3), places=2
        )
        response = self.url_open("/shop/cart")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.template.name, response.text)
        self.assertFalse(response.url.endswith(RESTRICTED))

    def test_approval_can_be_switched_off_per_website(self):
        self.website.b2b_prices_for_approved_only = False
        self.as_visitor("anonymous")
        html = self.url_open(f"/shop/{self.template.id}").text
        self.assertIn('itemprop="price"', html)
