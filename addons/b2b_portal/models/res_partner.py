# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_approved = fields.Boolean(
        string="Approved B2B account",
        copy=False,
        tracking=True,
        help="Set on the company: its contacts see their prices, order and check "
        "out on the B2B shop. Contacts inherit it from their company.",
    )
    b2b_application_ids = fields.One2many("b2b.account.application", "partner_id", string="B2B applications")

    def _commercial_fields(self):
        # Approval is a property of the company, shared by all its contacts.
        return [*super()._commercial_fields(), "b2b_approved"]
