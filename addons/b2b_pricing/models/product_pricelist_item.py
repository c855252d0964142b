# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    # Indexed: the rules of a batch of products are searched by product and
    # by template (see RuleIndex), among those of every B2B pricelist.
    product_tmpl_id = fields.Many2one(index=True)
    product_id = fields.Many2one(index=True)
    b2b_promotion = fields.Boolean(
        "Promotion",
        help="Shown to buyers as a promotion: the catalog price struck through and the end date.",
    )
