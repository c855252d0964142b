# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bQuoteRound(models.Model):
    """One step of a quote's negotiation, as it was: the buyer's request
    and each offer keep their lines; revisions, acceptance, declines and
    expiry keep their message. Never edited afterwards."""

    _name = "b2b.quote.round"
    _description = "B2B quote negotiation round"
    _order = "order_id, id"

    order_id = fields.Many2one("sale.order", required=True, readonly=True, index=True, ondelete="cascade")
    kind = fields.Selection(
        [
            ("request", "Request"),
            ("offer", "Offer"),
            ("revision", "Revision asked"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("expired", "Expired"),
        ],
        required=True,
        readonly=True,
    )
    message = fields.Text(readonly=True)
    author_id = fields.Many2one("res.partner", string="By", readonly=True)
    validity_date = fields.Date(string="Valid until", readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_untaxed = fields.Monetary(string="Untaxed amount", readonly=True)
    line_ids = fields.One2many("b2b.quote.round.line", "round_id", string="Lines", readonly=True)


class B2bQuoteRoundLine(models.Model):
    _name = "b2b.quote.round.line"
    _description = "B2B quote negotiation round line"
    _order = "round_id, id"

    round_id = fields.Many2one("b2b.quote.round", required=True, readonly=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", readonly=True)
    name = fields.Text(string="Description", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit price", readonly=True, digits="Product Price")
    discount = fields.Float(string="Discount (%)", readonly=True, digits="Discount")
    target_price = fields.Float(readonly=True, digits="Product Price")
    currency_id = fields.Many2one(related="round_id.currency_id")
    price_subtotal = fields.Monetary(string="Subtotal", readonly=True)
