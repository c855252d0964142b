# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where sensitive B2B actions happen, an audit entry is written."""

from odoo import api, models


def _log(env, action, records=None, description="", partner=None):
    return env["b2b.audit.log"]._b2b_log(action, records, description, partner)


class B2bAccountApplication(models.Model):
    _inherit = "b2b.account.application"

    def action_approve(self):
        result = super().action_approve()
        _log(self.env, "application_approved", self)
        return result

    def _reject(self, reason):
        result = super()._reject(reason)
        _log(self.env, "application_rejected", self, reason)
        return result


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        tracked = {
            "b2b_tier_override_id": ("tier_changed", "b2b_tier_override_id"),
            "specific_property_product_pricelist": ("pricelist_changed", "specific_property_product_pricelist"),
            "property_product_pricelist": ("pricelist_changed", "specific_property_product_pricelist"),
        }
        changed = {tracked[key] for key in vals if key in tracked}
        before = {(partner, field): partner[field].display_name for partner in self for _a, field in changed}
        result = super().write(vals)
        for action, field in changed:
            for partner in self.filtered(lambda partner: partner.is_company and partner.b2b_approved):
                old, new = before[partner, field], partner[field].display_name
                if old != new:
                    _log(self.env, action, partner, f"{old or '-'} → {new or '-'}")
        return result


class B2bAgreement(models.Model):
    _inherit = "b2b.agreement"

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        _log(self.env, "agreement_changed", agreements, self.env._("Created"))
        return agreements

    def write(self, vals):
        result = super().write(vals)
        fields_changed = [self._fields[name].string for name in vals if name in self._fields]
        _log(self.env, "agreement_changed", self, ", ".join(sorted(fields_changed)))
        return result


class B2bModificationRequest(models.Model):
    _inherit = "b2b.modification.request"

    def action_approve(self):
        result = super().action_approve()
        for request in self:
            _log(self.env, "modification_decided", request, f"{request.name}: {request.state}")
        return result

    def action_refuse(self):
        result = super().action_refuse()
        for request in self:
            _log(
                self.env, "modification_decided", request, f"{request.name}: {request.state} ({request.decision_note})"
            )
        return result
