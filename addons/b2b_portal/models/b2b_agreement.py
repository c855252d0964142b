# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class B2bAgreement(models.Model):
    _inherit = "b2b.agreement"

    def _renewal_recipients(self):
        # The company's admin buyers decide on renewals; the company address
        # is the fallback for accounts without one.
        admins = self.partner_id.child_ids.filtered(lambda contact: contact.b2b_role == "admin" and contact.user_ids)
        return admins or super()._renewal_recipients()
