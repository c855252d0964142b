# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.b2b_portal.controllers.shop import RESTRICTED_URL
from odoo.addons.sale.controllers.portal import CustomerPortal

ANSWERS = {
    "accept": lambda order, post: order._b2b_accept_offer(),
    "decline": lambda order, post: order._b2b_decline_offer(post.get("reason")),
    "revise": lambda order, post: order._b2b_ask_revision(post.get("message")),
}


class B2bQuotePortal(CustomerPortal):
    """Quote requests from the cart, and the buyer's answers to offers.
    The rules are in sale.order; this parses forms and renders."""

    # ------------------------------------------------------------ REQUEST
    @http.route("/shop/quote/request", type="http", auth="user", website=True, methods=["GET"], sitemap=False)
    def b2b_quote_request_form(self, **kwargs):
        if not request.website._b2b_user_can_buy():
            return request.redirect(RESTRICTED_URL)
        order_sudo = request.website.sale_get_order()
        if not order_sudo:
            return request.redirect("/shop/cart")
        return self._b2b_render_request(order_sudo, {"po_reference": order_sudo.client_order_ref or ""})

    @http.route("/shop/quote/request", type="http", auth="user", website=True, methods=["POST"], sitemap=False)
    def b2b_quote_request(self, message="", requested_date="", po_reference="", **post):
        if not request.website._b2b_user_can_buy():
            return request.redirect(RESTRICTED_URL)
        order_sudo = request.website.sale_get_order()
        if not order_sudo:
            return request.redirect("/shop/cart")
        form = {"message": message, "requested_date": requested_date, "po_reference": po_reference, **post}
        targets, errors = {}, []
        for line in order_sudo.website_order_line:
            text = (post.get(f"target_{line.id}") or "").strip().replace(",", ".").replace(" ", "")
            try:
                targets[line.id] = float(text) if text else None
            except ValueError:
                errors.append(
                    request.env._(
                        "%(product)s: the target price %(value)s is not a number.",
                        product=line.product_id.display_name,
                        value=post.get(f"target_{line.id}"),
                    )
                )
        try:
            date = fields.Date.to_date(requested_date or None)
        except ValueError:
            date = None
            errors.append(request.env._("The delivery date %(value)s is not a date.", value=requested_date))
        if errors:
            return self._b2b_render_request(order_sudo, form, errors)
        try:
            order_sudo._b2b_request_quote(message, targets, date, po_reference)
        except (UserError, AccessError) as error:
            return self._b2b_render_request(order_sudo, form, [str(error)])
        request.website.sale_reset()
        return request.redirect(order_sudo.get_portal_url())

    def _b2b_render_request(self, order_sudo, form, errors=()):
        return request.render(
            "b2b_quotes.quote_request_page",
            {
                "order": order_sudo,
                "form": form,
                "errors": list(errors),
                "unavailable": order_sudo._b2b_quote_unavailable_reason(),
                "today": fields.Date.context_today(request.env.user),
            },
        )

    # ------------------------------------------------------------ ANSWERS
    @http.route("/my/quotes/<int:order_id>/<string:answer>", type="http", auth="user", website=True, methods=["POST"])
    def b2b_quote_answer(self, order_id, answer, **post):
        if answer not in ANSWERS:
            return request.not_found()
        order = request.env["sale.order"].browse(order_id)
        try:
            order = ANSWERS[answer](order, post)
        except (AccessError, MissingError):
            return request.redirect("/my")
        except UserError as error:
            request.session["b2b_quote_error"] = str(error)
        return request.redirect(f"/my/orders/{order_id}#b2b_quote")

    # ------------------------------------------------------------ LISTS AND PAGE
    def _prepare_quotations_domain(self, partner):
        # Quote requests are drafts until the rep sends an offer: list them
        # all, whatever their state (record rules still apply).
        return expression.OR(
            [
                super()._prepare_quotations_domain(partner),
                [("partner_id", "child_of", partner.commercial_partner_id.id), ("b2b_quote_state", "!=", False)],
            ]
        )

    def _get_page_view_values(self, document, access_token, values, session_history, no_breadcrumbs, **kwargs):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )
        if document._name == "sale.order" and document.b2b_quote_state:
            # The buyer may answer only what the record rules let them read.
            order = request.env["sale.order"].browse(document.id)
            can_answer = not request.env.user._is_public() and order.has_access("read")
            if can_answer:
                order._b2b_mark_offer_viewed()
            values.update(
                {
                    "b2b_quote_error": request.session.pop("b2b_quote_error", None),
                    "b2b_can_answer": can_answer,
                    "b2b_expired": document._b2b_offer_expired(),
                }
            )
        return values
