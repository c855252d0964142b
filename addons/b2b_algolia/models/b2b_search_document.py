# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The built-in catalog search, used when Algolia is not configured.

One row per product and language holds its searchable text, normalized
(lower case, no accents), its codes and its facet values. Each server
process searches them through an exact in-memory copy (see search_index):
a misspelt word is replaced by the catalog's words close to it, then every
match is counted per facet value and the best ones make the page.
Results have the shape of Algolia's, so the search page does not know which
engine answered.
"""

import math
import time

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL

from ..search_index import AVAILABILITIES, TOMBSTONE_HOURS, search_index
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
# Algolia facet name: column of the documents (see search_index.FACETS).
FACET_COLUMNS = {
    "brand": "brand",
    "categories.lvl0": "category_lvl0",
    "categories.lvl1": "category_lvl1",
    "categories.lvl2": "category_lvl2",
}
# Sorts of the replica indexes, read on the products.
PRODUCT_SORTS = {
    "price_asc": SQL("list_price ASC"),
    "price_desc": SQL("list_price DESC"),
    "newest": SQL("create_date DESC"),
}


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
        # Searches read the documents in memory (see search_index), no
        # longer through trigram and code indexes.
        cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'b2b_search_document'"
            " AND indexname LIKE 'b2b_search_document_body_trgm%'"
        )
        for (name,) in cr.fetchall():
            cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        # What the in-memory copies read to catch up: the transaction that
        # last wrote each document, and a tombstone for each deleted one.
        cr.execute("ALTER TABLE b2b_search_document ADD COLUMN IF NOT EXISTS writer xid8")
        cr.execute("CREATE INDEX IF NOT EXISTS b2b_search_document_writer ON b2b_search_document (writer)")
        cr.execute(
            """
            CREATE TABLE IF NOT EXISTS b2b_search_tombstone (
                product_tmpl_id int NOT NULL,
                lang varchar NOT NULL,
                writer xid8 NOT NULL DEFAULT pg_current_xact_id(),
                deleted_at timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            CREATE INDEX IF NOT EXISTS b2b_search_tombstone_writer ON b2b_search_tombstone (writer);
            CREATE OR REPLACE FUNCTION b2b_search_document_written() RETURNS trigger LANGUAGE plpgsql
            AS $$ BEGIN NEW.writer := pg_current_xact_id(); RETURN NEW; END $$;
            CREATE OR REPLACE TRIGGER b2b_search_document_written
                BEFORE INSERT OR UPDATE ON b2b_search_document
                FOR EACH ROW EXECUTE FUNCTION b2b_search_document_written();
            CREATE OR REPLACE FUNCTION b2b_search_document_deleted() RETURNS trigger LANGUAGE plpgsql
            AS $$ BEGIN
                INSERT INTO b2b_search_tombstone (product_tmpl_id, lang) SELECT product_tmpl_id, lang FROM deleted;
                RETURN NULL;
            END $$;
            CREATE OR REPLACE TRIGGER b2b_search_document_deleted
                AFTER DELETE ON b2b_search_document REFERENCING OLD TABLE AS deleted
                FOR EACH STATEMENT EXECUTE FUNCTION b2b_search_document_deleted();
            UPDATE b2b_search_document SET writer = pg_current_xact_id() WHERE writer IS NULL;
            """
        )
        cr.execute("DROP INDEX IF EXISTS b2b_search_document_codes")
        # Every word of the catalog: a misspelt word is replaced by those
        # close to it (see _b2b_typo_alternatives), then matched as typed.
        cr.execute("CREATE TABLE IF NOT EXISTS b2b_search_word (word varchar PRIMARY KEY)")

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

    @api.model
    def _cron_forget_tombstones(self):
        """Forget deleted documents once every process's index has read
        their tombstones or rebuilt (see search_index.TOMBSTONE_HOURS)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_search_tombstone WHERE deleted_at < clock_timestamp() - make_interval(hours => %s)",
                TOMBSTONE_HOURS,
            )
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
            website,
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
    def _b2b_visibility(self, website, index):
        """Mask of ``index``'s documents (see search_index): the products of
        ``website`` the current user may see, as _b2b_algolia_domain and the
        record rules of product.template (multi-company, reserved products)
        select them, read on columns copied from the products, so that a
        search reads documents alone. test_visibility_mirrors_record_rules
        holds the two together."""
        if self.env.su:  # as record rules
            return index.visible(website.id)
        # The user's companies and their parents, as the rule's parent_of
        # reads them: from their paths, without reading the whole companies.
        self.env.cr.execute(SQL("SELECT parent_path FROM res_company WHERE id = ANY(%s)", self.env.companies.ids))
        companies = list({int(part) for (path,) in self.env.cr.fetchall() for part in path.split("/") if part})
        partner = self.env.user.commercial_partner_id.id if self.env.user.share else None
        return index.visible(website.id, companies, partner)

    @api.model
    def _b2b_price_facet(self, website, pricelist):
        """The price facet of ``pricelist``, the current user's on
        ``website``: its bands' tags (see b2b.search.price) and the key of
        the documents' bands, or None if they may not see prices (no
        pricelist)."""
        if not pricelist:
            return None
        return {"tags": website._b2b_price_band_tags(pricelist), "key": f"{pricelist.id}/{website.id}"}

    @api.model
    def _b2b_query(self, query, lang, website, facet_filters, index_suffix, limit, offset, price_facet=None):
        """``(template ids of the page, number of hits, facets)``: every
        matching document is counted per facet value, the best ones make
        the page.

        Every word must be found: as typed, as a synonym, as a code, or
        with a typo. Relevance: exact SKU or barcode, SKU prefix, name
        starting with the query, every word found without typo, some word
        with a typo; then the query found as a phrase in the name,
        popularity, id. With ``price_facet`` (see _b2b_price_facet), the
        user's price bands are counted and filtered on too."""
        words = [word for word in (query or "").split() if word][:MAX_WORDS]
        text = (query or "").strip()
        Synonym = self.env["b2b.algolia.synonym"]
        lang_record = self.env["res.lang"]._lang_get(lang)
        terms = [[word, *Synonym._b2b_expansions(word, lang_record)] for word in words]
        typos = [
            self._b2b_typo_alternatives(word, prefix=position == len(words) - 1) for position, word in enumerate(words)
        ]
        normalized = self._b2b_normalize([text, *(term for word_terms in terms for term in word_terms)])
        (norm_text, upper_text), normalized = normalized[0], iter(normalized[1:])
        low_stock = self.env["product.template"]._b2b_low_stock_threshold()
        with search_index(self.env.cr, lang) as index:
            matched = self._b2b_visibility(website, index)
            found_exactly = np.ones(index.size, bool)
            for word_terms, word_typos in zip(terms, typos, strict=True):
                forms = [next(normalized) for _term in word_terms]
                exactly = index.code_equal(forms[0][1])  # the word as typed, as a code
                for norm, _upper in forms:
                    exactly |= index.containing(norm)
                found = exactly.copy()
                for typo in word_typos:
                    found |= index.containing(typo)
                matched &= found
                found_exactly &= exactly
            availability = index.availability(low_stock)
            band = index.band(price_facet["key"]) if price_facet else np.full(index.size, -1)
            for condition in facet_filters or ():
                matched &= self._b2b_facet_filter(condition, index, availability, band, price_facet)
            total = int(matched.sum())
            facets = {name: index.facet_counts(column, matched) for name, column in FACET_COLUMNS.items()}
            facets["availability"] = index.counts(availability, matched, AVAILABILITIES)
            if price_facet:
                facets["price_band"] = index.counts(band, matched, price_facet["tags"])
            if index_suffix in PRODUCT_SORTS:
                page_ids = self._b2b_sorted_products(index.template_ids(matched), index_suffix, limit, offset)
            else:
                # The relevance rank, each rule overriding the weaker ones.
                rank = np.where(found_exactly, 3, 4) if any(typos) else np.full(index.size, 3)
                if text:
                    rank = np.where(index.name_starting(norm_text), 2, rank)
                    # Codes hold no space: a query with one is no code's beginning.
                    if not any(char.isspace() for char in text):
                        rank = np.where(index.code_starting(upper_text), 1, rank)
                    rank = np.where(index.code_equal(upper_text), 0, rank)
                groups = rank * 2 + ~index.name_containing(norm_text)
                page_ids = index.best(matched, groups, limit, offset)
        return page_ids, total, facets

    @api.model
    def _b2b_normalize(self, texts):
        """``(normalized, upper case)`` of each of ``texts``: as documents
        hold their text and their codes."""
        self.env.cr.execute(
            SQL(
                "SELECT b2b_search_norm(text), upper(text) FROM unnest(%s::varchar[]) WITH ORDINALITY AS t(text, n)"
                " ORDER BY n",
                texts,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _b2b_sorted_products(self, template_ids, index_suffix, limit, offset):
        """The page of ``template_ids`` in the sort of a replica index."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM product_template WHERE id = ANY(%s) ORDER BY %s, id LIMIT %s OFFSET %s",
                template_ids,
                PRODUCT_SORTS[index_suffix],
                limit,
                offset,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

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
    def _b2b_facet_filter(self, condition, index, availability, band, price_facet=None):
        """Mask of one of Algolia's facetFilters: ``"facet:value"``, or a
        list of them (OR). An unknown facet matches nothing; so does a price
        band that is not one of the user's pricelist's (``price_facet``)."""
        alternatives = [condition] if isinstance(condition, str) else list(condition)
        tags = price_facet["tags"] if price_facet else []
        mask = np.zeros(index.size, bool)
        for alternative in alternatives:
            facet, _sep, value = alternative.partition(":")
            if facet == "price_band" and value in tags:
                mask |= band == tags.index(value)
            elif facet == "availability" and value in AVAILABILITIES:
                mask |= availability == AVAILABILITIES.index(value)
            elif facet in FACET_COLUMNS and _sep:
                mask |= index.facet_equal(FACET_COLUMNS[facet], value)
        return mask
