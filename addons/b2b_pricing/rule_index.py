# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pricelist rules fetched once for many products, and native prices
computed from them.

Native ``_compute_price_rule`` searches the rules of a pricelist at every
call, and once more per product for each "based on another pricelist"
level. ``RuleIndex`` fetches the rules of one or several pricelists and of
every pricelist they are based on in one query per level, then answers
``_get_applicable_rules`` from memory, in the same order as the database
would.

``NativePrices`` computes prices as the product module does
(``_compute_price_rule``, ``_is_applicable_for``, ``_compute_price``,
``_compute_base_price``), from values read once instead of through the ORM
at every step: tests hold both to the same result, to the last bit.
"""

from collections import namedtuple

from odoo.tools import SQL, float_round

# Fields read by product.pricelist.item._is_applicable_for / _compute_price.
RULE_FIELDS = [
    "pricelist_id",
    "applied_on",
    "min_quantity",
    "categ_id",
    "product_tmpl_id",
    "product_id",
    "base",
    "base_pricelist_id",
    "compute_price",
    "fixed_price",
    "percent_price",
    "price_discount",
    "price_round",
    "price_surcharge",
    "price_min_margin",
    "price_max_margin",
    "currency_id",
    "company_id",
    "date_start",
    "date_end",
    "b2b_promotion",
]

# A rule's values, as plain Python.
Rule = namedtuple(
    "Rule",
    "id applied_on min_quantity categ_id categ_path product_tmpl_id product_id base base_pricelist_id "
    "compute_price fixed_price percent_price price_discount price_round price_surcharge price_min_margin "
    "price_max_margin",
)
# What rules look at in a product (product.product).
Product = namedtuple("Product", "id tmpl_id categ_id categ_path")


def product_key(product):
    # A variant's category is its template's: read there, the related field
    # is not computed on every variant.
    template = product.product_tmpl_id
    category = template.categ_id
    return Product(product.id, template.id, category.id, category.parent_path)


class RuleIndex:
    """Rules valid at ``date``, or at any time from ``date`` to ``until``:
    a batch that prices "now" over several seconds stays served from memory.

    One index may serve several pricelists (and those they are based on):
    their rules are fetched together, one query per "based on" level."""

    def __init__(self, pricelists, products, date, until=None):
        self.date = date
        self.until = until or date
        self._env = pricelists.env
        self._position = {}
        self._rules = {}
        self._promotion_end = {}
        self._dates = {}
        # Ids of the pricelists each pricelist's rules are based on.
        self._based_on = {}
        self._chains = {}
        # Ids of the rules of a category path, per (pricelist id, path).
        self._path_rule_ids = {}
        # Registered even without rules for these products: "no rule" is an
        # answer too, not a reason to search again.
        self._by_pricelist = {pricelist.id: self._empty() for pricelist in pricelists}
        items = pricelists.env["product.pricelist.item"].with_context(active_test=False)
        level = pricelists
        while level:
            rules = self._read_rules(items, self._domain(level, products, date, self.until))
            for rule in rules:
                self._add(rule)
            level = pricelists.browse(
                {
                    rule["base_pricelist_id"]
                    for rule in rules
                    if rule["base"] == "pricelist" and rule["base_pricelist_id"]
                }
                - set(self._by_pricelist)
            )
            for based_on in level:
                self._by_pricelist.setdefault(based_on.id, self._empty())
        self.currency_ids = {level.id: level.currency_id.id for level in pricelists.browse(list(self._by_pricelist))}

    @staticmethod
    def _read_rules(items, domain):
        """The values of the rules matching ``domain``, in the database's
        order, as their fields give them (a many2one: its id), and their
        category's ``categ_path``: one query, where reading them through the
        ORM costs more than pricing with them."""
        query = items._search(domain, order=items._order)
        fields = [items._fields[fname] for fname in ("id", *RULE_FIELDS)]
        rows = items.env.execute_query(
            query.select(*(items._field_to_sql(items._table, field.name, query) for field in fields))
        )
        rules = [
            {
                # The values fetched into the cache, as record[field] gives them.
                field.name: (value or False) if field.type == "many2one" else field.convert_to_record(value, items)
                for field, value in zip(fields, row, strict=True)
            }
            for row in rows
        ]
        categories = items.env["product.category"].browse({rule["categ_id"] for rule in rules} - {False})
        paths = {category.id: category.parent_path for category in categories}
        for rule in rules:
            rule["categ_path"] = paths.get(rule["categ_id"], False)
        return rules

    @staticmethod
    def _empty():
        return {"global": [], "categ": {}, "tmpl": {}, "variant": {}}

    @staticmethod
    def _domain(pricelists, products, date, until):
        return [
            ("pricelist_id", "in", pricelists.ids),
            "|",
            ("categ_id", "=", False),
            # The variants' categories are their templates' (read there: no
            # related field to compute on every variant).
            ("categ_id", "parent_of", products.product_tmpl_id.categ_id.ids),
            "|",
            ("product_tmpl_id", "=", False),
            ("product_tmpl_id", "in", products.product_tmpl_id.ids),
            "|",
            ("product_id", "=", False),
            ("product_id", "in", products.ids),
            "|",
            ("date_start", "=", False),
            ("date_start", "<=", until),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", date),
        ]

    def _add(self, rule):
        """Index ``rule``, values as _read_rules gives them."""
        rule_id = rule["id"]
        self._position[rule_id] = len(self._position)
        self._rules[rule_id] = Rule(*(rule[name] for name in Rule._fields))
        self._dates[rule_id] = (rule["date_start"], rule["date_end"])
        self._promotion_end[rule_id] = rule["b2b_promotion"] and rule["date_end"]
        pricelist_id = rule["pricelist_id"]
        entry = self._by_pricelist.setdefault(pricelist_id, self._empty())
        if rule["base"] == "pricelist" and rule["base_pricelist_id"]:
            self._based_on.setdefault(pricelist_id, set()).add(rule["base_pricelist_id"])
        if rule["product_id"]:
            entry["variant"].setdefault(rule["product_id"], []).append(rule_id)
        elif rule["product_tmpl_id"]:
            entry["tmpl"].setdefault(rule["product_tmpl_id"], []).append(rule_id)
        elif rule["categ_id"]:
            entry["categ"].setdefault(rule["categ_id"], []).append(rule_id)
        else:
            entry["global"].append(rule_id)

    def covers(self, pricelist, date):
        if len(pricelist) != 1 or pricelist.id not in self._by_pricelist:
            return False
        try:
            return self.date <= date <= self.until
        except TypeError:  # a date compared with a datetime: let Odoo search
            return False

    def _rule_ids(self, pricelist_id, keys, date=None):
        """Ids of the rules of ``pricelist_id`` that may apply to products
        ``keys`` (see product_key) at ``date``, in the database's order."""
        if len(keys) == 1:
            rule_ids = self._product_rule_ids(pricelist_id, keys[0])
        else:
            ids = {rule_id for key in keys for rule_id in self._product_rule_ids(pricelist_id, key)}
            rule_ids = sorted(ids, key=self._position.__getitem__)
        if date is not None and self.until != self.date:
            rule_ids = [rule_id for rule_id in rule_ids if self._valid_at(rule_id, date)]
        return rule_ids

    def _product_rule_ids(self, pricelist_id, key):
        """_rule_ids of one product: those of its category and its parents
        (and global ones), the same for many products, then its own. A rule
        is in one list of the index: no id comes twice."""
        entry = self._by_pricelist[pricelist_id]
        if (pricelist_id, key.categ_path) not in self._path_rule_ids:
            ids = list(entry["global"])
            for categ_id in key.categ_path.split("/")[:-1]:
                ids += entry["categ"].get(int(categ_id), ())
            self._path_rule_ids[pricelist_id, key.categ_path] = sorted(ids, key=self._position.__getitem__)
        rule_ids = self._path_rule_ids[pricelist_id, key.categ_path]
        own = [*(entry["variant"].get(key.id, ()) if key.id else ()), *entry["tmpl"].get(key.tmpl_id, ())]
        return sorted(rule_ids + own, key=self._position.__getitem__) if own else rule_ids

    def _valid_at(self, rule_id, date):
        date_start, date_end = self._dates[rule_id]
        return (not date_start or date_start <= date) and (not date_end or date_end >= date)

    def rules_for(self, pricelist, products, date):
        """What ``pricelist._get_applicable_rules(products, date)`` would return."""
        keys = [
            product_key(product)
            if product._name == "product.product"
            else Product(False, product.id, product.categ_id.id, product.categ_id.parent_path)
            for product in products
        ]
        rules = pricelist.env["product.pricelist.item"].browse(self._rule_ids(pricelist.id, keys, date))
        # Native code reads them: all the rules of the index in one query.
        return rules.with_prefetch(tuple(self._position))

    def _chain(self, pricelist_id):
        """``pricelist_id`` and the pricelists it is based on, at any depth."""
        if pricelist_id not in self._chains:
            chain, todo = set(), [pricelist_id]
            while todo:
                level_id = todo.pop()
                if level_id not in chain:
                    chain.add(level_id)
                    todo.extend(self._based_on.get(level_id, ()))
            self._chains[pricelist_id] = chain
        return self._chains[pricelist_id]

    def break_quantities(self, key, pricelist_id):
        """Minimum quantities above 1 of the rules that may apply to the
        product ``key`` (see product_key) on ``pricelist_id`` and those it
        is based on."""
        return sorted(
            {
                self._rules[rule_id].min_quantity
                for level_id in self._chain(pricelist_id)
                for rule_id in self._rule_ids(level_id, [key])
                if self._rules[rule_id].min_quantity > 1
            }
        )

    def rule(self, rule_id):
        return self._env["product.pricelist.item"].browse(rule_id)

    def promotion_end(self, rule_id):
        """End of the promotion of the rule ``rule_id`` (False: none)."""
        if not rule_id:
            return False
        if rule_id in self._promotion_end:
            return self._promotion_end[rule_id]
        rule = self.rule(rule_id)
        return rule.b2b_promotion and rule.date_end


class NativePrices:
    """Prices of ``products`` (product.product) at ``date`` as native
    ``_compute_price_rule`` gives them (no unit of measure asked: products
    in their own), from the rules of a RuleIndex."""

    def __init__(self, products, date):
        self._products = products
        self._date = date
        self._rates = {}
        self._bases = {}
        self._references = {}

    def _base(self, kind, product_id):
        """``(amount, currency id)`` of ``product._price_compute(kind)``."""
        if kind not in self._bases:
            if kind == "list_price":
                self._bases[kind] = self._list_prices()
            else:
                amounts = self._products._price_compute(kind, date=self._date)
                self._bases[kind] = {
                    product.id: (amounts[product.id], product.cost_currency_id.id) for product in self._products
                }
        return self._bases[kind][product_id]

    def _list_prices(self):
        """``{product id: (amount, currency id)}`` of ``_price_compute("list_price")``
        (no unit, no currency): the list price plus the variant's extra.
        A variant's list_price and currency_id are related to its
        template's (whose currency_id is computed) and its price_extra is
        computed: the ORM computes them variant by variant, which costs
        more than the prices. They are taken as those fields give them
        (_b2b_native_pricing_only checks that no add-on changes them)."""
        products = self._products
        env = products.env
        digits = products._fields["list_price"].get_digits(env)
        # price_extra sums the extra prices of the variant's attribute
        # values: only variants having values are computed.
        extras = {product.id: product.price_extra for product in self._with_attribute_values()}
        currencies = {}
        prices = {}
        for product in products:
            template = product.product_tmpl_id
            # As product.list_price holds it (see Float.convert_to_cache).
            list_price = float(template.list_price or 0.0)
            if digits:
                list_price = float_round(list_price, precision_digits=digits[1])
            # As product.template._compute_currency_id computes it.
            company = template.company_id
            if company.id not in currencies:
                currencies[company.id] = (
                    company.sudo().currency_id.id or env["res.company"]._get_main_company().currency_id.id
                )
            # _get_attributes_extra_price: price_extra (no extra for
            # no_variant attributes in the context, see _b2b_native_pricing_only).
            prices[product.id] = ((list_price or 0.0) + extras.get(product.id, 0.0), currencies[company.id])
        return prices

    def _with_attribute_values(self):
        """The products having attribute values (and new ones), in one query."""
        products = self._products
        field = products._fields["product_template_attribute_value_ids"]
        products.flush_model([field.name])
        rows = products.env.execute_query(
            SQL(
                "SELECT DISTINCT %s FROM %s WHERE %s = ANY(%s)",
                SQL.identifier(field.column1),
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                [id_ for id_ in products._ids if isinstance(id_, int)],
            )
        )
        with_values = {product_id for (product_id,) in rows}
        return products.browse([id_ for id_ in products._ids if id_ in with_values or not isinstance(id_, int)])

    def _convert(self, amount, from_id, to_id):
        """``res.currency._convert(amount, ..., round=False)``, rates read once."""
        if from_id == to_id:
            return amount
        if not amount:
            return 0.0
        if (from_id, to_id) not in self._rates:
            env = self._products.env
            source, target = env["res.currency"].browse(from_id), env["res.currency"].browse(to_id)
            self._rates[from_id, to_id] = source._get_conversion_rate(source, target, env.company, self._date)
        return amount * self._rates[from_id, to_id]

    def reference_prices(self, keys, currency):
        """``{product id: catalog price in currency}`` (at least for
        ``keys``), rounded as ``_price_compute`` rounds it; computed once
        per currency for all the pricelists in that currency."""
        rounding = currency.rounding
        references = self._references.setdefault(currency.id, {})
        for key in keys:
            if key.id not in references:
                amount, from_id = self._base("list_price", key.id)
                converted = self._convert(amount, from_id, currency.id)
                references[key.id] = float_round(converted, precision_rounding=rounding) if converted else 0.0
        return references

    def price(self, index, pricelist_id, key, quantity, currency_id):
        """``(price, rule id)`` of the product ``key`` (see product_key) on
        ``pricelist_id``, whose rules ``index`` holds."""
        rule = next(
            (
                rule
                for rule in map(index._rules.__getitem__, index._rule_ids(pricelist_id, [key], self._date))
                if self._applies(rule, key, quantity)
            ),
            None,
        )
        return self._rule_price(index, rule, key, quantity, currency_id), rule.id if rule else False

    @staticmethod
    def _applies(rule, key, quantity):
        if rule.min_quantity and quantity < rule.min_quantity:
            return False
        if rule.applied_on == "2_product_category":
            return key.categ_id == rule.categ_id or key.categ_path.startswith(rule.categ_path)
        if rule.applied_on == "1_product":
            return key.tmpl_id == rule.product_tmpl_id
        if rule.applied_on == "0_product_variant":
            return key.id == rule.product_id
        return True

    def _rule_price(self, index, rule, key, quantity, currency_id):
        if rule and rule.compute_price == "fixed":
            return rule.fixed_price
        base = self._base_price(index, rule, key, quantity, currency_id)
        if rule and rule.compute_price == "percentage":
            return (base - (base * (rule.percent_price / 100))) or 0.0
        if rule and rule.compute_price == "formula":
            # Native uses -price_markup for costs: the same number.
            price = base - (base * (rule.price_discount / 100))
            if rule.price_round:
                price = float_round(price, precision_rounding=rule.price_round)
            if rule.price_surcharge:
                price += rule.price_surcharge
            if rule.price_min_margin:
                price = max(price, base + rule.price_min_margin)
            if rule.price_max_margin:
                price = min(price, base + rule.price_max_margin)
            return price
        return base

    def _base_price(self, index, rule, key, quantity, currency_id):
        kind = (rule and rule.base) or "list_price"
        if kind == "pricelist" and rule.base_pricelist_id:
            from_id = index.currency_ids[rule.base_pricelist_id]
            amount = self.price(index, rule.base_pricelist_id, key, quantity, from_id)[0]
        else:
            amount, from_id = self._base("standard_price" if kind == "standard_price" else "list_price", key.id)
        return self._convert(amount, from_id, currency_id)
