# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _is_add_to_cart_allowed(self):
        # website_sale asks with the cart's sudo environment, which the record
        # rules on reserved products do not narrow.
        return super()._is_add_to_cart_allowed() and not self.product_tmpl_id._b2b_reserved_for_others()
