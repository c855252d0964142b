"""Benchmark: b2b_pricing's batch price API against native per-product pricing.

Run with ``make bench-pricing`` (``tools/devenv.py bench pricing``). On a copy
of the test database, in a transaction rolled back at the end, it creates a
catalog (10,000 products by default) and 20 pricelists: 5 with per-product
quantity breaks, 15 based on other pricelists (chains up to 3 deep). Then it
prices every product at quantities 1, 10 and 50 for a customer of the deepest
pricelist, with ``_b2b_price_table`` and with ``_get_product_price`` in a
loop, and prints times, the ratio and query counts.
"""

import random
import time

from bench_env import bench_env, break_item

QUANTITIES = (1.0, 10.0, 50.0)


def build_world(env, product_count, rng):
    category = env["product.category"].create({"name": "Benchmark"})
    products = env["product.product"].create(
        [
            {
                "name": f"Bench product {index}",
                "default_code": f"BENCH-{index:05d}",
                "categ_id": category.id,
                "list_price": round(rng.uniform(2, 500), 2),
            }
            for index in range(product_count)
        ]
    )
    base_pricelists = env["product.pricelist"].create([{"name": f"Bench base {index}"} for index in range(5)])
    items = []
    for pricelist in base_pricelists:
        items.append(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "3_global",
                "compute_price": "percentage",
                "percent_price": rng.randint(0, 15),
            }
        )
        for product in products[:: rng.randint(2, 4)]:
            for min_quantity, discount in ((10, rng.randint(16, 20)), (50, rng.randint(21, 30))):
                items.append(break_item(pricelist, product, min_quantity, discount))
    env["product.pricelist.item"].create(items)
    # 15 pricelists based on others: each level on the previous one.
    levels = [base_pricelists]
    for depth in range(3):
        derived = env["product.pricelist"].create([{"name": f"Bench derived {depth}-{index}"} for index in range(5)])
        env["product.pricelist.item"].create(
            [
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "3_global",
                    "compute_price": "formula",
                    "base": "pricelist",
                    "base_pricelist_id": based_on.id,
                    "price_discount": rng.randint(1, 5),
                }
                for pricelist, based_on in zip(derived, levels[-1], strict=True)
            ]
            + [
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "fixed",
                    "fixed_price": round(product.list_price * 0.7, 2),
                }
                for pricelist in derived
                for product in products[depth::97]
            ]
        )
        levels.append(derived)
    customer = env["res.partner"].create({"name": "Bench customer", "is_company": True})
    customer.property_product_pricelist = levels[-1][0]
    return products, customer


def measure(env, function):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started, env.cr.sql_log_count - queries


def main():
    with bench_env(("--products", int, 10_000)) as (args, env):
        cr = env.cr
        started = time.perf_counter()
        products, customer = build_world(env, args.products, random.Random(42))
        env.flush_all()
        print(f"catalog: {len(products)} products, 20 pricelists, built in {time.perf_counter() - started:.0f}s")
        pricelist = customer.property_product_pricelist

        batch, batch_time, batch_queries = measure(env, lambda: pricelist._b2b_price_table(products, QUANTITIES))
        native, native_time, native_queries = measure(
            env,
            lambda: {
                product.id: {quantity: pricelist._get_product_price(product, quantity) for quantity in QUANTITIES}
                for product in products
            },
        )
        mismatches = sum(
            1
            for product in products
            for quantity in QUANTITIES
            if abs(batch[product.id]["prices"][quantity] - native[product.id][quantity]) > 1e-6
        )
        print(f"prices compared: {len(products) * len(QUANTITIES)}, mismatches: {mismatches}")
        print(f"batch  _b2b_price_table : {batch_time:8.2f}s  {batch_queries:7d} queries")
        print(f"native _get_product_price: {native_time:8.2f}s  {native_queries:7d} queries")
        print(f"ratio native/batch: {native_time / batch_time:.1f}x")
        cr.rollback()


if __name__ == "__main__":
    main()
