"""Benchmark: a 500-line quick order against 500 native ``/shop/cart/update``.

Run with ``make bench-quick-order`` (``tools/devenv.py bench quick_order``).
On a throwaway copy of the test database it creates 500 published products,
starts an Odoo HTTP server and, logged in as the demo buyer Claire, fills an
empty cart twice over HTTP: once with 500 ``/shop/cart/update`` requests (what
the product page's "Add to cart" does), once with a single quick order
request carrying the 500 lines. It prints both times and their ratio, and
checks that both carts hold the same lines at the same prices.
"""

import re
import socket
import subprocess
import sys
import time

import requests
from bench_env import bench_env


def build_world(env, count):
    products = env["product.product"].create(
        [
            {"name": f"Bench item {index}", "default_code": f"QOB-{index:04d}", "list_price": 5 + index % 90}
            for index in range(count)
        ]
    )
    products.product_tmpl_id.is_published = True
    return products


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(config, database, port):
    server = subprocess.Popen(
        [sys.executable, "-m", "odoo", "-c", config, "-d", database, "--http-port", str(port), "--max-cron-threads=0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/web/login", timeout=5)
            return server
        except requests.ConnectionError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("The Odoo server did not start")


def buyer_session(base_url, database):
    session = requests.Session()
    session.post(
        f"{base_url}/web/session/authenticate",
        json={"params": {"db": database, "login": "claire", "password": "claire"}},
        timeout=30,
    ).raise_for_status()
    return session


def csrf_token(session, url):
    return re.search(r'csrf_token: "([^"]+)"', session.get(url, timeout=30).text).group(1)


def cart_of(env, session_partner):
    env.cr.commit()  # a new snapshot: see what the server committed
    env.invalidate_all()
    return env["sale.order"].search([("partner_id", "=", session_partner.id), ("state", "=", "draft")])


def post(session, url, **data):
    session.post(url, data=data, allow_redirects=False, timeout=600).raise_for_status()


def lines_of(cart):
    return {line.product_id.id: (line.product_uom_qty, line.price_unit) for line in cart.order_line}


def main():
    with bench_env(("--lines", int, 500)) as (args, env):
        cr = env.cr
        products = build_world(env, args.lines)
        claire = env.ref("b2b_portal.user_claire_demo").partner_id
        cart_of(env, claire).unlink()
        cr.commit()  # a throwaway copy: the server must see the products
        pairs = [(product, 1 + index % 7) for index, product in enumerate(products)]

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = start_server(args.config, args.database, port)
        try:
            session = buyer_session(base_url, args.database)
            token = csrf_token(session, f"{base_url}/shop")
            session.post(f"{base_url}/shop/cart/update", data={"product_id": products[0].id, "csrf_token": token})
            cart_of(env, claire).unlink()  # the first request warmed the server up
            cr.commit()

            started = time.perf_counter()
            for product, quantity in pairs:
                post(session, f"{base_url}/shop/cart/update", product_id=product.id, add_qty=quantity, csrf_token=token)
            native_time = time.perf_counter() - started
            native_cart = cart_of(env, claire)
            native_lines = lines_of(native_cart)
            native_total = native_cart.amount_untaxed
            native_cart.unlink()
            cr.commit()

            token = csrf_token(session, f"{base_url}/shop/quick_order")
            paste = "\n".join(f"{product.default_code} {quantity}" for product, quantity in pairs)
            started = time.perf_counter()
            post(session, f"{base_url}/shop/quick_order", paste=paste, add_to_cart="1", csrf_token=token)
            batch_time = time.perf_counter() - started
            batch_cart = cart_of(env, claire)
            batch_lines = lines_of(batch_cart)
        finally:
            server.terminate()
            server.wait(timeout=30)

        print(f"lines: {len(pairs)}; same lines and prices in both carts: {native_lines == batch_lines}")
        print(f"cart totals: native {native_total:.2f}, quick order {batch_cart.amount_untaxed:.2f}")
        print(f"native {len(pairs)} x /shop/cart/update : {native_time:8.2f}s")
        print(f"quick order, 1 request           : {batch_time:8.2f}s")
        print(f"ratio native/quick order: {native_time / batch_time:.1f}x")
        return 0 if native_lines == batch_lines else 1


if __name__ == "__main__":
    sys.exit(main())
