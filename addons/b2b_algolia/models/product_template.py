# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, html2plaintext

from odoo.addons.b2b_pricing.models.product_pricelist import only_native_methods

_logger = logging.getLogger(__name__)

# Template fields an Algolia record is built from; writing another field
# (website_sequence, ...) exports nothing.
RECORD_FIELDS = {
    "name",
    "default_code",
    "barcode",
    "description_sale",
    "description_ecommerce",
    "public_categ_ids",
    "categ_id",
    "product_brand_id",
    "is_published",
    "website_published",
    "website_id",
    "active",
    "sale_ok",
    "list_price",
    "attribute_line_ids",
    "image_1920",
    "b2b_reserved_for_ids",
    "taxes_id",
    "is_storable",
    "company_id",
}
# Those the built-in search's documents hold (see b2b.search.document).
TEXT_FIELDS = {
    "is_published",
    "website_published",
    "website_id",
    "active",
    "sale_ok",
    "b2b_reserved_for_ids",
    "company_id",
    "name",
    "default_code",
    "description_sale",
    "description_ecommerce",
    "product_brand_id",
    "public_categ_ids",
    "attribute_line_ids",
    "is_storable",
}
# Those a price on the website depends on (see b2b.search.price).
PRICE_FIELDS = {
    "list_price",
    "taxes_id",
    "sale_ok",
    "categ_id",
    "attribute_line_ids",
    "is_published",
    "website_published",
    "website_id",
    "active",
}
# The methods _b2b_algolia_urls reproduces, and the modules allowed to
# define them: an add-on overriding one sends URLs back through website_url.
NATIVE_URL_METHODS = {
    "product.template": ("_compute_website_url", "_compute_display_name"),
    "ir.http": ("_slug",),
}
NATIVE_URL_MODULES = (
    "odoo.models",
    "odoo.addons.base.",
    "odoo.addons.product.",
    "odoo.addons.http_routing.",
    "odoo.addons.website.",
    "odoo.addons.website_sale.",
)
# What _b2b_prices_shown_untaxed reasons about: the price shown is that of
# Odoo's tax computation, unless an add-on changes it.
NATIVE_TAX_DISPLAY_METHODS = {
    "product.template": ("_b2b_displayed_price", "_apply_taxes_to_price"),
    "product.product": ("_get_tax_included_unit_price_from_price",),
    "account.tax": ("compute_all", "_adapt_price_unit_to_another_taxes"),
}
NATIVE_TAX_DISPLAY_MODULES = (
    "odoo.models",
    "odoo.addons.account.",
    "odoo.addons.product.",
    "odoo.addons.website_sale.",
    "odoo.addons.b2b_portal.",
)
DESCRIPTION_CHARS = 300
BREAKS_SHOWN = 3
# Attributes every visitor may retrieve; prices are per pricelist.
PUBLIC_ATTRIBUTES = [
    "objectID",
    "name",
    "sku",
    "barcodes",
    "description",
    "categories",
    "brand",
    "attribute_values",
    "availability",
    "stock_bucket",
    "currency",
    "image_url",
    "url",
    "product_id",
    "has_variants",
]


def quantity_bucket(quantity):
    if quantity <= 0:
        return "0"
    return next(label for limit, label in ((10, "1-9"), (100, "10-99"), (float("inf"), "100+")) if quantity < limit)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # ------------------------------------------------------------ WHAT IS INDEXED
    @api.model
    def _b2b_algolia_domain(self, website):
        """Products searchable on ``website``: published, sold, its own."""
        return [
            ("sale_ok", "=", True),
            ("is_published", "=", True),
            ("website_id", "in", (False, website.id)),
        ]

    @api.model
    def _b2b_algolia_pricelists(self):
        """The pricelists of approved B2B companies: one price each per record."""
        # sudo: the pricelists assigned to customers, read to price records.
        companies = self.env["res.partner"].sudo().search([("is_company", "=", True), ("b2b_approved", "=", True)])
        return companies.property_product_pricelist.sorted("id")

    @api.model
    def _b2b_algolia_pricelists_changed(self, before):
        """Records hold one price per B2B pricelist, and the built-in search
        stores them: if these pricelists are no longer ``before`` (a company
        approved, or given a new tier's or agreement's pricelist), every
        product sold is repriced and exported again, in jobs."""
        if self._b2b_algolia_pricelists() == before:
            return
        # sudo: every product's record holds the prices, whatever products
        # the user who changed a company may read.
        template_ids = self.sudo().with_context(active_test=False).search([("sale_ok", "=", True)]).ids
        self.env["b2b.algolia.record"]._mark_to_export(template_ids)
        self.env["b2b.search.price"]._b2b_refresh_all()

    @api.model
    def _b2b_algolia_visibility_filter(self, user):
        """Algolia filter of the products ``user`` may see (see record rules)."""
        company = user.partner_id.commercial_partner_id
        if not user.share:
            return ""
        return f"visibility:all OR visibility:company_{company.id}"

    @api.model
    def _b2b_algolia_retrievable(self, pricelist):
        """Attributes a user's browser may read, given the pricelist whose
        prices they may see (see website._b2b_price_band_pricelist): no price
        for visitors and unapproved accounts (none), only their own
        pricelist's for buyers."""
        attributes = list(PUBLIC_ATTRIBUTES)
        if pricelist:
            attributes += [f"price_{pricelist.id}", f"breaks_{pricelist.id}"]
        return attributes

    # ------------------------------------------------------------ RECORDS
    def _b2b_algolia_documents(self, index):
        """``{template id: Algolia record}`` of those of these products that
        ``index`` holds, built in batch (no query per product)."""
        return self._b2b_search_records(index.website_id, index.lang_id.code, self._b2b_algolia_pricelists())

    def _b2b_search_records(self, website, lang, pricelists):
        """``{template id: record}`` of those of these products that
        ``website`` sells, in ``lang``, with the prices of ``pricelists``:
        Algolia's records and the built-in search's hits alike."""
        templates = self.with_context(lang=lang, active_test=True).search(
            [("id", "in", self.ids), *self._b2b_algolia_domain(website)]
        )
        if not templates:
            return {}
        website = website.with_context(lang=lang)
        variants = templates.product_variant_ids
        prices = pricelists._b2b_price_tables(variants)
        popularity = self._b2b_algolia_popularity(templates.ids)
        availability_of = self._b2b_availability_function()
        max_bytes = int(self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.record_max_bytes", 10000))
        stock = self._b2b_stock_quantities(templates.ids)
        display = self._b2b_price_display(website, variants)
        band_tag = website._b2b_price_band_tagger()
        currency = website.currency_id.name
        urls = templates._b2b_algolia_urls()
        # Each template's variants, in the order of its product_variant_ids
        # (that of their union), and their codes.
        variants_of, codes = {}, {}
        for variant in variants:
            variants_of.setdefault(variant.product_tmpl_id.id, []).append(variant.id)
            codes[variant.id] = (variant.default_code, variant.barcode)
        # The website categories' parents, computed at once rather than
        # category by category (see _b2b_algolia_categories).
        templates.public_categ_ids.mapped("parents_and_self")
        # Mostly empty: read one template at a time only if any has some.
        with_attributes = bool(templates.attribute_line_ids)
        with_reservations = bool(templates.b2b_reserved_for_ids)
        documents, category_paths = {}, {}
        for template in templates:
            variant_ids = variants_of.get(template.id, [])
            document = {
                "objectID": f"product.template-{template.id}",
                "product_id": variant_ids[0] if variant_ids else False,
                "has_variants": len(variant_ids) > 1,
                "name": template.name,
                "sku": sorted(
                    {code for code in [template.default_code, *(codes[id_][0] for id_ in variant_ids)] if code}
                ),
                "barcodes": sorted(codes[id_][1] for id_ in variant_ids if codes[id_][1]),
                "description": self._b2b_algolia_excerpt(template),
                "categories": self._b2b_algolia_categories(template, category_paths),
                "brand": template.product_brand_id.name or None,
                "attribute_values": [
                    f"{line.attribute_id.name}: {value.name}"
                    for line in (template.attribute_line_ids if with_attributes else ())
                    for value in line.value_ids
                ],
                "currency": currency,
                "image_url": f"/web/image/product.template/{template.id}/image_256",
                "url": urls[template.id],
                "popularity": popularity.get(template.id, 0.0),
                "visibility": [
                    f"company_{company.id}" for company in (template.b2b_reserved_for_ids if with_reservations else ())
                ]
                or ["all"],
                "price_sort": template.list_price,
                "created_at": int(template.create_date.timestamp()),
            }
            document.update(self._b2b_algolia_availability(template, stock.get(template.id, 0.0), availability_of))
            for pricelist, table in prices.items():
                document.update(self._b2b_algolia_prices(variant_ids, pricelist, table, display))
            document["price_band"] = [band_tag(pricelist.id, document[f"price_{pricelist.id}"]) for pricelist in prices]
            documents[template.id] = self._b2b_algolia_trim(document, max_bytes)
        return documents

    def _b2b_algolia_urls(self):
        """``{template id: website_url}``: the URL website_sale computes,
        "/shop/" and the slug of the template's SEO name or display name,
        without computing website_url and display_name one template at a
        time, unless an add-on changes how they are computed."""
        if not self._b2b_native_urls():
            return {template.id: template.website_url for template in self}
        slug = self.env["ir.http"]._slug
        urls = {}
        for template in self:
            # product.template's display_name: "[code] name" (False without a name).
            name = template.name
            display_name = name and (f"[{template.default_code}] {name}" if template.default_code else name)
            # website's _slug prefers the SEO name; given (id, name), http_routing's slugifies name.
            urls[template.id] = f"/shop/{slug((template.id, template.seo_name or display_name))}"
        return urls

    @api.model
    def _b2b_native_urls(self):
        """Whether _b2b_algolia_urls gives what website_url would: no add-on
        overrides the methods it reproduces."""
        return only_native_methods(self.env, NATIVE_URL_METHODS, NATIVE_URL_MODULES)

    @api.model
    def _b2b_algolia_excerpt(self, template):
        text = template.description_sale or html2plaintext(template.description_ecommerce or "")
        text = " ".join(text.split())
        return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"

    @api.model
    def _b2b_algolia_categories(self, template, paths):
        """Algolia's hierarchical facet from the first website category;
        ``paths`` keeps each category's, computed once per batch."""
        category = template.public_categ_ids[:1]
        if not category:
            return {}
        if category.id not in paths:
            names = category.parents_and_self.mapped("name")[:3]
            paths[category.id] = {f"lvl{level}": " > ".join(names[: level + 1]) for level in range(len(names))}
        return dict(paths[category.id])

    @api.model
    def _b2b_low_stock_threshold(self):
        """Below this quantity on hand, a product is "low" in stock."""
        return int(self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.low_stock_threshold", 10))

    @api.model
    def _b2b_availability_function(self):
        """``quantity -> "in_stock" | "low" | "out"``, as the built-in
        search's facet computes it in SQL (see b2b.search.document)."""
        low_stock = self._b2b_low_stock_threshold()
        return lambda quantity: "out" if quantity <= 0 else "low" if quantity < low_stock else "in_stock"

    @api.model
    def _b2b_algolia_availability(self, template, quantity, availability_of):
        if not template.is_storable:
            return {"availability": "in_stock", "stock_bucket": "100+", "in_stock": 1}
        availability = availability_of(quantity)
        return {
            "availability": availability,
            "stock_bucket": quantity_bucket(quantity),
            "in_stock": int(availability != "out"),
        }

    @api.model
    def _b2b_algolia_prices(self, variant_ids, pricelist, table, display):
        """The cheapest variant's price at quantity 1 and its first breaks,
        as the website shows prices (``display``, see _b2b_price_display)."""
        if len(variant_ids) == 1:
            variant_id = variant_ids[0]
        else:
            variant_id = min(variant_ids, key=lambda variant_id: table[variant_id]["prices"][1.0])
        values = table[variant_id]
        return {
            f"price_{pricelist.id}": display(variant_id, values["prices"][1.0]),
            f"breaks_{pricelist.id}": [
                [quantity, display(variant_id, price)]
                for quantity, price, _saving in values["breaks"][1 : BREAKS_SHOWN + 1]
            ],
        }

    @api.model
    def _b2b_price_display(self, website, variants):
        """A function ``(variant id, price) -> price as the website shows
        it`` (taxes included or not) for ``variants``. Percentage taxes scale
        prices: their factor is computed once per set of taxes instead of
        once per price; other taxes (fixed amounts) go through Odoo's
        computation each time."""
        Template = self.env["product.template"]
        # sudo: the variants' taxes, read as _b2b_displayed_price reads them;
        # a variant's are its template's (read once per template).
        template_taxes = {template.id: template.taxes_id for template in variants.product_tmpl_id.sudo()}
        if Template._b2b_prices_shown_untaxed(website, Template.env["account.tax"].union(*template_taxes.values())):
            return lambda _variant_id, price: round(price, 2)
        taxes_of = {variant.id: template_taxes[variant.product_tmpl_id.id] for variant in variants}
        # The factor of each set of taxes, and of each variant (a variant's
        # is that of its taxes, set by the first variant displayed with them).
        factors, variant_factors = {}, {}

        def exact(variant_id, price):
            return round(Template._b2b_displayed_price(variants.browse(variant_id), price, website), 2)

        def display(variant_id, price):
            if variant_id not in variant_factors:
                taxes = taxes_of[variant_id]
                if taxes not in factors:
                    base = exact(variant_id, 1000.0)
                    linear = all(
                        tax.amount_type in ("percent", "division", "group") for tax in taxes.flatten_taxes_hierarchy()
                    )
                    factors[taxes] = base / 1000.0 if linear and exact(variant_id, 2000.0) == 2 * base else None
                variant_factors[variant_id] = factors[taxes]
            factor = variant_factors[variant_id]
            return round(price * factor, 2) if factor is not None else exact(variant_id, price)

        return display

    @api.model
    def _b2b_prices_shown_untaxed(self, website, taxes):
        """Whether ``website`` shows prices as they are, for anyone: taxes
        excluded, and neither ``taxes`` nor any other tax (one a fiscal
        position could map them to) is included in prices. Odoo's
        computation would return each price unchanged, whatever the buyer's
        fiscal position: that is not computed (the costliest part of a
        search's hits)."""
        if website.show_line_subtotals_tax_selection != "tax_excluded" or not only_native_methods(
            self.env, NATIVE_TAX_DISPLAY_METHODS, NATIVE_TAX_DISPLAY_MODULES
        ):
            return False
        # sudo: whether one of ``taxes`` (archived or not) or any active tax
        # is included in prices, in one query (not reading the companies);
        # nothing of it is returned.
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        domain = [
            ("price_include", "=", True),
            "|",
            ("active", "=", True),
            ("id", "in", taxes.flatten_taxes_hierarchy().ids),
        ]
        return not Tax.search_count(domain, limit=1)

    @api.model
    def _b2b_stock_quantities(self, template_ids):
        """Quantities on hand in internal locations, all active variants,
        per template, in one query: records and the built-in search's
        availability facet both read them."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT product.product_tmpl_id, sum(quant.quantity)::float
              FROM stock_quant quant
              JOIN stock_location location ON location.id = quant.location_id AND location.usage = 'internal'
              JOIN product_product product ON product.id = quant.product_id AND product.active
             WHERE product.product_tmpl_id = ANY(%s)
             GROUP BY product.product_tmpl_id
                """,
                list(template_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _b2b_algolia_popularity(self, template_ids):
        """Quantities sold over the last 90 days, per template, in one query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            SELECT product.product_tmpl_id, sum(line.product_uom_qty)::float
              FROM sale_order_line line
              JOIN sale_order sale ON sale.id = line.order_id
              JOIN product_product product ON product.id = line.product_id
             WHERE line.state = 'sale' AND sale.date_order >= %s AND product.product_tmpl_id = ANY(%s)
             GROUP BY product.product_tmpl_id
                """,
                fields.Datetime.now() - timedelta(days=90),
                list(template_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _b2b_algolia_trim(self, document, max_bytes):
        """Keep the record under Algolia's size limit, cutting the least
        useful content first, and say so in the log."""
        steps = [
            ("description", lambda doc: doc.update(description=doc["description"][:80])),
            ("attribute_values", lambda doc: doc.update(attribute_values=doc["attribute_values"][:20])),
            (
                "breaks",
                lambda doc: doc.update({key: [] for key in doc if key.startswith("breaks_")}),
            ),
            ("description", lambda doc: doc.update(description="")),
        ]
        for part, trim in steps:
            if len(json.dumps(document).encode()) <= max_bytes:
                break
            trim(document)
            _logger.warning("Algolia record %s over %s bytes: %s trimmed", document["objectID"], max_bytes, part)
        return document

    # ------------------------------------------------------------ CHANGES
    @api.model
    def _b2b_catalog_changed(self, template_ids, text=True, prices=False):
        """The products ``template_ids`` changed: refresh their built-in
        search text (if ``text``), mark their stored prices stale (if
        ``prices``) and mark them to export to Algolia."""
        if text:
            self.env["b2b.search.document"]._b2b_refresh(template_ids)
        if prices:
            self.env["b2b.search.price"]._b2b_mark_stale(template_ids)
        self.env["b2b.algolia.record"]._mark_to_export(template_ids)

    @api.model_create_multi
    def create(self, vals_list):
        # Their variants are created one template at a time: the catalog
        # change is handled once, for all the templates, below.
        templates = super(ProductTemplate, self.with_context(b2b_creating_templates=True)).create(vals_list)
        self._b2b_catalog_changed(templates.ids, prices=True)
        return templates.with_env(self.env)

    def write(self, vals):
        result = super().write(vals)
        if RECORD_FIELDS.intersection(vals):
            self._b2b_catalog_changed(
                self.ids, text=bool(TEXT_FIELDS.intersection(vals)), prices=bool(PRICE_FIELDS.intersection(vals))
            )
        return result

    def unlink(self):
        # Records survive their product (set null) until Algolia deleted them.
        self.env["b2b.algolia.record"]._mark_to_export(self.ids)
        return super().unlink()
