# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .b2b_notification import invoice_buyer


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda move: move.move_type == "out_invoice")
        self.env["b2b.notification"]._notify("invoice_posted", invoices, invoice_buyer)
        return posted
