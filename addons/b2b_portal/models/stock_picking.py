# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    b2b_delivered_date = fields.Datetime(
        string="Delivered on",
        copy=False,
        tracking=True,
        help="When the customer received the goods, as the carrier reports it. "
        "Buyers see their order as delivered once every shipment has this date.",
    )

    def action_b2b_mark_delivered(self):
        if self.filtered(lambda picking: picking.state != "done" or picking.picking_type_code != "outgoing"):
            raise UserError(self.env._("Only shipped deliveries can be marked as delivered."))
        self.filtered(lambda picking: not picking.b2b_delivered_date).b2b_delivered_date = fields.Datetime.now()

    def _b2b_portal_domain(self):
        """Deliveries buyers follow: outgoing, not cancelled. Record rules
        decide whose."""
        return [("picking_type_code", "=", "outgoing"), ("state", "!=", "cancel")]
