# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick order: SKU and quantity rows, typed, pasted or uploaded, checked and
priced in one batch, then added to the cart in one batch.

Rows are plain dicts ``{"row": number, "sku": text, "quantity": text}``: what
the buyer wrote, kept as written so that a wrong row can be shown again for
correction.
"""

import csv
import io
import math
import re
import zipfile
from datetime import timedelta

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import float_round

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
SKU_HEADERS = {"sku", "ref", "reference", "référence", "code", "article", "product", "produit", "default_code"}
QUANTITY_HEADERS = {"qty", "quantity", "quantité", "quantite", "qté", "qte", "qt"}


class B2bQuickOrder(models.AbstractModel):
    _name = "b2b.quick.order"
    _description = "B2B quick order"

    # ------------------------------------------------------------ PARSING
    @api.model
    def _parse_text(self, text):
        """Rows of a pasted list: one ``SKU quantity`` per line, separated by
        a tab, a semicolon, a comma or spaces."""
        rows = []
        for number, raw_line in enumerate((text or "").splitlines(), start=1):
            line = raw_line.strip()
            if not line:
                continue
            if re.search(r"[\t;]", line):
                fields = re.split(r"[\t;]", line)
            elif "," in line and not re.search(r"\s", line):
                fields = line.split(",")
            else:
                fields = line.split()
            fields = [field.strip() for field in fields if field.strip()]
            rows.append({"row": number, "sku": fields[0], "quantity": fields[1] if len(fields) > 1 else ""})
        return self._check_row_count(rows)

    @api.model
    def _parse_file(self, filename, data):
        """Rows of an uploaded CSV or XLSX file; a header row, if any, tells
        which columns hold the SKU and the quantity."""
        if len(data) > MAX_FILE_BYTES:
            raise UserError(self.env._("The file is larger than %(size)s MB.", size=MAX_FILE_BYTES // (1024 * 1024)))
        extension = (filename or "").rsplit(".", 1)[-1].lower()
        if extension == "xlsx":
            table = self._read_xlsx(data)
        elif extension in ("csv", "txt"):
            table = self._read_csv(data)
        else:
            raise UserError(self.env._("Upload a CSV or XLSX file."))
        table = [[str(cell).strip() if cell is not None else "" for cell in row] for row in table]
        sku_column, quantity_column, first = 0, 1, 0
        header = [cell.lower() for cell in table[0]] if table else []
        if header and not _to_number(header[quantity_column] if len(header) > 1 else ""):
            # No quantity in the first row: it is a header.
            first = 1
            sku_column = next((i for i, name in enumerate(header) if name in SKU_HEADERS), 0)
            quantity_column = next((i for i, name in enumerate(header) if name in QUANTITY_HEADERS), 1)
        rows = []
        for number, cells in enumerate(table[first:], start=first + 1):
            sku = cells[sku_column] if sku_column < len(cells) else ""
            quantity = cells[quantity_column] if quantity_column < len(cells) else ""
            if sku or quantity:
                rows.append({"row": number, "sku": sku, "quantity": quantity})
        return self._check_row_count(rows)

    def _read_csv(self, data):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")  # every byte is a Latin-1 character
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel  # a single column, or one row
        return list(csv.reader(io.StringIO(text), dialect))

    def _read_xlsx(self, data):
        import openpyxl  # noqa: PLC0415 (Odoo's own requirement, only needed here)

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise UserError(self.env._("This file cannot be read as an XLSX workbook.")) from error
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
        return rows

    def _check_row_count(self, rows):
        if len(rows) > MAX_ROWS:
            raise UserError(self.env._("At most %(count)s lines at once, please.", count=MAX_ROWS))
        return rows

    # ------------------------------------------------------------ CHECKING
    @api.model
    def _preview(self, rows, order):
        """Check and price ``rows`` for ``order`` (the buyer's cart).

        Returns one dict per product (rows of the same product are merged) and
        per wrong row, in the order of the rows: ``rows`` (row numbers),
        ``sku``, ``quantity`` (as typed, or the merged total), ``product``,
        ``price_unit`` and ``subtotal`` (as the website shows prices),
        ``break_quantity`` (quantity break reached, if any) and ``errors``.
        Nothing is written.
        """
        skus = {row["sku"] for row in rows if row["sku"]}
        products = self._find_products(skus)
        reserved = self._find_reserved({sku for sku in skus if sku.upper() not in products})
        lines, by_product = [], {}
        for row in rows:
            quantity = _to_number(row["quantity"])
            product = products.get(row["sku"].upper())
            errors = []
            if not row["sku"]:
                errors.append(self.env._("SKU missing."))
            elif row["sku"].upper() in reserved:
                errors.append(self.env._("%(sku)s is not in your company's assortment.", sku=row["sku"]))
            elif not product:
                errors.append(self.env._("Unknown SKU %(sku)s.", sku=row["sku"]))
            if quantity is None or quantity <= 0:
                errors.append(self.env._("The quantity must be a positive number."))
            if errors:
                lines.append(self._line(row, errors=errors))
            elif product.id in by_product:
                line = by_product[product.id]
                line["rows"].append(row["row"])
                line["quantity"] += quantity
            else:
                by_product[product.id] = self._line(row, product=product, quantity=quantity)
                lines.append(by_product[product.id])
        self._check_products(by_product, order.website_id)
        self._price(by_product, order)
        return sorted(lines, key=lambda line: line["rows"][0])

    def _line(self, row, product=None, quantity=None, errors=None):
        return {
            "rows": [row["row"]],
            "sku": row["sku"],
            "quantity": quantity if quantity is not None else row["quantity"],
            "product": product,
            "price_unit": 0.0,
            "subtotal": 0.0,
            "break_quantity": 0.0,
            "errors": errors or [],
        }

    def _find_products(self, skus, sudo=False):
        """``{SKU or barcode in upper case: product}``, in one query."""
        if not skus:
            return {}
        wanted = {sku.upper() for sku in skus} | set(skus)
        Product = self.env["product.product"].sudo() if sudo else self.env["product.product"]
        products = Product.search(["|", ("default_code", "in", list(wanted)), ("barcode", "in", list(wanted))])
        found = {}
        for product in products:
            for code in (product.barcode, product.default_code):
                if code:
                    found[code.upper()] = product
        return found

    def _find_reserved(self, skus):
        """Those of ``skus`` (in upper case) that are products reserved for
        other customers, so the buyer is told why they cannot order them."""
        if not skus or not self.env.user.share:
            return set()
        # sudo: record rules hide these products from the buyer; only the
        # codes of the ones reserved for others are returned.
        found = self._find_products(skus, sudo=True)
        return {code for code, product in found.items() if product.product_tmpl_id.b2b_reserved_for_ids}

    def _check_products(self, by_product, website):
        products = self.env["product.product"].browse(by_product)
        sellable = products.product_tmpl_id.filtered_domain(website.sale_product_domain())
        # sudo: packagings and units of measure are catalog facts portal users
        # cannot read; they are only read, for the products already found.
        for product in products.sudo():
            line = by_product[product.id]
            quantity = line["quantity"]
            packaging = product.packaging_ids.filtered("sales").sorted("qty")[:1]
            if product.product_tmpl_id not in sellable:
                line["errors"].append(self.env._("%(product)s is not sold online.", product=product.display_name))
            elif float_round(quantity, precision_rounding=product.uom_id.rounding) != quantity:
                line["errors"].append(
                    self.env._("%(product)s is sold by whole %(uom)s.", product=product.name, uom=product.uom_id.name)
                )
            elif packaging and quantity < packaging.qty:
                line["errors"].append(
                    self.env._(
                        "The minimum is %(quantity)s (%(packaging)s).",
                        quantity=_format_quantity(packaging.qty),
                        packaging=packaging.name,
                    )
                )
            elif packaging and not math.isclose(quantity % packaging.qty, 0, abs_tol=1e-6):
                line["errors"].append(
                    self.env._(
                        "Order by multiples of %(quantity)s (%(packaging)s).",
                        quantity=_format_quantity(packaging.qty),
                        packaging=packaging.name,
                    )
                )

    def _price(self, by_product, order):
        valid = {product_id: line for product_id, line in by_product.items() if not line["errors"]}
        if not valid or not order.pricelist_id:
            return
        products = self.env["product.product"].browse(valid)
        table = order.pricelist_id._b2b_price_table(
            products,
            {product_id: (line["quantity"],) for product_id, line in valid.items()},
            date=order._b2b_price_date(),
            currency=order.currency_id,
        )
        for product in products:
            line, values = valid[product.id], table[product.id]
            price = values["prices"][line["quantity"]]
            line["price_unit"] = product.product_tmpl_id._b2b_displayed_price(product, price, order.website_id)
            line["subtotal"] = order.currency_id.round(line["price_unit"] * line["quantity"])
            reached = [quantity for quantity, _price, _saving in values["breaks"] if quantity <= line["quantity"]]
            line["break_quantity"] = reached[-1] if len(reached) > 1 else 0.0

    @api.model
    def _lookup(self, term, website, limit=8):
        """SKU suggestions while typing: ``[{"sku", "name"}]`` of products sold
        on ``website`` whose SKU starts with, or name contains, ``term``."""
        term = (term or "").strip()
        if len(term) < 2:
            return []
        domain = [
            ("product_tmpl_id", "any", website.sale_product_domain()),
            ("default_code", "!=", False),
            "|",
            ("default_code", "=ilike", f"{_escape_like(term)}%"),
            ("name", "ilike", term),
        ]
        products = self.env["product.product"].search(domain, limit=limit, order="default_code")
        return [{"sku": product.default_code, "name": product.name} for product in products]

    # ------------------------------------------------------------ CART
    @api.model
    def _add_to_cart(self, rows, order):
        """Add the valid lines of ``rows`` to ``order`` in one batch; return
        the preview lines, those added having ``added`` set. Prices are the
        order's own, computed by the server as for any cart line."""
        order._b2b_check_can_buy()
        lines = self._preview(rows, order)
        valid = [line for line in lines if not line["errors"]]
        if not valid:
            return lines
        products = self.env["product.product"].concat(*(line["product"] for line in valid))
        # Native line prices, with the pricelist rules of all the products
        # fetched once instead of once per line.
        now = order._b2b_price_date()
        pricelist = order.pricelist_id._b2b_with_rule_index(products, now, until=now + timedelta(hours=1))
        order = order.with_env(pricelist.env)
        in_cart = {
            line.product_id.id: line
            for line in order.order_line
            if not line.is_delivery and not line.combo_item_id and not line.product_custom_attribute_value_ids
        }
        # Odoo looks for analytic distribution models line by line; with none
        # defined there is nothing to look for. sudo: only their existence is read.
        analytic = self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1)
        defaults = {} if analytic else {"analytic_distribution": False}
        new_lines = []
        for line in valid:
            existing = in_cart.get(line["product"].id)
            if existing:
                existing.product_uom_qty += line["quantity"]
            else:
                new_lines.append(
                    dict(
                        defaults,
                        order_id=order.id,
                        product_id=line["product"].id,
                        product_uom_qty=line["quantity"],
                    )
                )
            line["added"] = True
        order.order_line.create(new_lines)
        return lines


def _to_number(text):
    """A positive or negative number written with a dot or a comma, or None."""
    try:
        number = float(str(text).strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _format_quantity(quantity):
    return f"{quantity:g}"
