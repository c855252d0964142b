# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_prices_for_approved_only = fields.Boolean(related="website_id.b2b_prices_for_approved_only", readonly=False)
