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

    def _b2b_assigned_pricelist(self):
        """The pricelist of an approved buyer's company, empty for anyone else.

        B2B buyers never choose a pricelist: their company's tier (or
        agreement) sets it.
        """
        self.ensure_one()
        user = self.env.user
        if user._is_public() or user._is_internal() or not user._b2b_can_buy():
            return self.env["product.pricelist"]
        # sudo: buyers cannot read company properties; this only reads the
        # pricelist assigned to their own company.
        company = user.partner_id.commercial_partner_id.sudo().with_company(self.company_id)
        return company.specific_property_product_pricelist

    def _get_current_pricelist(self):
        return self._b2b_assigned_pricelist() or super()._get_current_pricelist()

    def get_pricelist_available(self, show_visible=False):
        return self._b2b_assigned_pricelist() or super().get_pricelist_available(show_visible=show_visible)

    def _b2b_preview_order(self):
        """An unsaved order priced as the current user's cart would be: lets
        quick order show prices without creating a cart."""
        self.ensure_one()
        return self.env["sale.order"].new(
            {
                "partner_id": self.env.user.partner_id.id,
                "website_id": self.id,
                "company_id": self.company_id.id,
                "pricelist_id": self._get_current_pricelist().id,
            }
        )
