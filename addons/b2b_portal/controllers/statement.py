# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bStatementPortal(CustomerPortal):
    """The company's account statement, for its admin buyers."""

    def _b2b_statement_company(self):
        user = request.env.user
        if not user._b2b_is_admin_buyer():
            return None
        # sudo: company-wide figures are shown to the admin buyers of that
        # company only (checked above), never to its other buyers.
        return user.partner_id.commercial_partner_id.sudo()

    @http.route("/my/statement", type="http", auth="user", website=True)
    def portal_my_statement(self, **kwargs):
        company = self._b2b_statement_company()
        if not company:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "b2b_statement", "company": company, "statement": company._b2b_statement()})
        return request.render("b2b_portal.portal_my_statement", values)

    @http.route("/my/statement/pdf", type="http", auth="user", website=True)
    def portal_my_statement_pdf(self, **kwargs):
        company = self._b2b_statement_company()
        if not company:
            return request.redirect("/my")
        # sudo: rendering reads accounting records portal users cannot read;
        # the report only covers the company checked above.
        pdf = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("b2b_portal.action_report_b2b_statement", company.ids)[0]
        )
        filename = f"statement-{fields.Date.context_today(company)}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
