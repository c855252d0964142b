# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The built-in catalog search, used when Algolia is not configured.

One row per product and language holds its searchable text, normalized
(lower case, no accents), its codes and its facet values. Trigram indexes
(pg_trgm) make substring matching fast; a misspelt word is replaced by the
catalog's words close to it; one SQL statement gives a page of hits with the
facet counts of every match.
Results have the shape of Algolia's, so the search page does not know which
engine answered.
"""

import math
import re
import time

from odoo import api, fields, models
from odoo.tools import SQL

from .product_template import DESCRIPTION_CHARS

# As Algolia's defaults: a word of 4 letters or more may hold one typo (a
# wrong, missing, extra or swapped letter), 8 letters or more two typos.
TYPO_MIN_LENGTH = 4
TWO_TYPOS_MIN_LENGTH = 8
MAX_HITS_PER_PAGE = 100
MAX_WORDS = 10
# Columns a refresh rewrites (when one of them changed).
REFRESHED_COLUMNS = [
    "name",
    "body",
    "codes",
    "brand",
    "category_lvl0",
    "category_lvl1",
    "category_lvl2",
    "storable",
    "website_id",
    "company_id",
    "salable",
    "reserved_for",
    "quantity",
    "popularity",
    "price_bands",
]


def contains(column, text):
    """SQL: whether ``column`` (normalized text) contains ``text``. The
    pattern is built with ``||``, which PostgreSQL computes once when it plans
    the query, where concat() would be computed again for each row."""
    return SQL("%s LIKE (%s || b2b_search_norm(%s) || %s)", column, "%", text, "%")


def stored_price_bands(template_id):
    """SQL: the bands of a product's stored prices (see b2b.search.price),
    ``{"pricelist id/website id": band}``, as documents keep them."""
    return SQL(
        "(SELECT jsonb_object_agg(p.pricelist_id || '/' || p.website_id, p.band)"
        " FROM b2b_search_price p WHERE p.product_tmpl_id = %s)",
        template_id,
    )


def typo_count(typed, word):
    """Typos between ``typed`` and ``word``: letters wrong, missing, extra
    or swapped with the next one (optimal string alignment distance)."""
    previous2, previous = None, list(range(len(word) + 1))
    for i, typed_char in enumerate(typed, 1):
        current = [i]
        for j, word_char in enumerate(word, 1):
            cost = typed_char != word_char
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and typed_char == word[j - 2] and typed[i - 2] == word_char:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


class B2bSearchDocument(models.Model):
    _name = "b2b.search.document"
    _description = "Built-in search: text of a product"
    _log_access = False

    product_tmpl_id = fields.Many2one("product.template", required=True, ondelete="cascade", index=True)
    lang = fields.Char(required=True)
    name = fields.Char(help="Normalized name.")
    body = fields.Text(help="Normalized name, brand, categories, attribute values, codes and description.")
    brand = fields.Char()
    category_lvl0 = fields.Char("Category", help="First website category's root, in the document's language.")
    category_lvl1 = fields.Char("Subcategory", help="Root > child.")
    category_lvl2 = fields.Char("Family", help="Root > child > grandchild.")
    storable = fields.Boolean()
    quantity = fields.Float(help="On hand in internal locations, all variants.")
    # See product.template._b2b_algolia_popularity.
    popularity = fields.Float(help="Quantity sold over the last 90 days.")
    # Who may find the product, copied from it so that a search filters
    # documents alone (see _b2b_visibility).
    website_id = fields.Many2one("website")
    company_id = fields.Many2one("res.company")
    salable = fields.Boolean(help="Active, sold and published.")
    # Plus columns no ORM field maps (see init): ``codes``, upper-case SKUs
    # and barcodes; ``reserved_for``, the companies the product is reserved
    # for (NULL: everyone); ``price_bands``, its stored prices' bands (see
    # stored_price_bands), so that the price facet reads documents alone.

    _sql_constraints = [("product_lang_unique", "unique(product_tmpl_id, lang)", "One document per product.")]

    def init(self):
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cr.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
        # unaccent() is not immutable (its dictionary could change): this
        # wrapper names the dictionary, so that indexes may use it.
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION b2b_search_norm(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
            """
        )
        cr.execute("ALTER TABLE b2b_search_document ADD COLUMN IF NOT EXISTS codes varchar[]")
        cr.execute("ALTER TABLE b2b_search_document ADD COLUMN IF NOT EXISTS reserved_for int[]")
        cr.execute("ALTER TABLE b2b_search_document ADD COLUMN IF NOT EXISTS price_bands jsonb")
        # Replaced by one index per language (see _b2b_index_languages).
        cr.execute("DROP INDEX IF EXISTS b2b_search_document_body_trgm")
        self._b2b_index_languages([code for code, _name in self.env["res.lang"].get_installed()])
        cr.execute("CREATE INDEX IF NOT EXISTS b2b_search_document_codes ON b2b_search_document USING gin (codes)")
        # Every word of the catalog: a misspelt word is replaced by those
        # close to it (see _b2b_typo_alternatives), then matched as typed.
        cr.execute("CREATE TABLE IF NOT EXISTS b2b_search_word (word varchar PRIMARY KEY)")

    @api.model
    def _b2b_index_languages(self, langs):
        """A trigram index of the documents of each of ``langs`` that has
        none yet. A search reads one language's documents: with one index for
        all, it would fetch and recheck as many documents of the other
        languages."""
        cr = self.env.cr
        cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'b2b_search_document'")
        existing = {row[0] for row in cr.fetchall()}
        for lang in langs:
            name = f"b2b_search_document_body_trgm_{re.sub('[^a-z0-9]', '_', lang.lower())}"
            if name not in existing:
                cr.execute(
                    SQL(
                        "CREATE INDEX %s ON b2b_search_document USING gin (body gin_trgm_ops) WHERE lang = %s",
                        SQL.identifier(name),
                        lang,
                    )
                )

    # ------------------------------------------------------------ REFRESH
    @api.model
    def _b2b_refresh(self, template_ids=None):
        """Rebuild the documents of ``template_ids`` (all products if None)
        in every installed language, with their stock and popularity.

        A document is written only if it changed: a refresh that changes
        nothing leaves no dead row behind, and the table the search scans
        stays as small as its content."""
        self.env.flush_all()
        cr = self.env.cr
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        self._b2b_index_languages(langs)
        if template_ids is None:
            cr.execute("SELECT id FROM product_template")
            template_ids = [row[0] for row in cr.fetchall()]
        template_ids, quantities, popularities = self._b2b_figures(template_ids)
        cr.execute(
            SQL(
                "DELETE FROM b2b_search_document WHERE product_tmpl_id = ANY(%s) AND lang != ALL(%s)",
                template_ids,
                langs,
            )
        )
        cr.execute(
            SQL(
                """
            INSERT INTO b2b_search_document (product_tmpl_id, lang, name, body, codes, brand,
                                             category_lvl0, category_lvl1, category_lvl2, storable,
                                             website_id, company_id, salable, reserved_for,
                                             quantity, popularity, price_bands)
            SELECT t.id, l.code,
                   b2b_search_norm(COALESCE(t.name->>l.code, t.name->>'en_US')),
                   b2b_search_norm(concat_ws(' ',
                       COALESCE(t.name->>l.code, t.name->>'en_US'), brand.name, categories.names,
                       attributes.names, array_to_string(codes.list, ' '),
                       -- The description's beginning, as records have it.
                       left(COALESCE(NULLIF(COALESCE(t.description_sale->>l.code, t.description_sale->>'en_US'), ''),
                                     regexp_replace(COALESCE(t.description_ecommerce->>l.code,
                                                             t.description_ecommerce->>'en_US'), '<[^>]*>', ' ', 'g')),
                            %(description_chars)s))),
                   codes.list,
                   brand.name,
                   path.names[1],
                   CASE WHEN cardinality(path.names) >= 2 THEN array_to_string(path.names[1:2], ' > ') END,
                   CASE WHEN cardinality(path.names) >= 3 THEN array_to_string(path.names[1:3], ' > ') END,
                   t.is_storable,
                   t.website_id, t.company_id, t.active AND t.sale_ok AND t.is_published,
                   (SELECT array_agg(rel.partner_id) FROM b2b_product_template_reserved_partner_rel rel
                     WHERE rel.product_tmpl_id = t.id),
                   figures.quantity, figures.popularity, %(price_bands)s
              FROM product_template t
             CROSS JOIN unnest(%(langs)s::varchar[]) AS l(code)
              JOIN unnest(%(template_ids)s::int[], %(quantities)s::float[], %(popularities)s::float[])
                   AS figures(template_id, quantity, popularity) ON figures.template_id = t.id
              LEFT JOIN product_brand brand ON brand.id = t.product_brand_id
              LEFT JOIN LATERAL (
                   SELECT array_agg(DISTINCT upper(code)) AS list
                     FROM (SELECT t.default_code AS code
                           UNION ALL SELECT unnest(ARRAY[p.default_code, p.barcode])
                                       FROM product_product p
                                      WHERE p.product_tmpl_id = t.id AND p.active
                          ) AS all_codes
                    WHERE code IS NOT NULL AND code != ''
              ) AS codes ON TRUE
              LEFT JOIN LATERAL (
                   SELECT string_agg(DISTINCT COALESCE(ancestor.name->>l.code, ancestor.name->>'en_US'), ' ') AS names
                     FROM product_public_category_product_template_rel rel
                     JOIN product_public_category category ON category.id = rel.product_public_category_id
                     JOIN product_public_category ancestor ON starts_with(category.parent_path, ancestor.parent_path)
                    WHERE rel.product_template_id = t.id
              ) AS categories ON TRUE
              -- The facet: the first website category (in the categories'
              -- order, as product.template.public_categ_ids) and its parents.
              LEFT JOIN LATERAL (
                   SELECT category.parent_path
                     FROM product_public_category_product_template_rel rel
                     JOIN product_public_category category ON category.id = rel.product_public_category_id
                    WHERE rel.product_template_id = t.id
                    ORDER BY category.sequence, COALESCE(category.name->>l.code, category.name->>'en_US'), category.id
                    LIMIT 1
              ) AS first_category ON TRUE
              LEFT JOIN LATERAL (
                   SELECT array_agg(COALESCE(ancestor.name->>l.code, ancestor.name->>'en_US') ORDER BY step.position)
                          AS names
                     FROM unnest(string_to_array(rtrim(first_category.parent_path, '/'), '/')::int[])
                          WITH ORDINALITY AS step(category_id, position)
                     JOIN product_public_category ancestor ON ancestor.id = step.category_id
              ) AS path ON TRUE
              LEFT JOIN LATERAL (
                   SELECT string_agg(DISTINCT COALESCE(value.name->>l.code, value.name->>'en_US'), ' ') AS names
                     FROM product_template_attribute_value ptav
                     JOIN product_attribute_value value ON value.id = ptav.product_attribute_value_id
                    WHERE ptav.product_tmpl_id = t.id AND ptav.ptav_active
              ) AS attributes ON TRUE
             WHERE t.id = ANY(%(template_ids)s)
                ON CONFLICT (product_tmpl_id, lang) DO UPDATE
               SET (%(columns)s) = (%(new_values)s)
             WHERE (%(old_values)s) IS DISTINCT FROM (%(new_values)s)
                """,
                langs=langs,
                template_ids=template_ids,
                quantities=quantities,
                popularities=popularities,
                description_chars=DESCRIPTION_CHARS,
                price_bands=stored_price_bands(SQL("t.id")),
                columns=SQL(", ").join(SQL.identifier(column) for column in REFRESHED_COLUMNS),
                new_values=SQL(", ").join(SQL.identifier("excluded", column) for column in REFRESHED_COLUMNS),
                old_values=SQL(", ").join(
                    SQL.identifier("b2b_search_document", column) for column in REFRESHED_COLUMNS
                ),
            )
        )
        cr.execute(
            SQL(
                """
            INSERT INTO b2b_search_word (word)
            SELECT DISTINCT word
              FROM b2b_search_document d
             CROSS JOIN regexp_split_to_table(d.body, '[^[:alpha:]]+') AS word
             WHERE length(word) >= %s AND d.product_tmpl_id = ANY(%s)
                ON CONFLICT DO NOTHING
                """,
                TYPO_MIN_LENGTH,
                template_ids,
            )
        )
        self.invalidate_model()

    @api.model
    def _b2b_refresh_price_bands(self, template_ids):
        """Copy the stored prices' bands of ``template_ids`` onto their
        documents, after b2b.search.price refreshed them."""
        self.env.cr.execute(
            SQL(
                """
            UPDATE b2b_search_document d
               SET price_bands = product.bands
              FROM (SELECT t.id, %s AS bands FROM unnest(%s::int[]) AS t(id)) AS product
             WHERE d.product_tmpl_id = product.id AND d.price_bands IS DISTINCT FROM product.bands
                """,
                stored_price_bands(SQL("t.id")),
                list(template_ids),
            )
        )

    @api.model
    def _b2b_refresh_figures(self, template_ids=None):
        """Update the stock and the popularity of ``template_ids`` (all
        products if None), which the availability facet and the ranking
        read."""
        self.env.flush_all()
        cr = self.env.cr
        if template_ids is None:
            cr.execute("SELECT DISTINCT product_tmpl_id FROM b2b_search_document")
            template_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                """
            UPDATE b2b_search_document d
               SET quantity = figures.quantity, popularity = figures.popularity
              FROM unnest(%s::int[], %s::float[], %s::float[]) AS figures(template_id, quantity, popularity)
             WHERE d.product_tmpl_id = figures.template_id
               AND (d.quantity, d.popularity) IS DISTINCT FROM (figures.quantity, figures.popularity)
                """,
                *self._b2b_figures(template_ids),
            )
        )
        self.invalidate_model()

    @api.model
    def _b2b_figures(self, template_ids):
        """``(template ids, quantities on hand, popularities)``: three
        lists in the same order, for the documents' stock and ranking."""
        template_ids = list(template_ids)
        Template = self.env["product.template"]
        stock = Template._b2b_stock_quantities(template_ids)
        popularity = Template._b2b_algolia_popularity(template_ids)
        return (
            template_ids,
            [stock.get(template_id, 0.0) for template_id in template_ids],
            [popularity.get(template_id, 0.0) for template_id in template_ids],
        )

    # ------------------------------------------------------------ SEARCH
    @api.model
    def _b2b_search(self, website, query="", page=0, hits_per_page=20, facet_filters=(), index_suffix=None):
        """Search the catalog of ``website`` as the current user, in the
        context's language: the products they may see (website domain and
        record rules), the best first, with facets. Returns a dict shaped as
        an Algolia search result."""
        started = time.monotonic()
        lang = self.env.lang or "en_US"
        hits_per_page = max(1, min(int(hits_per_page or 20), MAX_HITS_PER_PAGE))
        page = max(0, int(page or 0))
        Template = self.env["product.template"]
        # The user's own pricelist, if they may see prices: that of the
        # hits' prices and of the price facet's bands.
        pricelist = website._b2b_price_band_pricelist()
        page_ids, total, facets = self._b2b_query(
            query,
            lang,
            self._b2b_visibility(website),
            facet_filters,
            index_suffix,
            hits_per_page,
            page * hits_per_page,
            price_facet=self._b2b_price_facet(website, pricelist),
        )
        # The record rules stay the authority: a hit they hide (under a rule
        # the documents do not mirror) is not shown.
        allowed = set(Template.browse(page_ids)._filtered_access("read").ids)
        page_ids = [template_id for template_id in page_ids if template_id in allowed]
        # sudo: stock and sales figures of products the user may see (the
        # search above ran as the user); only retrievable attributes remain.
        records = Template.sudo().browse(page_ids)._b2b_search_records(website, lang, pricelist)
        retrievable = set(Template._b2b_algolia_retrievable(pricelist))
        hits = [
            {key: value for key, value in records[template_id].items() if key in retrievable}
            for template_id in page_ids
            if template_id in records
        ]
        return {
            "hits": hits,
            "nbHits": total,
            "page": page,
            "nbPages": math.ceil(total / hits_per_page),
            "hitsPerPage": hits_per_page,
            "facets": facets,
            "query": query or "",
            "params": "",
            "exhaustiveNbHits": True,
            "processingTimeMS": int((time.monotonic() - started) * 1000),
        }

    @api.model
    def _b2b_visibility(self, website):
        """SQL condition on a document ``d``: the products of ``website``
        the current user may see, as _b2b_algolia_domain and the record
        rules of product.template (multi-company, reserved products) select
        them, read on columns copied from the products, so that a search
        reads documents alone. test_visibility_mirrors_record_rules holds
        the two together."""
        conditions = [SQL("d.salable"), SQL("(d.website_id IS NULL OR d.website_id = %s)", website.id)]
        if not self.env.su:  # as record rules
            # The user's companies and their parents, as the rule's
            # parent_of reads them (from their paths, without a search).
            companies = self.env.companies.parent_ids
            conditions.append(SQL("(d.company_id IS NULL OR d.company_id = ANY(%s))", companies.ids))
            if self.env.user.share:
                partner = self.env.user.commercial_partner_id
                conditions.append(SQL("(d.reserved_for IS NULL OR d.reserved_for && ARRAY[%s])", partner.id))
        return SQL(" AND ").join(conditions)

    @api.model
    def _b2b_facet_columns(self):
        """Algolia facet name -> SQL value of a document ``d``."""
        low_stock = self.env["product.template"]._b2b_low_stock_threshold()
        return {
            "brand": SQL("d.brand"),
            "availability": SQL(
                "CASE WHEN NOT d.storable THEN 'in_stock' WHEN d.quantity <= 0 THEN 'out' "
                "WHEN d.quantity < %s THEN 'low' ELSE 'in_stock' END",
                low_stock,
            ),
            "categories.lvl0": SQL("d.category_lvl0"),
            "categories.lvl1": SQL("d.category_lvl1"),
            "categories.lvl2": SQL("d.category_lvl2"),
        }

    @api.model
    def _b2b_price_facet(self, website, pricelist):
        """The price facet of ``pricelist``, the current user's on
        ``website``: its bands' tags (see b2b.search.price) and the band of
        a document ``d`` in SQL, or None if they may not see prices (no
        pricelist)."""
        if not pricelist:
            return None
        return {
            "tags": website._b2b_price_band_tags(pricelist),
            "band": SQL("(d.price_bands ->> %s)::int", f"{pricelist.id}/{website.id}"),
        }

    @api.model
    def _b2b_query(self, query, lang, visibility, facet_filters, index_suffix, limit, offset, price_facet=None):
        """``(template ids of the page, number of hits, facets)`` in one
        statement: the matching documents are read once, then counted per
        facet value and sorted for the page.

        Every word must be found: as typed, as a synonym, as a code, or
        with a typo. Relevance: exact SKU or barcode, SKU prefix, name
        starting with the query, every word found without typo, some word
        with a typo; then the query found as a phrase in the name,
        popularity, id. With ``price_facet`` (see _b2b_price_facet), the
        user's price bands are counted and filtered on too."""
        columns = self._b2b_facet_columns()
        words = [word for word in (query or "").split() if word][:MAX_WORDS]
        Synonym = self.env["b2b.algolia.synonym"]
        lang_record = self.env["res.lang"]._lang_get(lang)
        conditions, exact_conditions, typos_found = [], [], False
        for position, word in enumerate(words):
            exact = [word, *Synonym._b2b_expansions(word, lang_record)]
            typos = self._b2b_typo_alternatives(word, prefix=position == len(words) - 1)
            typos_found = typos_found or bool(typos)
            found = SQL(" OR ").join(contains(SQL("d.body"), alternative) for alternative in exact + typos)
            exactly = SQL(" OR ").join(contains(SQL("d.body"), alternative) for alternative in exact)
            code = SQL("d.codes @> ARRAY[upper(%s)]::varchar[]", word)
            conditions.append(SQL("(%s OR %s)", found, code))
            exact_conditions.append(SQL("(%s OR %s)", exactly, code))
        filters = [self._b2b_facet_filter(condition, columns, price_facet) for condition in facet_filters or ()]
        text = (query or "").strip()
        # The sort keys of the page, each (SQL of a matched document d or
        # its product t, direction).
        product_sorts = {
            "price_asc": [(SQL("t.list_price"), SQL("ASC"))],
            "price_desc": [(SQL("t.list_price"), SQL("DESC"))],
            "newest": [(SQL("t.create_date"), SQL("DESC"))],
        }
        relevance = [(SQL("d.rank"), SQL("ASC")), (SQL("d.phrase"), SQL("DESC")), (SQL("d.popularity"), SQL("DESC"))]
        sort_keys = [*product_sorts.get(index_suffix, relevance), (SQL("d.product_tmpl_id"), SQL("ASC"))]
        # Each facet's counts in one pass over the matches (grouping sets);
        # a category's parents are counted from its path, after the query.
        facet_counts = SQL(
            """
            SELECT CASE WHEN GROUPING(brand) = 0 THEN 'brand'
                        WHEN GROUPING(availability) = 0 THEN 'availability'
                        WHEN GROUPING(price_band) = 0 THEN 'price_band'
                        ELSE 'categories' END,
                   COALESCE(brand, availability, price_band, lvl0), lvl1, lvl2, NULL::int, count(*)::int
              FROM (SELECT %(brand)s AS brand, %(availability)s AS availability,
                           %(lvl0)s AS lvl0, %(lvl1)s AS lvl1, %(lvl2)s AS lvl2,
                           (%(tags)s::varchar[])[d.band + 1] AS price_band
                      FROM matched d) AS v
             GROUP BY GROUPING SETS ((brand), (availability), (price_band), (lvl0, lvl1, lvl2))
            HAVING COALESCE(brand, availability, price_band, lvl0) IS NOT NULL
            """,
            brand=columns["brand"],
            availability=columns["availability"],
            lvl0=columns["categories.lvl0"],
            lvl1=columns["categories.lvl1"],
            lvl2=columns["categories.lvl2"],
            tags=price_facet["tags"] if price_facet else [],
        )
        # Compiling this short query costs more than running it; the matches
        # of a broad query (50,000 rows) stay in memory rather than spill to
        # a temporary file (for this transaction only).
        self.env.cr.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)")
        self.env.cr.execute(
            SQL(
                """
            WITH matched AS MATERIALIZED (
                SELECT d.product_tmpl_id, d.brand, d.category_lvl0, d.category_lvl1, d.category_lvl2,
                       d.storable, d.quantity, d.popularity, %(band)s AS band,
                       CASE WHEN d.codes @> ARRAY[upper(%(text)s)]::varchar[] THEN 0
                            WHEN %(code_prefix)s THEN 1
                            WHEN %(text)s != '' AND starts_with(d.name, b2b_search_norm(%(text)s)) THEN 2
                            WHEN %(exact)s THEN 3
                            ELSE 4 END AS rank,
                       %(phrase)s AS phrase
                  FROM b2b_search_document d
                 WHERE d.lang = %(lang)s AND %(visibility)s AND %(match)s AND %(filters)s
            )
            -- The page: the best matches (a bounded sort), then numbered.
            SELECT 'hit', NULL, NULL, NULL, page.product_tmpl_id, (row_number() OVER (ORDER BY %(page_order)s))::int
              FROM (SELECT d.product_tmpl_id, %(keys)s
                      FROM matched d %(join)s
                     ORDER BY %(order)s
                     LIMIT %(limit)s OFFSET %(offset)s) AS page
            UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, count(*)::int FROM matched
            UNION ALL %(facet_counts)s
                """,
                text=text,
                # A code starting with the query; codes hold no space, so a
                # query with one is no code's beginning.
                code_prefix=SQL(
                    "concat(' ', array_to_string(d.codes, ' ')) LIKE (%s || upper(%s) || %s)", "% ", text, "%"
                )
                if text and not any(char.isspace() for char in text)
                else SQL("FALSE"),
                phrase=contains(SQL("d.name"), text),
                band=price_facet["band"] if price_facet else SQL("NULL::int"),
                # Without typo alternatives, every match is found as typed.
                exact=SQL(" AND ").join(exact_conditions) if typos_found else SQL("TRUE"),
                lang=lang,
                visibility=visibility,
                match=SQL(" AND ").join(conditions) if conditions else SQL("TRUE"),
                filters=SQL(" AND ").join(filters) if filters else SQL("TRUE"),
                keys=SQL(", ").join(SQL("%s AS key_%s", key, SQL(str(i))) for i, (key, _d) in enumerate(sort_keys)),
                order=SQL(", ").join(SQL("%s %s", key, direction) for key, direction in sort_keys),
                page_order=SQL(", ").join(
                    SQL("page.key_%s %s", SQL(str(i)), direction) for i, (_key, direction) in enumerate(sort_keys)
                ),
                # Only the price and date sorts read the product.
                join=SQL("JOIN product_template t ON t.id = d.product_tmpl_id")
                if index_suffix in product_sorts
                else SQL(),
                limit=limit,
                offset=offset,
                facet_counts=facet_counts,
            )
        )
        page, total, facets = [], 0, {name: {} for name in columns}
        if price_facet:
            facets["price_band"] = {}
        for kind, value, lvl1, lvl2, template_id, number in self.env.cr.fetchall():
            if kind == "hit":
                page.append((number, template_id))
            elif kind == "total":
                total = number
            elif kind == "categories":  # a path: each of its levels
                for level, path in enumerate((value, lvl1, lvl2)):
                    if path is not None:
                        level_counts = facets[f"categories.lvl{level}"]
                        level_counts[path] = level_counts.get(path, 0) + number
            else:
                facets[kind][value] = number
        return [template_id for _number, template_id in sorted(page)], total, facets

    @api.model
    def _b2b_typo_alternatives(self, word, prefix=False):
        """Words of the catalog ``word`` may be a misspelling of (or, for
        the word being typed, the beginning of one), as Algolia counts
        typos. None for short words and words with digits (codes)."""
        if len(word) < TYPO_MIN_LENGTH or any(char.isdigit() for char in word):
            return []
        allowed = 2 if len(word) >= TWO_TYPOS_MIN_LENGTH else 1
        # levenshtein counts a swap as two edits: two, then the exact count.
        self.env.cr.execute(
            SQL(
                """
            SELECT vocabulary.word, typed.word
              FROM b2b_search_word vocabulary, (SELECT b2b_search_norm(%(word)s) AS word) AS typed
             WHERE length(vocabulary.word) >= length(typed.word) - 2
               AND (levenshtein_less_equal(vocabulary.word, typed.word, 2) <= 2
                    OR (%(prefix)s
                        AND levenshtein_less_equal(left(vocabulary.word, length(typed.word)), typed.word, 2) <= 2))
                """,
                word=word,
                prefix=prefix,
            )
        )
        alternatives = []
        for candidate, typed in self.env.cr.fetchall():
            if typed in candidate:
                continue  # found as typed already
            if typo_count(typed, candidate) <= allowed or (
                prefix and typo_count(typed, candidate[: len(typed)]) <= allowed
            ):
                alternatives.append(candidate)
        return alternatives

    @api.model
    def _b2b_facet_filter(self, condition, columns, price_facet=None):
        """SQL of one of Algolia's facetFilters: ``"facet:value"``, or a
        list of them (OR). An unknown facet matches nothing; so does a price
        band that is not one of the user's pricelist's (``price_facet``)."""
        alternatives = [condition] if isinstance(condition, str) else list(condition)
        sqls, bands = [], []
        tags = price_facet["tags"] if price_facet else []
        for alternative in alternatives:
            facet, _sep, value = alternative.partition(":")
            if facet == "price_band" and value in tags:
                bands.append(tags.index(value))
            elif facet in columns and _sep:
                sqls.append(SQL("%s = %s", columns[facet], value))
        if bands:
            sqls.append(SQL("%s = ANY(%s)", price_facet["band"], bands))
        return SQL("(%s)", SQL(" OR ").join(sqls)) if sqls else SQL("FALSE")
