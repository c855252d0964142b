# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_algolia_enabled = fields.Boolean(related="website_id.b2b_algolia_enabled", readonly=False)
    b2b_algolia_app_id = fields.Char(related="website_id.b2b_algolia_app_id", readonly=False)
    b2b_algolia_admin_key = fields.Char(
        related="website_id.b2b_algolia_admin_key", readonly=False, groups="base.group_system"
    )
    b2b_algolia_search_key = fields.Char(related="website_id.b2b_algolia_search_key", readonly=False)
    b2b_algolia_index_prefix = fields.Char(related="website_id.b2b_algolia_index_prefix", readonly=False)

    def action_b2b_algolia_test_connection(self):
        return self.website_id.action_b2b_algolia_test_connection()

    def action_b2b_algolia_indexes(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_algolia.action_b2b_algolia_index")
        action["domain"] = [("website_id", "=", self.website_id.id)]
        return action
