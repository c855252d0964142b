# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

LINE_KINDS = ("line_quantity", "line_cancel")


class B2bModificationRequest(models.Model):
    _name = "b2b.modification.request"
    _description = "B2B order modification request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one("sale.order", required=True, readonly=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Requested by", required=True, readonly=True, help="The buyer who asked."
    )
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    kind = fields.Selection(
        [
            ("line_quantity", "Change a line's quantity"),
            ("line_cancel", "Cancel a line"),
            ("delivery_date", "Change the delivery date"),
            ("delivery_address", "Change the delivery address"),
            ("order_cancel", "Cancel the order"),
        ],
        string="Request",
        required=True,
        readonly=True,
    )
    line_id = fields.Many2one("sale.order.line", readonly=True)
    new_quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    new_date = fields.Date(string="New delivery date", readonly=True)
    new_address_id = fields.Many2one("res.partner", string="New delivery address", readonly=True)
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(
        [("submitted", "Submitted"), ("approved", "Approved"), ("applied", "Applied"), ("refused", "Refused")],
        default="submitted",
        required=True,
        readonly=True,
        tracking=True,
    )
    decision_note = fields.Text(
        tracking=True, help="Why it was refused, or why an approved change could not be applied in Odoo."
    )

    @api.depends("order_id.name", "kind")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            request.name = f"{request.order_id.name}: {labels.get(request.kind, '')}"

    # ------------------------------------------------------------ RULES
    def _concerned_moves(self):
        """Stock moves the change touches: the line's, or the whole order's."""
        self.ensure_one()
        moves = self.line_id.move_ids if self.kind in LINE_KINDS else self.order_id.order_line.move_ids
        return moves.filtered(lambda move: move.state != "cancel")

    def _blocking_reason(self):
        """Why this change cannot be made any more, or False: goods already
        picked or shipped, or an order no longer open."""
        self.ensure_one()
        if self.order_id.state != "sale":
            return self.env._("The order is no longer open.")
        if self.kind in LINE_KINDS and self.line_id.order_id != self.order_id:
            return self.env._("This line is not part of the order.")
        moves = self._concerned_moves()
        if moves.filtered(lambda move: move.state == "done"):
            return self.env._("Goods concerned have already been shipped.")
        if moves.filtered("picked"):
            return self.env._("Goods concerned are already being picked.")
        return False

    def _check_values(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give a reason for your request."))
        if self.kind in LINE_KINDS and not self.line_id:
            raise UserError(self.env._("Choose the line to change."))
        if self.kind == "line_quantity" and self.new_quantity <= 0:
            raise UserError(self.env._("The new quantity must be a positive number; to remove the line, cancel it."))
        if self.kind == "delivery_date" and (not self.new_date or self.new_date < fields.Date.context_today(self)):
            raise UserError(self.env._("Choose a delivery date from today on."))
        company = self.order_id.partner_id.commercial_partner_id
        if self.kind == "delivery_address" and (
            not self.new_address_id or self.new_address_id.commercial_partner_id != company
        ):
            raise UserError(self.env._("Choose one of your company's addresses."))
        blocking = self._blocking_reason()
        if blocking:
            raise UserError(blocking)

    # ------------------------------------------------------------ BUYER
    @api.model
    def _b2b_submit(self, order, values):
        """A buyer's request on ``order``, which they must be allowed to read;
        checked against the pickings now, and again when decided."""
        order.check_access("read")  # the record rules decide whose orders these are
        user = self.env.user
        if not user._is_internal() and not user._b2b_can_buy():
            raise AccessError(self.env._("Only buyers of an approved account can request changes."))
        allowed = {"kind", "line_id", "new_quantity", "new_date", "new_address_id", "reason"}
        # sudo: buyers cannot create requests directly; every value was
        # filtered above and is checked by _check_values before anything stays.
        with self.env.cr.savepoint():  # a refused request leaves nothing behind
            request = self.sudo().create(
                {
                    **{key: value for key, value in values.items() if key in allowed},
                    "order_id": order.id,
                    "partner_id": user.partner_id.id,
                }
            )
            request._check_values()
        request.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(order.user_id or order.partner_id.commercial_partner_id.user_id).id
            or self.env.ref("base.user_admin").id,
            summary=request.name,
            note=request.reason,
        )
        return request

    # ------------------------------------------------------------ REP
    def _check_reviewer(self):
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only sales users decide on modification requests."))
        if self.filtered(lambda request: request.state != "submitted"):
            raise UserError(self.env._("This request has already been decided."))

    def action_approve(self):
        """Approve and apply: what Odoo cannot apply stays approved, with the
        reason, for the rep to handle by hand."""
        self._check_reviewer()
        for request in self:
            blocking = request._blocking_reason()
            if blocking:
                request.write({"state": "refused", "decision_note": blocking})
            else:
                request.state = "approved"
                try:
                    with self.env.cr.savepoint():
                        request._apply()
                    request.state = "applied"
                except UserError as error:
                    request.decision_note = self.env._("Not applied automatically: %(reason)s", reason=str(error))
            request._b2b_close_activities()
            request.with_delay(description=request.name)._b2b_notify_decision()
        return True

    def action_refuse(self):
        self._check_reviewer()
        if any(not (request.decision_note or "").strip() for request in self):
            raise UserError(self.env._("Write why the request is refused: the buyer reads it."))
        self.state = "refused"
        for request in self:
            request._b2b_close_activities()
            request.with_delay(description=request.name)._b2b_notify_decision()
        return True

    def _apply(self):
        self.ensure_one()
        order = self.order_id
        if self.kind == "line_quantity":
            self.line_id.product_uom_qty = self.new_quantity
        elif self.kind == "line_cancel":
            self.line_id.product_uom_qty = 0
        elif self.kind == "delivery_date":
            order.commitment_date = fields.Datetime.to_datetime(self.new_date)
            order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ).scheduled_date = order.commitment_date
        elif self.kind == "delivery_address":
            order.with_context(update_delivery_shipping_partner=True).partner_shipping_id = self.new_address_id
        elif self.kind == "order_cancel":
            order._action_cancel()

    def _b2b_close_activities(self):
        self.activity_ids.action_feedback(
            feedback=dict(self._fields["state"]._description_selection(self.env))[self.state]
        )

    def _b2b_notify_decision(self):
        """Tell the buyer on their order (portal message and email)."""
        self.ensure_one()
        if not self.partner_id._b2b_wants("modification_decided"):
            return
        self = self.with_context(lang=self.partner_id.lang)  # noqa: PLW0642 (the buyer's language)
        state = dict(self._fields["state"]._description_selection(self.env))[self.state]
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        body = self.env._(
            'Your request "%(order)s: %(kind)s" is %(state)s.', order=self.order_id.name, kind=kind, state=state.lower()
        )
        if self.decision_note:
            body += " " + self.decision_note
        self.order_id.message_post(body=body, partner_ids=self.partner_id.ids, subtype_xmlid="mail.mt_comment")
