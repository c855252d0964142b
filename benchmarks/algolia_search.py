"""Benchmark: the built-in search against native ``/shop?search=``.

Run with ``make bench-algolia-search`` (``tools/devenv.py bench
algolia_search``). On a throwaway copy of the test database it creates the
record benchmark's catalog (50,000 products by default) with the price
facet's stored prices, vacuums the search tables, analyzes every table,
starts an Odoo server and, logged in as the demo buyer Claire, runs a set of
queries (exact SKUs, SKU prefixes, words, typos, several words) against the
built-in engine's endpoint and against the shop's native search, each
several times.
It prints p50 and p95 of both (HTTP round trips) and the ratio of the p95s,
and those of a website JSON request that searches nothing: the floor any
search endpoint starts from.
"""

import random
import statistics
import time

from algolia_records import build_world
from bench_env import bench_env
from quick_order import buyer_session, free_port, start_server

QUERIES = [
    "ALG-000042",
    "ALG-012345",
    "ALG-049999",
    "alg-0251",
    "ALG-0333",
    "drill",
    "screw",
    "wrench",
    "saw",
    "article",
    "drlil",
    "screww",
    "wrnech",
    "benchmark drill",
    "article saw",
    "professional wrench",
    "brand 7",
    "family 12",
    "demanding trades",
    "article 4242",
]


def percentiles(durations):
    return statistics.median(durations), statistics.quantiles(durations, n=20)[18]


def main():
    with bench_env(("--products", int, 50_000), ("--rounds", int, 3)) as (args, env):
        started = time.perf_counter()
        templates = build_world(env, args.products, random.Random(42))
        # As in production once the jobs and autovacuum ran: the price
        # facet's stored prices computed (not by the server's job runner
        # while timing), the search tables vacuumed, and every table's
        # statistics up to date (stale ones plan the native search and the
        # hits' reads badly alike).
        env["b2b.search.price"]._b2b_refresh(templates.ids)
        env.cr.execute("DELETE FROM b2b_search_price_stale")
        env.cr.execute("DELETE FROM queue_job WHERE state IN ('pending', 'enqueued')")
        env.cr.commit()
        env.cr._cnx.autocommit = True
        env.cr.execute("VACUUM ANALYZE b2b_search_document")
        env.cr.execute("VACUUM ANALYZE b2b_search_price")
        env.cr.execute("ANALYZE")
        env.cr._cnx.autocommit = False
        print(f"catalog: {args.products} products, built in {time.perf_counter() - started:.0f}s")
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = start_server(args.config, args.database, port)
        try:
            session = buyer_session(base_url, args.database)
            builtin, native = [], []
            for query in QUERIES:  # warm-up: caches and the query plans
                run_builtin(session, base_url, query)
                session.get(f"{base_url}/shop", params={"search": query}, timeout=120)
            for _round in range(args.rounds):
                for query in QUERIES:
                    started = time.perf_counter()
                    hits = run_builtin(session, base_url, query)
                    builtin.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    session.get(f"{base_url}/shop", params={"search": query}, timeout=120).raise_for_status()
                    native.append(time.perf_counter() - started)
                    if _round == 0:
                        print(f"  {query!r}: {hits} hits")
            # The floor: a website JSON request that does no search at all.
            floor = []
            for _round in range(args.rounds * len(QUERIES)):
                started = time.perf_counter()
                session.post(
                    f"{base_url}/b2b/search/popular", json={"params": {"prefix": ""}}, timeout=120
                ).raise_for_status()
                floor.append(time.perf_counter() - started)
            builtin_p50, builtin_p95 = percentiles(builtin)
            native_p50, native_p95 = percentiles(native)
            floor_p50, floor_p95 = percentiles(floor)
            print(f"empty website JSON request  : p50 {floor_p50 * 1000:6.0f} ms, p95 {floor_p95 * 1000:6.0f} ms")
            print(f"built-in /b2b/search/queries: p50 {builtin_p50 * 1000:6.0f} ms, p95 {builtin_p95 * 1000:6.0f} ms")
            print(f"native /shop?search=        : p50 {native_p50 * 1000:6.0f} ms, p95 {native_p95 * 1000:6.0f} ms")
            print(f"ratio of the p95s native/built-in: {native_p95 / builtin_p95:.1f}x")
        finally:
            server.terminate()
            server.wait(30)


def run_builtin(session, base_url, query):
    response = session.post(
        f"{base_url}/b2b/search/queries",
        json={"params": {"requests": [{"indexName": "builtin", "params": {"query": query, "hitsPerPage": 24}}]}},
        timeout=120,
    )
    response.raise_for_status()
    return response.json()["result"]["results"][0]["nbHits"]


if __name__ == "__main__":
    main()
