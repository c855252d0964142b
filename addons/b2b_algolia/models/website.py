# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import hmac
import itertools
import logging
import time
from urllib.parse import urlsplit

from algoliasearch.http.hosts import Host, HostsCollection
from algoliasearch.search.client import SearchClientSync
from algoliasearch.search.config import SearchConfig

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..price_bands import DEFAULT_BOUNDARIES, band_of, band_tag, parse_boundaries
from .b2b_algolia_index import ALGOLIA_ERRORS

_logger = logging.getLogger(__name__)

# Secured keys handed to browsers expire after this many seconds.
SECURED_KEY_VALIDITY = 3600


class Website(models.Model):
    _inherit = "website"

    b2b_algolia_enabled = fields.Boolean(
        string="Search with Algolia",
        help="Off, or without an application ID and keys: the shop searches with the built-in engine.",
    )
    b2b_algolia_app_id = fields.Char(string="Algolia application ID")
    b2b_algolia_admin_key = fields.Char(
        string="Algolia admin API key",
        groups="base.group_system",
        help="Used by the server only, to write the indexes; never sent to a browser.",
    )
    b2b_algolia_search_key = fields.Char(
        string="Algolia search-only API key",
        help="Parent of the short-lived keys given to browsers, restricted per buyer.",
    )
    b2b_algolia_index_prefix = fields.Char(string="Algolia index prefix", default="b2b")
    b2b_algolia_index_ids = fields.One2many("b2b.algolia.index", "website_id", string="Algolia indexes")

    def _b2b_algolia_active(self):
        """Whether this website searches with Algolia (else: built-in search)."""
        self.ensure_one()
        # sudo: whether the admin key is set, never its value, decides.
        website = self.sudo()
        return bool(
            website.b2b_algolia_enabled
            and website.b2b_algolia_app_id
            and website.b2b_algolia_admin_key
            and website.b2b_algolia_search_key
        )

    def _b2b_algolia_client(self):
        """A client writing with the admin key. Server side only."""
        self.ensure_one()
        if not self._b2b_algolia_active():
            raise UserError(self.env._("Algolia is not configured on %(website)s.", website=self.name))
        # sudo: the admin key is readable by system administrators only; it
        # goes to the client object, never to a response or a log.
        website = self.sudo()
        config = SearchConfig(website.b2b_algolia_app_id, website.b2b_algolia_admin_key)
        params = self.env["ir.config_parameter"].sudo()
        if timeout := int(params.get_param("b2b_algolia.timeout_seconds", 0)):
            config.read_timeout = config.write_timeout = timeout * 1000
        hosts = params.get_param("b2b_algolia.hosts")
        if hosts:
            # Algolia-protocol servers other than Algolia's own: a proxy, or
            # the local server of the tests.
            config.hosts = HostsCollection(
                [
                    Host(url=parts.hostname, scheme=parts.scheme, port=parts.port)
                    for parts in map(urlsplit, hosts.split(","))
                ]
            )
        return SearchClientSync.create_with_config(config)

    def action_b2b_algolia_test_connection(self):
        self.ensure_one()
        try:
            indices = self._b2b_algolia_client().list_indices()
        except (*ALGOLIA_ERRORS, UserError, ValueError) as error:
            message, kind = self.env._("Algolia did not answer: %(error)s", error=error), "danger"
        else:
            message = self.env._(
                "Connected to Algolia: %(count)s indexes in application %(app)s.",
                count=len(indices.items or []),
                app=self.b2b_algolia_app_id,
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": kind, "sticky": kind == "danger"},
        }

    def _b2b_algolia_secured_key(self, user=None):
        """A key for ``user``'s browser: search only, on this website's
        indexes, for the products their company may see, with only their own
        prices retrievable; it expires after an hour."""
        self.ensure_one()
        user = user or self.env.user
        # sudo: visitors may not read index records; only their names go
        # into the key.
        indexes = self.sudo().b2b_algolia_index_ids
        restrictions = {
            "restrictIndices": indexes._b2b_all_names(),
            "validUntil": int(time.time()) + SECURED_KEY_VALIDITY,
            "filters": self.env["product.template"]._b2b_algolia_visibility_filter(user),
            "attributesToRetrieve": self.env["product.template"]._b2b_algolia_retrievable(
                self.with_user(user)._b2b_price_band_pricelist()
            ),
        }
        client = SearchClientSync("-", "-")  # signing is local: no request, no admin key
        return client.generate_secured_api_key(self.b2b_algolia_search_key, restrictions)

    def _b2b_search_config(self):
        """What the search box and page need in the browser: the engine,
        and for Algolia the application, the index of the visitor's language
        and a secured key (never the admin key); the attribute carrying the
        visitor's own price, if they may see prices."""
        self.ensure_one()
        can_buy = self._b2b_user_can_buy()
        pricelist = self.pricelist_id if can_buy else self.env["product.pricelist"]
        # sudo: the name of the buyer's own company's tier, shown to them.
        tier = self.env.user.partner_id.commercial_partner_id.sudo().b2b_tier_id if can_buy else None
        config = {
            "engine": "builtin",
            "indexName": "builtin",
            "priceAttribute": f"price_{pricelist.id}" if pricelist else None,
            "breaksAttribute": f"breaks_{pricelist.id}" if pricelist else None,
            "currency": self.currency_id.name,
            "tier": tier.name if tier else None,
            "lang": (self.env.lang or "en_US").replace("_", "-"),
            "priceBands": self._b2b_price_bands(),
        }
        # sudo: which index serves this language; visitors may not read indexes.
        index = self.sudo().b2b_algolia_index_ids.filtered(lambda index: index.lang_id.code == self.env.lang)[:1]
        if self._b2b_algolia_active() and index:
            hosts = self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.hosts")
            config.update(
                engine="algolia",
                indexName=index.name,
                appId=self.b2b_algolia_app_id,
                apiKey=self._b2b_algolia_secured_key(),
                hosts=hosts.split(",") if hosts else [f"https://{self.b2b_algolia_app_id}-dsn.algolia.net"],
            )
        return config

    # ------------------------------------------------------------ PRICE BANDS
    @api.model
    def _b2b_price_boundaries(self):
        """The price facet's band boundaries, in the website's currency."""
        text = self.env["ir.config_parameter"].sudo().get_param("b2b_algolia.price_bands", DEFAULT_BOUNDARIES)
        try:
            return parse_boundaries(text)
        except ValueError:
            _logger.warning("Invalid b2b_algolia.price_bands %r: default bands used", text)
            return parse_boundaries(DEFAULT_BOUNDARIES)

    @api.model
    def _b2b_price_band_key(self):
        """The key of the bands' tags, derived from the database secret."""
        # sudo: the database secret; only a key derived from it is used, and
        # it never leaves the server.
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(secret.encode(), b"b2b_algolia.price_band", hashlib.sha256).digest()

    @api.model
    def _b2b_price_band_tagger(self):
        """A function ``(pricelist id, price) -> tag of the band the price
        falls in``, for the records of every pricelist."""
        key, boundaries = self._b2b_price_band_key(), self._b2b_price_boundaries()
        tags = {}  # a few bands per pricelist: each tag is signed once

        def tag_of(pricelist_id, price):
            band = band_of(price, boundaries)
            if (pricelist_id, band) not in tags:
                tags[pricelist_id, band] = band_tag(key, pricelist_id, band, boundaries)
            return tags[pricelist_id, band]

        return tag_of

    @api.model
    def _b2b_price_band_tags(self, pricelist):
        """The tags of ``pricelist``'s bands, band by band: what its buyers
        may filter on, and nobody else."""
        key, boundaries = self._b2b_price_band_key(), self._b2b_price_boundaries()
        return [band_tag(key, pricelist.id, band, boundaries) for band in range(len(boundaries) + 1)]

    def _b2b_price_band_labels(self):
        """The bands' labels, band by band, in this website's currency and
        the user's language."""
        self.ensure_one()
        boundaries = self._b2b_price_boundaries()
        amounts = [format_amount(self.env, boundary, self.currency_id) for boundary in boundaries]
        return [
            self.env._("Under %(amount)s", amount=amounts[0]),
            *(self.env._("%(low)s to %(high)s", low=low, high=high) for low, high in itertools.pairwise(amounts)),
            self.env._("%(amount)s and more", amount=amounts[-1]),
        ]

    def _b2b_price_band_pricelist(self):
        """The pricelist whose prices the current user may read and whose
        bands they filter on: their own, if they may see prices. Asked for
        this user: ``pricelist_id`` is cached for the transaction, whoever
        computed it."""
        self.ensure_one()
        if not self._b2b_user_can_buy():
            return self.env["product.pricelist"]
        return self._get_current_pricelist()

    def _b2b_price_bands(self):
        """The price facet of the current user: ``[{tag, label}]`` of their
        own pricelist's bands; none for who may not see prices."""
        self.ensure_one()
        pricelist = self._b2b_price_band_pricelist()
        if not pricelist:
            return []
        tags = self._b2b_price_band_tags(pricelist)
        return [{"tag": tag, "label": label} for tag, label in zip(tags, self._b2b_price_band_labels(), strict=True)]

    def write(self, vals):
        result = super().write(vals)
        # Another application, other index names, or sync switched back on:
        # what Algolia holds is unknown, every index is rebuilt.
        rebuild = {"b2b_algolia_app_id", "b2b_algolia_index_prefix", "b2b_algolia_enabled"}.intersection(vals)
        if rebuild or "language_ids" in vals or any(name.startswith("b2b_algolia_") for name in vals):
            self._b2b_algolia_sync_indexes(rebuild=bool(rebuild))
        return result

    def _b2b_algolia_sync_indexes(self, rebuild=False):
        """One index per language of each configured website; new indexes
        (all of them if ``rebuild``) are filled by a full reindex."""
        # sudo: indexes follow the website's settings, whoever saved them.
        Index = self.env["b2b.algolia.index"].sudo()
        for website in self.filtered(lambda website: website._b2b_algolia_active()):
            indexes = website.sudo().b2b_algolia_index_ids
            indexes.filtered_domain([("lang_id", "not in", website.language_ids.ids)]).unlink()
            new = Index.create(
                [{"website_id": website.id, "lang_id": lang.id} for lang in website.language_ids - indexes.lang_id]
            )
            (new | indexes.exists() if rebuild else new).action_full_reindex()
