# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class B2bOrderPaste(models.TransientModel):
    """Quick order in the backend: the rep pastes ``SKU quantity`` lines
    into a customer's quotation, checked and priced as on the portal."""

    _name = "b2b.order.paste"
    _description = "Paste order lines"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    text = fields.Text("Lines", help="One line per product: SKU or barcode, then the quantity.")
    errors = fields.Text(readonly=True)

    def action_add(self):
        self.ensure_one()
        if self.order_id.state not in ("draft", "sent"):
            raise UserError(self.env._("Lines are added to quotations only."))
        quick_order = self.env["b2b.quick.order"]
        rows = [dict(row, row=number) for number, row in enumerate(quick_order._parse_text(self.text or ""), 1)]
        if not rows:
            raise UserError(self.env._("Paste at least one line: a SKU and a quantity."))
        lines = quick_order._add_to_cart(rows, self.order_id)
        wrong = [line for line in lines if not line.get("added")]
        if not wrong:
            return {"type": "ir.actions.act_window_close"}
        # What could not be added stays, with the reason per line.
        self.write(
            {
                "text": "\n".join(f"{line['sku']}\t{line['quantity']}" for line in wrong),
                "errors": "\n".join(
                    self.env._(
                        "Line %(row)s (%(sku)s): %(errors)s",
                        row=", ".join(str(row) for row in line["rows"]),
                        sku=line["sku"] or "-",
                        errors=" ".join(line["errors"]),
                    )
                    for line in wrong
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
