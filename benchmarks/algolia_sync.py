"""Benchmark: Algolia sync through queue_job, with the job runner running.

Run with ``make bench-algolia-sync`` (``tools/devenv.py bench algolia_sync``).
On a throwaway copy of the test database, the demo website is put on a local
Algolia-protocol server (the tests' one, in this process) and filled; an Odoo
server with queue_job's runner is started. Then, each write being its own
transaction as in real use:

1. latency: a product is renamed, and the time until the server holds the
   new name is measured (p50, p95);
2. 1,000 writes on one product: how many batch requests reach the server;
3. chaos: 10,000 changes (names, prices, publication) while the server fails
   30 % of write requests; once it recovers and the jobs are done, the
   server's records are compared with Odoo's: lost (missing or outdated) and
   stale (present but no longer sold) records are counted.
"""

import random
import statistics
import sys
import time
from pathlib import Path

from bench_env import bench_env
from quick_order import free_port, start_server

from odoo.service.model import retrying

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "addons" / "b2b_algolia" / "tests"))
from algolia_server import AlgoliaServer


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise RuntimeError(f"Timed out waiting for {what}")


def save(env, change):
    """``change()`` in a transaction of its own, as a user's request, retried
    on concurrency errors as Odoo retries requests (the job runner works on
    the same rows)."""
    env.cr.rollback()
    retrying(change, env)
    env.cr.commit()


def settled(env, index):
    """No export pending in Odoo: records acknowledged, no job to run."""
    env.cr.rollback()  # a new snapshot
    env.invalidate_all()
    pending = env["b2b.algolia.record"]._pending(index, 1)
    jobs = env["queue.job"].search_count(
        [("state", "in", ("wait_dependencies", "pending", "enqueued", "started")), ("channel", "like", "b2b_algolia")]
    )
    return not pending and not jobs


def setup(env, server):
    params = env["ir.config_parameter"]
    params.set_param("b2b_algolia.hosts", server.url)
    # Retries in seconds, not minutes, so that the chaos run recovers quickly.
    env.ref("b2b_algolia.job_function_export").retry_pattern = {1: 1, 3: 2}
    website = env["website"].get_current_website()
    website.write(
        {
            "b2b_algolia_enabled": True,
            "b2b_algolia_app_id": "BENCH",
            "b2b_algolia_admin_key": "admin-key",
            "b2b_algolia_search_key": "search-key",
        }
    )
    env["queue.job"].search([]).unlink()  # the initial full reindexes: done below, directly
    index = website.b2b_algolia_index_ids.filtered(lambda index: index.lang_id.code == "en_US")
    (website.b2b_algolia_index_ids - index).unlink()
    Template = env["product.template"]
    templates = Template.search(Template._b2b_algolia_domain(website))
    env["b2b.algolia.record"]._mark_to_export(templates.ids, enqueue=False)
    params.set_param("b2b_algolia.export_quiet_seconds", 0)  # the initial fill, here and now
    while env["b2b.algolia.record"]._pending(index, 1):
        index._job_export()
    params.set_param("b2b_algolia.export_quiet_seconds", 2)
    env["queue.job"].search([]).unlink()
    env.cr.commit()
    return index, templates


def held_name(server, index_name, object_id):
    return server.state.index(index_name)["objects"].get(object_id, {}).get("name")


def measure_latency(env, server, templates, index, samples):
    index_name = index.name  # read once: polling must not hold a transaction open
    latencies = []
    for number in range(samples):
        template = templates[number % len(templates)]
        name = f"Latency probe {number}"
        save(env, lambda t=template, n=name: t.write({"name": n}))
        started = time.monotonic()
        object_id = f"product.template-{template.id}"
        wait_until(lambda o=object_id, n=name: held_name(server, index_name, o) == n, 60, name)
        latencies.append(time.monotonic() - started)
    return latencies


def thousand_writes(env, server, template, index):
    object_id = f"product.template-{template.id}"
    before = len(server.state.requests)
    for number in range(1000):
        save(env, lambda n=number: template.write({"name": f"Burst {n}"}))
    wait_until(lambda: settled(env, index), 120, "the burst to be exported")
    return sum(
        1
        for method, path, body in server.state.requests[before:]
        if path.endswith("/batch") and any(request["body"].get("objectID") == object_id for request in body["requests"])
    )


def chaos(env, server, templates, index, changes, rng):
    def change_many(start, count):
        for number in range(start, start + count):
            template, kind = rng.choice(templates), rng.random()
            if kind < 0.5:
                template.name = f"Chaos {number}"
            elif kind < 0.9:
                template.list_price = round(rng.uniform(1, 900), 2)
            else:
                template.is_published = not template.is_published

    server.state.failure_rate = 0.3
    for start in range(0, changes, 50):  # a save of 50 changes at a time
        save(env, lambda s=start: change_many(s, min(50, changes - s)))
    server.state.failure_rate = 0.0
    wait_until(lambda: settled(env, index), 900, "the chaos changes to be exported")
    truth = templates.browse(templates.ids)._b2b_algolia_documents(index)
    held = server.state.index(index.name)["objects"]
    lost = sum(1 for template_id, document in truth.items() if held.get(document["objectID"]) != document)
    stale = sum(1 for object_id in held if int(object_id.split("-")[1]) not in truth)
    return lost, stale


def main():
    with bench_env(("--samples", int, 20), ("--changes", int, 10_000)) as (args, env):
        with AlgoliaServer() as server:
            index, templates = setup(env, server)
            print(f"catalog: {len(templates)} products in {index.name}")
            port = free_port()
            odoo = start_server(args.config, args.database, port)
            try:
                latencies = measure_latency(env, server, templates, index, args.samples)
                p95 = statistics.quantiles(latencies, n=20)[18]
                p50 = statistics.median(latencies)
                print(f"change to Algolia, {len(latencies)} changes: p50 {p50:.2f}s, p95 {p95:.2f}s")
                requests = thousand_writes(env, server, templates[0], index)
                print(f"1,000 writes on one product: {requests} batch requests")
                started = time.monotonic()
                lost, stale = chaos(env, server, templates, index, args.changes, random.Random(42))
                print(
                    f"chaos: {args.changes} changes, {server.state.failed} requests failed on purpose, settled in "
                    f"{time.monotonic() - started:.0f}s: lost {lost}, stale {stale}"
                )
            finally:
                odoo.terminate()
                odoo.wait(30)


if __name__ == "__main__":
    main()
