# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import B2bDemoWorldMixin


def rows(*pairs):
    return [{"row": number, "sku": sku, "quantity": quantity} for number, (sku, quantity) in enumerate(pairs, 1)]


@tagged("post_install", "-at_install")
class TestQuickOrderParsing(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quick_order = cls.env["b2b.quick.order"]

    def pairs(self, parsed):
        return [(row["sku"], row["quantity"]) for row in parsed]

    def test_pasted_list_separators(self):
        parsed = self.quick_order._parse_text("A-1\t4\nA-2;5\n\nA-3,6\n  A-4   7  \nA-5 2,5\nA-6\n")
        self.assertEqual(
            self.pairs(parsed),
            [("A-1", "4"), ("A-2", "5"), ("A-3", "6"), ("A-4", "7"), ("A-5", "2,5"), ("A-6", "")],
        )
        self.assertEqual([row["row"] for row in parsed], [1, 2, 4, 5, 6, 7], "row numbers are the lines pasted")

    def test_csv_with_header_in_latin_1(self):
        data = "Désignation;Quantité;Référence\nVis;12;A-1\nÉcrou;3;A-2\n".encode("latin-1")
        parsed = self.quick_order._parse_file("commande.csv", data)
        self.assertEqual(self.pairs(parsed), [("A-1", "12"), ("A-2", "3")])
        self.assertEqual([row["row"] for row in parsed], [2, 3])

    def test_csv_without_header_in_utf_8(self):
        data = "\ufeffA-1,12\nA-2,3\n".encode()
        self.assertEqual(self.pairs(self.quick_order._parse_file("list.CSV", data)), [("A-1", "12"), ("A-2", "3")])

    def test_xlsx(self):
        import openpyxl  # noqa: PLC0415

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["SKU", "Qty"])
        sheet.append(["A-1", 12])
        sheet.append([None, None])
        sheet.append(["A-2", 2.5])
        buffer = io.BytesIO()
        workbook.save(buffer)
        parsed = self.quick_order._parse_file("order.xlsx", buffer.getvalue())
        self.assertEqual(self.pairs(parsed), [("A-1", "12"), ("A-2", "2.5")])

    def test_bad_files_are_refused_whole(self):
        for filename, data, message in [
            ("order.xlsx", b"PK\x03\x04 not really a workbook", "cannot be read"),
            ("order.pdf", b"%PDF-1.4", "CSV or XLSX"),
            ("order.csv", b"A-1;1\n" * 1001, "At most 1000"),
            ("order.csv", b"x" * (2 * 1024 * 1024 + 1), "larger than"),
        ]:
            with self.subTest(filename=filename, message=message), self.assertRaisesRegex(UserError, message):
                self.quick_order._parse_file(filename, data)


@tagged("post_install", "-at_install")
class TestQuickOrder(B2bDemoWorldMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.website = cls.env["website"].get_current_website()
        packagings = cls.env["product.packaging"].search([("sales", "=", True), ("qty", "=", 10)], limit=2)
        cls.boxed, cls.other_boxed = packagings.product_id
        cls.sellable = cls.env["product.product"].search(
            [("is_published", "=", True), ("default_code", "!=", False), ("packaging_ids", "=", False)],
            order="default_code",
            limit=250,
        )
        cls.quick_order = cls.env["b2b.quick.order"].with_user(cls.buyer_claire)

    def cart(self, user=None):
        user = user or self.buyer_claire
        order = self.env["sale.order"].create(
            {
                "partner_id": user.partner_id.id,
                "website_id": self.website.id,
                "pricelist_id": user.partner_id.property_product_pricelist.id,
            }
        )
        return order.with_user(user).sudo()  # as website_sale hands carts over

    def by_sku(self, lines):
        return {line["sku"]: line for line in lines}

    def test_each_wrong_line_says_why(self):
        not_sold = self.sellable[5]
        not_sold.sale_ok = False
        lines = self.quick_order._preview(
            rows(
                ("NOPE-404", "1"),
                (self.product.default_code, "abc"),
                (self.sellable[1].default_code, "0"),
                (self.sellable[2].default_code, "-3"),
                (self.boxed.default_code, "5"),
                (self.other_boxed.barcode, "15"),
                ("", "4"),
            ),
            self.cart(),
        )
        errors = [" ".join(line["errors"]) for line in lines]
        self.assertEqual(len(lines), 7)
        expected = [
            "Unknown SKU NOPE-404",
            "positive number",
            "positive number",
            "positive number",
            "minimum is 10 (Box of 10)",
            "multiples of 10 (Box of 10)",
            "SKU missing",
        ]
        for error, text in zip(errors, expected, strict=True):
            self.assertIn(text, error)

    def test_products_not_sold_online(self):
        not_sold = self.sellable[5]
        not_sold.sale_ok = False
        line = self.quick_order._preview(rows((not_sold.default_code, "1")), self.cart())[0]
        self.assertIn("Unknown SKU", line["errors"][0], "buyers learn nothing about hidden products")
        # A rep (internal user) finds it, and is told why it cannot be ordered.
        rep_quick_order = self.env["b2b.quick.order"].with_user(self.rep_julie)
        line = rep_quick_order._preview(rows((not_sold.default_code, "1")), self.cart())[0]
        self.assertIn("is not sold online", line["errors"][0])

    def test_valid_lines_are_priced_with_the_buyer_pricelist_and_merged(self):
        pricelist = self.buyer_claire.partner_id.property_product_pricelist
        lines = self.quick_order._preview(
            rows(
                (self.product.default_code, "4"), (self.boxed.barcode, "20"), (self.product.default_code.lower(), "8")
            ),
            self.cart(),
        )
        self.assertEqual(len(lines), 2)
        merged = lines[0]
        self.assertEqual(merged["product"], self.product)
        self.assertEqual((merged["quantity"], merged["rows"], merged["errors"]), (12, [1, 3], []))
        expected = pricelist._b2b_price_table(self.product, (12,))[self.product.id]["prices"][12]
        self.assertAlmostEqual(merged["price_unit"], expected, places=2)
        self.assertEqual(merged["break_quantity"], 10, "product 0001 has a break from 10")
        self.assertEqual(lines[1]["product"], self.boxed)

    def test_valid_lines_go_to_the_cart_invalid_ones_stay(self):
        cart = self.cart()
        cart.order_line = [Command.create({"product_id": self.product.id, "product_uom_qty": 2})]
        lines = self.quick_order._add_to_cart(
            rows((self.product.default_code, "8"), ("NOPE-404", "1"), (self.sellable[0].default_code, "3")), cart
        )
        self.assertEqual([bool(line.get("added")) for line in lines], [True, False, True])
        self.assertEqual(len(cart.order_line), 2)
        line = cart.order_line.filtered(lambda order_line: order_line.product_id == self.product)
        self.assertEqual(line.product_uom_qty, 10)
        # Priced by the server at the new quantity, break included.
        pricelist = cart.pricelist_id
        expected = pricelist._b2b_price_table(self.product, (10,), date=cart.date_order)[self.product.id]
        self.assertAlmostEqual(line.price_unit * (1 - line.discount / 100), expected["prices"][10], places=2)

    def test_nothing_is_added_when_every_line_is_wrong(self):
        cart = self.cart()
        self.quick_order._add_to_cart(rows(("NOPE-404", "1"), (self.product.default_code, "x")), cart)
        self.assertFalse(cart.order_line)

    def test_buyers_of_unapproved_accounts_cannot_add(self):
        cart = self.cart(self.prospect_marco)
        with self.assertRaises(AccessError):
            self.env["b2b.quick.order"].with_user(self.prospect_marco)._add_to_cart(
                rows((self.product.default_code, "1")), cart
            )
        self.assertFalse(cart.order_line)

    def test_reorder_goes_through_the_same_checks(self):
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "sale")], limit=1
        )
        reorder = order._b2b_reorder_rows()
        goods = order.order_line.filtered(lambda line: not line.is_delivery)
        self.assertEqual([row["sku"] for row in reorder], goods.product_id.mapped("default_code"))
        lines = self.quick_order._preview(reorder, self.cart())
        self.assertTrue(all(line["product"] for line in lines))

    def test_lookup_suggests_sellable_skus(self):
        prefix = self.product.default_code[:4]
        suggestions = self.quick_order._lookup(prefix.lower(), self.website)
        self.assertTrue(suggestions)
        self.assertTrue(all(s["sku"].startswith(prefix) for s in suggestions))
        self.assertEqual(self.quick_order._lookup("%", self.website), [])

    def test_queries_do_not_grow_with_the_number_of_lines(self):
        def count(size):
            cart = self.cart()
            pairs = [(product.default_code, str(1 + index % 12)) for index, product in enumerate(self.sellable[:size])]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            lines = self.quick_order._add_to_cart(rows(*pairs), cart)
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
            self.assertEqual(len(cart.order_line), size, [line["errors"] for line in lines if line["errors"]])
            return queries

        count(5)  # warm the caches
        small, large = count(25), count(250)
        # 225 more lines cost no query per line, only the ORM's own batching
        # (one INSERT and one UPDATE per 100 rows) and a few extra prefetches.
        self.assertLess(large - small, 12, f"{small} queries for 25 lines, {large} for 250")


@tagged("post_install", "-at_install")
class TestQuickOrderPage(B2bDemoWorldMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpB2bWorld()
        cls.buyer_claire.partner_id.lang = "en_US"  # messages checked in English

    def post(self, **data):
        page = self.url_open("/shop/quick_order").text
        data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open("/shop/quick_order", data=data)

    def test_check_then_add(self):
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        sku = self.product.default_code
        html = self.post(paste=f"{sku} 4\nNOPE-404 1").text
        self.assertIn("Unknown SKU NOPE-404", html)
        self.assertTrue("o_b2b_qo_add" in html, "the valid line can be added")
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft")]
        )
        self.assertFalse(cart.order_line, "checking adds nothing")

        html = self.post(paste=f"{sku} 4\nNOPE-404 1", add_to_cart="1").text
        self.assertIn("NOPE-404", html, "the wrong line stays for correction")
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft")]
        )
        self.assertEqual(cart.order_line.product_id, self.product)

    def test_gated_and_foreign_orders(self):
        self.authenticate(self.prospect_marco.login, self.prospect_marco.login)
        self.assertIn("/b2b/restricted", self.url_open("/shop/quick_order").url)
        self.authenticate(self.buyer_claire.login, self.buyer_claire.login)
        mueller_order = self.env["sale.order"].search([("partner_id", "child_of", self.company_mueller.id)], limit=1)
        response = self.url_open(f"/shop/quick_order?reorder={mueller_order.id}")
        self.assertFalse(mueller_order.order_line[:1].product_id.default_code in response.text.split("<tbody>")[-1])
        self.assertTrue(response.url.endswith("/shop/quick_order"))

    def test_tour_paste_fix_and_add(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Quick order item {number}", "default_code": f"QO-{number:02d}", "list_price": 10.0 + number}
                for number in range(1, 20)
            ]
            + [{"name": "Quick order boxed item", "default_code": "QO-BOX", "list_price": 4.0}]
        )
        products.product_tmpl_id.is_published = True
        boxed = products[-1]
        self.env["product.packaging"].create({"name": "Box of 10", "product_id": boxed.id, "qty": 10, "sales": True})
        self.start_tour("/shop/quick_order", "b2b_quick_order", login=self.buyer_claire.login)
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_claire.partner_id.id), ("state", "=", "draft")], limit=1
        )
        self.assertEqual(len(cart.order_line), 20)
        quantities = {line.product_id.default_code: line.product_uom_qty for line in cart.order_line}
        self.assertEqual((quantities["QO-19"], quantities["QO-18"], quantities["QO-BOX"]), (2, 3, 10))
        pricelist = cart.pricelist_id
        table = pricelist._b2b_price_table(products, (1.0,))
        # Prices come from the buyer's pricelist, computed by the server.
        self.assertAlmostEqual(
            cart.order_line.filtered(lambda line: line.product_id == products[0]).price_reduce_taxexcl,
            table[products[0].id]["prices"][1.0],
            places=2,
        )
