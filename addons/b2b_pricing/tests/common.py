# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A small priced world that other add-ons' tests reuse.

Products A (100.00) and B (40.00) in category Tools; tiers Gold (-20 %, with
breaks on A: 10+ at 75.00, 50+ at 70.00) and Bronze (catalog prices, with a
category break: Tools 20+ at -5 %).
"""

from odoo import Command
from odoo.tests import TransactionCase


class B2bPricingCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.env.company.currency_id
        cls.category = cls.env["product.category"].create({"name": "Tools"})
        cls.product_a, cls.product_b = cls.env["product.product"].create(
            [
                {"name": "Drill A", "default_code": "T-A", "list_price": 100.0, "categ_id": cls.category.id},
                {"name": "Saw B", "default_code": "T-B", "list_price": 40.0, "categ_id": cls.category.id},
            ]
        )
        cls.pricelist_bronze = cls.env["product.pricelist"].create(
            {
                "name": "Test Bronze",
                "currency_id": cls.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": cls.category.id,
                            "min_quantity": 20,
                            "compute_price": "percentage",
                            "percent_price": 5,
                        }
                    )
                ],
            }
        )
        cls.pricelist_gold = cls.env["product.pricelist"].create(
            {
                "name": "Test Gold",
                "currency_id": cls.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.product_a.id,
                            "min_quantity": 10,
                            "compute_price": "fixed",
                            "fixed_price": 75.0,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.product_a.id,
                            "min_quantity": 50,
                            "compute_price": "fixed",
                            "fixed_price": 70.0,
                        }
                    ),
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 20}),
                ],
            }
        )
        cls.tier_gold, cls.tier_bronze = cls.env["b2b.tier"].create(
            [
                {
                    "name": "Test Gold",
                    "sequence": -2,
                    "pricelist_id": cls.pricelist_gold.id,
                    "min_purchase_volume": 5000,
                },
                {"name": "Test Bronze", "sequence": -1, "pricelist_id": cls.pricelist_bronze.id},
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Test Customer SA", "is_company": True, "country_id": cls.env.ref("base.fr").id}
        )
        cls.buyer = cls.env["res.partner"].create({"name": "Test Buyer", "parent_id": cls.customer.id})
        # As if committed: later changes of these records are tracked.
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def invoice(self, partner, amount, date):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product_b.id, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move
