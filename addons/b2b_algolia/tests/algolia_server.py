# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local HTTP server speaking the part of Algolia's REST API the add-on
uses (batch, settings, synonyms, operation/move, task, query, delete, list),
with failures to inject. The real algoliasearch client talks to it."""

import json
import random
import re
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# (method, path, handler method)
ROUTES = [
    ("GET", r"/1/indexes", "list_indexes"),
    ("POST", r"/1/indexes/(?P<index>[^/]+)/batch", "batch"),
    ("PUT", r"/1/indexes/(?P<index>[^/]+)/settings", "set_settings"),
    ("GET", r"/1/indexes/(?P<index>[^/]+)/settings", "get_settings"),
    ("POST", r"/1/indexes/(?P<index>[^/]+)/synonyms/batch", "save_synonyms"),
    ("POST", r"/1/indexes/(?P<index>[^/]+)/operation", "operation"),
    ("GET", r"/1/indexes/(?P<index>[^/]+)/task/(?P<task>\d+)", "get_task"),
    ("POST", r"/1/indexes/(?P<index>[^/]+)/query", "query"),
    ("DELETE", r"/1/indexes/(?P<index>[^/]+)", "delete_index"),
]


def now():
    return datetime.now(timezone.utc).isoformat()


class AlgoliaState:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        """An empty application, as each test starts (Odoo rolls back)."""
        self.indexes = {}  # name: {"objects": {}, "settings": {}, "synonyms": {}}
        self.requests = []  # (method, path, body) of every request answered
        self.task = 0
        self.failures = []  # statuses (or "timeout") answered to the next requests
        self.failed = 0  # requests answered with an injected failure
        self.failure_rate = 0.0  # share of write requests failing with a 500
        self.delay = 0.0  # seconds slept by a "timeout" failure
        self.random = random.Random(42)

    def index(self, name):
        return self.indexes.setdefault(name, {"objects": {}, "settings": {}, "synonyms": {}})

    def next_task(self):
        self.task += 1
        return self.task


class Handler(BaseHTTPRequestHandler):
    state: AlgoliaState = None

    def log_message(self, *args):
        """Keep the test output quiet."""

    def _dispatch(self, method):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        state = self.state
        with state.lock:
            failure = state.failures.pop(0) if state.failures else None
            if failure is None and method != "GET" and state.random.random() < state.failure_rate:
                failure = 500
        if failure:
            with state.lock:
                state.failed += 1
        if failure == "timeout":
            time.sleep(state.delay)
            failure = 503
        if failure:
            return self._answer(failure, {"message": "injected failure", "status": failure})
        for route_method, pattern, name in ROUTES:
            match = re.fullmatch(pattern, url.path)
            if match and route_method == method:
                args = {key: unquote(value) for key, value in match.groupdict().items()}
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                with state.lock:
                    state.requests.append((method, url.path, body))
                    status, payload = getattr(self, f"_{name}")(body=body, query=query, **args)
                return self._answer(status, payload)
        return self._answer(404, {"message": f"no route {method} {url.path}", "status": 404})

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    # ------------------------------------------------------------ endpoints
    def _list_indexes(self, body, query):
        items = [
            {
                "name": name,
                "createdAt": now(),
                "updatedAt": now(),
                "entries": len(index["objects"]),
                "dataSize": 0,
                "fileSize": 0,
                "lastBuildTimeS": 0,
                "numberOfPendingTasks": 0,
                "pendingTask": False,
            }
            for name, index in self.state.indexes.items()
        ]
        return 200, {"items": items, "nbPages": 1}

    def _batch(self, body, query, index):
        objects = self.state.index(index)["objects"]
        ids = []
        for request in body["requests"]:
            record, action = request.get("body", {}), request["action"]
            if action in ("addObject", "updateObject"):
                objects[record["objectID"]] = record
            elif action == "partialUpdateObject":
                objects.setdefault(record["objectID"], {}).update(record)
            elif action == "deleteObject":
                objects.pop(record["objectID"], None)
            elif action == "clear":
                objects.clear()
            ids.append(record.get("objectID"))
        return 200, {"taskID": self.state.next_task(), "objectIDs": ids}

    def _set_settings(self, body, query, index):
        self.state.index(index)["settings"].update(body)
        for replica in body.get("replicas", []):
            self.state.index(replica)
        return 200, {"taskID": self.state.next_task(), "updatedAt": now()}

    def _get_settings(self, body, query, index):
        return 200, self.state.index(index)["settings"]

    def _save_synonyms(self, body, query, index):
        synonyms = self.state.index(index)["synonyms"]
        if query.get("replaceExistingSynonyms") == "true":
            synonyms.clear()
        synonyms.update({synonym["objectID"]: synonym for synonym in body})
        return 200, {"taskID": self.state.next_task(), "updatedAt": now()}

    def _operation(self, body, query, index):
        source = self.state.indexes.get(index)
        if body["operation"] == "move" and source is not None:
            destination = self.state.index(body["destination"])
            replicas = destination["settings"].get("replicas")
            self.state.indexes[body["destination"]] = self.state.indexes.pop(index)
            if replicas:  # a moved index keeps the destination's replicas
                self.state.indexes[body["destination"]]["settings"]["replicas"] = replicas
        return 200, {"taskID": self.state.next_task(), "updatedAt": now()}

    def _get_task(self, body, query, index, task):
        return 200, {"status": "published"}

    def _query(self, body, query, index):
        words = (body.get("query") or "").lower().split()
        hits = [
            record
            for record in self.state.index(index)["objects"].values()
            if all(word in json.dumps([record.get("name"), record.get("sku")]).lower() for word in words)
        ]
        return 200, {"hits": hits, "nbHits": len(hits), "page": 0, "nbPages": 1, "hitsPerPage": 20, "query": ""}

    def _delete_index(self, body, query, index):
        self.state.indexes.pop(index, None)
        return 200, {"taskID": self.state.next_task(), "deletedAt": now()}


class AlgoliaServer:
    """``with AlgoliaServer() as server:`` serves on ``server.url``."""

    def __init__(self):
        self.state = AlgoliaState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
