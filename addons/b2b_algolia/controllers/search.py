# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

MAX_QUERIES = 5  # InstantSearch sends one query per widget state


class B2bSearch(http.Controller):
    @staticmethod
    def _b2b_parse_query(query):
        """An Algolia query object ``{indexName, params}``, checked."""
        params = query.get("params") if isinstance(query, dict) else None
        if not isinstance(params, dict):
            raise UserError(request.env._("Malformed search request."))
        text = params.get("query") or ""
        filters = params.get("facetFilters") or []
        if isinstance(filters, str):
            filters = [filters]
        valid_filters = isinstance(filters, list) and all(
            isinstance(item, str) or (isinstance(item, list) and all(isinstance(sub, str) for sub in item))
            for item in filters
        )
        if not isinstance(text, str) or not valid_filters:
            raise UserError(request.env._("Malformed search request."))
        try:
            page, hits_per_page = int(params.get("page") or 0), int(params.get("hitsPerPage") or 20)
        except (TypeError, ValueError) as error:
            raise UserError(request.env._("Malformed search request.")) from error
        index_name = str(query.get("indexName") or "")
        suffix = next((s for s in ("price_asc", "price_desc", "newest") if index_name.endswith(f"_{s}")), None)
        return {
            "query": text[:200],
            "page": page,
            "hits_per_page": hits_per_page,
            "facet_filters": filters,
            "index_suffix": suffix,
        }

    @http.route("/b2b/search/queries", type="json", auth="public", website=True, readonly=True, sitemap=False)
    def b2b_search_queries(self, requests=None, **kwargs):
        """The built-in engine behind the same API as Algolia's multi-query
        endpoint, so that the search page works with either."""
        if not isinstance(requests, list):
            raise UserError(request.env._("Malformed search request."))
        Document = request.env["b2b.search.document"]
        return {
            "results": [
                Document._b2b_search(request.website, **self._b2b_parse_query(query))
                for query in requests[:MAX_QUERIES]
            ]
        }

    @http.route("/b2b/search/log", type="json", auth="public", website=True, sitemap=False)
    def b2b_search_log(self, query="", hits=0, **kwargs):
        """Count a search the browser made (it may have asked Algolia
        directly) and how many results it got."""
        if not isinstance(query, str) or not isinstance(hits, int) or isinstance(hits, bool):
            raise UserError(request.env._("Malformed search request."))
        request.env["b2b.search.query"]._b2b_record(request.website, query, hits)
        return True

    @http.route("/b2b/search/popular", type="json", auth="public", website=True, readonly=True, sitemap=False)
    def b2b_search_popular(self, prefix="", **kwargs):
        """Popular queries completing ``prefix``, for the autocomplete."""
        if not isinstance(prefix, str):
            raise UserError(request.env._("Malformed search request."))
        return request.env["b2b.search.query"]._b2b_popular(request.website, prefix)

    @http.route("/shop/search", type="http", auth="public", website=True, sitemap=False)
    def b2b_search_page(self, q="", **kwargs):
        """The results page: the browser searches (Algolia or the built-in
        endpoint) and renders facets, hits and pagination."""
        return request.render("b2b_algolia.catalog_search_page", {"query": q[:200]})
