# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from .common import B2bPricingCase


@tagged("post_install", "-at_install")
class TestPriceTable(B2bPricingCase):
    def table(self, pricelist, products, quantities=(1.0,), date=None, currency=None):
        return pricelist._b2b_price_table(products, quantities, date=date, currency=currency)

    def test_price_matrix(self):
        """Tier x quantity, against hand-computed prices."""
        products = self.product_a | self.product_b
        quantities = (1.0, 10.0, 20.0, 50.0)
        expected = {
            # Gold: A has fixed breaks, B gets -20 %.
            (self.pricelist_gold, self.product_a): [80.0, 75.0, 75.0, 70.0],
            (self.pricelist_gold, self.product_b): [32.0, 32.0, 32.0, 32.0],
            # Bronze: catalog price, -5 % from 20 on the category.
            (self.pricelist_bronze, self.product_a): [100.0, 100.0, 95.0, 95.0],
            (self.pricelist_bronze, self.product_b): [40.0, 40.0, 38.0, 38.0],
        }
        for pricelist in (self.pricelist_gold, self.pricelist_bronze):
            table = self.table(pricelist, products, quantities)
            for product in products:
                with self.subTest(pricelist=pricelist.name, product=product.name):
                    prices = [table[product.id]["prices"][quantity] for quantity in quantities]
                    self.assertEqual(prices, expected[pricelist, product])
                    self.assertEqual(table[product.id]["reference_price"], product.list_price)

    def test_breaks_and_savings(self):
        table = self.table(self.pricelist_gold, self.product_a)
        self.assertEqual(
            table[self.product_a.id]["breaks"], [(1.0, 80.0, 20.0), (10.0, 75.0, 25.0), (50.0, 70.0, 30.0)]
        )
        table = self.table(self.pricelist_bronze, self.product_b)
        self.assertEqual(table[self.product_b.id]["breaks"], [(1.0, 40.0, 0.0), (20.0, 38.0, 5.0)])

    def test_several_pricelists_at_once_as_each_alone(self):
        """Priced together, pricelists share their rules' queries, not their
        rules: each keeps its own breaks (Gold's 10 and 50 on A, Bronze's 20)."""
        products = self.product_a | self.product_b
        quantities = (1.0, 10.0, 20.0, 50.0)
        tables = (self.pricelist_gold | self.pricelist_bronze)._b2b_price_tables(products, quantities)
        for pricelist in (self.pricelist_gold, self.pricelist_bronze):
            with self.subTest(pricelist=pricelist.name):
                self.assertEqual(tables[pricelist], self.table(pricelist, products, quantities))

    def test_same_prices_as_native_odoo(self):
        products = self.env["product.product"].search([("sale_ok", "=", True)], limit=60) | self.product_a
        for pricelist in (self.pricelist_gold, self.pricelist_bronze):
            table = self.table(pricelist, products, (1.0, 10.0, 50.0))
            for product in products:
                for quantity in (1.0, 10.0, 50.0):
                    self.assertAlmostEqual(
                        table[product.id]["prices"][quantity],
                        pricelist._get_product_price(product, quantity),
                        places=6,
                        msg=f"{product.display_name} x {quantity} on {pricelist.name}",
                    )

    def test_dates_and_promotion_window(self):
        self.pricelist_gold.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": self.product_b.id,
                    "compute_price": "fixed",
                    "fixed_price": 25.0,
                    "b2b_promotion": True,
                    "date_start": datetime(2026, 6, 1),
                    "date_end": datetime(2026, 6, 30, 23, 59, 59),
                }
            )
        ]
        cases = [
            (datetime(2026, 5, 31, 12), 32.0, False),
            (datetime(2026, 6, 15, 12), 25.0, datetime(2026, 6, 30, 23, 59, 59)),
            (datetime(2026, 7, 1, 12), 32.0, False),
        ]
        for date, price, promotion_end in cases:
            with self.subTest(date=date):
                values = self.table(self.pricelist_gold, self.product_b, date=date)[self.product_b.id]
                self.assertEqual(values["prices"][1.0], price)
                self.assertEqual(values["promotion_end"], promotion_end)

    def test_pricelist_based_on_another_one(self):
        agreement = self.env["product.pricelist"].create(
            {
                "name": "Negotiated",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.product_b.id,
                            "compute_price": "fixed",
                            "fixed_price": 30.0,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "formula",
                            "base": "pricelist",
                            "base_pricelist_id": self.pricelist_gold.id,
                        }
                    ),
                ],
            }
        )
        table = self.table(agreement, self.product_a | self.product_b, (1.0, 10.0))
        self.assertEqual(table[self.product_b.id]["prices"], {1.0: 30.0, 10.0: 30.0})
        self.assertEqual(table[self.product_a.id]["prices"], {1.0: 80.0, 10.0: 75.0})
        self.assertEqual([line[0] for line in table[self.product_a.id]["breaks"]], [1.0, 10.0, 50.0])

    def test_other_currency(self):
        """A tier priced in USD: catalog prices converted, fixed prices as set."""
        usd = self.env.ref("base.USD")
        usd.active = True
        # Demo data holds rates for the company currency too: keep only ours.
        (usd | self.currency).rate_ids.unlink()
        self.env["res.currency.rate"].create({"currency_id": usd.id, "name": "2026-01-01", "rate": 2.0})
        pricelist_usd = self.env["product.pricelist"].create(
            {
                "name": "Test Gold USD",
                "currency_id": usd.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.product_a.id,
                            "min_quantity": 10,
                            "compute_price": "fixed",
                            "fixed_price": 150.0,
                        }
                    ),
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 20}),
                ],
            }
        )
        table = self.table(pricelist_usd, self.product_a, (1.0, 10.0), date=datetime(2026, 3, 1))
        self.assertEqual(table[self.product_a.id]["prices"], {1.0: 160.0, 10.0: 150.0})
        self.assertEqual(table[self.product_a.id]["reference_price"], 200.0)
        self.assertEqual(table[self.product_a.id]["currency"], usd)

    def test_query_count_does_not_grow_with_products(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Screw box {index}", "list_price": 10.0 + index, "categ_id": self.category.id}
                for index in range(200)
            ]
        )
        self.pricelist_gold.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "min_quantity": 10,
                    "compute_price": "percentage",
                    "percent_price": 25,
                }
            )
            for product in products
        ]

        def queries(products):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.table(self.pricelist_gold, products, (1.0, 10.0, 50.0))
            return self.env.cr.sql_log_count - before

        queries(products[:5])  # warm the registry caches (ormcache) shared by both runs
        self.assertEqual(queries(products), queries(products[:5]))
        self.assertLessEqual(queries(products), 25)

    def test_every_kind_of_rule_gives_native_prices(self):
        """Random rules of every kind: the batch computation gives Odoo's
        prices and rules, bit for bit, at every quantity."""
        rng = random.Random(7)
        self.assertTrue(self.pricelist_gold._b2b_native_pricing_only(self.product_a))
        usd = self.env.ref("base.USD")
        usd.active = True
        self.env["res.currency.rate"].create({"currency_id": usd.id, "name": "2026-01-01", "rate": 1.1734})
        child = self.env["product.category"].create({"name": "Drills", "parent_id": self.category.id})
        grandchild = self.env["product.category"].create({"name": "Cordless", "parent_id": child.id})
        other = self.env["product.category"].create({"name": "Garden"})
        size = self.env["product.attribute"].create(
            {"name": "Size", "value_ids": [Command.create({"name": name}) for name in ("S", "M", "L")]}
        )
        template = self.env["product.template"].create(
            {
                "name": "Sized box",
                "list_price": 12.5,
                "categ_id": grandchild.id,
                "attribute_line_ids": [Command.create({"attribute_id": size.id, "value_ids": size.value_ids.ids})],
            }
        )
        for index, value in enumerate(template.attribute_line_ids.product_template_value_ids):
            value.price_extra = 1.25 * index
        products = template.product_variant_ids | self.env["product.product"].create(
            [
                {
                    "name": f"Article {index}",
                    "list_price": round(rng.uniform(0, 300), 2),
                    "standard_price": round(rng.uniform(0, 150), 2),
                    "categ_id": rng.choice([self.category, child, grandchild, other]).id,
                }
                for index in range(30)
            ]
        )
        products[-1].list_price = 0.0

        def rule(**values):
            target = rng.choice(["3_global", "2_product_category", "1_product", "0_product_variant"])
            product = rng.choice(products)
            values.setdefault("applied_on", target)
            values.setdefault("min_quantity", rng.choice([0, 0, 5, 10, 50]))
            if values["applied_on"] == "2_product_category":
                values.setdefault("categ_id", rng.choice([self.category, child, grandchild, other]).id)
            elif values["applied_on"] == "1_product":
                values.setdefault("product_tmpl_id", product.product_tmpl_id.id)
            elif values["applied_on"] == "0_product_variant":
                values.setdefault("product_id", product.id)
            kind = values.setdefault("compute_price", rng.choice(["fixed", "percentage", "formula"]))
            if kind == "fixed":
                values.setdefault("fixed_price", round(rng.uniform(1, 200), 2))
            elif kind == "percentage":
                values.setdefault("percent_price", rng.choice([5, 12.5, 33.3, -10]))
            else:
                values.setdefault("base", rng.choice(["list_price", "standard_price"]))
                min_margin, max_margin = rng.choice([(0, 0), (2.0, 40.0), (0, 40.0)])
                values.update(
                    price_discount=rng.choice([0, 7.5, 15, -20]),
                    price_round=rng.choice([0, 0.05, 1.0]),
                    price_surcharge=rng.choice([0, 0.99, -1.5]),
                    price_min_margin=min_margin,
                    price_max_margin=max_margin,
                )
            return Command.create(values)

        pricelist_usd = self.env["product.pricelist"].create(
            {"name": "USD list", "currency_id": usd.id, "item_ids": [rule() for _ in range(15)]}
        )
        base = self.env["product.pricelist"].create({"name": "Base", "item_ids": [rule() for _ in range(15)]})
        main = self.env["product.pricelist"].create(
            {
                "name": "Main",
                "item_ids": [
                    *(rule() for _ in range(40)),
                    rule(applied_on="3_global", compute_price="formula", base="pricelist", base_pricelist_id=base.id),
                    rule(
                        applied_on="2_product_category",
                        categ_id=child.id,
                        min_quantity=0,
                        compute_price="formula",
                        base="pricelist",
                        base_pricelist_id=pricelist_usd.id,
                    ),
                    rule(date_end=datetime(2026, 2, 1)),
                    rule(date_start=datetime(2026, 4, 1)),
                ],
            }
        )
        date = datetime(2026, 3, 1)
        quantities = (1.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0)
        tables = (main | base | pricelist_usd)._b2b_price_tables(products, quantities, date=date)
        for pricelist, table in tables.items():
            for product in products:
                native = {
                    quantity: pricelist._compute_price_rule(product, quantity, date=date)[product.id]
                    for quantity in quantities
                }
                with self.subTest(pricelist=pricelist.name, product=product.display_name):
                    self.assertEqual(
                        table[product.id]["prices"], {qty: price for qty, (price, _rule) in native.items()}
                    )
                    self.assertEqual(
                        table[product.id]["reference_price"],
                        product._price_compute("list_price", currency=pricelist.currency_id, date=date)[product.id],
                    )
                    promotion_rule = self.env["product.pricelist.item"].browse(native[1.0][1])
                    self.assertEqual(
                        table[product.id]["promotion_end"], promotion_rule.b2b_promotion and promotion_rule.date_end
                    )
