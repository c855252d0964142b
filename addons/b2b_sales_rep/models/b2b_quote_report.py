# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class B2bQuoteReport(models.Model):
    """One row per quote request: how long the rep took to answer and
    whether it became an order. ``converted`` averages to the conversion
    rate in pivots and graphs."""

    _name = "b2b.quote.report"
    _description = "B2B quote analysis"
    _auto = False
    _order = "request_date desc"

    order_id = fields.Many2one("sale.order", "Quote", readonly=True)
    partner_id = fields.Many2one("res.partner", "Company", readonly=True)
    user_id = fields.Many2one("res.users", "Sales rep", readonly=True)
    tier_id = fields.Many2one("b2b.tier", readonly=True)
    request_date = fields.Datetime("Requested on", readonly=True)
    first_offer_date = fields.Datetime("First offer on", readonly=True)
    hours_to_answer = fields.Float("Hours to answer", readonly=True, aggregator="avg")
    quote_state = fields.Selection(
        lambda self: self.env["sale.order"]._fields["b2b_quote_state"].selection, "Negotiation", readonly=True
    )
    converted = fields.Float("Conversion rate", readonly=True, aggregator="avg", help="1 when accepted, else 0.")
    amount_untaxed = fields.Float("Untaxed amount", readonly=True)
    request_count = fields.Integer("Requests", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT o.id, o.id AS order_id, p.commercial_partner_id AS partner_id,
                           COALESCE(o.user_id, c.user_id) AS user_id, c.b2b_tier_id AS tier_id,
                           r.request_date, r.first_offer_date,
                           EXTRACT(EPOCH FROM r.first_offer_date - r.request_date) / 3600 AS hours_to_answer,
                           o.b2b_quote_state AS quote_state,
                           CASE WHEN o.b2b_quote_state = 'accepted' THEN 1.0 ELSE 0.0 END AS converted,
                           o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1) AS amount_untaxed,
                           1 AS request_count
                      FROM sale_order o
                      JOIN res_partner p ON p.id = o.partner_id
                      JOIN res_partner c ON c.id = p.commercial_partner_id
                      JOIN LATERAL (
                            SELECT MIN(create_date) FILTER (WHERE kind = 'request') AS request_date,
                                   MIN(create_date) FILTER (WHERE kind = 'offer') AS first_offer_date
                              FROM b2b_quote_round WHERE order_id = o.id
                      ) r ON TRUE
                     WHERE o.b2b_quote_state IS NOT NULL
                )
                """,
                SQL.identifier(self._table),
            )
        )
