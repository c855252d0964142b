# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The built-in search's documents, held in memory by each server process.

PostgreSQL keeps the documents (b2b_search_document); matching and counting
tens of thousands of them row by row in a statement costs about two
microseconds a row, too slow for a search while typing. So each process
keeps, per database and language, the documents as arrays (numpy) with a
word index, and answers from them in a few milliseconds.

The copy is exact, not a cache that may lag: every document row carries the
id of the transaction that last wrote it (``writer``) and a deletion leaves
a tombstone. Before each search, the rows that the copy's snapshot did not
see and the searching transaction sees are read (an index scan, empty most
of the time) and applied. A transaction that wrote something itself sees
changes that may still be rolled back: it searches a private copy, and the
shared one only ever holds committed rows.
"""

import bisect
import contextlib
import threading
import time

import numpy as np

from odoo.tools import SQL

# An index rebuilds from scratch once this many documents (or a quarter of
# them) changed since it was built: changed documents are searched one by
# one, the others through the word index.
REBUILD_AFTER_CHANGES = 1000
# Tombstones are kept this long (b2b.search.document._cron_forget_tombstones);
# an index whose snapshot is more than half as old rebuilds rather than
# syncs: it cannot have missed one.
TOMBSTONE_HOURS = 24
AVAILABILITIES = ["in_stock", "low", "out"]
FACETS = ["brand", "category_lvl0", "category_lvl1", "category_lvl2"]
NUMBERS = {  # column: numpy type
    "template_id": np.int32,
    "writer": np.int64,
    "storable": bool,
    "quantity": np.float64,
    "popularity": np.float64,
    "website_id": np.int32,
    "company_id": np.int32,
    "salable": bool,
    "reserved": bool,
}
ROWS = SQL(
    """
    SELECT d.product_tmpl_id, d.writer::text::bigint, COALESCE(d.name, ''), COALESCE(d.body, ''),
           COALESCE(d.codes, '{}'), d.brand, d.category_lvl0, d.category_lvl1, d.category_lvl2,
           COALESCE(d.storable, FALSE), COALESCE(d.quantity, 0), COALESCE(d.popularity, 0),
           COALESCE(d.website_id, 0), COALESCE(d.company_id, 0), COALESCE(d.salable, FALSE),
           d.reserved_for, d.price_bands
      FROM b2b_search_document d
    """
)

_indexes = {}  # (database name, database oid, language): SearchIndex
_lock = threading.Lock()


def unseen_by(snapshot):
    """SQL: whether a row's ``writer`` is a transaction ``snapshot`` did not
    see (still running or not started then) and the current one sees."""
    return SQL(
        "writer >= pg_snapshot_xmin(%s::pg_snapshot) AND NOT pg_visible_in_snapshot(writer, %s::pg_snapshot)",
        snapshot,
        snapshot,
    )


@contextlib.contextmanager
def search_index(cr, lang):
    """The index of ``lang`` as the transaction of ``cr`` sees it, locked
    while the caller reads it."""
    cr.execute(
        "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL,"
        " (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    snapshot, wrote, database = cr.fetchone()
    key = (cr.dbname, database, lang)
    with _lock:
        shared = _indexes.get(key)
        index = shared.private_copy() if shared and wrote else shared
        if index is None or time.monotonic() - index.snapshot_time > TOMBSTONE_HOURS * 3600 / 2:
            index = SearchIndex.load(cr, lang, snapshot)
        else:
            index.sync(cr, snapshot, wrote)
            if index.changed > max(REBUILD_AFTER_CHANGES, index.indexed // 4):
                index = SearchIndex.load(cr, lang, snapshot)
        if not wrote:
            _indexes[key] = index
        yield index


class SearchIndex:
    """The documents of one language. A slot is one version of a document;
    a document changed since the index was built has a new slot at the end,
    its old one is dead (``alive`` false)."""

    def __init__(self, lang, snapshot):
        self.lang = lang
        self.snapshot, self.snapshot_time = snapshot, time.monotonic()
        self.slot_of = {}  # template id: its live slot
        self.names, self.bodies, self.codes = [], [], []
        self.reserved_for = {}  # slot: partner ids, for reserved products
        self.facet_values, self.value_code = [], {}  # brands and categories, coded
        self.numbers = {column: np.zeros(0, dtype) for column, dtype in NUMBERS.items()}
        self.facets = {column: np.zeros(0, np.int32) for column in FACETS}
        self.bands = {}  # "pricelist id/website id": band of each slot, -1 for none
        self.alive = np.zeros(0, bool)
        # The first ``indexed`` slots are in these; later ones are read one by one.
        self.indexed = 0
        self.body_words = self.name_words = self.sorted_names = self.sorted_codes = None
        self.changed = 0  # slots added since the index was built
        self._popularity_rank = None

    @classmethod
    def load(cls, cr, lang, snapshot):
        index = cls(lang, snapshot)
        cr.execute(SQL("%s WHERE d.lang = %s", ROWS, lang))
        index._append(cr.fetchall())
        index.indexed = len(index.names)
        index.body_words = WordIndex(index.bodies)
        index.name_words = WordIndex(index.names)
        index.sorted_names = SortedKeys([[name] for name in index.names])
        index.sorted_codes = SortedKeys(index.codes)
        return index

    def private_copy(self):
        """A copy that changes apart from this index (its arrays are
        replaced on change, never written in place, but ``alive``)."""
        copy = object.__new__(SearchIndex)
        copy.__dict__.update(self.__dict__)
        for name in ("slot_of", "reserved_for", "value_code", "numbers", "facets", "bands"):
            setattr(copy, name, dict(getattr(self, name)))
        for name in ("names", "bodies", "codes", "facet_values"):
            setattr(copy, name, list(getattr(self, name)))
        copy.alive = self.alive.copy()
        return copy

    def sync(self, cr, snapshot, wrote):
        """Apply the rows written by the transactions this index's snapshot
        did not see, and that ``cr``'s transaction sees (with its own
        writes if it ``wrote``)."""
        if snapshot == self.snapshot and not wrote:
            return
        cr.execute(
            SQL(
                "SELECT product_tmpl_id, writer::text::bigint FROM b2b_search_tombstone WHERE lang = %s AND %s",
                self.lang,
                unseen_by(self.snapshot),
            )
        )
        writers = self.numbers["writer"]
        for template_id, writer in cr.fetchall():
            slot = self.slot_of.get(template_id)
            if slot is not None and writers[slot] <= writer:
                self._kill(slot)
        cr.execute(SQL("%s WHERE d.lang = %s AND %s", ROWS, self.lang, unseen_by(self.snapshot)))
        rows = []
        for row in cr.fetchall():
            slot = self.slot_of.get(row[0])
            if slot is not None:
                if writers[slot] > row[1]:
                    continue  # this index holds a later version already
                self._kill(slot)
            rows.append(row)
        self._append(rows)
        self.changed += len(rows)
        if xmax(snapshot) >= xmax(self.snapshot):
            self.snapshot, self.snapshot_time = snapshot, time.monotonic()

    def _kill(self, slot):
        self.alive[slot] = False
        del self.slot_of[int(self.numbers["template_id"][slot])]

    def _append(self, rows):
        if not rows:
            return
        start = len(self.names)
        columns = {column: [] for column in (*NUMBERS, *FACETS)}
        bands = []
        for slot, row in enumerate(rows, start):
            (template_id, writer, name, body, codes, brand, lvl0, lvl1, lvl2, storable, quantity, popularity,
             website_id, company_id, salable, reserved_for, price_bands) = row  # fmt: skip
            self.slot_of[template_id] = slot
            self.names.append(name)
            self.bodies.append(body)
            self.codes.append(codes)
            if reserved_for is not None:
                self.reserved_for[slot] = frozenset(reserved_for)
            for column, value in zip(FACETS, (brand, lvl0, lvl1, lvl2), strict=True):
                columns[column].append(self._value_code(value))
            for column, value in zip(
                NUMBERS,
                (template_id, writer, storable, quantity, popularity, website_id, company_id, salable,
                 reserved_for is not None),
                strict=True,
            ):  # fmt: skip
                columns[column].append(value)
            bands.append(price_bands or {})
        for column, dtype in NUMBERS.items():
            self.numbers[column] = np.concatenate([self.numbers[column], np.array(columns[column], dtype)])
        for column in FACETS:
            self.facets[column] = np.concatenate([self.facets[column], np.array(columns[column], np.int32)])
        for key in {key for slot_bands in bands for key in slot_bands}:
            self.bands.setdefault(key, np.full(start, -1, np.int16))
        for key, values in self.bands.items():
            new = np.array([slot_bands.get(key, -1) for slot_bands in bands], np.int16)
            self.bands[key] = np.concatenate([values, new])
        self.alive = np.concatenate([self.alive, np.ones(len(rows), bool)])
        self._popularity_rank = None

    def _value_code(self, value):
        if value is None:
            return -1
        code = self.value_code.get(value)
        if code is None:
            code = self.value_code[value] = len(self.facet_values)
            self.facet_values.append(value)
        return code

    # ------------------------------------------------------------ QUERIES
    @property
    def size(self):
        return len(self.names)

    def template_ids(self, mask):
        return self.numbers["template_id"][mask].tolist()

    def visible(self, website_id, company_ids=None, partner_id=None):
        """The live documents of ``website_id``'s products that are sold;
        with ``company_ids``, of those companies' products (or shared);
        with ``partner_id``, not reserved to others than that partner."""
        numbers = self.numbers
        mask = self.alive & numbers["salable"] & ((numbers["website_id"] == 0) | (numbers["website_id"] == website_id))
        if company_ids is not None:
            mask &= (numbers["company_id"] == 0) | np.isin(numbers["company_id"], company_ids)
        if partner_id is not None:
            allowed = ~numbers["reserved"]
            allowed[[slot for slot, partners in self.reserved_for.items() if partner_id in partners]] = True
            mask &= allowed
        return mask

    def containing(self, text):
        """Documents whose body contains ``text`` (normalized)."""
        return self.body_words.containing(text, self.bodies, self.indexed)

    def name_containing(self, text):
        return self.name_words.containing(text, self.names, self.indexed)

    def name_starting(self, text):
        return self.sorted_names.starting(
            text, [[name] for name in self.names[self.indexed :]], self.indexed, self.size
        )

    def code_starting(self, code):
        return self.sorted_codes.starting(code, self.codes[self.indexed :], self.indexed, self.size)

    def code_equal(self, code):
        return self.sorted_codes.equal(code, self.codes[self.indexed :], self.indexed, self.size)

    def facet_equal(self, facet, value):
        code = self.value_code.get(value)
        return self.facets[facet] == code if code is not None else np.zeros(self.size, bool)

    def availability(self, low_stock):
        """Code of each document's availability (see AVAILABILITIES)."""
        quantity = self.numbers["quantity"]
        return np.where(~self.numbers["storable"], 0, np.where(quantity <= 0, 2, np.where(quantity < low_stock, 1, 0)))

    def band(self, key):
        return self.bands.get(key, np.full(self.size, -1, np.int16))

    def counts(self, codes, mask, labels):
        """``{label: documents of mask}`` of coded values (-1: none)."""
        counted = np.bincount(codes[mask].astype(np.int64) + 1, minlength=len(labels) + 1)[1 : len(labels) + 1]
        return {labels[code]: int(counted[code]) for code in np.flatnonzero(counted)}

    def facet_counts(self, facet, mask):
        return self.counts(self.facets[facet], mask, self.facet_values)

    def best(self, mask, groups, limit, offset):
        """Template ids of the page of ``mask``'s documents: the lowest
        ``groups`` first, then the most popular, then the lowest id."""
        if self._popularity_rank is None:
            numbers = self.numbers
            order = np.lexsort((numbers["template_id"], -numbers["popularity"]))
            self._popularity_rank = np.empty(self.size, np.int64)
            self._popularity_rank[order] = np.arange(self.size)
        slots = np.flatnonzero(mask)
        keys = groups[slots].astype(np.int64) * (self.size + 1) + self._popularity_rank[slots]
        wanted = offset + limit
        if wanted < len(slots):
            chosen = np.argpartition(keys, wanted - 1)[:wanted]
        else:
            chosen = np.arange(len(slots))
        chosen = chosen[np.argsort(keys[chosen], kind="stable")][offset:wanted]
        return self.numbers["template_id"][slots[chosen]].tolist()


def xmax(snapshot):
    return int(snapshot.split(":")[1])


class WordIndex:
    """Which texts contain a string. Each whitespace-separated word lists
    the texts it is in; all the words, joined in one UTF-8 string, are
    searched with array operations: a text contains a string without space
    when one of its words does."""

    def __init__(self, texts):
        postings = {}
        for slot, text in enumerate(texts):
            for word in set(text.split()):
                postings.setdefault(word, []).append(slot)
        encoded = [word.encode() for word in postings]
        self.vocabulary = np.frombuffer(b"\n".join(encoded), np.uint8)
        lengths = np.array([len(word) + 1 for word in encoded], np.int64)
        self.word_of_byte = np.repeat(np.arange(len(encoded)), lengths)[: len(self.vocabulary)]
        sizes = np.array([len(slots) for slots in postings.values()], np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.slots = np.fromiter((slot for slots in postings.values() for slot in slots), np.int32, self.offsets[-1])

    def containing(self, text, texts, indexed):
        """Mask of ``texts`` containing ``text``; the first ``indexed``
        through the words, the later ones one by one."""
        parts = text.split()
        if not parts:
            return np.ones(len(texts), bool)
        candidates = None
        for part in parts:  # each part is in a word (the first and last: partly)
            found = np.zeros(len(texts), bool)
            found[self._slots_of_words_containing(part)] = True
            candidates = found if candidates is None else candidates & found
        if len(parts) == 1:
            mask = candidates
        else:
            mask = np.zeros(len(texts), bool)
            mask[[slot for slot in np.flatnonzero(candidates).tolist() if text in texts[slot]]] = True
        mask[indexed:] = [text in later for later in texts[indexed:]]
        return mask

    def _slots_of_words_containing(self, part):
        pattern = np.frombuffer(part.encode(), np.uint8)
        vocabulary = self.vocabulary
        # Where the pattern starts: its first byte, then each next one.
        starts = np.flatnonzero(vocabulary[: max(0, len(vocabulary) - len(pattern) + 1)] == pattern[0])
        for offset, byte in enumerate(pattern[1:], 1):
            starts = starts[vocabulary[starts + offset] == byte]
        words = np.zeros(len(self.offsets) - 1, bool)
        words[self.word_of_byte[starts]] = True
        words = np.flatnonzero(words)
        begins, sizes = self.offsets[words], self.offsets[words + 1] - self.offsets[words]
        # The postings of those words, concatenated without a Python loop.
        within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return self.slots[np.repeat(begins, sizes) + within]


class SortedKeys:
    """Which slots have a key (a name, a code) equal to, or starting with,
    a string: the keys of the first slots, sorted, are searched by
    bisection; those of later slots one by one."""

    def __init__(self, keys_of_slots):
        pairs = sorted((key, slot) for slot, keys in enumerate(keys_of_slots) for key in keys)
        self.keys = [key for key, _slot in pairs]
        self.slots = np.array([slot for _key, slot in pairs], np.int32)

    def _mask(self, low, high, later, indexed, size, test):
        mask = np.zeros(size, bool)
        mask[self.slots[low:high]] = True
        for slot, keys in enumerate(later, indexed):
            mask[slot] = any(test(key) for key in keys)
        return mask

    def starting(self, prefix, later, indexed, size):
        low = bisect.bisect_left(self.keys, prefix)
        high = bisect.bisect_left(self.keys, prefix + "\U0010ffff")
        return self._mask(low, high, later, indexed, size, lambda key: key.startswith(prefix))

    def equal(self, value, later, indexed, size):
        low, high = bisect.bisect_left(self.keys, value), bisect.bisect_right(self.keys, value)
        return self._mask(low, high, later, indexed, size, lambda key: key == value)
