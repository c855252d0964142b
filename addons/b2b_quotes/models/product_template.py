# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models

from odoo.addons.b2b_portal.models.b2b_notification import order_buyer


class ProductTemplate(models.Model):
    _inherit = "product.template"

    b2b_preorder = fields.Boolean(
        string="Pre-orderable",
        tracking=True,
        help="Buyers may order it, or put it in a quote, before it is in stock.",
    )
    b2b_preorder_date = fields.Date(
        string="Expected availability",
        tracking=True,
        help="When the goods are expected; shown to buyers and carried by their pre-order lines.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("b2b_preorder"):
                vals["allow_out_of_stock_order"] = True  # a pre-order is an order without stock
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("b2b_preorder"):
            vals["allow_out_of_stock_order"] = True
        result = super().write(vals)
        if "b2b_preorder_date" in vals:
            self._b2b_move_preorder_dates()
        return result

    def _b2b_move_preorder_dates(self):
        """The expected date changed: open pre-order lines follow it, their
        deliveries too, and their buyers are told."""
        lines = self.env["sale.order.line"].search(
            [
                ("product_id.product_tmpl_id", "in", self.filtered("b2b_preorder").ids),
                ("b2b_preorder_date", "!=", False),
                ("state", "in", ("draft", "sent", "sale")),
                ("b2b_preorder_notified", "=", False),
            ]
        )
        lines = lines.filtered(lambda line: line.b2b_preorder_date != line.product_id.b2b_preorder_date)
        for template in lines.product_id.product_tmpl_id:
            moved = lines.filtered(lambda line, template=template: line.product_id.product_tmpl_id == template)
            moved.b2b_preorder_date = template.b2b_preorder_date
            moves = moved.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
            if moves and template.b2b_preorder_date:
                moves.write({"date": datetime.combine(template.b2b_preorder_date, time(12))})
        confirmed = lines.order_id.filtered(lambda order: order.state == "sale")
        self.env["b2b.notification"]._notify("preorder_date_changed", confirmed, order_buyer)
