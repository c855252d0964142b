# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    b2b_promotion = fields.Boolean(
        "Promotion",
        help="Shown to buyers as a promotion: the catalog price struck through and the end date.",
    )
