# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bApplicationReject(models.TransientModel):
    _name = "b2b.application.reject"
    _description = "Reject B2B account applications"

    application_ids = fields.Many2many("b2b.account.application", required=True)
    reason = fields.Text(required=True, help="Sent to the applicant by email.")

    def action_reject(self):
        self.ensure_one()
        self.application_ids._reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
