# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

MAX_QUERY_LENGTH = 100
POPULAR_DAYS = 30
# A query is suggested to everyone only once this many companies found
# something with it: one company's searches (a private-label name, a
# project) are not shown to the others, and as the browser reports its
# searches, nobody can make a suggestion up without two approved accounts.
POPULAR_MIN_COMPANIES = 2
# New queries counted per company and day, visitors together counting as one
# company (system parameter b2b_algolia.search_log_daily_limit): a script
# reporting made-up searches cannot grow the table without end.
DAILY_NEW_QUERIES = 1000
# Days of statistics kept (system parameter b2b_algolia.search_log_days),
# never fewer than the popular queries read.
KEPT_DAYS = 365


class B2bSearchQuery(models.Model):
    """What buyers searched, counted per day, company and query: popular
    queries feed the autocomplete, those without results tell the rep and
    the catalog manager what is missing."""

    _name = "b2b.search.query"
    _description = "Catalog search statistics"
    _order = "day desc, searches desc"
    _log_access = False

    website_id = fields.Many2one("website", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Company", ondelete="cascade", index=True, help="Empty for visitors."
    )
    lang = fields.Char(required=True)
    query = fields.Char(required=True, help="As typed, lower case, spaces trimmed.")
    day = fields.Date(required=True, index=True)
    searches = fields.Integer(default=1)
    hits = fields.Integer(help="Number of results of the last search.")
    # Set with hits by _b2b_record, the only writer.
    without_results = fields.Boolean(index=True, readonly=True)

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS b2b_search_query_unique ON b2b_search_query "
            "(website_id, partner_id, lang, query, day) NULLS NOT DISTINCT"
        )
        # A company's queries of the day, counted against the daily limit.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS b2b_search_query_daily ON b2b_search_query (website_id, partner_id, day)"
        )

    @api.model
    def _b2b_normalize(self, query):
        return " ".join(str(query or "").lower().split())[:MAX_QUERY_LENGTH]

    @api.model
    def _b2b_record(self, website, query, hits):
        """Count a search of the current user on ``website`` that gave
        ``hits`` results (as the browser saw them: Algolia answers it
        directly). Too short queries are not counted, nor new ones past the
        daily limit of the user's company (or of visitors)."""
        query = self._b2b_normalize(query)
        if len(query) < 2:
            return
        user = self.env.user
        company = user.partner_id.commercial_partner_id if not user._is_public() else None
        params = self.env["ir.config_parameter"].sudo()
        values = {
            "website": website.id,
            "company": SQL("partner_id = %s", company.id) if company else SQL("partner_id IS NULL"),
            "partner": company.id if company else None,
            "lang": self.env.lang or "en_US",
            "query": query,
            "day": fields.Date.context_today(self),
            "hits": max(0, int(hits)),
            "limit": int(params.get_param("b2b_algolia.search_log_daily_limit", DAILY_NEW_QUERIES)),
        }
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            UPDATE b2b_search_query SET searches = searches + 1, hits = %(hits)s, without_results = %(hits)s = 0
             WHERE website_id = %(website)s AND %(company)s AND lang = %(lang)s AND query = %(query)s
               AND day = %(day)s
                """,
                **values,
            )
        )
        if cr.rowcount:
            return
        # A new query of the day (or one a concurrent search just counted).
        cr.execute(
            SQL(
                """
            INSERT INTO b2b_search_query (website_id, partner_id, lang, query, day, searches, hits, without_results)
            SELECT %(website)s, %(partner)s, %(lang)s, %(query)s, %(day)s, 1, %(hits)s, %(hits)s = 0
             WHERE (SELECT count(*) FROM b2b_search_query
                     WHERE website_id = %(website)s AND %(company)s AND day = %(day)s) < %(limit)s
            ON CONFLICT (website_id, partner_id, lang, query, day)
            DO UPDATE SET searches = b2b_search_query.searches + 1, hits = EXCLUDED.hits,
                          without_results = EXCLUDED.without_results
                """,
                **values,
            )
        )

    @api.model
    def _cron_forget_old_searches(self):
        """Delete the statistics older than the days kept."""
        days = int(self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.search_log_days", KEPT_DAYS))
        since = fields.Date.context_today(self) - timedelta(days=max(days, POPULAR_DAYS))
        self.env.cr.execute(SQL("DELETE FROM b2b_search_query WHERE day < %s", since))
        self.invalidate_model()

    @api.model
    def _b2b_popular(self, website, prefix, limit=5):
        """The most searched queries starting with ``prefix`` over the last
        30 days that gave results to several companies (visitors' searches
        are counted, they do not make a query popular)."""
        prefix = self._b2b_normalize(prefix)
        if len(prefix) < 2:
            return []
        self.env.cr.execute(
            SQL(
                """
            SELECT query
              FROM b2b_search_query
             WHERE website_id = %(website)s AND lang = %(lang)s AND day >= %(since)s
               AND starts_with(query, %(prefix)s) AND query != %(prefix)s
             GROUP BY query
            HAVING count(DISTINCT partner_id) FILTER (WHERE hits > 0) >= %(companies)s
             ORDER BY sum(searches) DESC, query
             LIMIT %(limit)s
                """,
                website=website.id,
                lang=self.env.lang or "en_US",
                since=fields.Date.context_today(self) - timedelta(days=POPULAR_DAYS),
                prefix=prefix,
                companies=POPULAR_MIN_COMPANIES,
                limit=limit,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
