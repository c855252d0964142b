# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.b2b_portal.tests.common import B2bDemoWorldMixin

from .. import search_index
from ..models.b2b_search_document import typo_count


@tagged("post_install", "-at_install")
class TestBuiltinSearch(B2bDemoWorldMixin, HttpCase):
    """The PostgreSQL engine the shop uses without Algolia."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        cls.brand = cls.env["product.brand"].create({"name": "Outilpro"})
        category = cls.env["product.public.category"].create({"name": "Électroportatif"})

        def product(name, code, **values):
            return cls.env["product.template"].create(
                {
                    "name": name,
                    "default_code": code,
                    "is_published": True,
                    "list_price": 100,
                    "product_brand_id": cls.brand.id,
                    "public_categ_ids": [category.id],
                    **values,
                }
            )

        cls.drill = product("Perceuse à percussion 18V", "ZZT-PERC-18")
        cls.driver = product("Visseuse sans fil", "ZZT-VIS-01")
        cls.wrench = product("Clé dynamométrique", "ZZT-CLE-01", barcode="4006381333931")
        cls.hidden = product("Perceuse réservée", "ZZT-PERC-RES", b2b_reserved_for_ids=[cls.company_mueller.id])
        cls.offline = product("Perceuse hors ligne", "ZZT-PERC-OFF", is_published=False)

    def search(self, query, user=None, lang="fr_FR", **params):
        Document = self.env["b2b.search.document"].with_user(user or self.buyer_claire).with_context(lang=lang)
        return Document._b2b_search(self.website.with_user(user or self.buyer_claire), query=query, **params)

    def names(self, query, **kwargs):
        return [hit["name"] for hit in self.search(query, **kwargs)["hits"]]

    def share_index(self):
        """``(key, index)``: the French documents' index, shared as if read
        by a transaction that wrote nothing (the test's wrote)."""
        cr = self.env.cr
        cr.execute(
            "SELECT pg_current_snapshot()::text, (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        snapshot, database = cr.fetchone()
        key = (cr.dbname, database, "fr_FR")
        shared = search_index._indexes[key] = search_index.SearchIndex.load(cr, "fr_FR", snapshot)
        self.addCleanup(search_index._indexes.pop, key, None)
        return key, shared

    def test_exact_sku_and_barcode_come_first(self):
        self.assertEqual(self.names("ZZT-PERC-18")[0], "Perceuse à percussion 18V")
        self.assertEqual(self.names("zzt-cle-01")[0], "Clé dynamométrique")
        self.assertEqual(self.names("4006381333931")[0], "Clé dynamométrique")
        self.assertEqual(self.names("ZZT-VIS")[0], "Visseuse sans fil", "SKU prefix")
        self.assertEqual(self.names("ZZT-PERC-19"), [], "no typo tolerance on codes")

    def test_typos_accents_and_several_words(self):
        self.assertIn("Perceuse à percussion 18V", self.names("perseuse"))
        self.assertIn("Clé dynamométrique", self.names("cle dynamometrique"))
        self.assertIn("Clé dynamométrique", self.names("CLÉ"))
        self.assertEqual(self.names("perceuse 18v")[0], "Perceuse à percussion 18V")
        self.assertNotIn("Visseuse sans fil", self.names("perceuse 18v"), "every word must match")
        self.assertIn("Perceuse à percussion 18V", self.names("outilpro perceuse"), "brand words match")
        self.assertIn("Perceuse à percussion 18V", self.names("electroportatif"), "category words match")

    def test_typos_as_algolia_counts_them(self):
        self.assertEqual(
            [typo_count(*pair) for pair in (("drlil", "drill"), ("dril", "drill"), ("drill", "drill"))], [1, 1, 0]
        )
        self.assertIn("Perceuse à percussion 18V", self.names("perecuse"), "two letters swapped: one typo")
        self.assertIn("Perceuse à percussion 18V", self.names("prcusion"), "two typos from 8 letters")
        self.assertNotIn("Perceuse à percussion 18V", self.names("pirsaose"), "three typos")
        self.assertIn("Clé dynamométrique", self.names("dynamp"), "the word being typed may hold a typo")
        self.assertNotIn("Clé dynamométrique", self.names("dynamp cle"), "only the last word is a beginning")
        self.driver.description_sale = "Livrée avec deux batteries"
        self.assertEqual(self.names("batterie"), ["Visseuse sans fil"], "the description is searched")

    def test_synonyms_are_those_pushed_to_algolia(self):
        self.assertNotIn("Visseuse sans fil", self.names("tournevis"))
        self.env["b2b.algolia.synonym"].create({"kind": "oneWaySynonym", "input": "tournevis", "words": "visseuse"})
        self.assertIn("Visseuse sans fil", self.names("tournevis"))
        self.assertNotIn("Visseuse sans fil", self.names("perceuse"))
        self.env["b2b.algolia.synonym"].create({"kind": "synonym", "words": "perceuse, visseuse"})
        self.assertIn("Visseuse sans fil", self.names("perceuse"))

    def test_only_what_the_user_may_see(self):
        self.assertNotIn("Perceuse réservée", self.names("perceuse"))
        self.assertIn("Perceuse réservée", self.names("perceuse", user=self.buyer_anna))
        self.assertNotIn("Perceuse hors ligne", self.names("perceuse"))
        self.assertNotIn("Perceuse réservée", self.names("perceuse", user=self.env.ref("base.public_user")))
        # A rule the documents do not mirror still hides the product.
        self.env["ir.rule"].create(
            {
                "name": "No drills",
                "model_id": self.env.ref("product.model_product_template").id,
                "domain_force": "[('default_code', '!=', 'ZZT-PERC-18')]",
            }
        )
        self.assertNotIn("Perceuse à percussion 18V", self.names("perceuse"))

    def test_visibility_mirrors_record_rules(self):
        """The documents' visibility columns select what the ORM, under
        record rules, lets each kind of user see."""
        self.hidden.company_id = self.env["res.company"].create({"name": "Other company"})
        self.wrench.website_id = self.env["website"].create({"name": "Other shop"})
        self.driver.b2b_reserved_for_ids = self.company_dupont | self.company_mueller
        Document, Template = self.env["b2b.search.document"], self.env["product.template"]
        # A branch's employee sees the products of its parent company.
        Template.create({"name": "Parent company ZZT", "is_published": True, "company_id": self.env.company.id})
        branch = self.env["res.company"].create({"name": "Branch", "parent_id": self.env.company.id})
        employee = self.env["res.users"].create(
            {
                "name": "Branch employee",
                "login": "branch_employee",
                "company_id": branch.id,
                "company_ids": [Command.set(branch.ids)],
                "groups_id": [Command.set(self.env.ref("base.group_user").ids)],
            }
        )
        users = [
            self.buyer_claire,
            self.buyer_anna,
            self.env.ref("base.public_user"),
            self.env.ref("base.user_admin"),
            employee,
        ]
        for user in users:
            with self.subTest(user=user.login):
                expected = Template.with_user(user).search(Template._b2b_algolia_domain(self.website))
                with search_index.search_index(self.env.cr, "en_US") as index:
                    visible = index.template_ids(
                        Document.with_user(user)._b2b_visibility(self.website.with_user(user), index)
                    )
                self.assertEqual(set(visible), set(expected.ids))
                self.assertTrue(expected)

    def test_prices_facets_and_filters(self):
        result = self.search("zzt")
        self.assertEqual(result["nbHits"], 3)
        pricelist = self.company_dupont.property_product_pricelist
        self.assertEqual(
            {key for hit in result["hits"] for key in hit if key.startswith("price_")}, {f"price_{pricelist.id}"}
        )
        self.assertEqual(result["facets"]["brand"], {"Outilpro": 3})
        self.assertEqual(result["facets"]["categories.lvl0"], {"Électroportatif": 3})
        anonymous = self.search("zzt", user=self.env.ref("base.public_user"))
        self.assertFalse([key for hit in anonymous["hits"] for key in hit if key.startswith(("price_", "breaks_"))])
        self.wrench.product_brand_id = False
        filtered = self.search("zzt", facet_filters=["brand:Outilpro"])
        self.assertEqual(filtered["nbHits"], 2)
        paged = self.search("zzt", hits_per_page=2, page=1)
        self.assertEqual((paged["nbPages"], len(paged["hits"])), (2, 1))
        by_price = self.search("zzt", index_suffix="price_desc")
        self.assertEqual(len(by_price["hits"]), 3)

    def test_category_levels_and_availability_follow_changes(self):
        parent = self.drill.public_categ_ids
        child = self.env["product.public.category"].create({"name": "Perceuses", "parent_id": parent.id})
        self.drill.public_categ_ids = child
        facets = self.search("zzt")["facets"]
        self.assertEqual(facets["categories.lvl0"], {"Électroportatif": 3})
        self.assertEqual(facets["categories.lvl1"], {"Électroportatif > Perceuses": 1})
        child.name = "Perceuses et perforateurs"
        facets = self.search("zzt")["facets"]
        self.assertEqual(facets["categories.lvl1"], {"Électroportatif > Perceuses et perforateurs": 1})
        self.assertEqual(facets["categories.lvl2"], {})
        # A family: counted at its own level and at each of its parents'.
        self.driver.public_categ_ids = self.env["product.public.category"].create(
            {"name": "Sans fil", "parent_id": child.id}
        )
        facets = self.search("zzt")["facets"]
        self.assertEqual(facets["categories.lvl0"], {"Électroportatif": 3})
        self.assertEqual(facets["categories.lvl1"], {"Électroportatif > Perceuses et perforateurs": 2})
        self.assertEqual(facets["categories.lvl2"], {"Électroportatif > Perceuses et perforateurs > Sans fil": 1})

        self.wrench.is_storable = True
        self.assertEqual(self.search("zzt")["facets"]["availability"], {"in_stock": 2, "out": 1})
        quant = self.env["stock.quant"].create(
            {
                "product_id": self.wrench.product_variant_id.id,
                "location_id": self.env.ref("stock.stock_location_stock").id,
                "inventory_quantity": 4,
            }
        )
        quant.action_apply_inventory()  # a done stock move
        low = self.search("zzt", facet_filters=["availability:low"])
        self.assertEqual([hit["name"] for hit in low["hits"]], ["Clé dynamométrique"])
        self.assertEqual(low["hits"][0]["availability"], "low", "the record agrees with the facet")

    def test_a_refresh_rewrites_only_what_changed(self):
        """An unchanged document is not rewritten (no dead row for the
        search to scan); a changed one is, and reads the change."""
        Document = self.env["b2b.search.document"]
        products = self.drill | self.driver

        def row_positions():
            self.env.cr.execute(
                "SELECT product_tmpl_id, lang, ctid::text FROM b2b_search_document WHERE product_tmpl_id = ANY(%s)",
                [products.ids],
            )
            return {(template_id, lang): ctid for template_id, lang, ctid in self.env.cr.fetchall()}

        before = row_positions()
        self.assertEqual(len(before), 2 * len(self.env["res.lang"].get_installed()))
        Document._b2b_refresh(products.ids)
        self.assertEqual(row_positions(), before)
        self.driver.name = "Visseuse à chocs"
        after = row_positions()
        self.assertEqual(
            {key for key in before if before[key] != after[key]},
            {key for key in before if key[0] == self.driver.id},
        )
        self.assertEqual(self.names("visseuse chocs"), ["Visseuse à chocs"])

    def test_the_memory_index_catches_up_with_every_write(self):
        """A process's index of the documents gets the rows written since it
        was read before each search; changes that may still be rolled back
        (this transaction's) stay out of the index other searches share."""
        key, shared = self.share_index()
        size = shared.size
        self.driver.name = "Visseuse à chocs"
        self.wrench.unlink()
        self.env["product.template"].create({"name": "Perforateur SDS", "is_published": True})
        self.assertEqual(self.names("chocs"), ["Visseuse à chocs"])
        self.assertEqual(self.names("sans fil"), [])
        self.assertEqual(self.names("perforateur"), ["Perforateur SDS"])
        self.assertEqual(self.names("dynamometrique"), [])
        self.assertEqual(self.search("zzt")["nbHits"], 2, "the deleted wrench is not counted")
        self.assertIs(search_index._indexes[key], shared)
        self.assertEqual(shared.size, size)
        self.assertTrue(shared.alive.all())
        self.assertFalse(shared.containing("chocs").any())
        self.assertTrue(shared.containing("dynamometrique").any())
        # A language installed later is searched at its first refresh.
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["b2b.search.document"]._b2b_refresh(self.drill.ids)
        self.assertEqual(self.names("percussion", lang="de_DE"), ["Perceuse à percussion 18V"])

    def test_tombstones_are_forgotten_after_a_day_and_old_indexes_rebuild(self):
        """Deleted documents' tombstones are kept a day; an index whose
        snapshot is older than half that is rebuilt, not synced: it cannot
        have missed a forgotten tombstone."""
        cr = self.env.cr
        self.wrench.unlink()
        cr.execute("SELECT count(*) FROM b2b_search_tombstone WHERE product_tmpl_id = %s", [self.wrench.id])
        self.assertEqual(cr.fetchone()[0], len(self.env["res.lang"].get_installed()))
        cr.execute(
            "UPDATE b2b_search_tombstone SET deleted_at = deleted_at - interval '25 hours' WHERE product_tmpl_id = %s",
            [self.wrench.id],
        )
        self.driver.unlink()
        self.env["b2b.search.document"]._cron_forget_tombstones()
        cr.execute("SELECT DISTINCT product_tmpl_id FROM b2b_search_tombstone WHERE product_tmpl_id = ANY(%s)",
                   [[self.wrench.id, self.driver.id]])  # fmt: skip
        self.assertEqual(cr.fetchall(), [(self.driver.id,)])

        _key, shared = self.share_index()
        self.drill.name = "Perceuse à colonne"
        # Synced: a copy of the shared index, and the documents this
        # transaction wrote (the test's products and the drill, again).
        cr.execute("SELECT count(*) FROM b2b_search_document WHERE lang = 'fr_FR' AND writer = pg_current_xact_id()")
        written = cr.fetchone()[0]
        with search_index.search_index(cr, "fr_FR") as index:
            self.assertEqual((index.changed, index.indexed), (written, shared.indexed))
        shared.snapshot_time -= search_index.TOMBSTONE_HOURS * 3600 / 2 + 1
        with search_index.search_index(cr, "fr_FR") as index:
            self.assertEqual((index.changed, index.indexed), (0, index.size), "rebuilt")
            self.assertTrue(index.containing("colonne").any())

    def test_the_json_endpoint_speaks_algolias_multi_query(self):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"requests": [{"indexName": "builtin", "params": {"query": "perseuse", "hitsPerPage": 5}}]},
        }
        response = self.url_open(
            "/b2b/search/queries", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        ).json()
        result = response["result"]["results"][0]
        self.assertIn("Perceuse à percussion 18V", [hit["name"] for hit in result["hits"]])
        self.assertFalse([key for hit in result["hits"] for key in hit if key.startswith("price_")], "anonymous")
        bad = dict(payload, params={"requests": [{"params": {"query": ["not", "a", "string"]}}]})
        error = self.url_open(
            "/b2b/search/queries", data=json.dumps(bad), headers={"Content-Type": "application/json"}
        ).json()["error"]
        self.assertIn("Malformed search request", error["data"]["message"])

    def test_tour_search_facet_and_add_to_cart(self):
        self.wrench.product_brand_id = self.env["product.brand"].create({"name": "Autre marque"})
        self.driver.list_price = 5  # its own price band, the cheapest
        Price = self.env["b2b.search.price"]
        while Price._b2b_stale_versions(1):  # as the job runner would
            Price._job_refresh_stale()
        # In Claire's language: the one her pages speak.
        Query = self.env["b2b.search.query"].with_context(lang=self.buyer_claire.lang)
        for buyer in (self.buyer_claire, self.buyer_anna):
            Query.with_user(buyer)._b2b_record(self.website, "zzt perceuse", 2)
        self.start_tour("/", "b2b_catalog_search", login=self.buyer_claire.login)
        logged = Query.search([("partner_id", "=", self.company_dupont.id), ("query", "=", "zzt")])
        self.assertEqual(logged.hits, 3, "the results page counted the search")
        line = self.env["sale.order.line"].search(
            [
                ("order_id.partner_id", "=", self.buyer_claire.partner_id.id),
                ("product_id", "=", self.drill.product_variant_id.id),
            ]
        )
        self.assertEqual(line.product_uom_qty, 1)
        pricelist = self.company_dupont.property_product_pricelist
        expected = pricelist._b2b_price_table(self.drill.product_variant_id)[self.drill.product_variant_id.id][
            "prices"
        ][1.0]
        self.assertAlmostEqual(line.price_unit, expected, places=2)
