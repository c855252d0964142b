# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import consteq
from odoo.tools.misc import hmac

ACT_FOR_LINK_SECONDS = 60


class ResUsers(models.Model):
    _inherit = "res.users"

    b2b_rep_restricted = fields.Boolean(
        compute="_compute_b2b_rep_restricted",
        help="A B2B sales rep who is not a B2B manager: sees only their accounts. Read by the record rules.",
    )

    @api.depends("groups_id")
    def _compute_b2b_rep_restricted(self):
        for user in self:
            user.b2b_rep_restricted = user._has_group("b2b_sales_rep.group_b2b_rep") and not user._has_group(
                "b2b_sales_rep.group_b2b_manager"
            )

    def _b2b_accounts(self):
        """The B2B companies this rep looks after."""
        self.ensure_one()
        return self.env["res.partner"].search(
            [
                ("is_company", "=", True),
                ("b2b_approved", "=", True),
                "|",
                ("user_id", "=", self.id),
                ("user_id.sale_team_id.user_id", "=", self.id),
            ]
        )

    # ------------------------------------------------------------ ACT FOR
    def action_b2b_act_for(self):
        """Open the portal as this buyer: a signed link, valid a minute, so
        that no other page can make a rep act for someone."""
        self.ensure_one()
        # sudo: a rep may not read the users of others' accounts; the check
        # itself tells whether this buyer is one of theirs.
        self.sudo()._b2b_check_act_for(self.env.user)
        expires = int(time.time()) + ACT_FOR_LINK_SECONDS
        token = hmac(self.env(su=True), "b2b_act_for", (self.env.uid, self.id, expires))
        return {
            "type": "ir.actions.act_url",
            "url": f"/b2b/act_for/{self.id}?{url_encode({'token': token, 'expires': expires})}",
            "target": "self",
        }

    @api.model
    def _b2b_act_for_target(self, buyer_id, token, expires):
        """The buyer the current user may act for, from a signed link."""
        rep = self.env.user
        try:
            expires = int(expires)
        except ValueError:
            expires = 0
        expected = hmac(self.env(su=True), "b2b_act_for", (rep.id, buyer_id, expires))
        if expires < time.time() or not consteq(expected, token or ""):
            raise AccessError(self.env._("This link expired: start again from the account."))
        # sudo: reps may not read portal users; the buyer is checked below.
        buyer = self.sudo().browse(buyer_id).exists()
        buyer._b2b_check_act_for(rep)
        return buyer

    def _b2b_check_act_for(self, rep):
        """Raise unless ``rep`` may act for the buyer ``self``: a portal user
        of an approved B2B account the rep looks after."""
        if not rep.has_group("b2b_sales_rep.group_b2b_rep"):
            raise AccessError(self.env._("Only B2B sales reps act for buyers."))
        company = self.partner_id.commercial_partner_id
        if not self or not self.active or not self.share or self._is_public() or not company.b2b_approved:
            raise AccessError(self.env._("A rep acts only for the buyers (portal users) of an approved B2B account."))
        if not company.with_user(rep).has_access("read"):
            raise AccessError(self.env._("This buyer's company is not one of your accounts."))
