# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo quotes in every negotiation state, and two pre-orderable products
with stock on its way. Built through the add-on's own methods, as buyers and
reps would, so that the demo shows what the code does."""

from datetime import timedelta

from odoo import Command, fields

# (buyer, rep, [(product xml id suffix, quantity)], final state)
# Buyers of the companies the tests of other add-ons leave alone.
QUOTES = [
    ("user_sophie_demo", "user_rep_julie_demo", [("0001", 40), ("0002", 25)], "requested"),
    ("user_jan_demo", "user_rep_marc_demo", [("0003", 60)], "under_review"),
    ("user_lucas_demo", "user_rep_julie_demo", [("0004", 30), ("0005", 30)], "offer_sent"),
    ("user_els_demo", "user_rep_marc_demo", [("0006", 50)], "accepted"),
    ("user_pablo_demo", "user_rep_julie_demo", [("0007", 20)], "declined"),
    ("user_lucia_demo", "user_rep_julie_demo", [("0008", 80)], "expired"),
    ("user_jan_demo", "user_rep_marc_demo", [("0009", 15)], "cancelled"),
]
PREORDERS = [
    ("PRE-0001", "Cordless Drill 54V Brushless (2027 range)", 249.0, 30),
    ("PRE-0002", "Laser Distance Meter 100m (new)", 139.0, 45),
]


def generate(env):
    env = env(context=dict(env.context, b2b_no_notification=True, mail_notrack=True))
    website = env["website"].get_current_website()
    for buyer_xmlid, rep_xmlid, lines, state in QUOTES:
        _quote(env, website, env.ref(f"b2b_portal.{buyer_xmlid}"), env.ref(f"b2b_portal.{rep_xmlid}"), lines, state)
    _preorder_products(env)


def _quote(env, website, buyer, rep, lines, state):
    cart = env["sale.order"].create(
        {
            "partner_id": buyer.partner_id.id,
            "website_id": website.id,
            "user_id": rep.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": env.ref(f"b2b_portal.product_{code}_demo").product_variant_id.id,
                        "product_uom_qty": quantity,
                    }
                )
                for code, quantity in lines
            ],
        }
    )
    targets = {line.id: round(line.price_unit * 0.9, 2) for line in cart.order_line}
    quote = (
        cart.with_user(buyer)
        .sudo()
        ._b2b_request_quote("Chantier de printemps : pouvez-vous faire un geste sur ces quantités ?", targets)
    )
    quote = quote.with_user(rep).sudo(False)
    if state == "requested":
        return
    if state == "cancelled":
        quote.sudo().action_cancel()
        return
    quote.order_line[:1].discount = 5.0
    quote.action_b2b_send_offer()
    as_buyer = quote.with_user(buyer)
    if state == "under_review":
        as_buyer._b2b_ask_revision("Pouvez-vous livrer en deux fois ?")
    elif state == "accepted":
        as_buyer._b2b_accept_offer()
    elif state == "declined":
        as_buyer._b2b_decline_offer("Un concurrent propose mieux.")
    elif state == "expired":
        quote.sudo().validity_date = fields.Date.today() - timedelta(days=2)
        env["sale.order"]._cron_b2b_quote_expiry()


def _preorder_products(env):
    stock = env.ref("stock.warehouse0")
    supplier = env.ref("stock.stock_location_suppliers")
    today = fields.Date.today()
    for code, name, price, days in PREORDERS:
        template = env["product.template"].create(
            {
                "name": name,
                "default_code": code,
                "list_price": price,
                "is_storable": True,
                "is_published": True,
                "b2b_preorder": True,
                "b2b_preorder_date": today + timedelta(days=days),
            }
        )
        env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"b2b_quotes.product_{code.lower().replace('-', '_')}_demo",
                    "record": template,
                    "noupdate": True,
                }
            ]
        )
        receipt = env["stock.picking"].create(
            {
                "picking_type_id": stock.in_type_id.id,
                "location_id": supplier.id,
                "location_dest_id": stock.lot_stock_id.id,
                "scheduled_date": fields.Datetime.to_datetime(template.b2b_preorder_date),
                "move_ids": [
                    Command.create(
                        {
                            "name": name,
                            "product_id": template.product_variant_id.id,
                            "product_uom_qty": 100,
                            "location_id": supplier.id,
                            "location_dest_id": stock.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
