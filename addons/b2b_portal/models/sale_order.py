# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_check_can_buy(self):
        website = self.website_id
        if website and not website._b2b_user_can_buy():
            raise AccessError(website._b2b_buying_restricted_message())

    def _cart_update(self, product_id, line_id=None, add_qty=0, set_qty=0, **kwargs):
        # Every website route that adds, changes or removes a cart line ends here.
        self._b2b_check_can_buy()
        return super()._cart_update(product_id, line_id=line_id, add_qty=add_qty, set_qty=set_qty, **kwargs)

    def _cart_update_pricelist(self, pricelist_id=None):
        self._b2b_check_can_buy()
        return super()._cart_update_pricelist(pricelist_id=pricelist_id)

    def _is_cart_ready(self):
        # Also blocks payment: _check_cart_is_ready_to_be_paid relies on it.
        website = self.website_id
        return super()._is_cart_ready() and (not website or website._b2b_user_can_buy())
