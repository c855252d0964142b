# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import float_compare


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _b2b_backorder(self):
        """``(quantity still to ship, expected date)`` of this line, or
        ``(0, False)`` when everything left."""
        self.ensure_one()
        remaining = self.product_uom_qty - self.qty_delivered
        if (
            float_compare(remaining, 0, precision_rounding=self.product_uom.rounding) <= 0
            or self.product_id.type != "consu"
        ):
            return 0, False
        moves = self.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
        return remaining, min(moves.mapped("date"), default=False)
