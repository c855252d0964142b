# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..rule_index import RuleIndex


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    b2b_tier_ids = fields.One2many("b2b.tier", "pricelist_id", string="B2B tiers")

    def _get_applicable_rules(self, products, date, **kwargs):
        # Inside _b2b_price_table the rules of the whole pricelist chain were
        # fetched once: serve them from memory instead of one search per
        # product and per "based on another pricelist" level.
        index = self.env.context.get("b2b_rule_index")
        if index is not None and index.covers(self, date):
            return index.rules_for(self, products, date)
        return super()._get_applicable_rules(products, date, **kwargs)

    def _b2b_with_rule_index(self, products, date, until=None):
        """This pricelist in a context where its rules (and those of the
        pricelists it is based on) for ``products`` at ``date`` (or any time
        up to ``until``) are fetched once: native price computations done in
        that context, such as sale order lines' prices, no longer query rules
        product by product."""
        self.ensure_one()
        return self.with_context(b2b_rule_index=RuleIndex(self, products, date, until))

    def _b2b_price_table(self, products, quantities=(1.0,), date=None, currency=None):
        """Prices of ``products`` (product.product) on this pricelist.

        Returns ``{product_id: values}`` where values holds:

        - ``prices``: ``{quantity: unit price}`` for each of ``quantities``
          (a sequence for every product, or ``{product_id: sequence}`` when
          each product is wanted at its own quantities);
        - ``breaks``: ``[(min_quantity, unit price, saving %)]``, the quantity
          breaks of the product (first line: quantity 1);
        - ``reference_price``: the catalog price, to strike through;
        - ``promotion_end``: end of the promotion giving the price at the
          first of ``quantities``, if any.

        Native pricelist rules compute every price; the number of SQL queries
        does not depend on the number of products. As natively, ``currency``
        defaults to the pricelist's and fixed prices are in that currency.
        """
        self.ensure_one()
        date = date or fields.Datetime.now()
        currency = currency or self.currency_id
        pricelist = self._b2b_with_rule_index(products, date)
        index = pricelist.env.context["b2b_rule_index"]
        products = products.with_env(pricelist.env)
        references = products._price_compute("list_price", currency=currency, date=date)
        result = {}
        for product in products:
            wanted_quantities = quantities.get(product.id, (1.0,)) if isinstance(quantities, dict) else quantities
            first_quantity = wanted_quantities[0]
            break_quantities = [1.0, *index.break_quantities(product)]
            wanted = sorted({*wanted_quantities, *break_quantities})
            computed = {
                quantity: pricelist._compute_price_rule(product, quantity, currency=currency, date=date)[product.id]
                for quantity in wanted
            }
            reference = references[product.id]
            breaks, last_price = [], None
            for quantity in break_quantities:
                price = computed[quantity][0]
                if last_price is None or currency.compare_amounts(price, last_price) < 0:
                    saving = (reference - price) / reference * 100 if reference else 0.0
                    breaks.append((quantity, price, saving))
                    last_price = price
            rule = index.rule(computed[first_quantity][1])
            result[product.id] = {
                "prices": {quantity: computed[quantity][0] for quantity in wanted_quantities},
                "breaks": breaks,
                "reference_price": reference,
                "promotion_end": rule.b2b_promotion and rule.date_end,
                "currency": currency,
            }
        return result
