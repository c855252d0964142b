# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.b2b_portal.models.b2b_notification import order_buyer


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_placed_by_id = fields.Many2one(
        "res.users",
        "Placed on behalf by",
        copy=False,
        readonly=True,
        help="The sales rep who ordered for the customer, from the backend or acting for a buyer on the portal.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        rep_id = self.env.context.get("b2b_acting_rep_id")
        if rep_id:
            orders.b2b_placed_by_id = rep_id
        elif not self.env.su and self.env.user.has_group("b2b_sales_rep.group_b2b_rep"):
            # A rep's order for a B2B customer, outside the website.
            orders.filtered(
                lambda order: not order.website_id and order.partner_id.commercial_partner_id.b2b_approved
            ).b2b_placed_by_id = self.env.user
        return orders

    def action_confirm(self):
        rep_id = self.env.context.get("b2b_acting_rep_id")
        if rep_id:
            # A rep acting for the buyer checks out a cart the buyer had started.
            self.filtered(lambda order: not order.b2b_placed_by_id).sudo().b2b_placed_by_id = rep_id
        result = super().action_confirm()
        on_behalf = self.filtered("b2b_placed_by_id")
        for order in on_behalf:
            self.env["b2b.audit.log"]._b2b_log(
                "order_on_behalf",
                order,
                self.env._(
                    "%(order)s (%(amount)s) placed by %(rep)s for %(buyer)s",
                    order=order.name,
                    amount=order.currency_id.format(order.amount_total),
                    rep=order.b2b_placed_by_id.name,
                    buyer=order.partner_id.name,
                ),
                user=order.b2b_placed_by_id,
                acting_for=order.partner_id.user_ids[:1] if self.env.context.get("b2b_acting_rep_id") else None,
            )
        self.env["b2b.notification"]._notify("order_placed_by_rep", on_behalf, order_buyer)
        return result

    def action_b2b_send_offer(self):
        discounts = {order: order.order_line._b2b_discounts_vs_pricing() for order in self}
        result = super().action_b2b_send_offer()
        for order, lines in discounts.items():
            changed = {line: discount for line, discount in lines.items() if discount > 0.05}
            if changed:
                self.env["b2b.audit.log"]._b2b_log(
                    "offer_prices_changed",
                    order,
                    "\n".join(
                        f"{line.product_id.display_name}: {line.price_unit} (-{line.discount:g} %), {discount:.1f} %"
                        for line, discount in changed.items()
                    ),
                )
        return result

    def action_b2b_paste_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "b2b.order.paste",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
