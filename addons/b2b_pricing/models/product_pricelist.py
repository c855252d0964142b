# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools

from odoo import fields, models

from ..rule_index import NativePrices, RuleIndex, product_key

# The methods NativePrices reproduces, and the modules allowed to define
# them: an add-on overriding one sends prices back through Odoo's own code.
NATIVE_PRICING_METHODS = {
    "product.pricelist": ("_compute_price_rule", "_get_product_price"),
    "product.pricelist.item": ("_is_applicable_for", "_compute_price", "_compute_base_price"),
    "product.product": ("_price_compute", "_get_attributes_extra_price", "_compute_product_price_extra"),
    "product.template": ("_compute_currency_id",),
}
NATIVE_PRICING_MODULES = ("odoo.addons.product.", "odoo.addons.b2b_pricing.", "odoo.models", "odoo.api")


def only_native_methods(env, methods, modules):
    """Whether only ``modules`` define ``methods`` (``{model: names}``):
    no other installed add-on changes them, so a batch computation that
    reproduces them gives what they would."""
    return _only_native_methods(tuple((type(env[model]), names) for model, names in methods.items()), modules)


@functools.lru_cache(maxsize=64)
def _only_native_methods(classes, modules):
    # Per registry's model classes: a registry reload makes new ones.
    return not any(
        not cls.__module__.startswith(modules) and any(name in vars(cls) for name in names)
        for model_class, names in classes
        for cls in model_class.__mro__
    )


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

        Prices are those of native pricelist rules; the number of SQL
        queries does not depend on the number of products. As natively,
        ``currency`` defaults to the pricelist's and fixed prices are in that
        currency.
        """
        self.ensure_one()
        return self._b2b_price_tables(products, quantities, date, currency)[self]

    def _b2b_price_tables(self, products, quantities=(1.0,), date=None, currency=None):
        """``{pricelist: _b2b_price_table(...)}`` for each of these
        pricelists, the products' own values and the rules of all these
        pricelists read once for all of them."""
        date = date or fields.Datetime.now()
        products = products.with_env(self.env)
        native = NativePrices(products, date) if self._b2b_native_pricing_only(products) else None
        keys = [product_key(product) for product in products]
        index = RuleIndex(self, products, date)
        return {
            pricelist: pricelist.with_context(b2b_rule_index=index)._b2b_table(
                products, keys, quantities, date, currency or pricelist.currency_id, native
            )
            for pricelist in self
        }

    def _b2b_native_pricing_only(self, products):
        """Whether NativePrices gives what Odoo would: variants priced in
        their own unit, and no installed add-on changing how prices are
        computed (then every price goes through Odoo's methods)."""
        if products._name != "product.product" or "no_variant_attributes_price_extra" in self.env.context:
            return False
        return only_native_methods(self.env, NATIVE_PRICING_METHODS, NATIVE_PRICING_MODULES)

    def _b2b_table(self, products, keys, quantities, date, currency, native):
        """One pricelist's _b2b_price_table, in a context holding a RuleIndex
        with its rules (see _b2b_price_tables)."""
        index = self.env.context["b2b_rule_index"]
        if native:
            references = native.reference_prices(keys, currency)

            def compute(key, quantity):
                return native.price(index, self.id, key, quantity, currency.id)
        else:
            references = products._price_compute("list_price", currency=currency, date=date)
            by_id = {product.id: product for product in products}

            def compute(key, quantity):
                return self._compute_price_rule(by_id[key.id], quantity, currency=currency, date=date)[key.id]

        result = {}
        for key in keys:
            wanted_quantities = quantities.get(key.id, (1.0,)) if isinstance(quantities, dict) else quantities
            first_quantity = wanted_quantities[0]
            break_quantities = [1.0, *index.break_quantities(key, self.id)]
            computed = {quantity: compute(key, quantity) for quantity in {*wanted_quantities, *break_quantities}}
            reference = references[key.id]
            breaks, last_price = [], None
            for quantity in break_quantities:
                price = computed[quantity][0]
                if last_price is None or currency.compare_amounts(price, last_price) < 0:
                    saving = (reference - price) / reference * 100 if reference else 0.0
                    breaks.append((quantity, price, saving))
                    last_price = price
            result[key.id] = {
                "prices": {quantity: computed[quantity][0] for quantity in wanted_quantities},
                "breaks": breaks,
                "reference_price": reference,
                "promotion_end": index.promotion_end(computed[first_quantity][1]),
                "currency": currency,
            }
        return result
