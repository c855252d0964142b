# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import AlgoliaCase, displayed_prices


@tagged("post_install", "-at_install")
class TestSync(AlgoliaCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpAlgolia()
        cls.template = cls.env["product.template"].search(
            [
                *cls.template._b2b_algolia_domain(cls.website),
                ("public_categ_ids", "!=", False),
                ("product_brand_id", "!=", False),
            ],
            limit=1,
        )
        cls.object_id = f"product.template-{cls.template.id}"

    def export_jobs(self, trap):
        return [job for job in trap.enqueued_jobs if job.method_name == "_job_export"]

    def pending(self, index=None):
        return self.env["b2b.algolia.record"]._pending(index or self.index, 10000)

    def test_a_change_gives_one_job_per_index_then_one_batch(self):
        with trap_jobs() as trap:
            self.template.name = "Perceuse renommée"
            jobs = self.export_jobs(trap)
            self.assertEqual({job.recordset.id for job in jobs}, set(self.website.b2b_algolia_index_ids.ids))
            self.assertEqual({job.channel for job in jobs}, {"root.b2b_algolia"})
            self.assertTrue(all(job.eta for job in jobs), "delayed: a burst of writes waits")
            trap.perform_enqueued_jobs()
        self.assertEqual(self.objects()[self.object_id]["name"], "Perceuse renommée")
        self.assertEqual(len(self.batches()), 1)
        self.assertEqual(self.pending(), {})
        # Nothing changed since: nothing sent.
        self.template.name = "Perceuse renommée"
        self.export()
        self.assertEqual(len(self.batches()), 1)

    def test_thousand_writes_on_one_product_send_one_request(self):
        """Real queue_job records, not trapped: identity keys debounce."""
        Job_ = self.env["queue.job"]
        before = Job_.search([("method_name", "=", "_job_export")])
        for number in range(1000):
            self.template.write({"name": f"Perceuse {number}"})
        jobs = Job_.search([("method_name", "=", "_job_export")]) - before
        self.assertEqual(len(jobs), len(self.website.b2b_algolia_index_ids), "one pending export per index")
        # Run while changes are still coming, the job waits for them to stop.
        self.env["ir.config_parameter"].set_param("b2b_algolia.export_quiet_seconds", 2)
        with self.assertRaises(RetryableJobError):
            Job.load(self.env, jobs[0].uuid).perform()
        self.env["ir.config_parameter"].set_param("b2b_algolia.export_quiet_seconds", 0)
        for job in jobs:
            Job.load(self.env, job.uuid).perform()
        self.assertEqual(len(self.batches()), 1)
        self.assertEqual(self.objects()[self.object_id]["name"], "Perceuse 999")

    def test_every_trigger_marks_the_product(self):
        variant = self.template.product_variant_ids[:1]
        category = self.template.public_categ_ids[:1]
        pricelist = self.company_dupont.property_product_pricelist
        triggers = {
            "variant barcode": lambda: variant.write({"barcode": "3000000000017"}),
            "translation": lambda: self.template.with_context(lang="en_US").write({"name": "Drill EN"}),
            "category rename": lambda: category.write({"name": "Renamed category"}),
            "brand rename": lambda: self.template.product_brand_id.write({"name": "Renamed brand"}),
            "unpublished": lambda: self.template.write({"is_published": False}),
            "pricelist item": lambda: self.env["product.pricelist.item"].create(
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "1_product",
                    "product_tmpl_id": self.template.id,
                    "compute_price": "fixed",
                    "fixed_price": 1.0,
                }
            ),
            "reserved": lambda: self.template.write({"b2b_reserved_for_ids": [Command.set(self.company_mueller.ids)]}),
            "stock move": lambda: self._receive(variant),
        }
        records = self.env["b2b.algolia.record"]
        for name, trigger in triggers.items():
            self.export()  # start from a clean state
            with self.subTest(trigger=name), trap_jobs() as trap:
                trigger()
                self.assertIn(self.index, [job.recordset for job in self.export_jobs(trap)], name)
                record = records.search([("index_id", "=", self.index.id), ("product_tmpl_id", "=", self.template.id)])
                self.assertIn(record.id, self.pending(), name)

    def test_prices_following_costs_and_extra_prices_are_marked(self):
        """A cost written (when a B2B rule is based on costs) or an attribute
        value's extra price changed marks the record and its stored prices."""
        variant = self.template.product_variant_ids[:1]

        def marked(trigger):
            self.export()
            self.env.cr.execute("DELETE FROM b2b_search_price_stale")
            trigger()
            record = self.env["b2b.algolia.record"].search(
                [("index_id", "=", self.index.id), ("product_tmpl_id", "=", self.template.id)]
            )
            self.env.cr.execute("SELECT product_tmpl_id FROM b2b_search_price_stale")
            stale = {row[0] for row in self.env.cr.fetchall()}
            return record.id in self.pending(), self.template.id in stale

        self.assertEqual(marked(lambda: variant.write({"standard_price": 12.0})), (False, False), "no rule on costs")
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.company_dupont.property_product_pricelist.id,
                "applied_on": "1_product",
                "product_tmpl_id": self.template.id,
                "compute_price": "formula",
                "base": "standard_price",
                "price_markup": 25.0,
            }
        )
        self.assertEqual(marked(lambda: variant.write({"standard_price": 13.0})), (True, True))
        self.assertEqual(marked(lambda: self.template.write({"standard_price": 14.0})), (True, True))
        self.assertEqual(marked(lambda: variant.write({"weight": 2.0})), (False, False), "not a price")

        attribute = self.env["product.attribute"].create(
            {"name": "Finition", "value_ids": [Command.create({"name": "Zinguée"})]}
        )
        self.template.attribute_line_ids = [
            Command.create({"attribute_id": attribute.id, "value_ids": [Command.set(attribute.value_ids.ids)]})
        ]
        value = self.template.attribute_line_ids.filtered(lambda line: line.attribute_id == attribute)
        self.assertEqual(marked(lambda: value.product_template_value_ids.write({"price_extra": 5.0})), (True, True))

    def _receive(self, variant):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.env.ref("stock.picking_type_in").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": variant.name,
                            "product_id": variant.id,
                            "product_uom_qty": 3,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.env.ref("stock.stock_location_stock").id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = 3
        picking.move_ids.picked = True
        picking._action_done()

    def test_unpublished_archived_and_deleted_products_are_removed(self):
        self.template.name = "Indexed"
        self.export()
        self.assertIn(self.object_id, self.objects())
        self.template.is_published = False
        self.export()
        self.assertNotIn(self.object_id, self.objects())
        self.assertEqual(
            self.batches()[-1]["requests"], [{"action": "deleteObject", "body": {"objectID": self.object_id}}]
        )

        product = self.env["product.template"].create({"name": "Short-lived", "is_published": True, "sale_ok": True})
        object_id = f"product.template-{product.id}"
        self.export()
        self.assertIn(object_id, self.objects())
        product.unlink()
        self.export()
        self.assertNotIn(object_id, self.objects())

    def test_failures_are_retried_and_nothing_is_lost(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_algolia.timeout_seconds", 1)
        self.server.state.delay = 1.5
        for failure in (500, 503, 429, "timeout"):
            self.template.name = f"After {failure}"
            # 429 is retried by the client itself first (three times).
            self.server.state.failures = [failure] * (4 if failure == 429 else 1)
            with self.subTest(failure=failure):
                with self.assertRaises(RetryableJobError):
                    self.export()
                self.assertTrue(self.pending(), "still to export")
                self.assertNotEqual(self.objects().get(self.object_id, {}).get("name"), f"After {failure}")
                self.export()  # the retry
                self.assertEqual(self.objects()[self.object_id]["name"], f"After {failure}")
                self.assertFalse(self.pending())

    def test_a_change_during_an_export_stays_pending(self):
        self.template.name = "Version 1"
        records = self.env["b2b.algolia.record"]
        versions = records._pending(self.index, 1000)
        self.template.name = "Version 2"  # while the export of version 1 is in flight
        batch = records.browse(versions)
        _requests, hashes, in_index = self.index._b2b_batch(batch)
        batch._acknowledge(versions, hashes, in_index)
        self.assertTrue(self.pending(), "version 2 is not acknowledged by version 1's export")

    def test_a_change_no_job_is_coming_for_is_exported_within_a_minute(self):
        Index = self.env["b2b.algolia.index"]
        self.export()
        with trap_jobs() as trap:
            Index._cron_export_pending()
            self.assertFalse(self.export_jobs(trap), "nothing pending, nothing queued")
            # As if committed after the export that absorbed its job had read.
            self.env["b2b.algolia.record"]._mark_to_export(self.template.ids, enqueue=False)
            Index._cron_export_pending()
            self.assertEqual(
                {job.recordset.id for job in self.export_jobs(trap)}, set(self.website.b2b_algolia_index_ids.ids)
            )
            trap.perform_enqueued_jobs()
        self.assertEqual(self.pending(), {})

    def test_reconciliation_re_exports_drift(self):
        self.export()
        self.env["b2b.algolia.record"].search([("index_id", "=", self.index.id)]).unlink()
        drifted = self.index._b2b_reconcile()
        self.assertGreater(drifted, 0)
        self.export()
        self.assertIn(self.object_id, self.objects())
        self.assertEqual(self.index._b2b_reconcile(), 0, "in sync again")

    def test_a_new_b2b_pricelist_reprices_every_record(self):
        """A company given a pricelist no approved company had (an
        agreement's, a new tier's) finds its prices in the records and the
        stored prices at once, not at the next reconciliation."""
        self.export()
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Accord Dupont 2027",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": self.template.id,
                            "compute_price": "fixed",
                            "fixed_price": 77.0,
                        }
                    )
                ],
            }
        )
        self.assertEqual(self.pending(), {}, "no approved company's pricelist yet")
        with trap_jobs() as trap:
            self.company_dupont.property_product_pricelist = pricelist
            self.assertIn(self.index, [job.recordset for job in self.export_jobs(trap)])
            trap.perform_enqueued_jobs()
        price = self.objects()[self.object_id][f"price_{pricelist.id}"]
        self.assertAlmostEqual(price, displayed_prices(self.template, pricelist, self.website)[self.template], 2)
        stored = self.env["b2b.search.price"].search(
            [
                ("pricelist_id", "=", pricelist.id),
                ("website_id", "=", self.website.id),
                ("product_tmpl_id", "=", self.template.id),
            ]
        )
        self.assertEqual(stored.price, price)
        # The same pricelists as before: nothing to reprice.
        self.company_dupont.write({"b2b_approved": True, "property_product_pricelist": pricelist.id})
        self.assertEqual(self.pending(), {})

    def test_full_reindex_is_atomic_and_keeps_later_changes(self):
        self.template.name = "Before the reindex"
        self.export()
        self.objects()["product.template-0"] = {"objectID": "product.template-0"}  # stale on Algolia
        with trap_jobs() as trap:
            self.index.action_full_reindex()
            jobs = {job.method_name: [] for job in trap.enqueued_jobs}
            for job in trap.enqueued_jobs:
                jobs[job.method_name].append(job)
        self.assertEqual(self.index.reindex_done, 0)
        self.assertGreater(self.index.reindex_total, 0)
        for job in jobs["_job_reindex_start"] + jobs["_job_reindex_batch"]:
            job.perform()
        self.assertEqual(self.index.reindex_done, self.index.reindex_total)
        self.assertIn("product.template-0", self.objects(), "searches still answer from the live index")
        temporary = self.server.state.index(f"{self.index.name}_tmp")
        self.assertEqual(len(temporary["objects"]), self.index.reindex_total)
        self.assertTrue(temporary["settings"]["searchableAttributes"], "settings before records")

        self.template.name = "Changed during the reindex"
        self.export()  # to the live index, which is about to be replaced
        for job in jobs["_job_reindex_finish"]:
            job.perform()
        self.assertNotIn("product.template-0", self.objects())
        self.assertNotIn(f"{self.index.name}_tmp", self.server.state.indexes)
        self.assertEqual(len(self.objects()), self.index.reindex_total)
        self.assertEqual(len(self.server.state.index(self.index.name)["settings"]["replicas"]), 3)
        self.assertEqual(self.index.record_count, self.index.reindex_total)
        self.export()
        self.assertEqual(self.objects()[self.object_id]["name"], "Changed during the reindex")
        self.assertFalse(self.pending())
