# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .b2b_notification import order_buyer


class StockPicking(models.Model):
    _inherit = "stock.picking"

    b2b_delivered_date = fields.Datetime(
        string="Delivered on",
        copy=False,
        tracking=True,
        help="When the customer received the goods, as the carrier reports it. "
        "Buyers see their order as delivered once every shipment has this date.",
    )

    def _action_done(self):
        result = super()._action_done()
        shipped = self.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing" and p.sale_id)
        self.env["b2b.notification"]._notify("order_shipped", shipped.sale_id, order_buyer)
        return result

    def write(self, vals):
        result = super().write(vals)
        if vals.get("b2b_delivered_date"):
            # The order is delivered when its last shipment is.
            orders = self.sale_id.filtered(
                lambda order: all(order.picking_ids.filtered(lambda p: p.state == "done").mapped("b2b_delivered_date"))
            )
            self.env["b2b.notification"]._notify("order_delivered", orders, order_buyer)
        return result

    def action_b2b_mark_delivered(self):
        if self.filtered(lambda picking: picking.state != "done" or picking.picking_type_code != "outgoing"):
            raise UserError(self.env._("Only shipped deliveries can be marked as delivered."))
        self.filtered(lambda picking: not picking.b2b_delivered_date).b2b_delivered_date = fields.Datetime.now()

    def _b2b_portal_domain(self):
        """Deliveries buyers follow: outgoing, not cancelled. Record rules
        decide whose."""
        return [("picking_type_code", "=", "outgoing"), ("state", "!=", "cancel")]
