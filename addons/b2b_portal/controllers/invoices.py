# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class B2bPortalAccount(PortalAccount):
    def _get_overdue_invoices_domain(self, partner_id=None):
        domain = super()._get_overdue_invoices_domain(partner_id=partner_id)
        if partner_id:
            return domain
        # Odoo looks for the user's own contact, while invoices are addressed
        # to the company (see sale.order): count, list and pay the company's
        # overdue invoices. Record rules still narrow them per buyer role.
        company = request.env.user.partner_id.commercial_partner_id
        return [leaf for leaf in domain if not (isinstance(leaf, (list, tuple)) and leaf[0] == "partner_id")] + [
            ("commercial_partner_id", "=", company.id)
        ]
