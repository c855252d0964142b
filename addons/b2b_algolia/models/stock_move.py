# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        # Availability may change; unchanged records send nothing.
        template_ids = moves.product_id.product_tmpl_id.ids
        self.env["b2b.search.document"]._b2b_refresh_figures(template_ids)
        self.env["b2b.algolia.record"]._mark_to_export(template_ids)
        return moves
