# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .b2b_notification import order_buyer

NUDGE_WITHIN = 0.5
PO_REFERENCE_SIZE = 64


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_credit_review = fields.Boolean(
        string="Waiting for credit review",
        copy=False,
        readonly=True,
        tracking=True,
        help="Placed by the buyer beyond the company's credit limit: the rep reviews it and confirms it or not.",
    )

    @api.depends("partner_id")
    def _compute_partner_invoice_id(self):
        result = super()._compute_partner_invoice_id()
        for order in self:
            company = order.partner_id.commercial_partner_id
            if company.b2b_approved and company != order.partner_id:
                # A B2B account is invoiced as a company: its accounting finds
                # all its invoices together, whoever of its buyers ordered.
                order.partner_invoice_id = company.address_get(["invoice"])["invoice"]
        return result

    def action_confirm(self):
        result = super().action_confirm()
        self.env["b2b.notification"]._notify("order_confirmed", self, order_buyer)
        return result

    def action_quotation_sent(self):
        result = super().action_quotation_sent()
        # A buyer's order leaves the cart without being confirmed yet (payment
        # pending, credit review): tell the buyer it was received.
        self.env["b2b.notification"]._notify("order_received", self.filtered("website_id"), order_buyer)
        return result

    def _b2b_check_can_buy(self):
        website = self.website_id
        if website and not website._b2b_user_can_buy():
            raise AccessError(website._b2b_buying_restricted_message())

    def _cart_update(self, product_id, line_id=None, add_qty=0, set_qty=0, **kwargs):
        # Every website route that adds, changes or removes a cart line ends here.
        self._b2b_check_can_buy()
        return super()._cart_update(product_id, line_id=line_id, add_qty=add_qty, set_qty=set_qty, **kwargs)

    def _cart_update_pricelist(self, pricelist_id=None):
        self._b2b_check_can_buy()
        assigned = self.website_id and self.website_id._b2b_assigned_pricelist()
        if assigned and pricelist_id and pricelist_id != assigned.id:
            raise AccessError(self.env._("Your prices are those of your company's account: they cannot be switched."))
        return super()._cart_update_pricelist(pricelist_id=pricelist_id)

    def _b2b_cart_nudges(self):
        """``{line id: (quantity to add, unit price then)}`` for the lines
        whose next quantity break is close, computed with the cart's
        pricelist in one batch."""
        self.ensure_one()
        lines = self.website_order_line.filtered(lambda line: line.product_id and not line._is_not_sellable_line())
        if not lines or not self.pricelist_id:
            return {}
        table = self.pricelist_id._b2b_price_table(lines.product_id, currency=self.currency_id)
        nudges = {}
        for line in lines:
            quantity = line.product_uom_qty
            next_break = next((b for b in table[line.product_id.id]["breaks"] if b[0] > quantity), None)
            # "Close" is within half of the break's quantity: 6 of 10, 30 of 50.
            if next_break and next_break[0] - quantity <= next_break[0] * NUDGE_WITHIN:
                template = line.product_id.product_tmpl_id
                price = template._b2b_displayed_price(line.product_id, next_break[1], self.website_id)
                nudges[line.id] = (next_break[0] - quantity, price)
        return nudges

    def _is_cart_ready(self):
        # Also blocks payment: _check_cart_is_ready_to_be_paid relies on it.
        website = self.website_id
        return (
            super()._is_cart_ready()
            and (not website or website._b2b_user_can_buy())
            and not self._b2b_minimum_order_gap()
            and not self._b2b_exceeds_credit()
        )

    # ------------------------------------------------------------ CREDIT
    def _b2b_credit_headroom(self):
        """Credit left to the customer's company, None without a limit."""
        self.ensure_one()
        # sudo: buyers may not read all their company's receivables; only the
        # resulting figure of their own company is used.
        company = self.partner_id.commercial_partner_id.sudo()
        if company._b2b_credit_limit() is None:
            return None  # every checkout step asks: skip the statement when no limit applies
        return company._b2b_statement()["headroom"]

    def _b2b_exceeds_credit(self):
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            return False
        headroom = self._b2b_credit_headroom()
        return headroom is not None and self.currency_id.compare_amounts(self.amount_total, headroom) > 0

    def _b2b_submit_for_credit_review(self):
        """Hand an order beyond the credit limit to the account's rep, who
        confirms it or not: it is neither lost nor silently accepted."""
        self.ensure_one()
        if self.state != "draft" or not self._b2b_exceeds_credit():
            raise UserError(self.env._("This order does not need a credit review."))
        # A quotation, no longer a cart: the buyer finds it under their
        # quotations (without the accept button) and starts a new cart.
        self.action_quotation_sent()
        self._b2b_ask_credit_review()

    def _b2b_ask_credit_review(self):
        """Flag the order for a credit review and give the review to the
        account's rep as an activity."""
        self.ensure_one()
        headroom = self._b2b_credit_headroom()
        self.b2b_credit_review = True
        rep = self.user_id or self.partner_id.commercial_partner_id.user_id
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=rep.id or self.env.uid,
            summary=self.env._("Credit review of %(order)s", order=self.name),
            note=self.env._(
                "Order of %(amount)s; credit available to %(customer)s: %(headroom)s.",
                amount=self.currency_id.format(self.amount_total),
                customer=self.partner_id.commercial_partner_id.name,
                headroom=self.currency_id.format(headroom or 0.0),
            ),
        )

    def _has_to_be_signed(self):
        return not self.b2b_credit_review and super()._has_to_be_signed()

    def _has_to_be_paid(self):
        return not self.b2b_credit_review and super()._has_to_be_paid()

    def _b2b_goods_amount(self):
        """Untaxed amount of the goods: what agreement thresholds compare with."""
        return sum(self.order_line.filtered(lambda line: not line.is_delivery).mapped("price_subtotal"))

    def _b2b_agreement(self):
        # sudo: a buyer may not read agreements; only its own company's
        # minimum and free-shipping amounts are used.
        company = self.partner_id.commercial_partner_id.sudo()
        return company._b2b_agreements_in_force().get(company, self.env["b2b.agreement"])

    def _b2b_minimum_order_gap(self):
        """What the order misses to reach its agreement's minimum, or 0."""
        self.ensure_one()
        minimum = self._b2b_agreement().min_order_amount
        return max(minimum - self._b2b_goods_amount(), 0.0) if minimum else 0.0

    def _b2b_set_po_reference(self, reference):
        """The buyer's purchase order reference, printed on the order, its
        delivery slips and invoices."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(self.env._("The reference of a confirmed order cannot be changed here."))
        reference = " ".join((reference or "").split())
        if len(reference) > PO_REFERENCE_SIZE:
            raise UserError(self.env._("A PO reference has at most %(size)s characters.", size=PO_REFERENCE_SIZE))
        self.client_order_ref = reference or False

    def _b2b_price_date(self):
        """When this order's lines are priced: now for a website cart, as
        website_sale prices cart lines, else the order date."""
        self.ensure_one()
        return fields.Datetime.now() if self.website_id and self.state == "draft" else self.date_order

    def _b2b_reorder_rows(self):
        """This order's goods as quick order rows: reordering goes through the
        same checks, at today's prices."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_delivery
        )
        return [
            {
                "row": number,
                "sku": line.product_id.default_code or line.product_id.barcode or "",
                "quantity": f"{line.product_uom_qty:g}",
            }
            for number, line in enumerate(lines, start=1)
        ]

    # ------------------------------------------------------------ FOLLOW-UP
    def _b2b_timeline(self):
        """The steps of a confirmed order as its buyer follows it:
        ``[(key, label, reached)]``. "Partially shipped" only appears when the
        goods left in several shipments."""
        self.ensure_one()
        deliveries = self.picking_ids.filtered(
            lambda picking: picking.picking_type_code == "outgoing" and picking.state != "cancel"
        )
        shipped = deliveries.filtered(lambda picking: picking.state == "done")
        all_shipped = bool(deliveries) and shipped == deliveries
        invoices = self.invoice_ids.filtered(lambda move: move.state == "posted" and move.move_type == "out_invoice")
        invoiced = self.invoice_status == "invoiced" and bool(invoices)
        preparing = shipped or deliveries.filtered(
            lambda picking: picking.state == "assigned" or any(picking.move_ids.mapped("picked"))
        )
        steps = [
            ("received", self.env._("Received"), True),
            ("confirmed", self.env._("Confirmed"), self.state == "sale"),
            ("preparing", self.env._("In preparation"), bool(preparing)),
        ]
        if shipped and (not all_shipped or len(deliveries) > 1):
            steps.append(("partially_shipped", self.env._("Partially shipped"), True))
        steps += [
            ("shipped", self.env._("Shipped"), all_shipped),
            ("delivered", self.env._("Delivered"), all_shipped and all(shipped.mapped("b2b_delivered_date"))),
            ("invoiced", self.env._("Invoiced"), invoiced),
            ("paid", self.env._("Paid"), invoiced and all(m.payment_state in ("paid", "in_payment") for m in invoices)),
        ]
        return steps

    def _b2b_status_label(self):
        """The last step reached, for order lists."""
        reached = [label for _key, label, done in self._b2b_timeline() if done]
        return reached[-1]
