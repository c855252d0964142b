# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bNotificationPortal(CustomerPortal):
    """Each buyer chooses which notifications they receive."""

    @http.route("/my/notifications", type="http", auth="user", website=True, methods=["GET"])
    def notifications_page(self, saved=None, **kwargs):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_notifications",
                "events": request.env["b2b.notification"]._events(),
                # sudo: the user's own contact, which portal users cannot read all of.
                "wanted": {
                    code
                    for code, _label in request.env["b2b.notification"]._events()
                    if partner.sudo()._b2b_wants(code)
                },
                "saved": saved,
            }
        )
        return request.render("b2b_portal.portal_my_notifications", values)

    @http.route("/my/notifications", type="http", auth="user", website=True, methods=["POST"])
    def notifications_save(self, **kwargs):
        wanted = set(request.httprequest.form.getlist("event"))
        request.env.user.partner_id._b2b_set_notifications(wanted)
        return request.redirect("/my/notifications?saved=1")
