# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.b2b_portal.controllers.quick_order import B2bQuickOrderController


class B2bQuoteQuickOrderController(B2bQuickOrderController):
    def _b2b_next_url(self, form):
        # "Add and request a quote": the rows go to the cart, then the request form.
        return "/shop/quote/request" if form.get("add_to_cart") == "quote" else super()._b2b_next_url(form)
