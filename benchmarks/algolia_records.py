"""Benchmark: building Algolia records in batch against one record at a time.

Run with ``make bench-algolia-records`` (``tools/devenv.py bench
algolia_records``). On a throwaway copy of the test database it creates a
published catalog (50,000 products by default) and enough approved B2B
companies for 10 pricelists with quantity breaks, commits them and updates
the tables' statistics (export jobs read a committed catalog that
PostgreSQL has analyzed), then builds every record as the export jobs do
(batches of 1,000) and a sample of records one product at a time (the naive
way). It prints records per second for both, their ratio, and checks that
both ways give the same records.
"""

import random
import time

from bench_env import bench_env, break_item

BATCH = 1000
PRICELISTS = 10


def build_world(env, product_count, rng):
    category = env["product.category"].create({"name": "Algolia benchmark"})
    public_category = env["product.public.category"].create(
        {"name": "Benchmark", "child_id": [(0, 0, {"name": f"Family {index}"}) for index in range(20)]}
    )
    families = public_category.child_id
    brands = env["product.brand"].create([{"name": f"Brand {index}"} for index in range(30)])
    templates = env["product.template"]
    for start in range(0, product_count, 5000):
        templates |= env["product.template"].create(
            [
                {
                    "name": f"Benchmark article {index} {rng.choice(['drill', 'screw', 'wrench', 'saw'])}",
                    "default_code": f"ALG-{index:06d}",
                    "categ_id": category.id,
                    "public_categ_ids": [families[index % len(families)].id],
                    "product_brand_id": brands[index % len(brands)].id,
                    "list_price": round(rng.uniform(2, 500), 2),
                    "description_sale": "Professional grade article for demanding trades. " * 3,
                    "is_published": True,
                }
                for index in range(start, min(start + 5000, product_count))
            ]
        )
    existing = env["product.template"]._b2b_algolia_pricelists()
    missing = max(0, PRICELISTS - len(existing))
    pricelists = env["product.pricelist"].create([{"name": f"Bench B2B {index}"} for index in range(missing)])
    variants = templates.product_variant_ids
    env["product.pricelist.item"].create(
        [
            break_item(pricelist, product, min_quantity, discount)
            for pricelist in pricelists
            for product in variants[:: rng.randint(5, 9)]
            for min_quantity, discount in ((10, 10), (50, 20))
        ]
    )
    companies = env["res.partner"].create(
        [{"name": f"Bench company {index}", "is_company": True, "b2b_approved": True} for index in range(missing)]
    )
    for company, pricelist in zip(companies, pricelists, strict=True):
        company.property_product_pricelist = pricelist
    return templates


def main():
    with bench_env(("--products", int, 50_000), ("--sample", int, 300)) as (args, env):
        started = time.perf_counter()
        templates = build_world(env, args.products, random.Random(42))
        website = env["website"].get_current_website()
        lang = env["res.lang"]._lang_get("fr_FR")
        index = env["b2b.algolia.index"].create({"website_id": website.id, "lang_id": lang.id})
        env.flush_all()
        # As export jobs find it: committed, and analyzed by PostgreSQL (in
        # the catalog's own transaction, the planner would still see the
        # tables of the test database).
        env.cr.commit()
        env.cr.execute("ANALYZE")
        pricelist_count = len(env["product.template"]._b2b_algolia_pricelists())
        print(
            f"catalog: {len(templates)} products, {pricelist_count} B2B pricelists, "
            f"built in {time.perf_counter() - started:.0f}s"
        )

        env.invalidate_all()
        started = time.perf_counter()
        batch = {}
        for start in range(0, len(templates), BATCH):
            batch.update(templates[start : start + BATCH]._b2b_algolia_documents(index))
            env.invalidate_all()  # as separate jobs would: nothing cached between batches
        batch_time = time.perf_counter() - started

        sample = templates[:: max(1, len(templates) // args.sample)][: args.sample]
        env.invalidate_all()
        started = time.perf_counter()
        naive = {}
        for template in sample:
            naive.update(template._b2b_algolia_documents(index))
        naive_time = time.perf_counter() - started

        mismatches = sum(1 for template_id, record in naive.items() if batch.get(template_id) != record)
        batch_rate, naive_rate = len(batch) / batch_time, len(naive) / naive_time
        print(f"records compared: {len(naive)}, mismatches: {mismatches}")
        print(f"batch  (1,000 per call): {len(batch):6d} records in {batch_time:7.1f}s = {batch_rate:7.0f} records/s")
        print(f"naive  (1 per call)    : {len(naive):6d} records in {naive_time:7.1f}s = {naive_rate:7.0f} records/s")
        print(f"ratio batch/naive: {batch_rate / naive_rate:.1f}x")


if __name__ == "__main__":
    main()
