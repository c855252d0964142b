# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request


class B2bActFor(http.Controller):
    """A rep sees the portal as one of their buyers sees it. The session
    becomes the buyer's, remembering the rep; the checks are in
    res.users._b2b_act_for_target."""

    @http.route("/b2b/act_for/<int:buyer_id>", type="http", auth="user", website=True, sitemap=False)
    def b2b_act_for_start(self, buyer_id, token="", expires="0", redirect="/shop", **kwargs):
        users = request.env["res.users"]
        try:
            buyer = users._b2b_act_for_target(buyer_id, token, expires)
        except AccessError as error:
            return request.render("b2b_sales_rep.act_for_refused", {"reason": str(error)}, status=403)
        rep = request.env.user
        request.env["b2b.audit.log"]._b2b_log(
            "act_for_started", buyer.partner_id, buyer.name, user=rep, acting_for=buyer
        )
        self._b2b_switch_session(buyer)
        request.session["b2b_acting_rep_id"] = rep.id
        # Only a page of this website.
        return request.redirect(redirect if redirect.startswith("/") and not redirect.startswith("//") else "/shop")

    @http.route("/b2b/act_for/stop", type="http", auth="user", website=True, sitemap=False)
    def b2b_act_for_stop(self, **kwargs):
        rep_id = request.session.pop("b2b_acting_rep_id", None)
        if not rep_id:
            return request.redirect("/my")
        buyer = request.env.user
        # sudo: the buyer's session reads the rep it returns to.
        rep = request.env["res.users"].sudo().browse(rep_id)
        request.env["b2b.audit.log"]._b2b_log("act_for_ended", buyer.partner_id, buyer.name, user=rep, acting_for=buyer)
        if not rep.active:
            request.session.logout(keep_db=True)
            return request.redirect("/web/login")
        self._b2b_switch_session(rep)
        return request.redirect("/odoo/b2b-accounts")

    def _b2b_switch_session(self, user):
        # As a login does: a new session id, the user's token and context.
        request.session["pre_login"] = user.login
        request.session["pre_uid"] = user.id
        request.session.finalize(request.env)
        request.update_env(user=user.id)
