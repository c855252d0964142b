"""What every benchmark starts with: its arguments and an Odoo environment
on the benchmark database (``tools/devenv.py bench`` passes both)."""

import argparse
import contextlib

import odoo


@contextlib.contextmanager
def bench_env(*options):
    """Parse ``config database`` and ``options`` (``(flag, type, default)``);
    yield ``(args, env)``, env being a superuser environment."""
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("database")
    for flag, kind, default in options:
        parser.add_argument(flag, type=kind, default=default)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        yield args, odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def break_item(pricelist, product, min_quantity, discount):
    """Values of a quantity break: ``discount`` % off from ``min_quantity``."""
    return {
        "pricelist_id": pricelist.id,
        "applied_on": "0_product_variant",
        "product_id": product.id,
        "min_quantity": min_quantity,
        "compute_price": "percentage",
        "percent_price": discount,
    }
