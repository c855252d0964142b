# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.account_payment.controllers.portal import PortalAccount


class B2bStatementPortal(PortalAccount):
    """The company's account statement, for its admin buyers, and the online
    payment of the invoices they select on it."""

    def _b2b_statement_company(self):
        user = request.env.user
        if not user._b2b_is_admin_buyer():
            return None
        # sudo: company-wide figures are shown to the admin buyers of that
        # company only (checked above), never to its other buyers.
        return user.partner_id.commercial_partner_id.sudo()

    def _b2b_render_statement(self, error=None):
        company = self._b2b_statement_company()
        if not company:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {"page_name": "b2b_statement", "company": company, "statement": company._b2b_statement(), "error": error}
        )
        return request.render("b2b_portal.portal_my_statement", values)

    @http.route("/my/statement", type="http", auth="user", website=True)
    def portal_my_statement(self, **kwargs):
        return self._b2b_render_statement()

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

    @staticmethod
    def _b2b_invoices_to_pay(invoice_ids):
        """Raise a UserError unless the user is an admin buyer and every id is
        an open invoice of their company."""
        user = request.env.user
        if not user._b2b_is_admin_buyer():
            raise UserError(request.env._("Only your company's administrators pay invoices from the statement."))
        try:
            ids = [int(invoice_id) for invoice_id in invoice_ids]
        except ValueError as error:
            raise UserError(request.env._("Select invoices of your company that are still to be paid.")) from error
        return user.partner_id.commercial_partner_id._b2b_invoices_to_pay(ids)

    @http.route("/my/statement/pay", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def portal_statement_pay(self, **kwargs):
        try:
            invoices = self._b2b_invoices_to_pay(request.httprequest.args.getlist("invoice_ids"))
        except UserError as error:
            return self._b2b_render_statement(error=str(error))
        amount = sum(invoices.mapped("amount_residual"))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_statement",
                "payment": {"reference": ", ".join(invoices.mapped("name")), "amount": amount},
                "amount": amount,
            }
        )
        values |= self._get_common_page_view_values(
            invoices_data={
                "partner": invoices.commercial_partner_id,
                "company": invoices.company_id,
                "total_amount": amount,
                "currency": invoices.currency_id,
                "amount_residual": amount,
                "landing_route": "/my/statement",
                "transaction_route": "/my/statement/pay/transaction/" + "-".join(map(str, invoices.ids)),
            }
        )
        return request.render("account_payment.portal_overdue_invoices_page", values)

    @http.route("/my/statement/pay/transaction/<string:invoice_ids>", type="json", auth="user")
    def portal_statement_pay_transaction(self, invoice_ids, access_token=None, payment_reference=None, **kwargs):
        try:
            invoices = self._b2b_invoices_to_pay(invoice_ids.split("-"))
        except UserError as error:
            raise ValidationError(str(error)) from error
        self._validate_transaction_kwargs(kwargs)
        # The amount is the invoices' balance, whatever the browser sent.
        kwargs.update(
            amount=sum(invoices.mapped("amount_residual")),
            currency_id=invoices.currency_id.id,
            partner_id=request.env.user.partner_id.id,
        )
        tx_sudo = self._create_transaction(custom_create_values={"invoice_ids": [Command.set(invoices.ids)]}, **kwargs)
        return tx_sudo._get_processing_values()
