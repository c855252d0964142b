# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.b2b_portal.models.b2b_notification import order_buyer


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_assign(self, force_qty=False):
        result = super()._action_assign(force_qty=force_qty)
        # Incoming goods were reserved for pre-orders: tell their buyers once.
        lines = self.filtered(lambda move: move.state == "assigned").sale_line_id.filtered(
            lambda line: line.b2b_preorder_date and not line.b2b_preorder_notified
        )
        if lines:
            lines.b2b_preorder_notified = True
            self.env["b2b.notification"]._notify("preorder_available", lines.order_id, order_buyer)
        return result
