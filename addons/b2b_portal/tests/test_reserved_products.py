# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import B2bDemoWorldMixin


@tagged("post_install", "-at_install")
class TestReservedProducts(B2bDemoWorldMixin, HttpCase):
    """A product reserved for Müller: its buyers see and order it; Dupont's
    buyers and anonymous visitors do not, whatever the route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        cls.reserved = cls.env["product.product"].create(
            {
                "name": "Müller Hausmarke Schraubendreher",
                "default_code": "MUE-PRIVATE-1",
                "list_price": 12.5,
                "is_published": True,
                "b2b_reserved_for_ids": [cls.company_mueller.id],
            }
        )

    def visible_to(self, user):
        Product = self.env["product.product"].with_user(user)
        return bool(Product.search([("id", "=", self.reserved.id)])) and bool(
            Product.product_tmpl_id.search([("id", "=", self.reserved.product_tmpl_id.id)])
        )

    def test_record_rules(self):
        self.assertTrue(self.visible_to(self.buyer_anna))
        self.assertTrue(self.visible_to(self.buyer_felix))
        self.assertFalse(self.visible_to(self.buyer_claire))
        self.assertFalse(self.visible_to(self.env.ref("base.public_user")))
        self.assertTrue(self.visible_to(self.rep_julie), "employees see every product")

    def test_quick_order_says_it_is_not_in_the_assortment(self):
        def preview(user):
            order = self.env["sale.order"].create({"partner_id": user.partner_id.id, "website_id": self.website.id})
            rows = [{"row": 1, "sku": "mue-private-1", "quantity": "2"}]
            return self.env["b2b.quick.order"].with_user(user)._preview(rows, order.with_user(user).sudo())[0]

        self.buyer_claire.partner_id.lang = "en_US"
        self.assertEqual(preview(self.buyer_anna)["errors"], [])
        self.assertEqual(preview(self.buyer_claire)["errors"], ["mue-private-1 is not in your company's assortment."])
        quick_order = self.env["b2b.quick.order"]
        self.assertTrue(quick_order.with_user(self.buyer_anna)._lookup("MUE-PRIV", self.website))
        self.assertFalse(quick_order.with_user(self.buyer_claire)._lookup("MUE-PRIV", self.website))

    def listed(self):
        """Whether a search on the shop links to the product."""
        html = self.url_open("/shop?search=Hausmarke").text
        return bool(re.search(rf'href="[^"]*/shop/[^"/?]*-{self.reserved.product_tmpl_id.id}[?"]', html))

    def test_shop_product_page_and_cart(self):
        page = f"/shop/{self.reserved.product_tmpl_id.id}"
        self.authenticate(self.buyer_anna.login, self.buyer_anna.login)
        self.assertTrue(self.listed())
        self.assertEqual(self.url_open(page).status_code, 200)

        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        self.assertFalse(self.listed())
        self.assertIn(self.url_open(page).status_code, (403, 404))
        csrf = re.search(r'csrf_token: "([^"]+)"', self.url_open("/shop").text).group(1)
        self.url_open("/shop/cart/update", data={"product_id": self.reserved.id, "add_qty": 1, "csrf_token": csrf})
        self.assertFalse(self.env["sale.order.line"].search([("product_id", "=", self.reserved.id)]))

        self.authenticate(None, None)
        self.assertFalse(self.listed())
        self.assertIn(self.url_open(page).status_code, (403, 404))
