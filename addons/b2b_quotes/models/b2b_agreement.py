# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bAgreement(models.Model):
    _inherit = "b2b.agreement"

    quote_validity_days = fields.Integer(
        string="Offers valid for (days)",
        tracking=True,
        help="How long the offers sent to this customer stay valid; empty: the company's quotation validity.",
    )

    _sql_constraints = [
        ("quote_validity_days_check", "CHECK(quote_validity_days >= 0)", "A validity cannot be negative."),
    ]
