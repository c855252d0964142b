# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bCompanyPortal(CustomerPortal):
    """The admin buyer's page: colleagues, their roles and access."""

    @http.route("/my/company", type="http", auth="user", website=True, methods=["GET"])
    def company_page(self, message=None, error=None, **kwargs):
        partner = request.env.user.partner_id
        try:
            colleagues = partner._b2b_colleagues()
        except AccessError:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_company",
                # sudo: the admin buyer's own company (checked just above);
                # portal users cannot read its sharing flag.
                "company": partner.commercial_partner_id.sudo(),
                "colleagues": colleagues,
                # Labels in the buyer's language.
                "roles": partner._fields["b2b_role"]._description_selection(request.env),
                "message": message,
                "error": error,
                "invite": kwargs,
            }
        )
        return request.render("b2b_portal.portal_my_company", values)

    @http.route("/my/company/invite", type="http", auth="user", website=True, methods=["POST"])
    def company_invite(self, name=None, email=None, role=None, **kwargs):
        partner = request.env.user.partner_id
        try:
            colleague = partner._b2b_invite_colleague(name, email, role)
        except UserError as error:
            # The form is shown again with what was typed and the reason.
            return self.company_page(error=str(error), name=name, email=email, role=role)
        message = request.env._("An invitation was sent to %(email)s.", email=colleague.email)
        return self.company_page(message=message)

    @http.route("/my/company/colleague/<int:partner_id>", type="http", auth="user", website=True, methods=["POST"])
    def company_colleague_update(self, partner_id, role=None, active=None, **kwargs):
        partner = request.env.user.partner_id
        try:
            if role:
                partner._b2b_set_colleague_role(partner_id, role)
            if active is not None:
                partner._b2b_set_colleague_active(partner_id, active == "1")
        except UserError as error:
            return self.company_page(error=str(error))
        return request.redirect("/my/company")

    @http.route("/my/company/share_orders", type="http", auth="user", website=True, methods=["POST"])
    def company_share_orders(self, share_orders=None, **kwargs):
        request.env.user.partner_id._b2b_set_share_orders(share_orders == "1")
        return request.redirect("/my/company")
