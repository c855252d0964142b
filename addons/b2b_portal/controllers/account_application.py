# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from ..models.b2b_account_application import PORTAL_FIELDS


class B2bAccountApplicationController(http.Controller):
    @http.route("/b2b/apply", type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def application_form(self, **kwargs):
        return request.render("b2b_portal.application_page", self._prepare_form_values({}, {}))

    @http.route("/b2b/apply", type="http", auth="public", website=True, sitemap=False, methods=["POST"])
    def application_submit(self, **post):
        # The honeypot is hidden from people; only robots fill it. They get
        # the same "thank you" page, and nothing is stored.
        if post.get("website_url"):
            return request.render("b2b_portal.application_thanks", {})
        # sudo: visitors have no access to applications; the model validates
        # every value and creates nothing when one is wrong.
        applications = request.env["b2b.account.application"].sudo()
        application, errors = applications._submit_from_portal(post, ip_address=request.httprequest.remote_addr)
        if errors:
            return request.render("b2b_portal.application_page", self._prepare_form_values(post, errors))
        return request.render("b2b_portal.application_thanks", {"application_name": application.name})

    def _prepare_form_values(self, post, errors):
        countries = request.env["res.country"].search([])
        default_country = request.website.company_id.country_id
        return {
            "values": {fname: post.get(fname, "") for fname in PORTAL_FIELDS},
            "errors": errors,
            "countries": countries,
            "default_country": default_country,
            "languages": request.env["res.lang"].get_installed(),
        }
