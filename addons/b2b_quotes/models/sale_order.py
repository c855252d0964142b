# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A quote request is a sale quotation with a negotiation state.

The buyer turns a cart into a request; the account's rep prices it (the
customer's pricing first, then the rep's changes) and sends an offer; the
buyer accepts it, declines it or asks for a revision. Every request and
offer is kept as a round (``b2b.quote.round``) that both sides can read.
"""

import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, float_compare, str2bool

from odoo.addons.b2b_portal.models.b2b_notification import order_buyer

QUOTE_STATES = [
    ("requested", "Requested"),
    ("under_review", "Under review"),
    ("offer_sent", "Offer sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
# States in which the buyer waits for the rep, and the rep may send an offer.
TO_ANSWER = ("requested", "under_review")
MESSAGE_SIZE = 2000


def _param(env, key, default):
    # sudo: settings are read by portal requests too; only this value is used.
    return float(env["ir.config_parameter"].sudo().get_param(f"b2b_quotes.{key}", default) or 0.0)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_quote_state = fields.Selection(
        QUOTE_STATES,
        string="Quote negotiation",
        copy=False,
        readonly=True,
        index="btree_not_null",
        tracking=True,
        help="Set on quotations a buyer requested from the portal: where the negotiation stands.",
    )
    b2b_quote_message = fields.Text(
        string="Buyer's message", copy=False, readonly=True, help="What the buyer wrote with the request."
    )
    b2b_requested_date = fields.Date(
        string="Requested delivery", copy=False, readonly=True, help="The delivery date the buyer asked for."
    )
    b2b_decline_reason = fields.Text(string="Why the buyer declined", copy=False, readonly=True)
    b2b_round_ids = fields.One2many("b2b.quote.round", "order_id", string="Negotiation rounds", readonly=True)
    b2b_max_discount = fields.Float(
        string="Largest discount",
        compute="_compute_b2b_approval",
        digits=(16, 1),
        help="Largest discount of a line against the customer's own price (pricelist, agreement, promotions), in %.",
    )
    b2b_needs_approval = fields.Boolean(
        string="Needs a manager's approval",
        compute="_compute_b2b_approval",
        help="A line's discount is above the threshold of the settings and these prices were not approved.",
    )
    b2b_approval_key = fields.Char(copy=False, readonly=True, help="Fingerprint of the prices a manager approved.")
    b2b_approved_by_id = fields.Many2one("res.users", string="Prices approved by", copy=False, readonly=True)
    b2b_expiry_notified = fields.Boolean(copy=False, readonly=True)
    b2b_offer_viewed_on = fields.Datetime(
        string="Offer viewed on", copy=False, readonly=True, help="When a buyer first opened the current offer."
    )

    # ------------------------------------------------------------ APPROVAL
    @api.depends("order_line.price_unit", "order_line.discount", "order_line.product_uom_qty", "b2b_approval_key")
    def _compute_b2b_approval(self):
        threshold = _param(self.env, "approval_discount", 15.0)
        for order in self:
            discounts = order.order_line._b2b_discounts_vs_pricing()
            order.b2b_max_discount = max(discounts.values(), default=0.0)
            order.b2b_needs_approval = bool(
                order.b2b_quote_state
                and threshold
                and order.b2b_max_discount > threshold
                and order.b2b_approval_key != order._b2b_prices_key()
            )

    def _b2b_prices_key(self):
        """Fingerprint of what a manager approves: products, quantities,
        prices and discounts. Any change after approval asks again."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: not line.display_type).sorted("id")
        text = ";".join(
            f"{line.id}:{line.product_id.id}:{line.product_uom_qty}:{line.price_unit}:{line.discount}" for line in lines
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def action_b2b_request_approval(self):
        """Ask the sales managers to approve this offer's discounts."""
        self._b2b_check_rep()
        manager_group = self.env.ref("sales_team.group_sale_manager")
        # sudo: reps cannot list the users of a group; only the first
        # manager's id is used to assign the activity.
        manager = (
            self.team_id.user_id.filtered(lambda user: manager_group in user.groups_id)
            or manager_group.sudo().users[:1]
        )
        for order in self.filtered("b2b_needs_approval"):
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id or self.env.uid,
                summary=self.env._("Approve the discounts of %(order)s", order=order.name),
                note=self.env._(
                    "Largest discount: %(discount)s %% against the customer's prices.",
                    discount=round(order.b2b_max_discount, 1),
                ),
            )
        return True

    def action_b2b_approve_prices(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._("Only sales managers approve discounts."))
        for order in self:
            order.write({"b2b_approval_key": order._b2b_prices_key(), "b2b_approved_by_id": self.env.uid})
            order.message_post(
                body=self.env._("Discounts up to %(discount)s %% approved.", discount=round(order.b2b_max_discount, 1))
            )
            order.activity_ids.filtered(lambda activity: activity.user_id == self.env.user).action_feedback(
                feedback=self.env._("Approved")
            )
        return True

    # ------------------------------------------------------------ BUYER: REQUEST
    def _b2b_quote_minimum(self):
        return _param(self.env, "min_amount", 0.0)

    def _b2b_quote_unavailable_reason(self):
        """Why this cart cannot become a quote request, or False."""
        self.ensure_one()
        lines = self.website_order_line.filtered(lambda line: not line._is_not_sellable_line())
        if not lines:
            return self.env._("Your cart is empty.")
        minimum = self._b2b_quote_minimum()
        if self.currency_id.compare_amounts(self.amount_untaxed, minimum) < 0:
            return self.env._(
                "A quote can be requested from %(minimum)s (excluding taxes); your cart is at %(amount)s.",
                minimum=self.currency_id.format(minimum),
                amount=self.currency_id.format(self.amount_untaxed),
            )
        return False

    def _b2b_request_quote(self, message="", target_prices=None, requested_date=None, po_reference=""):
        """Turn the current user's cart ``self`` into a quote request.

        ``target_prices`` maps line ids to the unit price the buyer hopes for
        (kept as information for the rep, never as a price). Everything is
        checked before anything is written: a refused request leaves the cart
        as it was."""
        self.ensure_one()
        user = self.env.user
        if self.partner_id != user.partner_id or self.state != "draft" or self.b2b_quote_state:
            raise AccessError(self.env._("Only your own cart can become a quote request."))
        self._b2b_check_can_buy()
        reason = self._b2b_quote_unavailable_reason()
        if reason:
            raise UserError(reason)
        message = (message or "").strip()
        if len(message) > MESSAGE_SIZE:
            raise UserError(self.env._("Your message has at most %(size)s characters.", size=MESSAGE_SIZE))
        if requested_date and requested_date < fields.Date.context_today(self):
            raise UserError(self.env._("Choose a delivery date from today on."))
        lines = self.website_order_line
        targets = target_prices or {}
        unknown = set(targets) - set(lines.ids)
        if unknown:
            raise UserError(self.env._("A target price refers to a line that is not in your cart."))
        if any(price is not None and price < 0 for price in targets.values()):
            raise UserError(self.env._("A target price cannot be negative."))
        with self.env.cr.savepoint():
            self._b2b_set_po_reference(po_reference)
            for line in lines:
                line.write({"b2b_target_price": targets.get(line.id) or 0.0, "b2b_requested_qty": line.product_uom_qty})
            self.write(
                {
                    "b2b_quote_state": "requested",
                    # A request is not an offer: the validity is set when one is sent.
                    "validity_date": False,
                    "b2b_quote_message": message or False,
                    "b2b_requested_date": requested_date or False,
                }
            )
            self.message_subscribe(partner_ids=self.partner_id.ids)
            self._b2b_add_round("request", message)
        self._b2b_give_to_rep(self.env._("Quote request %(order)s", order=self.name), message)
        self.env["b2b.notification"]._notify("quote_received", self, order_buyer)
        return self

    # ------------------------------------------------------------ REP: OFFER
    def _b2b_check_rep(self):
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only sales users send offers."))

    def action_b2b_send_offer(self):
        """Send the priced quotation to the buyer as an offer."""
        self._b2b_check_rep()
        today = fields.Date.context_today(self)
        for order in self:
            if order.b2b_quote_state not in (*TO_ANSWER, "expired"):
                raise UserError(self.env._("%(order)s is not waiting for an offer.", order=order.name))
            if not order.order_line.filtered(lambda line: not line.display_type):
                raise UserError(self.env._("Add the products of the offer first."))
            if order.b2b_needs_approval:
                raise UserError(
                    self.env._(
                        "A discount of %(discount)s %% is above what you may give alone: ask a sales manager to "
                        "approve it first.",
                        discount=round(order.b2b_max_discount, 1),
                    )
                )
            if not order.validity_date or order.validity_date < today:
                order.validity_date = today + timedelta(days=order._b2b_offer_validity_days())
            order.write(
                {
                    "b2b_quote_state": "offer_sent",
                    "state": "sent",
                    "b2b_expiry_notified": False,
                    "b2b_offer_viewed_on": False,
                    # B2B customers pay on their terms; accepting is one click
                    # unless the settings ask for a signature.
                    "require_payment": False,
                    "require_signature": str2bool(
                        self.env["ir.config_parameter"].sudo().get_param("b2b_quotes.require_signature") or "0"
                    ),
                    "signature": False,
                }
            )
            order._b2b_add_round("offer")
            order._b2b_done_activities()
        self.env["b2b.notification"]._notify("offer_sent", self, order_buyer)
        return True

    def _b2b_offer_validity_days(self):
        """Days an offer stays valid: the customer's agreement's, else the
        company's quotation validity."""
        self.ensure_one()
        return self._b2b_agreement().quote_validity_days or self.company_id.quotation_validity_days or 30

    # ------------------------------------------------------------ BUYER: ANSWER
    def _b2b_check_buyer(self):
        """The current user may answer this offer: the record rules let them
        read it (their company's, and their own unless they see the whole
        company's documents) and they may buy."""
        self.ensure_one()
        self.with_user(self.env.user).check_access("read")
        if not self.b2b_quote_state:
            raise AccessError(self.env._("This is not a quote request."))
        if not self.env.user._b2b_can_buy():
            raise AccessError(self.env._("Only buyers of an approved account can answer offers."))

    def _b2b_lock(self):
        """Wait for any other answer to this quote, then read it again: two
        clicks (or two buyers) answer one after the other."""
        self.env.cr.execute(SQL("SELECT id FROM sale_order WHERE id IN %s FOR UPDATE", tuple(self.ids)))
        self.invalidate_recordset()

    def _b2b_accept_offer(self):
        """Accept the offer and confirm the order at exactly its prices.

        Idempotent: accepting an offer that is already accepted returns the
        same order. Beyond the company's credit limit, the order waits for
        the rep's credit review instead of being confirmed."""
        self._b2b_check_buyer()
        order = self.sudo()  # sudo: buyers cannot write orders; access checked above
        order._b2b_lock()
        if order.b2b_quote_state == "accepted":
            return order
        if order.b2b_quote_state != "offer_sent":
            raise UserError(self.env._("This quote has no offer to accept."))
        if order._b2b_offer_expired():
            raise UserError(self.env._("This offer expired: ask for a refreshed offer."))
        if order._has_to_be_signed():
            raise UserError(self.env._("This offer must be signed to be accepted."))
        order._b2b_add_round("accepted")
        if order._b2b_exceeds_credit():
            order.b2b_quote_state = "accepted"
            order._b2b_ask_credit_review()
        else:
            order.action_confirm()
        return order

    def _b2b_decline_offer(self, reason):
        self._b2b_check_buyer()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell your sales rep why you decline the offer."))
        order = self.sudo()  # sudo: buyers cannot write orders; access checked above
        order._b2b_lock()
        if order.b2b_quote_state not in ("offer_sent", "expired"):
            raise UserError(self.env._("This quote has no offer to decline."))
        order._b2b_add_round("declined", reason)
        order.write({"b2b_quote_state": "declined", "b2b_decline_reason": reason[:MESSAGE_SIZE]})
        order._action_cancel()
        order._b2b_give_to_rep(self.env._("Offer %(order)s declined", order=order.name), reason)
        self.env["b2b.notification"]._notify("offer_declined", order, order_buyer)
        return order

    def _b2b_ask_revision(self, message):
        """Ask the rep for a new offer: changes to an offer, or a refreshed
        offer once it expired."""
        self._b2b_check_buyer()
        message = (message or "").strip()
        order = self.sudo()  # sudo: buyers cannot write orders; access checked above
        order._b2b_lock()
        expired = order.b2b_quote_state == "expired" or (
            order.b2b_quote_state == "offer_sent" and order._b2b_offer_expired()
        )
        if order.b2b_quote_state not in ("offer_sent", "expired"):
            raise UserError(self.env._("Your sales rep is already working on this quote."))
        if not message and not expired:
            raise UserError(self.env._("Tell your sales rep what should change."))
        message = message or self.env._("Please send a refreshed offer.")
        if len(message) > MESSAGE_SIZE:
            raise UserError(self.env._("Your message has at most %(size)s characters.", size=MESSAGE_SIZE))
        order._b2b_add_round("revision", message)
        order.write(
            {"b2b_quote_state": "under_review", "state": "draft", "validity_date": False, "b2b_approval_key": False}
        )
        order._b2b_give_to_rep(self.env._("Revision asked on %(order)s", order=order.name), message)
        self.env["b2b.notification"]._notify("revision_requested", order, order_buyer)
        return order

    def _b2b_mark_offer_viewed(self):
        """The first time a buyer opens the offer: the rep's cockpit tells
        offers viewed and left unanswered."""
        self.ensure_one()
        if self.env.user.share and self.b2b_quote_state == "offer_sent" and not self.b2b_offer_viewed_on:
            # sudo: buyers cannot write orders; only this date is set.
            self.sudo().b2b_offer_viewed_on = fields.Datetime.now()

    def _b2b_offer_expired(self):
        self.ensure_one()
        return bool(self.validity_date and self.validity_date < fields.Date.context_today(self))

    # ------------------------------------------------------------ NATIVE FLOW
    def action_confirm(self):
        quotes = self.filtered(lambda order: order.b2b_quote_state in ("offer_sent", "accepted", *TO_ANSWER))
        if self.env.user.share and quotes.filtered(lambda order: order.b2b_quote_state != "offer_sent"):
            raise UserError(self.env._("Only an offer can be accepted."))
        if quotes and quotes == self:
            # "Offer accepted" tells the buyer the order is confirmed.
            result = super(SaleOrder, self.with_context(b2b_no_notification=True)).action_confirm()
        else:
            result = super().action_confirm()
        quotes.filtered(lambda order: order.state == "sale").b2b_quote_state = "accepted"
        self.env["b2b.notification"]._notify("offer_accepted", quotes, order_buyer)
        if self.env.user.share:  # the buyer accepted: the rep follows the order up
            quotes._b2b_give_to_rep_each("accepted")
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self.filtered(lambda order: order.b2b_quote_state in (*TO_ANSWER, "offer_sent", "expired")).write(
            {"b2b_quote_state": "cancelled"}
        )
        return result

    def _has_to_be_signed(self):
        if self.b2b_quote_state and self.b2b_quote_state != "offer_sent":
            return False
        return super()._has_to_be_signed()

    def _has_to_be_paid(self):
        if self.b2b_quote_state and self.b2b_quote_state != "offer_sent":
            return False
        return super()._has_to_be_paid()

    def _cart_update(self, product_id, line_id=None, add_qty=0, set_qty=0, **kwargs):
        # A quote request is no longer a cart, whatever the session says.
        if self.b2b_quote_state:
            raise UserError(self.env._("This quote is with your sales rep: it cannot be changed from the shop."))
        return super()._cart_update(product_id, line_id=line_id, add_qty=add_qty, set_qty=set_qty, **kwargs)

    def _compute_abandoned_cart(self):
        result = super()._compute_abandoned_cart()
        self.filtered("b2b_quote_state").is_abandoned_cart = False
        return result

    def _search_abandoned_cart(self, operator, value):
        domain = super()._search_abandoned_cart(operator, value)
        if (operator in expression.NEGATIVE_TERM_OPERATORS) != bool(value):
            return expression.AND([[("b2b_quote_state", "=", False)], domain])
        return expression.OR([[("b2b_quote_state", "!=", False)], domain])

    # ------------------------------------------------------------ EXPIRY
    @api.model
    def _cron_b2b_quote_expiry(self, today=None):
        """Expire offers past their validity date and warn of those about to
        expire, the buyer by notification and the rep by an activity."""
        today = today or fields.Date.context_today(self)
        expired = self.search(
            [("b2b_quote_state", "=", "offer_sent"), ("validity_date", "<", today), ("state", "=", "sent")]
        )
        expired.write({"b2b_quote_state": "expired"})
        for order in expired:
            order._b2b_add_round("expired")
        expired._b2b_give_to_rep_each("expired")
        self.env["b2b.notification"]._notify("offer_expired", expired, order_buyer)
        notice = int(_param(self.env, "expiry_notice_days", 3))
        expiring = self.search(
            [
                ("b2b_quote_state", "=", "offer_sent"),
                ("validity_date", ">=", today),
                ("validity_date", "<=", today + timedelta(days=notice)),
                ("b2b_expiry_notified", "=", False),
            ]
        )
        expiring.b2b_expiry_notified = True
        self.env["b2b.notification"]._notify("offer_expiring", expiring, order_buyer)
        return expired, expiring

    # ------------------------------------------------------------ HELPERS
    def _b2b_add_round(self, kind, message=False):
        """Keep this step of the negotiation, with the lines as they are."""
        self.ensure_one()
        with_lines = kind in ("request", "offer")
        return (
            self.env["b2b.quote.round"]
            .sudo()  # sudo: buyers add rounds through the checked methods above only
            .create(
                {
                    "order_id": self.id,
                    "kind": kind,
                    "message": message,
                    "author_id": self.env.user.partner_id.id,
                    "validity_date": self.validity_date if kind == "offer" else False,
                    "amount_untaxed": self.amount_untaxed if with_lines else 0.0,
                    "line_ids": [
                        (0, 0, line._b2b_round_line_values())
                        for line in (self.order_line if with_lines else self.order_line.browse())
                        if not line.display_type and not line.is_delivery
                    ],
                }
            )
        )

    def _b2b_rep(self):
        self.ensure_one()
        return self.user_id or self.partner_id.commercial_partner_id.user_id or self.env.ref("base.user_admin")

    def _b2b_give_to_rep(self, summary, note=False):
        """An activity for the account's rep: a request to answer."""
        for order in self:
            # sudo: the buyer's action schedules the rep's activity.
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo", user_id=order._b2b_rep().id, summary=summary, note=note or False
            )

    def _b2b_give_to_rep_each(self, state):
        labels = dict(QUOTE_STATES)
        for order in self:
            order._b2b_give_to_rep(
                self.env._("%(order)s: %(state)s", order=order.name, state=labels[state]),
            )

    def _b2b_done_activities(self):
        self.activity_ids.filtered(lambda activity: activity.user_id == self.env.user).action_feedback(
            feedback=self.env._("Offer sent")
        )

    def _b2b_quote_changes(self):
        """Per current line: ``(line, requested quantity, target price,
        changed)`` where changed says whether the rep's offer differs from
        what the buyer asked (quantity, or an added product)."""
        self.ensure_one()
        rows = []
        for line in self.order_line.filtered(lambda line: not line.display_type and not line.is_delivery):
            requested = line.b2b_requested_qty
            changed = not requested or float_compare(
                requested, line.product_uom_qty, precision_rounding=line.product_uom.rounding
            )
            rows.append((line, requested, line.b2b_target_price, bool(changed)))
        return rows
