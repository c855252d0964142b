# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from odoo.addons.b2b_portal.tests.common import B2bDemoWorldMixin


class QuoteMixin(B2bDemoWorldMixin):
    @classmethod
    def setUpQuotes(cls):
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        cls.products = cls.env["product.product"].search(
            [("is_published", "=", True), ("is_storable", "=", True), ("b2b_preorder", "=", False)], limit=2
        )
        stock = cls.env.ref("stock.warehouse0").lot_stock_id
        for product in cls.products:
            cls.env["stock.quant"]._update_available_quantity(product, stock, 500)
        cls.env["ir.config_parameter"].sudo().set_param("b2b_quotes.min_amount", 0)
        cls.env["ir.config_parameter"].sudo().set_param("b2b_quotes.approval_discount", 15)
        # No credit limit in the way unless a test sets one.
        cls.company_dupont.credit_limit = 0
        cls.company_mueller.credit_limit = 0

    @classmethod
    def cart(cls, buyer, quantity=10):
        """A website cart of ``buyer``, as website_sale hands it over (sudo,
        acting user the buyer)."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": buyer.partner_id.id,
                "website_id": cls.website.id,
                "order_line": [Command.create({"product_id": p.id, "product_uom_qty": quantity}) for p in cls.products],
            }
        )
        return order.with_user(buyer).sudo()

    @classmethod
    def requested(cls, buyer, **kwargs):
        cart = cls.cart(buyer)
        cart._b2b_request_quote(kwargs.get("message", "Best price for the season?"), kwargs.get("targets"))
        return cart.sudo(False).with_user(cls.env.user)

    @classmethod
    def offered(cls, buyer, **kwargs):
        quote = cls.requested(buyer, **kwargs)
        rep = buyer.partner_id.commercial_partner_id.user_id or cls.rep_julie
        quote.with_user(rep).action_b2b_send_offer()
        return quote
