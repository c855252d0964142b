# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Volume demo data: catalog, stock and twelve months of order history.

People (distributor, reps, customers, buyers) come from demo XML; this adds
what would be tedious to write by hand. Deterministic: a fixed random seed,
dates relative to the installation day. Generated records get XML ids
(``b2b_portal.<name>_demo``) so later add-ons and tests can use them.
"""

import logging
import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

_logger = logging.getLogger(__name__)

SEED = 2026
PRODUCTS_PER_LEAF = 22

# Public category tree (3 levels); leaves carry (product noun, [specs]).
CATEGORY_TREE = {
    "Power Tools": {
        "Drills": {
            "Cordless Drills": ("Cordless Drill", ["12V", "18V", "18V Brushless", "36V"]),
            "Hammer Drills": ("Hammer Drill", ["750W", "900W", "1100W", "SDS-Plus"]),
        },
        "Saws": {
            "Circular Saws": ("Circular Saw", ["165mm", "190mm", "235mm"]),
            "Jigsaws": ("Jigsaw", ["500W", "650W", "800W Pendulum"]),
        },
        "Sanders": ("Sander", ["Orbital 125mm", "Belt 75mm", "Delta 93mm", "Random Orbit 150mm"]),
    },
    "Hand Tools": {
        "Screwdrivers": ("Screwdriver Set", ["6 pcs", "12 pcs", "Insulated 7 pcs", "Precision 8 pcs"]),
        "Pliers": ("Pliers", ["Combination 180mm", "Long Nose 200mm", "Water Pump 250mm"]),
        "Measuring": {
            "Tape Measures": ("Tape Measure", ["3m", "5m", "8m", "10m"]),
            "Levels": ("Spirit Level", ["40cm", "60cm", "100cm", "Laser Cross-Line"]),
        },
    },
    "Fasteners": {
        "Screws": {
            "Wood Screws": ("Wood Screws", ["3.5x30 (500)", "4x40 (500)", "5x60 (200)", "6x80 (100)"]),
            "Metal Screws": ("Self-Drilling Screws", ["4.2x16 (1000)", "4.8x25 (500)", "5.5x38 (250)"]),
        },
        "Anchors": ("Wall Plugs", ["6mm (100)", "8mm (100)", "10mm (50)", "Hollow Wall (50)"]),
        "Nails": ("Nails", ["Galvanised 2.5kg", "Framing 5kg", "Finishing 1kg"]),
    },
    "Safety Equipment": {
        "Gloves": ("Work Gloves", ["Nitrile (12 pairs)", "Cut Resistant (12 pairs)", "Leather (6 pairs)"]),
        "Eyewear": ("Safety Glasses", ["Clear", "Tinted", "Over-Spec", "Anti-Fog"]),
        "Workwear": ("Work Trousers", ["S", "M", "L", "XL"]),
    },
}
BRANDS = ["Boschard", "Makitec", "Stanlex", "Facomat", "Wurthen", "Fischman", "Milwood", "Hiltex"]
BASE_PRICES = {
    "Power Tools": (59, 420),
    "Hand Tools": (6, 140),
    "Fasteners": (4, 60),
    "Safety Equipment": (5, 45),
}
CUSTOMERS = [
    ("partner_dupont_demo", ["partner_claire_demo", "partner_hugo_demo"], 1.6),
    ("partner_martin_demo", ["partner_sophie_demo", "partner_lucas_demo"], 1.0),
    ("partner_peeters_demo", ["partner_jan_demo", "partner_els_demo"], 0.8),
    ("partner_mueller_demo", ["partner_anna_demo", "partner_felix_demo", "partner_lena_demo"], 1.3),
    ("partner_garcia_demo", ["partner_pablo_demo", "partner_lucia_demo"], 0.5),
]


def generate(env):
    # No chatter, tracking, SMS or buyer notification for history: faster,
    # and stock_sms would open a second cursor that waits for this
    # installing transaction.
    env = env(
        context=dict(env.context, tracking_disable=True, mail_notrack=True, skip_sms=True, b2b_no_notification=True)
    )
    rng = random.Random(SEED)
    if not env.company.chart_template:
        # Installed together with accounting: Odoo loads the chart only once
        # the registry is complete, too late for invoices here.
        env["account.chart.template"].try_loading("generic_coa", env.company)
    _offer_french(env)
    products = _create_catalog(env, rng)
    _create_stock(env, rng, products)
    _create_order_history(env, rng, products)
    _create_quantity_breaks(env, rng, products)
    _assign_tiers(env)
    _create_agreements(env, products)
    _set_credit_limits(env)
    _reserve_products(env, products)
    _logger.info("B2B demo world: %d products and 12 months of orders created", len(products))


def _offer_french(env):
    """The first customers are French: the demo shop speaks French too."""
    french = env["res.lang"]._activate_lang("fr_FR")
    env["website"].search([]).language_ids |= french


def _xmlid(env, records, names):
    env["ir.model.data"]._update_xmlids(
        [
            {"xml_id": f"b2b_portal.{name}_demo", "record": record, "noupdate": True}
            for record, name in zip(records, names, strict=True)
        ]
    )


def _ean13(number):
    digits = f"{number:012d}"
    checksum = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return digits + str(checksum)


def _iter_leaves(tree, path=()):
    for name, node in tree.items():
        if isinstance(node, dict):
            yield from _iter_leaves(node, (*path, name))
        else:
            yield (*path, name), node


def _create_catalog(env, rng):
    brands = env["product.brand"].create([{"name": name} for name in BRANDS])
    _xmlid(env, brands, [f"brand_{name.lower()}" for name in BRANDS])

    public_categories = {}

    def public_category(path):
        if path not in public_categories:
            parent = public_category(path[:-1]) if len(path) > 1 else env["product.public.category"]
            public_categories[path] = env["product.public.category"].create(
                {"name": path[-1], "parent_id": parent.id, "sequence": len(public_categories)}
            )
        return public_categories[path]

    internal_root = env["product.category"].create({"name": "Distributed goods"})
    internal_categories = {
        top: env["product.category"].create({"name": top, "parent_id": internal_root.id}) for top in CATEGORY_TREE
    }
    sale_tax = env.company.account_sale_tax_id
    purchase_tax = env.company.account_purchase_tax_id

    values, xmlids = [], []
    sequence = 0
    for path, (noun, specs) in _iter_leaves(CATEGORY_TREE):
        category = public_category(path)
        low, high = BASE_PRICES[path[0]]
        prefix = "".join(word[0] for word in path[-1].split()).upper()[:2] + path[-1][:3].upper()
        for index in range(PRODUCTS_PER_LEAF):
            sequence += 1
            brand = brands[(index + len(path[-1])) % len(brands)]
            spec = specs[index % len(specs)]
            series = ["", " Pro", " Compact", " XL", " Heavy Duty", " Eco"][index // len(specs) % 6]
            price = round(rng.uniform(low, high), 1) - 0.01
            values.append(
                {
                    "name": f"{brand.name} {noun} {spec}{series}",
                    "default_code": f"{prefix}-{sequence:04d}",
                    "barcode": _ean13(376000000000 + sequence),
                    "product_brand_id": brand.id,
                    "public_categ_ids": [Command.set(category.ids)],
                    "categ_id": internal_categories[path[0]].id,
                    "type": "consu",
                    "is_storable": True,
                    "invoice_policy": "delivery",
                    "list_price": price,
                    "standard_price": round(price * rng.uniform(0.45, 0.65), 2),
                    "weight": round(rng.uniform(0.1, 4.5), 2),
                    "taxes_id": [Command.set(sale_tax.ids)],
                    "supplier_taxes_id": [Command.set(purchase_tax.ids)],
                    "is_published": True,
                    "website_sequence": sequence,
                    "description_sale": f"{noun} {spec}{series} by {brand.name}, for professional daily use.",
                }
            )
            xmlids.append(f"product_{sequence:04d}")
    templates = env["product.template"].create(values)
    _xmlid(env, templates, xmlids)

    # Fasteners and gloves are sold by the box: packagings tell the multiple.
    boxed = (
        templates.filtered(lambda t: t.categ_id == internal_categories["Fasteners"])[::3]
        | templates.filtered(lambda t: "Gloves" in t.name)[::4]
    )
    env["product.packaging"].create(
        [
            {"name": "Box of 10", "product_id": template.product_variant_id.id, "qty": 10, "sales": True}
            for template in boxed
        ]
    )
    return templates.product_variant_ids


def _create_stock(env, rng, products):
    location = env.ref("stock.warehouse0").lot_stock_id
    # One product in ten is out of stock; a few run low.
    in_stock = products.filtered(lambda p: p.id % 10 != 3)
    quants = env["stock.quant"].create(
        [
            {
                "product_id": product.id,
                "location_id": location.id,
                "inventory_quantity": rng.choice([4, 8, 60, 150, 400, 900]),
            }
            for product in in_stock
        ]
    )
    quants.action_apply_inventory()


# Extra discount off the catalog price per tier, for 10+ and 50+ units.
TIER_BREAKS = {"gold": (20, 25), "silver": (12, 16), "bronze": (5, 8)}


def _create_quantity_breaks(env, rng, products):
    """Breaks on one product in six; a promotion running on eight products."""
    items = []
    for tier, (discount_10, discount_50) in TIER_BREAKS.items():
        pricelist = env.ref(f"b2b_pricing.pricelist_{tier}_demo")
        for product in products[::6]:
            for min_quantity, discount in ((10, discount_10), (50, discount_50)):
                items.append(
                    {
                        "pricelist_id": pricelist.id,
                        "applied_on": "0_product_variant",
                        "product_id": product.id,
                        "min_quantity": min_quantity,
                        "compute_price": "percentage",
                        "percent_price": discount,
                    }
                )
    now = fields.Datetime.now()
    for tier in ("gold", "silver"):
        pricelist = env.ref(f"b2b_pricing.pricelist_{tier}_demo")
        for product in products[3::40]:
            items.append(
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "percentage",
                    "percent_price": 30,
                    "b2b_promotion": True,
                    "date_start": now - timedelta(days=5),
                    "date_end": now + timedelta(days=20),
                }
            )
    env["product.pricelist.item"].create(items)


def _assign_tiers(env):
    companies = env["res.partner"].browse(
        env.ref(f"b2b_portal.{xmlid}").id for xmlid, _buyers, _volume in CUSTOMERS
    ) | env.ref("b2b_portal.partner_prospect_demo")
    companies._b2b_recompute_tiers()
    for company in companies:
        _logger.info("B2B demo: %s: %s (%s)", company.name, company.b2b_tier_id.name, company.b2b_purchase_volume)


def _create_agreements(env, products):
    """Dupont's agreement ends within 30 days; Müller's runs until next summer."""
    today = fields.Date.context_today(env["res.partner"])
    fasteners = env["product.category"].search([("name", "=", "Fasteners")], limit=1)
    agreements = env["b2b.agreement"].create(
        [
            {
                "name": "Dupont Outillage: annual conditions",
                "partner_id": env.ref("b2b_portal.partner_dupont_demo").id,
                "date_start": today - relativedelta(months=11, days=10),
                "date_end": today + timedelta(days=20),
                "payment_term_id": env.ref("account.account_payment_term_45days").id,
                "min_order_amount": 250,
                "free_shipping_threshold": 1500,
                "line_ids": [
                    Command.create(
                        {
                            "product_tmpl_id": product.product_tmpl_id.id,
                            "price_type": "fixed",
                            "fixed_price": round(product.list_price * 0.7, 2),
                        }
                    )
                    for product in products[1:6]
                ]
                + [
                    Command.create(
                        {"categ_id": fasteners.id, "min_quantity": 100, "price_type": "discount", "discount": 30}
                    )
                ],
            },
            {
                "name": "Müller Werkzeuge: framework agreement",
                "partner_id": env.ref("b2b_portal.partner_mueller_demo").id,
                "date_start": today - relativedelta(months=4),
                "date_end": today + relativedelta(months=8),
                "min_order_amount": 500,
                "line_ids": [
                    Command.create(
                        {"product_tmpl_id": product.product_tmpl_id.id, "price_type": "discount", "discount": 28}
                    )
                    for product in products[100:110]
                ],
            },
        ]
    )
    _xmlid(env, agreements, ["agreement_dupont", "agreement_mueller"])
    agreements.action_activate()


def _set_credit_limits(env):
    """Dupont has room; Müller's open invoices and orders nearly use its
    credit up, so its next big order goes to the rep for review."""
    env.company.account_use_credit_limit = True
    env.ref("b2b_portal.partner_dupont_demo").credit_limit = 50000
    mueller = env.ref("b2b_portal.partner_mueller_demo")
    statement = mueller._b2b_statement()
    mueller.credit_limit = round(statement["balance"] + statement["uninvoiced"] + 1500, -2)


def _reserve_products(env, products):
    """Müller's private label: three products only its buyers see, among
    those no other customer ordered."""
    mueller = env.ref("b2b_portal.partner_mueller_demo")
    ordered_by_others = (
        env["sale.order.line"].search([("order_partner_id.commercial_partner_id", "!=", mueller.id)]).product_id
    )
    reserved = (products - ordered_by_others)[-3:]
    reserved.product_tmpl_id.b2b_reserved_for_ids = mueller
    _logger.info("B2B demo: reserved for %s: %s", mueller.name, ", ".join(reserved.mapped("default_code")))


def _create_order_history(env, rng, products):
    today = fields.Date.context_today(env["res.partner"])
    carriers = env.ref("b2b_portal.carrier_express_demo") | env.ref("b2b_portal.carrier_pallet_demo")
    payment_term = env.ref("account.account_payment_term_30days")
    sellable = products.filtered(lambda p: p.id % 10 != 3)
    website = env["website"].search([], limit=1)
    orders_values, order_dates = [], []
    for company_xmlid, buyer_xmlids, volume in CUSTOMERS:
        company = env.ref(f"b2b_portal.{company_xmlid}")
        company.property_payment_term_id = payment_term
        buyers = [env.ref(f"b2b_portal.{xmlid}") for xmlid in buyer_xmlids]
        for months_ago in range(12, -1, -1):
            order_date = today - relativedelta(months=months_ago) + timedelta(days=rng.randint(0, 20))
            order_date = min(order_date, today)
            lines = [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": max(1, int(rng.choice([2, 5, 10, 20, 40]) * volume)),
                    }
                )
                for product in rng.sample(list(sellable), rng.randint(3, 7))
            ]
            orders_values.append(
                {
                    "partner_id": rng.choice(buyers).id,
                    "user_id": company.user_id.id,
                    "carrier_id": rng.choice(carriers).id,
                    "client_order_ref": f"PO-{company.id:02d}{months_ago:02d}-{rng.randint(100, 999)}",
                    "website_id": website.id,
                    "order_line": lines,
                }
            )
            order_dates.append(order_date)
    orders = env["sale.order"].create(orders_values)
    orders.action_confirm()
    for order, order_date in zip(orders, order_dates, strict=True):
        order.date_order = fields.Datetime.to_datetime(order_date) + timedelta(hours=9)
        age = (today - order_date).days
        if age > 20:
            _deliver(order, rng, order_date, partial=age < 75 and rng.random() < 0.4)
    delivered = orders.filtered(lambda o: o.invoice_status == "to invoice")
    invoices = delivered._create_invoices(grouped=True)
    for invoice in invoices:
        order_date = invoice.invoice_line_ids.sale_line_ids.order_id[:1].date_order.date()
        invoice.invoice_date = order_date + timedelta(days=3)
    invoices.action_post()
    # Invoices older than ~3 months are paid; younger ones are open, some overdue.
    for invoice in invoices.filtered(lambda inv: (today - inv.invoice_date).days > 95):
        env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"payment_date": invoice.invoice_date_due - timedelta(days=rng.randint(0, 10))}
        )._create_payments()


def _deliver(order, rng, order_date, partial):
    picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))[:1]
    if not picking:
        return
    picking.action_assign()
    for index, move in enumerate(picking.move_ids):
        quantity = move.product_uom_qty
        if partial and index == 0:
            quantity = max(1, quantity // 2)
        move.quantity = quantity
        move.picked = True
    picking.carrier_tracking_ref = f"{order.carrier_id.name[:2].upper()}{rng.randint(10**9, 10**10 - 1)}"
    picking._action_done()
    done_date = fields.Datetime.to_datetime(order_date) + timedelta(days=2, hours=14)
    picking.date_done = done_date
    picking.move_ids.write({"date": done_date})
    # The carrier reported the delivery a day or two later.
    picking.b2b_delivered_date = done_date + timedelta(days=rng.randint(1, 2))
