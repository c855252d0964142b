# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    b2b_own_documents_only = fields.Boolean(
        compute="_compute_b2b_own_documents_only",
        help="A buyer of a B2B account who only sees the orders, deliveries and invoices "
        "they are the customer of. Read by the record rules.",
    )

    @api.depends("share", "partner_id.b2b_role", "partner_id.commercial_partner_id.b2b_share_orders")
    def _compute_b2b_own_documents_only(self):
        for user in self:
            partner = user.partner_id
            user.b2b_own_documents_only = (
                user.share
                and partner.commercial_partner_id.b2b_approved
                and partner.b2b_role != "admin"
                and not partner.commercial_partner_id.b2b_share_orders
            )

    def _b2b_can_buy(self):
        """Whether this user may see prices, fill a cart and check out.

        Employees always may; portal users only when their company is an
        approved B2B account; the public user never.
        """
        self.ensure_one()
        if self._is_public():
            return False
        if self._is_internal():
            return True
        return self.partner_id.commercial_partner_id.b2b_approved

    def _b2b_is_admin_buyer(self):
        self.ensure_one()
        partner = self.partner_id
        return self.share and partner.b2b_role == "admin" and partner.commercial_partner_id.b2b_approved
