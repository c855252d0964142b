# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    b2b_prices_for_approved_only = fields.Boolean(
        string="Prices for approved B2B accounts only",
        default=True,
        help="Visitors and users whose company is not an approved B2B account "
        "browse the catalog without prices and cannot order.",
    )

    def _b2b_user_can_buy(self):
        """Whether the current user may see prices and order on this website."""
        self.ensure_one()
        return not self.b2b_prices_for_approved_only or self.env.user._b2b_can_buy()

    def _b2b_buying_restricted_message(self):
        return self.env._(
            "Prices and ordering are reserved to approved B2B accounts. "
            "Log in, or open a B2B account to see your prices."
        )

    def _get_product_sort_mapping(self):
        mapping = super()._get_product_sort_mapping()
        website = self[:1] or self.get_current_website()
        if website._b2b_user_can_buy():
            return mapping
        # Sorting by price would reveal prices to who may not see them.
        return [(order, label) for order, label in mapping if "price" not in order]
