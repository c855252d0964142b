# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ACTIONS = [
    ("application_approved", "Application approved"),
    ("application_rejected", "Application rejected"),
    ("tier_changed", "Tier changed"),
    ("pricelist_changed", "Pricelist changed"),
    ("agreement_changed", "Agreement changed"),
    ("offer_prices_changed", "Prices changed in an offer"),
    ("modification_decided", "Modification request decided"),
    ("order_on_behalf", "Order placed on behalf"),
    ("act_for_started", "Acting for a buyer: started"),
    ("act_for_action", "Acting for a buyer: action"),
    ("act_for_ended", "Acting for a buyer: ended"),
]


class B2bAuditLog(models.Model):
    """Sensitive B2B actions, who made them and for whom. Written only by
    ``_b2b_log``; nobody edits or deletes an entry (no write ACL)."""

    _name = "b2b.audit.log"
    _description = "B2B audit log"
    _order = "id desc"

    action = fields.Selection(ACTIONS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Done by", required=True, readonly=True, index=True)
    acting_for_id = fields.Many2one(
        "res.users", "Acting for", readonly=True, index=True, help="The buyer a rep was acting for, if any."
    )
    partner_id = fields.Many2one("res.partner", "Account", readonly=True, index=True)
    res_model = fields.Char("Document model", readonly=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True)
    description = fields.Text(readonly=True)

    @api.model
    def _b2b_log(self, action, records=None, description="", partner=None, user=None, acting_for=None):
        """One entry per record of ``records`` (or one without a document).
        ``user`` defaults to the real user: the rep when acting for a buyer."""
        acting = self.env.context.get("b2b_acting_rep_id")
        if acting and not user:
            user, acting_for = self.env["res.users"].browse(acting), acting_for or self.env.user
        user = user or self.env.user
        entries = []
        for record in records or [None]:
            company = partner or (record and _account_of(record))
            entries.append(
                {
                    "action": action,
                    "user_id": user.id,
                    "acting_for_id": acting_for.id if acting_for else False,
                    "partner_id": company.commercial_partner_id.id if company else False,
                    "res_model": record._name if record else False,
                    "res_id": record.id if record else False,
                    "description": description or (record.display_name if record else False),
                }
            )
        # sudo: entries are written on behalf of whoever acted; no one else may.
        return self.sudo().create(entries)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }


def _account_of(record):
    """The customer company a document belongs to."""
    if record._name == "res.partner":
        return record
    if "partner_id" in record._fields:
        return record.partner_id
    return record.order_id.partner_id if "order_id" in record._fields else None
