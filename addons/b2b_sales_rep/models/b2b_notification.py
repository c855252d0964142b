# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

EVENT = "order_placed_by_rep"


class B2bNotification(models.AbstractModel):
    _inherit = "b2b.notification"

    @api.model
    def _events(self):
        return [*super()._events(), (EVENT, self.env._("Order placed for you by your sales rep"))]

    @api.model
    def _b2b_text(self, event, order):
        if event != EVENT:
            return super()._b2b_text(event, order)
        return order.env._(
            "%(rep)s placed the order %(name)s for you (%(amount)s).",
            rep=order.b2b_placed_by_id.name,
            name=order.name,
            amount=order.currency_id.format(order.amount_total),
        )
