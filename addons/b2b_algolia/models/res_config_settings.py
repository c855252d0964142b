# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..price_bands import DEFAULT_BOUNDARIES, parse_boundaries


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_algolia_enabled = fields.Boolean(related="website_id.b2b_algolia_enabled", readonly=False)
    b2b_algolia_app_id = fields.Char(related="website_id.b2b_algolia_app_id", readonly=False)
    b2b_algolia_admin_key = fields.Char(
        related="website_id.b2b_algolia_admin_key", readonly=False, groups="base.group_system"
    )
    b2b_algolia_search_key = fields.Char(related="website_id.b2b_algolia_search_key", readonly=False)
    b2b_algolia_index_prefix = fields.Char(related="website_id.b2b_algolia_index_prefix", readonly=False)
    b2b_algolia_price_bands = fields.Char(
        string="Price bands",
        config_parameter="b2b_algolia.price_bands",
        default=DEFAULT_BOUNDARIES,
        help="Boundaries of the search's price facet, in the website's currency, comma-separated: "
        "10,25,50 gives the bands under 10, 10 to 25, 25 to 50 and 50 and more. "
        "Applied to the price each buyer sees at quantity 1. After a change, run a full reindex "
        "of the Algolia indexes; the built-in search follows within minutes.",
    )

    @api.constrains("b2b_algolia_price_bands")
    def _check_b2b_algolia_price_bands(self):
        for settings in self:
            try:
                parse_boundaries(settings.b2b_algolia_price_bands)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Price bands: positive numbers separated by commas, e.g. %(example)s.",
                        example=DEFAULT_BOUNDARIES,
                    )
                ) from error

    def action_b2b_algolia_test_connection(self):
        return self.website_id.action_b2b_algolia_test_connection()

    def action_b2b_algolia_indexes(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_algolia.action_b2b_algolia_index")
        action["domain"] = [("website_id", "=", self.website_id.id)]
        return action
