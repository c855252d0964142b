# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notifications to buyers at each step of their orders and invoices.

Each event is posted on the document (a portal message, emailed to the
buyer) by a queue_job job, in the buyer's language, unless the buyer turned
that event off on /my/notifications.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

EVENTS = {
    "order_received": _lt("Order received, awaiting confirmation"),
    "order_confirmed": _lt("Order confirmed"),
    "order_shipped": _lt("Order shipped, with tracking"),
    "order_delivered": _lt("Order delivered"),
    "invoice_posted": _lt("New invoice"),
    "invoice_due": _lt("Invoice due soon"),
    "invoice_overdue": _lt("Invoice overdue"),
    "modification_decided": _lt("Modification request decided"),
}


class B2bNotification(models.AbstractModel):
    _name = "b2b.notification"
    _description = "B2B buyer notifications"

    @api.model
    def _events(self):
        return [(code, self.env._(label)) for code, label in EVENTS.items()]

    @api.model
    def _notify(self, event, records, buyer_of):
        """Queue ``event`` on each of ``records`` for its buyer, as given by
        ``buyer_of(record)``, when the buyer is a B2B user who wants it."""
        if self.env.context.get("b2b_no_notification"):
            return
        for record in records:
            buyer = buyer_of(record)
            if buyer and buyer.commercial_partner_id.b2b_approved and buyer._b2b_wants(event):
                self.with_delay(description=f"{event}: {record.display_name}")._send(event, record, buyer)

    @api.model
    def _send(self, event, record, buyer):
        record = record.with_context(lang=buyer.lang)
        body = self._b2b_text(event, record)
        record.message_post(body=body, partner_ids=buyer.ids, subtype_xmlid="mail.mt_comment")

    @api.model
    def _b2b_text(self, event, record):
        """What the buyer reads about ``event`` on ``record``, in the
        language of ``record``'s context. Add-ons with events of their own
        extend it."""
        env = record.env
        texts = {
            "order_received": env._(
                "We received your order %(name)s; you will be told when it is confirmed.", name=record.display_name
            ),
            "order_confirmed": env._("Your order %(name)s is confirmed.", name=record.display_name),
            "order_shipped": env._("Your order %(name)s has shipped.", name=record.display_name),
            "order_delivered": env._("Your order %(name)s was delivered.", name=record.display_name),
            "invoice_posted": env._("Invoice %(name)s is available.", name=record.display_name),
            "invoice_due": env._("Invoice %(name)s is due soon.", name=record.display_name),
            "invoice_overdue": env._("Invoice %(name)s is overdue.", name=record.display_name),
        }
        body = texts[event]
        if event == "order_shipped" and record.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
        ):
            body = env._("Part of your order %(name)s has shipped; the rest follows.", name=record.display_name)
        if event == "order_shipped":
            body += " " + " ".join(
                env._(
                    "%(carrier)s tracking: %(url)s", carrier=picking.carrier_id.name, url=picking.carrier_tracking_url
                )
                for picking in record.picking_ids.filtered(lambda p: p.state == "done" and p.carrier_tracking_url)
            )
        return body

    @api.model
    def _cron_invoice_reminders(self, today=None):
        """Invoices falling due in a few days, and those overdue since yesterday."""
        today = today or fields.Date.context_today(self)
        days = int(self.env["ir.config_parameter"].sudo().get_param("b2b_portal.invoice_due_notice_days", 5))
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "in", (today + timedelta(days=days), today - timedelta(days=1))),
            ]
        )
        due = invoices.filtered(lambda invoice: invoice.invoice_date_due > today)
        self._notify("invoice_due", due, invoice_buyer)
        self._notify("invoice_overdue", invoices - due, invoice_buyer)


def invoice_buyer(invoice):
    """Who ordered what is invoiced, else the invoice's contact."""
    return invoice.invoice_line_ids.sale_line_ids.order_id.partner_id[:1] or invoice.partner_id


def order_buyer(order):
    return order.partner_id
