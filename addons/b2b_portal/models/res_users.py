# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

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
