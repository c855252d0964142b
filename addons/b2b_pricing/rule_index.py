# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pricelist rules fetched once for many products.

Native ``_compute_price_rule`` searches the rules of a pricelist at every
call, and once more per product for each "based on another pricelist"
level. ``RuleIndex`` fetches the rules of a pricelist and of every pricelist
it is based on in one query per level, then answers ``_get_applicable_rules``
from memory, in the same order as the database would.
"""

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


class RuleIndex:
    """Rules valid at ``date``, or at any time from ``date`` to ``until``:
    a batch that prices "now" over several seconds stays served from memory."""

    def __init__(self, pricelist, products, date, until=None):
        self.date = date
        self.until = until or date
        self._env = pricelist.env
        self._position = {}
        self._by_pricelist = {}
        items = pricelist.env["product.pricelist.item"].with_context(active_test=False)
        level = pricelist
        while level:
            rules = items.search(self._domain(level, products, date, self.until))
            rules.fetch(RULE_FIELDS)
            for rule in rules:
                self._add(rule)
            level = rules.filtered(lambda rule: rule.base == "pricelist").base_pricelist_id.filtered(
                lambda based_on: based_on.id not in self._by_pricelist
            )
            for based_on in level:
                self._by_pricelist.setdefault(based_on.id, self._empty())

    @staticmethod
    def _empty():
        return {"global": [], "categ": {}, "tmpl": {}, "variant": {}}

    @staticmethod
    def _domain(pricelists, products, date, until):
        return [
            ("pricelist_id", "in", pricelists.ids),
            "|",
            ("categ_id", "=", False),
            ("categ_id", "parent_of", products.categ_id.ids),
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
        self._position[rule.id] = len(self._position)
        entry = self._by_pricelist.setdefault(rule.pricelist_id.id, self._empty())
        if rule.product_id:
            entry["variant"].setdefault(rule.product_id.id, []).append(rule.id)
        elif rule.product_tmpl_id:
            entry["tmpl"].setdefault(rule.product_tmpl_id.id, []).append(rule.id)
        elif rule.categ_id:
            entry["categ"].setdefault(rule.categ_id.id, []).append(rule.id)
        else:
            entry["global"].append(rule.id)

    def covers(self, pricelist, date):
        if len(pricelist) != 1 or pricelist.id not in self._by_pricelist:
            return False
        try:
            return self.date <= date <= self.until
        except TypeError:  # a date compared with a datetime: let Odoo search
            return False

    def _rule_ids(self, pricelist_id, products, date=None):
        entry = self._by_pricelist[pricelist_id]
        ids = set(entry["global"])
        for product in products:
            is_variant = product._name == "product.product"
            if is_variant:
                ids.update(entry["variant"].get(product.id, ()))
            ids.update(entry["tmpl"].get(product.product_tmpl_id.id if is_variant else product.id, ()))
            for categ_id in product.categ_id.parent_path.split("/")[:-1]:
                ids.update(entry["categ"].get(int(categ_id), ()))
        if date is not None and self.until != self.date:
            ids = {rule_id for rule_id in ids if self._valid_at(rule_id, date)}
        return sorted(ids, key=self._position.__getitem__)

    def _valid_at(self, rule_id, date):
        rule = self._env["product.pricelist.item"].browse(rule_id)
        return (not rule.date_start or rule.date_start <= date) and (not rule.date_end or rule.date_end >= date)

    def rules_for(self, pricelist, products, date):
        """What ``pricelist._get_applicable_rules(products, date)`` would return."""
        return pricelist.env["product.pricelist.item"].browse(self._rule_ids(pricelist.id, products, date))

    def break_quantities(self, product):
        """Minimum quantities above 1 of the rules that may apply to ``product``."""
        rules = self._env["product.pricelist.item"].browse(
            rule_id for pricelist_id in self._by_pricelist for rule_id in self._rule_ids(pricelist_id, product)
        )
        return sorted({rule.min_quantity for rule in rules if rule.min_quantity > 1})

    def rule(self, rule_id):
        return self._env["product.pricelist.item"].browse(rule_id)
