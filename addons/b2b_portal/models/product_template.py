# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

# combination_info keys that carry an amount (see website_sale's
# _get_additionnal_combination_info); all are blanked for gated users.
PRICE_KEYS = ("price", "list_price", "price_extra", "compare_list_price", "base_unit_price")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    b2b_reserved_for_ids = fields.Many2many(
        "res.partner",
        "b2b_product_template_reserved_partner_rel",
        "product_tmpl_id",
        "partner_id",
        string="Reserved for",
        domain=[("is_company", "=", True)],
        help="Customer companies whose buyers alone see and order this product online "
        "(private label, exclusive ranges). Empty: every customer. Enforced by record rules.",
    )

    def _b2b_reserved_for_others(self):
        """Whether the current user is a portal or public user whose company
        is not among those this product is reserved for. The record rules
        already hide such products; this guards code reading them as sudo."""
        self.ensure_one()
        user = self.env.user
        # sudo: a buyer may not read the other companies reserved for.
        reserved_for = self.sudo().b2b_reserved_for_ids
        return bool(user.share and reserved_for and user.partner_id.commercial_partner_id not in reserved_for)

    def _get_additionnal_combination_info(self, product_or_template, quantity, date, website):
        info = super()._get_additionnal_combination_info(product_or_template, quantity, date, website)
        if not website._b2b_user_can_buy():
            info.update(dict.fromkeys(PRICE_KEYS, 0.0))
            # website_sale's templates and JS already hide the price and the
            # add-to-cart button when this flag is set.
            info.update(has_discounted_price=False, prevent_zero_price_sale=True, b2b_login_required=True)
        elif (
            self.env.context.get("b2b_price_breaks")
            and product_or_template._name == "product.product"
            and website.pricelist_id
        ):
            values = website.pricelist_id._b2b_price_table(
                product_or_template, (quantity,), date=date, currency=website.currency_id
            )[product_or_template.id]
            info["b2b_breaks"] = [
                (min_qty, self._b2b_displayed_price(product_or_template, price, website), saving)
                for min_qty, price, saving in values["breaks"]
            ]
            info["b2b_promotion_end"] = values["promotion_end"]
        return info

    def _b2b_displayed_price(self, product, price, website):
        """``price`` with taxes included or not, as the website shows prices."""
        product_taxes = product.sudo().taxes_id._filter_taxes_by_company(self.env.company)
        taxes = website.fiscal_position_id.sudo().map_tax(product_taxes)
        return self._apply_taxes_to_price(price, website.currency_id, product_taxes, taxes, product, website=website)

    def _get_sales_prices(self, website):
        if website._b2b_user_can_buy():
            return super()._get_sales_prices(website)
        return {template.id: {"price_reduce": 0.0, "b2b_login_required": True} for template in self}

    def _website_show_quick_add(self):
        website = self.env["website"].get_current_website()
        return website._b2b_user_can_buy() and super()._website_show_quick_add()

    def _search_render_results_prices(self, mapping, combination_info):
        if combination_info.get("b2b_login_required"):
            return None, None
        return super()._search_render_results_prices(mapping, combination_info)

    @api.model
    def _get_configurator_display_price(self, product_or_template, quantity, date, currency, pricelist, **kwargs):
        website = self.env["website"].get_current_website()
        if website and not website._b2b_user_can_buy():
            raise AccessError(website._b2b_buying_restricted_message())
        return super()._get_configurator_display_price(
            product_or_template, quantity, date, currency, pricelist, **kwargs
        )
