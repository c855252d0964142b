# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    b2b_target_price = fields.Monetary(
        string="Target price",
        copy=False,
        readonly=True,
        help="The unit price the buyer hoped for when requesting the quote: information for the rep, never a price.",
    )
    b2b_requested_qty = fields.Float(
        string="Requested quantity", copy=False, readonly=True, digits="Product Unit of Measure"
    )
    b2b_preorder_date = fields.Date(
        string="Pre-order, expected",
        compute="_compute_b2b_preorder_date",
        store=True,
        readonly=False,
        copy=False,
        help="Set on lines of pre-orderable products: when the goods are expected.",
    )
    b2b_preorder_notified = fields.Boolean(copy=False, readonly=True)

    @api.depends("product_id")
    def _compute_b2b_preorder_date(self):
        for line in self:
            template = line.product_id.product_tmpl_id
            line.b2b_preorder_date = template.b2b_preorder and template.b2b_preorder_date

    def _b2b_discounts_vs_pricing(self):
        """``{line: discount %}`` of each priced line against the customer's
        own price for that quantity (its pricelist: tier, agreement,
        promotions), one price batch per pricelist."""
        discounts = {}
        lines = self.filtered(lambda line: line.product_id and not line.display_type and not line.is_delivery)
        for pricelist in lines.order_id.pricelist_id:
            priced = lines.filtered(lambda line, pricelist=pricelist: line.order_id.pricelist_id == pricelist)
            quantities = {}
            for line in priced:
                quantities.setdefault(line.product_id.id, []).append(line.product_uom_qty or 1.0)
            table = pricelist._b2b_price_table(priced.product_id, quantities=quantities)
            for line in priced:
                reference = table[line.product_id.id]["prices"][line.product_uom_qty or 1.0]
                net = line.price_unit * (1 - (line.discount or 0.0) / 100)
                discounts[line] = max(0.0, (1 - net / reference) * 100) if reference else 0.0
        return discounts

    def _b2b_round_line_values(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": self.product_uom_qty,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "target_price": self.b2b_target_price,
            "price_subtotal": self.price_subtotal,
        }

    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id)
        if self.b2b_preorder_date:
            # Every pre-order of a product is planned on its expected date
            # (stock reserves moves by date, then creation): incoming goods
            # go to the pre-orders in the order they were confirmed, whatever
            # delivery date each buyer wished (kept as the deadline).
            expected = datetime.combine(self.b2b_preorder_date, time(12))
            values["date_planned"] = expected
            values["date_deadline"] = max(values["date_deadline"], expected)
        return values
