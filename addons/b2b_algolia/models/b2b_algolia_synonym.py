# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError


class B2bAlgoliaSynonym(models.Model):
    """Search synonyms, pushed to Algolia with the index settings and used
    by the built-in search alike."""

    _name = "b2b.algolia.synonym"
    _description = "Search synonym"
    _order = "input, id"

    kind = fields.Selection(
        [("synonym", "Two-way"), ("oneWaySynonym", "One-way")],
        required=True,
        default="synonym",
        help="Two-way: any of the words finds the others. One-way: the input finds the words, not the reverse.",
    )
    input = fields.Char(help="One-way synonyms: the word typed.")
    words = fields.Char(required=True, help="Comma-separated words or phrases.")
    lang_id = fields.Many2one("res.lang", string="Language", help="Empty: every language.")
    active = fields.Boolean(default=True)

    @api.constrains("kind", "input", "words")
    def _check_words(self):
        for synonym in self:
            if synonym.kind == "oneWaySynonym" and not (synonym.input or "").strip():
                raise ValidationError(self.env._("A one-way synonym needs the word typed (input)."))
            minimum = 1 if synonym.kind == "oneWaySynonym" else 2
            if len(synonym._b2b_word_list()) < minimum:
                raise ValidationError(self.env._("Give at least %(count)s comma-separated words.", count=minimum))

    def _b2b_word_list(self):
        self.ensure_one()
        return [word.strip().lower() for word in (self.words or "").split(",") if word.strip()]

    @api.model
    def _b2b_lang_domain(self, lang):
        return [("lang_id", "in", [False, lang.id])]

    def _b2b_algolia_payload(self):
        """Algolia synonym objects."""
        payload = []
        for synonym in self:
            item = {"objectID": f"synonym-{synonym.id}", "type": synonym.kind, "synonyms": synonym._b2b_word_list()}
            if synonym.kind == "oneWaySynonym":
                item["input"] = synonym.input.strip().lower()
            payload.append(item)
        return payload

    @api.model
    def _b2b_expansions(self, term, lang):
        """Words the built-in search also looks for when ``term`` is typed."""
        term = term.strip().lower()
        found = set()
        for kind, typed, words in self._b2b_synonym_table(lang.id):
            if (kind == "synonym" and term in words) or (kind == "oneWaySynonym" and term == typed):
                found.update(words)
        found.discard(term)
        return sorted(found)

    @api.model
    @tools.ormcache("lang_id")
    def _b2b_synonym_table(self, lang_id):
        """``(kind, input, words)`` of the synonyms of a language: read at
        each search, changed seldom (see _b2b_changed)."""
        # sudo: search vocabulary, not business data; buyers and visitors
        # search with it but may not read the records.
        Synonym = self.sudo().with_context(active_test=True)
        synonyms = Synonym.search(self._b2b_lang_domain(self.env["res.lang"].browse(lang_id)))
        return tuple(
            (synonym.kind, (synonym.input or "").strip().lower(), tuple(synonym._b2b_word_list()))
            for synonym in synonyms
        )

    def _b2b_changed(self):
        self.env.registry.clear_cache()
        self.env["b2b.algolia.index"]._b2b_all().action_push_settings()

    @api.model_create_multi
    def create(self, vals_list):
        synonyms = super().create(vals_list)
        self._b2b_changed()
        return synonyms

    def write(self, vals):
        result = super().write(vals)
        self._b2b_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._b2b_changed()
        return result
