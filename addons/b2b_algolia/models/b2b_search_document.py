# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The built-in catalog search, used when Algolia is not configured.

One row per product and language holds its searchable text, normalized
(lower case, no accents), and its codes; trigram indexes (pg_trgm) make
substring and typo-tolerant matching fast. Results have the shape of
Algolia's, so the search page does not know which engine answered.
"""

import math
import time

from odoo import api, fields, models
from odoo.tools import SQL

from .b2b_algolia_index import REPLICAS

# A word of at least this length also matches words it is close to (typos).
TYPO_MIN_LENGTH = 4
TYPO_THRESHOLD = 0.5
FACETS = ("brand", "availability", "categories.lvl0", "categories.lvl1", "categories.lvl2")
MAX_HITS_PER_PAGE = 100
MAX_WORDS = 10


class B2bSearchDocument(models.Model):
    _name = "b2b.search.document"
    _description = "Built-in search: text of a product"
    _log_access = False

    product_tmpl_id = fields.Many2one("product.template", required=True, ondelete="cascade", index=True)
    lang = fields.Char(required=True)
    name = fields.Char(help="Normalized name.")
    body = fields.Text(help="Normalized name, brand, categories, attribute values and codes.")
    # Plus a ``codes`` column, upper-case SKUs and barcodes: a PostgreSQL
    # array, which no ORM field maps (see init).

    _sql_constraints = [("product_lang_unique", "unique(product_tmpl_id, lang)", "One document per product.")]

    def init(self):
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
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
        cr.execute(
            "CREATE INDEX IF NOT EXISTS b2b_search_document_body_trgm "
            "ON b2b_search_document USING gin (body gin_trgm_ops)"
        )
        cr.execute("CREATE INDEX IF NOT EXISTS b2b_search_document_codes ON b2b_search_document USING gin (codes)")

    # ------------------------------------------------------------ REFRESH
    @api.model
    def _b2b_refresh(self, template_ids=None):
        """Rebuild the documents of ``template_ids`` (all products if None)
        in every installed language, in two queries."""
        self.env.flush_all()
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        where = SQL("TRUE") if template_ids is None else SQL("t.id = ANY(%s)", list(template_ids))
        self.env.cr.execute(
            SQL(
                "DELETE FROM b2b_search_document d USING product_template t WHERE t.id = d.product_tmpl_id AND %s",
                where,
            )
        )
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO b2b_search_document (product_tmpl_id, lang, name, body, codes)
            SELECT t.id, l.code,
                   b2b_search_norm(COALESCE(t.name->>l.code, t.name->>'en_US')),
                   b2b_search_norm(concat_ws(' ',
                       COALESCE(t.name->>l.code, t.name->>'en_US'), brand.name, categories.names,
                       attributes.names, array_to_string(codes.list, ' '))),
                   codes.list
              FROM product_template t
             CROSS JOIN unnest(%(langs)s::varchar[]) AS l(code)
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
              LEFT JOIN LATERAL (
                   SELECT string_agg(DISTINCT COALESCE(value.name->>l.code, value.name->>'en_US'), ' ') AS names
                     FROM product_template_attribute_value ptav
                     JOIN product_attribute_value value ON value.id = ptav.product_attribute_value_id
                    WHERE ptav.product_tmpl_id = t.id AND ptav.ptav_active
              ) AS attributes ON TRUE
             WHERE %(where)s
                """,
                langs=langs,
                where=where,
            )
        )
        self.invalidate_model()

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
        # As the user: record rules hide products reserved for others.
        visible = Template._search(Template._b2b_algolia_domain(website))
        matched = self._b2b_match(query, lang, visible)
        facets = self._b2b_facets(matched, lang)
        matched = self._b2b_apply_facet_filters(matched, facet_filters, facets["_labels"])
        facets = self._b2b_facets(matched, lang) if facet_filters else facets
        ordered = self._b2b_sort(matched, index_suffix)
        page_ids = ordered[page * hits_per_page : (page + 1) * hits_per_page]
        pricelists = website.pricelist_id if website._b2b_user_can_buy() else self.env["product.pricelist"]
        # sudo: stock and sales figures of products the user may see (the
        # search above ran as the user); only retrievable attributes remain.
        records = Template.sudo().browse(page_ids)._b2b_search_records(website, lang, pricelists)
        retrievable = set(Template._b2b_algolia_retrievable(self.env.user, website))
        hits = [
            {key: value for key, value in records[template_id].items() if key in retrievable}
            for template_id in page_ids
            if template_id in records
        ]
        facets.pop("_labels")
        return {
            "hits": hits,
            "nbHits": len(ordered),
            "page": page,
            "nbPages": math.ceil(len(ordered) / hits_per_page),
            "hitsPerPage": hits_per_page,
            "facets": facets,
            "query": query or "",
            "params": "",
            "exhaustiveNbHits": True,
            "processingTimeMS": int((time.monotonic() - started) * 1000),
        }

    @api.model
    def _b2b_match(self, query, lang, visible):
        """``[(template id, rank, similarity)]`` of the visible products
        matching every word of ``query`` (or all of them for no query).

        Rank: 0 exact SKU or barcode, 1 SKU prefix, 2 name starting with the
        query, 3 every word found, 4 some word only close (typo)."""
        words = [word for word in (query or "").split() if word][:MAX_WORDS]
        conditions, typo_conditions = [], []
        Synonym = self.env["b2b.algolia.synonym"]
        lang_record = self.env["res.lang"]._lang_get(lang)
        for word in words:
            alternatives = [word, *Synonym._b2b_expansions(word, lang_record)]
            found = SQL(" OR ").join(
                SQL("d.body LIKE concat(%s, b2b_search_norm(%s), %s)", "%", alt, "%") for alt in alternatives
            )
            # pg_trgm's "<%" (word similarity above the threshold, indexed):
            # SQL() halves "%%" once, psycopg2 once more.
            # Like Algolia here, no typo tolerance on codes (words with digits).
            typo_tolerant = len(word) >= TYPO_MIN_LENGTH and not any(char.isdigit() for char in word)
            typo = SQL("b2b_search_norm(%s) <%%%% d.body", word) if typo_tolerant else SQL("FALSE")
            conditions.append(SQL("(%s OR %s OR d.codes @> ARRAY[upper(%s)]::varchar[])", found, typo, word))
            typo_conditions.append(SQL("(%s OR d.codes @> ARRAY[upper(%s)]::varchar[])", found, word))
        match = SQL(" AND ").join(conditions) if conditions else SQL("TRUE")
        all_found = SQL(" AND ").join(typo_conditions) if typo_conditions else SQL("TRUE")
        text = (query or "").strip()
        self.env.cr.execute(
            SQL("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", str(TYPO_THRESHOLD))
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT d.product_tmpl_id,
                   CASE WHEN d.codes @> ARRAY[upper(%(text)s)]::varchar[] THEN 0
                        WHEN %(text)s != '' AND EXISTS (
                            SELECT 1 FROM unnest(d.codes) code WHERE starts_with(code, upper(%(text)s))) THEN 1
                        WHEN %(text)s != '' AND starts_with(d.name, b2b_search_norm(%(text)s)) THEN 2
                        WHEN %(all_found)s THEN 3
                        ELSE 4 END AS rank,
                   word_similarity(b2b_search_norm(%(text)s), d.name) AS similarity
              FROM b2b_search_document d
             WHERE d.lang = %(lang)s AND d.product_tmpl_id IN %(visible)s AND %(match)s
                """,
                text=text,
                all_found=all_found,
                lang=lang,
                visible=visible.subselect(),
                match=match,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _b2b_sort(self, matched, index_suffix):
        """Template ids, best first; replica names sort as on Algolia."""
        ids = [template_id for template_id, *_rest in matched]
        if index_suffix in REPLICAS:
            order = {
                "price_asc": SQL("list_price ASC"),
                "price_desc": SQL("list_price DESC"),
                "newest": SQL("create_date DESC"),
            }[index_suffix]
            self.env.cr.execute(SQL("SELECT id FROM product_template WHERE id = ANY(%s) ORDER BY %s, id", ids, order))
            return [row[0] for row in self.env.cr.fetchall()]
        popularity = self.env["product.template"]._b2b_algolia_popularity(ids)
        return [
            template_id
            for template_id, _rank, _similarity in sorted(
                matched, key=lambda row: (row[1], -(row[2] or 0.0), -popularity.get(row[0], 0.0), row[0])
            )
        ]

    @api.model
    def _b2b_facets(self, matched, lang):
        """Facet counts of the matched products, as Algolia gives them;
        ``_labels`` maps each template id to its facet values, for filters.
        Three queries, whatever the number of products."""
        ids = [template_id for template_id, *_rest in matched]
        labels = {template_id: {} for template_id in ids}
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            SELECT template.id, brand.name, template.is_storable
              FROM product_template template
              LEFT JOIN product_brand brand ON brand.id = template.product_brand_id
             WHERE template.id = ANY(%s)
                """,
                ids,
            )
        )
        storable = []
        for template_id, brand, is_storable in cr.fetchall():
            if brand:
                labels[template_id]["brand"] = brand
            if is_storable:
                storable.append(template_id)
            else:
                labels[template_id]["availability"] = "in_stock"
        cr.execute(
            SQL(
                """
            SELECT product.product_tmpl_id, COALESCE(sum(quant.quantity), 0)::float
              FROM product_product product
              LEFT JOIN stock_quant quant ON quant.product_id = product.id
                    AND quant.location_id IN (SELECT id FROM stock_location WHERE usage = 'internal')
             WHERE product.product_tmpl_id = ANY(%s) AND product.active
             GROUP BY product.product_tmpl_id
                """,
                storable,
            )
        )
        availability_of = self.env["product.template"]._b2b_availability_function()
        for template_id, quantity in cr.fetchall():
            labels[template_id]["availability"] = availability_of(quantity)
        # The first website category, as records have it (the categories' order).
        cr.execute(
            SQL(
                """
            SELECT DISTINCT ON (rel.product_template_id) rel.product_template_id, category.id
              FROM product_public_category_product_template_rel rel
              JOIN product_public_category category ON category.id = rel.product_public_category_id
             WHERE rel.product_template_id = ANY(%s)
             ORDER BY rel.product_template_id, category.sequence,
                      COALESCE(category.name->>%s, category.name->>'en_US'), category.id
                """,
                ids,
                lang,
            )
        )
        first_category = dict(cr.fetchall())
        # sudo: names of the categories of products the user may see.
        categories = (
            self.env["product.public.category"].sudo().with_context(lang=lang).browse(set(first_category.values()))
        )
        paths = {category.id: category.parents_and_self.mapped("name")[:3] for category in categories}
        facets = {name: {} for name in FACETS}
        for template_id, values in labels.items():
            names = paths.get(first_category.get(template_id), [])
            values.update({f"categories.lvl{level}": " > ".join(names[: level + 1]) for level in range(len(names))})
            for facet, value in values.items():
                facets[facet][value] = facets[facet].get(value, 0) + 1
        facets["_labels"] = labels
        return facets

    @api.model
    def _b2b_apply_facet_filters(self, matched, facet_filters, labels):
        """Algolia's facetFilters: a list of ``"facet:value"`` (AND), each
        item possibly a list (OR)."""
        for condition in facet_filters or ():
            alternatives = [condition] if isinstance(condition, str) else list(condition)
            wanted = [tuple(alternative.split(":", 1)) for alternative in alternatives if ":" in alternative]
            matched = [
                row for row in matched if any(labels.get(row[0], {}).get(facet) == value for facet, value in wanted)
            ]
        return matched
