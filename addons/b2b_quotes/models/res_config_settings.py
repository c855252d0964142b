# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_quote_min_amount = fields.Float(
        string="Minimum quote amount",
        config_parameter="b2b_quotes.min_amount",
        help="Untaxed cart amount from which a buyer may request a quote.",
    )
    b2b_quote_approval_discount = fields.Float(
        string="Discount needing approval (%)",
        config_parameter="b2b_quotes.approval_discount",
        default=15.0,
        help="An offer with a line discounted more than this against the customer's own prices needs a sales "
        "manager's approval before it is sent. 0: never.",
    )
    b2b_quote_expiry_notice_days = fields.Integer(
        string="Warn before expiry (days)",
        config_parameter="b2b_quotes.expiry_notice_days",
        default=3,
        help="The buyer is told this many days before an offer expires.",
    )
    b2b_quote_require_signature = fields.Boolean(
        string="Offers are signed",
        config_parameter="b2b_quotes.require_signature",
        help="Buyers accept an offer by signing it online; otherwise one click accepts it.",
    )
