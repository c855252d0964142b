# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

PRICE_BANDS_KEY = "b2b_algolia.price_bands"


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        if params._b2b_holds_price_bands():
            params._b2b_price_bands_changed()
        return params

    def write(self, vals):
        before = self._b2b_holds_price_bands()
        result = super().write(vals)
        if before or self._b2b_holds_price_bands():
            self._b2b_price_bands_changed()
        return result

    def unlink(self):
        if self._b2b_holds_price_bands():
            self._b2b_price_bands_changed()
        return super().unlink()

    def _b2b_holds_price_bands(self):
        return any(param.key == PRICE_BANDS_KEY for param in self)

    def _b2b_price_bands_changed(self):
        """Other boundaries, other bands: the built-in search's stored bands
        are recomputed (Algolia's records need a full reindex)."""
        # sudo: whoever may set the parameter, every product's bands move.
        self.env["b2b.search.price"].sudo()._b2b_refresh_all()
