# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

QUOTE_EVENTS = {
    "quote_received": _lt("Quote request received"),
    "offer_sent": _lt("Offer sent by your sales rep"),
    "revision_requested": _lt("Revision of an offer requested"),
    "offer_accepted": _lt("Offer accepted"),
    "offer_declined": _lt("Offer declined"),
    "offer_expiring": _lt("Offer about to expire"),
    "offer_expired": _lt("Offer expired"),
    "preorder_available": _lt("Pre-ordered goods available"),
    "preorder_date_changed": _lt("Pre-order date changed"),
}


class B2bNotification(models.AbstractModel):
    _inherit = "b2b.notification"

    @api.model
    def _events(self):
        return super()._events() + [(code, self.env._(label)) for code, label in QUOTE_EVENTS.items()]

    @api.model
    def _b2b_text(self, event, order):
        if event not in QUOTE_EVENTS:
            return super()._b2b_text(event, order)
        env = order.env
        name, validity = order.name, format_date(env, order.validity_date)
        preorder_lines = order.order_line.filtered("b2b_preorder_date")
        texts = {
            "quote_received": lambda: env._(
                "We received your quote request %(name)s; your sales rep will send you an offer.", name=name
            ),
            "offer_sent": lambda: env._(
                "Your offer %(name)s is ready: %(amount)s, valid until %(date)s. Accept it in one click from your "
                "account.",
                name=name,
                amount=order.currency_id.format(order.amount_total),
                date=validity,
            ),
            "revision_requested": lambda: env._(
                "Your sales rep received your request for a new offer on %(name)s.", name=name
            ),
            "offer_accepted": lambda: env._("You accepted the offer %(name)s: your order is confirmed.", name=name),
            "offer_declined": lambda: env._("The offer %(name)s is declined; your sales rep was told.", name=name),
            "offer_expiring": lambda: env._(
                "The offer %(name)s expires on %(date)s: accept it before then.", name=name, date=validity
            ),
            "offer_expired": lambda: env._(
                "The offer %(name)s expired. You can ask for a refreshed offer in one click.", name=name
            ),
            "preorder_available": lambda: env._(
                "Pre-ordered goods of %(name)s are available and reserved for you: %(products)s.",
                name=name,
                products=", ".join(preorder_lines.filtered("b2b_preorder_notified").product_id.mapped("display_name")),
            ),
            "preorder_date_changed": lambda: env._(
                "The expected date of your pre-order %(name)s changed: %(dates)s.",
                name=name,
                dates=", ".join(
                    f"{line.product_id.display_name}: {format_date(env, line.b2b_preorder_date)}"
                    for line in preorder_lines
                ),
            ),
        }
        return texts[event]()
