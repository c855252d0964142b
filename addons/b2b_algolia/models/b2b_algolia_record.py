# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class B2bAlgoliaRecord(models.Model):
    """What Algolia holds of one product in one index, and whether Odoo's
    truth moved since: ``version`` grows at each change, ``exported_version``
    is the version Algolia acknowledged. A change made while an export runs
    bumps ``version`` again, so it is never cleared by that export."""

    _name = "b2b.algolia.record"
    _description = "Algolia record of a product"
    _log_access = False

    index_id = fields.Many2one("b2b.algolia.index", required=True, ondelete="cascade", index=True)
    # set null: a deleted product keeps its record until Algolia removed it.
    product_tmpl_id = fields.Many2one("product.template", string="Product", ondelete="set null", index=True)
    object_id = fields.Char(required=True)
    version = fields.Integer(default=1, required=True)
    exported_version = fields.Integer(default=0, required=True)
    exported_hash = fields.Char(help="Hash of the record Algolia acknowledged.")
    in_index = fields.Boolean(help="Algolia holds this record.")
    marked_at = fields.Datetime(help="Last change to export (UTC).")
    # What a running full reindex wrote to the temporary index.
    reindex_version = fields.Integer()
    reindex_hash = fields.Char()

    _sql_constraints = [
        ("object_unique", "unique(index_id, object_id)", "One record per product and index."),
    ]

    @api.model
    def _mark_to_export(self, template_ids, enqueue=True):
        """Mark the products ``template_ids`` to export in every index, in
        this transaction, and queue one (debounced) export per index."""
        template_ids = sorted(set(template_ids))
        # sudo: whoever changes a product marks it, without access to indexes.
        indexes = self.env["b2b.algolia.index"].sudo()._b2b_all()
        if not template_ids or not indexes:
            return
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO b2b_algolia_record (index_id, product_tmpl_id, object_id, version, exported_version, marked_at)
            SELECT idx.id, tmpl.id, 'product.template-' || tmpl.id, 1, 0, clock_timestamp() AT TIME ZONE 'UTC'
              FROM b2b_algolia_index idx, unnest(%s::int[]) AS tmpl(id)
            ON CONFLICT (index_id, object_id)
            DO UPDATE SET version = b2b_algolia_record.version + 1, marked_at = EXCLUDED.marked_at
            """,
            [template_ids],
        )
        self.invalidate_model(["version", "marked_at"])
        indexes.invalidate_model(["record_ids"])  # rows inserted above
        if enqueue:
            indexes._enqueue_export()

    def _bump(self):
        """Mark these records to export (also those of deleted products)."""
        if self:
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE b2b_algolia_record SET version = version + 1, marked_at = clock_timestamp() AT TIME ZONE 'UTC' "
                "WHERE id = ANY(%s)",
                [self.ids],
            )
            self.invalidate_recordset(["version", "marked_at"])

    @api.model
    def _pending(self, index, limit):
        """Records of ``index`` Algolia is behind on, with the version read."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id, version FROM b2b_algolia_record
             WHERE index_id = %s AND version > exported_version
             ORDER BY id LIMIT %s
            """,
            [index.id, limit],
        )
        return dict(self.env.cr.fetchall())

    def _acknowledge(self, versions, hashes, in_index):
        """Algolia acknowledged these records as of ``versions`` (read
        before sending): later changes stay pending."""
        if not self:
            return
        self.env.cr.execute(
            """
            UPDATE b2b_algolia_record AS record
               SET exported_version = GREATEST(record.exported_version, acked.version),
                   exported_hash = acked.hash,
                   in_index = acked.in_index
              FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::bool[]) AS acked(id, version, hash, in_index)
             WHERE record.id = acked.id
            """,
            [
                self.ids,
                [versions[record_id] for record_id in self.ids],
                [hashes.get(record_id) for record_id in self.ids],
                [record_id in in_index for record_id in self.ids],
            ],
        )
        self.invalidate_recordset(["exported_version", "exported_hash", "in_index"])

    def _b2b_set_reindexed(self, sent):
        """``sent``: ``{record id: (version, hash)}`` written to the
        temporary index of a full reindex."""
        if not sent:
            return
        ids = list(sent)
        self.env.cr.execute(
            """
            UPDATE b2b_algolia_record AS record
               SET reindex_version = sent.version, reindex_hash = sent.hash
              FROM unnest(%s::int[], %s::int[], %s::varchar[]) AS sent(id, version, hash)
             WHERE record.id = sent.id
            """,
            [ids, [sent[record_id][0] for record_id in ids], [sent[record_id][1] for record_id in ids]],
        )
        self.invalidate_recordset(["reindex_version", "reindex_hash"])

    @api.model
    def _b2b_switch_to_reindexed(self, index):
        """The temporary index became the live one: Algolia now holds what
        the reindex sent, as of the versions read then; anything changed
        since (even if exported to the old index) is pending again."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE b2b_algolia_record
               SET exported_version = COALESCE(reindex_version, 0),
                   exported_hash = reindex_hash,
                   in_index = reindex_hash IS NOT NULL,
                   reindex_version = NULL,
                   reindex_hash = NULL
             WHERE index_id = %s
            """,
            [index.id],
        )
        self.invalidate_model(["exported_version", "exported_hash", "in_index", "reindex_version", "reindex_hash"])
