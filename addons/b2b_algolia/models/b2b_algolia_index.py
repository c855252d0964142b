# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
import logging
from datetime import timedelta

import requests
from algoliasearch.http.exceptions import AlgoliaUnreachableHostException, RequestException

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.delay import chain, group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000  # records per Algolia request, Algolia's advice
# Seconds an export waits after the last change, and at most after the
# first one: a burst of changes gives one request, a lone change is quick.
EXPORT_DELAY = 2
EXPORT_MAX_DELAY = 10
REPLICAS = {
    "price_asc": "asc(price_sort)",
    "price_desc": "desc(price_sort)",
    "newest": "desc(created_at)",
}


def record_hash(document):
    return hashlib.sha1(json.dumps(document, sort_keys=True, default=str).encode()).hexdigest()


# What a request to Algolia may raise.
ALGOLIA_ERRORS = (AlgoliaUnreachableHostException, RequestException, requests.RequestException)


def transient(error):
    """Whether Algolia may accept the same request later: unreachable
    (5xx, timeouts, connection lost), or rate limited."""
    return isinstance(error, (AlgoliaUnreachableHostException, requests.RequestException)) or (
        isinstance(error, RequestException) and getattr(error, "status_code", None) == 429
    )


class B2bAlgoliaIndex(models.Model):
    """One Algolia index per website language."""

    _name = "b2b.algolia.index"
    _description = "Algolia index"
    _order = "website_id, lang_id"

    website_id = fields.Many2one("website", required=True, ondelete="cascade")
    lang_id = fields.Many2one("res.lang", string="Language", required=True, ondelete="cascade")
    name = fields.Char(compute="_compute_name", store=True, help="The index name on Algolia.")
    record_ids = fields.One2many("b2b.algolia.record", "index_id")
    record_count = fields.Integer(compute="_compute_counts", string="Products in the index")
    pending_count = fields.Integer(compute="_compute_counts", string="Changes to export")
    reindex_total = fields.Integer(readonly=True)
    reindex_done = fields.Integer(readonly=True)
    reindex_progress = fields.Float(compute="_compute_reindex_progress", string="Full reindex")
    last_export = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("website_lang_unique", "unique(website_id, lang_id)", "One index per website and language."),
    ]

    @api.depends("website_id.b2b_algolia_index_prefix", "lang_id.code")
    def _compute_name(self):
        for index in self:
            prefix = index.website_id.b2b_algolia_index_prefix or "b2b"
            index.name = f"{prefix}_{index.website_id.id}_{index.lang_id.code}"

    def _compute_counts(self):
        groups = self.env["b2b.algolia.record"]._read_group(
            [("index_id", "in", self.ids)], ["index_id", "in_index"], ["__count"]
        )
        counts = {(index.id, in_index): count for index, in_index, count in groups}
        self.env.cr.execute(
            "SELECT index_id, count(*) FROM b2b_algolia_record WHERE index_id = ANY(%s) "
            "AND version > exported_version GROUP BY index_id",
            [self.ids],
        )
        pending = dict(self.env.cr.fetchall())
        for index in self:
            index.record_count = counts.get((index.id, True), 0)
            index.pending_count = pending.get(index.id, 0)

    @api.depends("reindex_total", "reindex_done")
    def _compute_reindex_progress(self):
        for index in self:
            index.reindex_progress = 100.0 * index.reindex_done / index.reindex_total if index.reindex_total else 0.0

    @api.model
    def _b2b_all(self):
        """The indexes of the websites searching with Algolia."""
        return self.search([("website_id.b2b_algolia_enabled", "=", True)])

    def _b2b_all_names(self):
        """The indexes and their sort replicas."""
        return [f"{index.name}_{suffix}" for index in self for suffix in REPLICAS] + self.mapped("name")

    # ------------------------------------------------------------ SETTINGS
    def _b2b_settings(self):
        """Index settings as code; the replicas sort by price or date."""
        self.ensure_one()
        return {
            "searchableAttributes": [
                "unordered(sku)",
                "unordered(barcodes)",
                "name",
                "brand",
                "categories.lvl0,categories.lvl1,categories.lvl2",
                "unordered(description)",
            ],
            "attributesForFaceting": [
                "categories.lvl0",
                "categories.lvl1",
                "categories.lvl2",
                "searchable(brand)",
                "availability",
                "attribute_values",
                "filterOnly(visibility)",
                # One opaque tag per pricelist and band (see price_bands.py):
                # a buyer knows only their own pricelist's tags, and nobody
                # may list the values or count them.
                "filterOnly(price_band)",
            ],
            # Every company's prices are in every record: none may be a
            # facet or a numeric filter, or counting hits under "price_<id>
            # < x" would tell a buyer another company's prices. Only this
            # public number may be filtered on.
            "numericAttributesForFiltering": ["equalOnly(in_stock)"],
            # Never in a hit, whatever a key allows: every pricelist's tags.
            "unretrievableAttributes": ["price_band"],
            "customRanking": ["desc(in_stock)", "desc(popularity)"],
            "disableTypoToleranceOnAttributes": ["sku", "barcodes"],
            "replicas": [f"{self.name}_{suffix}" for suffix in REPLICAS],
            "indexLanguages": [self.lang_id.iso_code[:2]],
            "queryLanguages": [self.lang_id.iso_code[:2]],
            "removeStopWords": True,
            "ignorePlurals": True,
        }

    def _b2b_push_settings(self, client, target=None):
        """Push settings, replicas' ranking and synonyms to ``target`` (this
        index by default); return the task ids to wait for."""
        self.ensure_one()
        target = target or self.name
        settings = self._b2b_settings()
        if target != self.name:
            settings.pop("replicas")  # a temporary index carries no replicas
        tasks = [client.set_settings(target, settings, forward_to_replicas=False).task_id]
        if target == self.name:
            for suffix, ranking in REPLICAS.items():
                replica = dict(settings, ranking=[ranking, "typo", "words", "proximity", "attribute", "exact"])
                replica.pop("replicas")
                tasks.append(client.set_settings(f"{self.name}_{suffix}", replica).task_id)
        Synonym = self.env["b2b.algolia.synonym"]
        synonyms = Synonym.search(Synonym._b2b_lang_domain(self.lang_id))._b2b_algolia_payload()
        tasks.append(
            client.save_synonyms(
                target, synonyms, forward_to_replicas=target == self.name, replace_existing_synonyms=True
            ).task_id
        )
        return tasks

    def _b2b_debounced(self, what):
        """A job on this index, merged with the same one still pending: a
        burst of changes gives one job, a little later."""
        self.ensure_one()
        # max_retries=0: retried until Algolia is back (only transient errors
        # are retried, with a delay growing to 30 minutes).
        return self.with_delay(
            eta=EXPORT_DELAY, max_retries=0, identity_key=identity_exact, description=f"Algolia {what}: {self.name}"
        )

    def action_push_settings(self):
        for index in self:
            index._b2b_debounced("settings")._job_push_settings()

    def _job_push_settings(self):
        client = self.website_id._b2b_algolia_client()
        try:
            self._b2b_push_settings(client)
        except ALGOLIA_ERRORS as error:
            self._raise_for(error)

    # ------------------------------------------------------------ EXPORT
    def _enqueue_export(self):
        for index in self:
            index._b2b_debounced("export")._job_export()

    def _b2b_wait_for_quiet(self):
        """Postpone the export while changes keep coming (the last one less
        than ``b2b_algolia.export_quiet_seconds`` ago), unless the oldest
        pending change waited ``EXPORT_MAX_DELAY`` already: a burst of
        writes gives one request. Decided here, from the records, rather
        than by moving the job, which the job runner may be updating."""
        quiet = int(self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.export_quiet_seconds", EXPORT_DELAY))
        if not quiet:
            return
        self.env.cr.execute(
            """
            SELECT min(marked_at), max(marked_at) FROM b2b_algolia_record
             WHERE index_id = %s AND version > exported_version
            """,
            [self.id],
        )
        oldest, newest = self.env.cr.fetchone()
        now = fields.Datetime.now()
        if newest and now - newest < timedelta(seconds=quiet) and now - oldest < timedelta(seconds=EXPORT_MAX_DELAY):
            raise RetryableJobError("Changes still coming", seconds=quiet, ignore_retry=True)

    def _job_export(self):
        """Send Algolia one batch of the pending changes of this index; the
        batch is marked exported only once Algolia acknowledged it, and the
        next batch goes to a new job (its own transaction)."""
        self.ensure_one()
        self._b2b_wait_for_quiet()
        Record = self.env["b2b.algolia.record"]
        versions = Record._pending(self, BATCH_SIZE)
        records = Record.browse(versions)
        requests_, hashes, in_index = self._b2b_batch(records)
        if requests_:
            try:
                self.website_id._b2b_algolia_client().batch(self.name, {"requests": requests_})
            except ALGOLIA_ERRORS as error:
                self._raise_for(error)
        records._acknowledge(versions, hashes, in_index)
        self.last_export = fields.Datetime.now()
        if len(versions) == BATCH_SIZE:
            self._enqueue_export()
        return f"{len(requests_)} records sent, {len(records) - len(requests_)} unchanged"

    def _b2b_batch(self, records):
        """Algolia batch requests for ``records``, their new hashes and
        which ones Algolia will hold: unchanged records send nothing."""
        documents = records.product_tmpl_id._b2b_algolia_documents(self)
        requests_, hashes, in_index = [], {}, set()
        for record in records:
            document = documents.get(record.product_tmpl_id.id)
            if document is None:
                if record.in_index:
                    requests_.append({"action": "deleteObject", "body": {"objectID": record.object_id}})
                continue
            hashes[record.id] = record_hash(document)
            in_index.add(record.id)
            if not (record.in_index and record.exported_hash == hashes[record.id]):
                requests_.append({"action": "updateObject", "body": document})
        return requests_, hashes, in_index

    def _raise_for(self, error):
        if transient(error):
            raise RetryableJobError(f"Algolia unavailable for {self.name}: {error}") from error
        raise UserError(self.env._("Algolia refused the request on %(index)s: %(error)s", index=self.name, error=error))

    @api.model
    def _cron_export_pending(self):
        """Queue an export for the indexes with changes and no export to
        come. A change committed while the export job that absorbed its
        request was already reading (queue_job merges a job with one not yet
        started) would otherwise wait for the next change."""
        self.env.cr.execute("SELECT DISTINCT index_id FROM b2b_algolia_record WHERE version > exported_version")
        pending = self.browse(row[0] for row in self.env.cr.fetchall()) & self._b2b_all()
        pending._enqueue_export()  # merged with an export still to come
        self.env["b2b.search.price"]._b2b_enqueue_if_stale()  # likewise for the built-in search's prices

    # ------------------------------------------------------------ RECONCILIATION
    @api.model
    def _cron_reconcile(self):
        # The built-in search's documents too: languages added since, sales
        # leaving the 90-day window; its prices: rules starting or ending
        # with the date, which no write marks.
        self.env["b2b.search.document"]._b2b_refresh()
        self.env["b2b.search.price"]._b2b_refresh_all()
        for index in self._b2b_all():
            index._b2b_reconcile()

    def _b2b_reconcile(self):
        """Re-export what drifted from Odoo's truth: products whose record
        differs from the one Algolia acknowledged, products missing from the
        index, and records that should no longer be there. Returns how many."""
        self.ensure_one()
        Template = self.env["product.template"]
        documents = Template.search(Template._b2b_algolia_domain(self.website_id))._b2b_algolia_documents(self)
        drifted = self.env["b2b.algolia.record"]
        known = set()
        for record in self.record_ids:
            document = documents.get(record.product_tmpl_id.id)
            known.add(record.product_tmpl_id.id)
            expected = record_hash(document) if document is not None else None
            if record.in_index != (document is not None) or (expected and record.exported_hash != expected):
                drifted |= record
        missing = set(documents) - known
        drifted._bump()
        self.env["b2b.algolia.record"]._mark_to_export(missing)
        if drifted:
            self._enqueue_export()
        return len(drifted) + len(missing)

    # ------------------------------------------------------------ FULL REINDEX
    def action_full_reindex(self):
        """Rebuild each index in a temporary one (settings, synonyms, records)
        and move it over the live index: searches keep answering from the
        old one meanwhile. One job per batch, so progress shows."""
        Template = self.env["product.template"]
        for index in self:
            template_ids = Template.search(Template._b2b_algolia_domain(index.website_id), order="id").ids
            index.write({"reindex_total": len(template_ids), "reindex_done": 0})
            batches = [template_ids[start : start + BATCH_SIZE] for start in range(0, len(template_ids), BATCH_SIZE)]
            chain(
                index.delayable(description=f"Algolia reindex, settings: {index.name}")._job_reindex_start(),
                group(
                    *(
                        index.delayable(
                            description=f"Algolia reindex, batch {number + 1}: {index.name}"
                        )._job_reindex_batch(batch)
                        for number, batch in enumerate(batches)
                    )
                ),
                index.delayable(description=f"Algolia reindex, switch: {index.name}")._job_reindex_finish(),
            ).delay()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": self.env._("Full reindex queued: its progress shows on the index."), "type": "info"},
        }

    def _b2b_temporary_name(self):
        return f"{self.name}_tmp"

    def _job_reindex_start(self):
        self.ensure_one()
        client = self.website_id._b2b_algolia_client()
        try:
            client.delete_index(self._b2b_temporary_name())  # leftovers of a failed reindex
            self._b2b_push_settings(client, target=self._b2b_temporary_name())
        except ALGOLIA_ERRORS as error:
            self._raise_for(error)
        self.env.cr.execute(
            "UPDATE b2b_algolia_record SET reindex_hash = NULL, reindex_version = NULL WHERE index_id = %s", [self.id]
        )

    def _job_reindex_batch(self, template_ids):
        """Write these products to the temporary index; remember what was
        sent, as of which version, for the switch."""
        self.ensure_one()
        Record = self.env["b2b.algolia.record"]
        Record._mark_to_export(template_ids, enqueue=False)  # every product gets a record
        records = Record.search([("index_id", "=", self.id), ("product_tmpl_id", "in", template_ids)])
        versions = {record.product_tmpl_id.id: record.version for record in records}
        documents = self.env["product.template"].browse(template_ids)._b2b_algolia_documents(self)
        try:
            client = self.website_id._b2b_algolia_client()
            response = client.batch(
                self._b2b_temporary_name(),
                {"requests": [{"action": "addObject", "body": document} for document in documents.values()]},
            )
            client.wait_for_task(self._b2b_temporary_name(), response.task_id)
        except ALGOLIA_ERRORS as error:
            self._raise_for(error)
        records._b2b_set_reindexed(
            {
                record.id: (versions[record.product_tmpl_id.id], record_hash(documents[record.product_tmpl_id.id]))
                for record in records
                if record.product_tmpl_id.id in documents
            }
        )
        self.env.cr.execute(
            "UPDATE b2b_algolia_index SET reindex_done = reindex_done + %s WHERE id = %s", [len(template_ids), self.id]
        )
        self.invalidate_recordset(["reindex_done"])

    def _job_reindex_finish(self):
        """Move the temporary index over the live one; the live index now
        holds what the batches sent: changes made since stay pending."""
        self.ensure_one()
        client = self.website_id._b2b_algolia_client()
        try:
            move = client.operation_index(self._b2b_temporary_name(), {"operation": "move", "destination": self.name})
            client.wait_for_task(self.name, move.task_id)
            self._b2b_push_settings(client)  # the live index keeps its replicas
        except ALGOLIA_ERRORS as error:
            self._raise_for(error)
        self.env["b2b.algolia.record"]._b2b_switch_to_reindexed(self)
        self._enqueue_export()
