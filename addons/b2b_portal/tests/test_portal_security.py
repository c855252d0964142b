# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two companies, two roles: every route of the buyer self-service tried on
documents the user may not reach. All must be refused."""

import re

from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestPortalAttacks(B2bDemoWorldMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.claire_order = cls.delivered_invoiced_order(cls.buyer_claire)
        cls.mueller_order = cls.delivered_invoiced_order(cls.buyer_anna)

    @classmethod
    def delivered_invoiced_order(cls, buyer):
        return cls.env["sale.order"].search(
            [
                ("partner_id", "=", buyer.partner_id.id),
                ("state", "=", "sale"),
                ("invoice_ids.state", "=", "posted"),
                ("picking_ids.state", "=", "done"),
            ],
            limit=1,
        )

    def login(self, user):
        self.authenticate(user.login, user.login)
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def assert_refused(self, response, label):
        """Refused: redirected away, not found, forbidden, or nothing of the target in the page."""
        self.assertTrue(
            response.status_code in (303, 302, 403, 404) or response.url.rstrip("/").endswith("/my"),
            f"{label}: {response.status_code} {response.url}",
        )

    def get(self, url):
        return self.url_open(url, allow_redirects=False)

    def target(self, order, user):
        """``order``, one of its posted invoices and one of its shipments; logs ``user`` in (returns the CSRF token)."""
        invoice = order.invoice_ids.filtered(lambda move: move.state == "posted")[:1]
        picking = order.picking_ids.filtered(lambda p: p.state == "done")[:1]
        return order, invoice, picking, self.login(user)

    def assert_all_refused(self, attempts):
        for label, url in attempts:
            with self.subTest(label):
                self.assert_refused(self.get(url), label)

    def test_plain_buyer_cannot_reach_colleague_documents_or_admin_pages(self):
        order, invoice, picking, csrf = self.target(self.claire_order, self.buyer_hugo)
        self.assert_all_refused(
            [
                ("order page", f"/my/orders/{order.id}"),
                ("order PDF", f"/my/orders/{order.id}?report_type=pdf&download=true"),
                ("invoice page", f"/my/invoices/{invoice.id}"),
                ("invoice PDF", f"/my/invoices/{invoice.id}?report_type=pdf&download=true"),
                ("delivery slip", f"/my/picking/pdf/{picking.id}"),
                ("return label", f"/my/picking/return/pdf/{picking.id}"),
                ("company page", "/my/company"),
                ("statement", "/my/statement"),
                ("statement PDF", "/my/statement/pdf"),
            ]
        )
        with self.subTest("reorder a colleague's order"):
            html = self.url_open(f"/shop/quick_order?reorder={order.id}").text
            self.assertFalse(order.order_line[0].product_id.default_code in html.split("<tbody>")[-1])
        with self.subTest("shipments page"):
            self.assertFalse(picking.carrier_tracking_ref in self.url_open("/my/shipments").text)
        with self.subTest("orders list"):
            html = self.url_open(f"/my/orders?search={order.name}").text
            self.assertFalse(f">{order.name}</a>" in html, "the search term is echoed, not the order")
        with self.subTest("invite a colleague"):
            self.url_open(
                "/my/company/invite",
                data={"name": "Eve", "email": "eve@example.com", "role": "admin", "csrf_token": csrf},
            )
            self.assertFalse(self.env["res.partner"].search_count([("email", "=", "eve@example.com")]))
        with self.subTest("deactivate the admin"):
            self.url_open(
                f"/my/company/colleague/{self.buyer_claire.partner_id.id}", data={"active": "0", "csrf_token": csrf}
            )
            self.env.invalidate_all()
            self.assertTrue(self.buyer_claire.active)
        with self.subTest("share the company's orders"):
            self.url_open("/my/company/share_orders", data={"share_orders": "1", "csrf_token": csrf})
            self.env.invalidate_all()
            self.assertFalse(self.company_dupont.b2b_share_orders)

    def test_admin_buyer_cannot_reach_another_company(self):
        order, invoice, picking, csrf = self.target(self.mueller_order, self.buyer_claire)
        self.assert_all_refused(
            [
                ("order page", f"/my/orders/{order.id}"),
                (
                    "order page, wrong token",
                    f"/my/orders/{order.id}?access_token={self.claire_order._portal_ensure_token()}",
                ),
                ("invoice page", f"/my/invoices/{invoice.id}"),
                ("invoice PDF", f"/my/invoices/{invoice.id}?report_type=pdf&download=true"),
                ("delivery slip", f"/my/picking/pdf/{picking.id}"),
            ]
        )
        with self.subTest("change a role in another company"):
            self.url_open(
                f"/my/company/colleague/{self.buyer_felix.partner_id.id}", data={"role": "admin", "csrf_token": csrf}
            )
            self.env.invalidate_all()
            self.assertEqual(self.buyer_felix.partner_id.b2b_role, "buyer")
        with self.subTest("statement"):
            html = self.url_open("/my/statement").text
            self.assertFalse(invoice.name in html)
            self.assertFalse(self.company_mueller.name in html)
        with self.subTest("shipments page"):
            self.assertFalse(picking.carrier_tracking_ref in self.url_open("/my/shipments").text)

    def test_access_token_shows_the_order_and_nothing_more(self):
        """Odoo's emailed links open an order with its token, even logged
        out: the page works, without the follow-up sections reserved to
        users who may read the documents."""
        order = self.claire_order
        response = self.url_open(f"/my/orders/{order.id}?access_token={order._portal_ensure_token()}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(order.name in response.text)
        self.assertFalse("o_b2b_modification_form" in response.text)
        self.assertFalse("o_b2b_invoice" in response.text)

    def test_json_rpc_respects_the_same_rules(self):
        self.login(self.buyer_hugo)
        attempts = [
            ("read a colleague's order", "sale.order", "read", [[self.claire_order.id], ["name"]]),
            ("read another company's order", "sale.order", "read", [[self.mueller_order.id], ["name"]]),
            ("make oneself admin", "res.partner", "write", [[self.buyer_hugo.partner_id.id], {"b2b_role": "admin"}]),
            (
                "invite through a private method",
                "res.partner",
                "_b2b_invite_colleague",
                [[self.buyer_hugo.partner_id.id], "Eve", "eve@example.com", "admin"],
            ),
            ("confirm an order", "sale.order", "action_confirm", [[self.claire_order.id]]),
        ]
        for label, model, method, args in attempts:
            with self.subTest(label), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
        self.env.invalidate_all()
        self.assertEqual(self.buyer_hugo.partner_id.b2b_role, "buyer")
