#!/usr/bin/env python3
"""A webhook receiver that checks Standard Webhooks signatures on its own (Python's hmac, not flowwatch's Java), for
tests and demos. Standard library only.

    receiver.py --port PORT --secrets FILE --store DIR

FILE is JSON mapping a URL path to the whsec_ secrets it accepts, e.g. {"/hooks/a": ["whsec_..."]}; it is read again
whenever it changes, so a test can rotate secrets while the receiver runs. Each request is stored in DIR as one JSON
file. A request is verified when one of its webhook-signature entries matches one of the path's secrets and its
webhook-timestamp is within 5 minutes of now; an unverified request is answered 401 (and stored).

Control endpoints:
    POST /_control/behaviour {"path": "/hooks/a", "statuses": [500, 429], "retry_after": "7"}
        the next verified requests to that path get those statuses in order (with Retry-After when given), then 204
    GET /_received?path=/hooks/a   the stored requests to that path (all paths without ?path), oldest first
    GET /_health                   200
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOLERANCE_SECONDS = 5 * 60
SECRET_PREFIX = "whsec_"


class Secrets:
    """The secrets file, read again when its modification time changes."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.seen = None
        self.by_path = {}

    def for_path(self, url_path):
        with self.lock:
            try:
                stamp = os.stat(self.path).st_mtime_ns
            except FileNotFoundError:
                return []
            if stamp != self.seen:
                with open(self.path, encoding="utf-8") as file:
                    self.by_path = json.load(file)
                self.seen = stamp
            return list(self.by_path.get(url_path, []))


def key_bytes(secret):
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a secret must start with " + SECRET_PREFIX)
    return base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)


def verify(secrets, webhook_id, timestamp, signature_header, body):
    """(verified, why not): the Standard Webhooks check, written from the specification."""
    if not (webhook_id and timestamp and signature_header):
        return False, "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        sent = int(timestamp)
    except ValueError:
        return False, "webhook-timestamp is not an integer"
    if abs(time.time() - sent) > TOLERANCE_SECONDS:
        return False, "webhook-timestamp is more than 5 minutes away from now"
    if not secrets:
        return False, "no secret configured for this path"
    signed = webhook_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = [base64.b64encode(hmac.new(key_bytes(s), signed, hashlib.sha256).digest()) for s in secrets]
    for entry in signature_header.split(" "):
        version, _, value = entry.partition(",")
        if version != "v1":
            continue
        if any(hmac.compare_digest(value.encode(), candidate) for candidate in expected):
            return True, None
    return False, "no signature matches a secret of this path"


class Receiver:
    def __init__(self, secrets, store):
        self.secrets = secrets
        self.store = store
        self.lock = threading.Lock()
        self.behaviours = {}
        self.count = 0

    def next_status(self, url_path):
        with self.lock:
            behaviour = self.behaviours.get(url_path)
            if not behaviour or not behaviour["statuses"]:
                return 204, None
            return behaviour["statuses"].pop(0), behaviour.get("retry_after")

    def set_behaviour(self, spec):
        with self.lock:
            self.behaviours[spec["path"]] = {"statuses": [int(s) for s in spec.get("statuses", [])],
                                             "retry_after": spec.get("retry_after")}

    def save(self, record):
        with self.lock:
            self.count += 1
            name = os.path.join(self.store, "%08d.json" % self.count)
        with open(name + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(name + ".tmp", name)

    def received(self, url_path):
        records = []
        for name in sorted(n for n in os.listdir(self.store) if n.endswith(".json")):
            with open(os.path.join(self.store, name), encoding="utf-8") as file:
                record = json.load(file)
            if url_path is None or record["path"] == url_path:
                records.append(record)
        return records


def handler_for(receiver):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/_health":
                self.answer(200, {"status": "ok"})
            elif url.path == "/_received":
                paths = parse_qs(url.query).get("path")
                self.answer(200, receiver.received(paths[0] if paths else None))
            else:
                self.answer(404, {"error": "no such endpoint"})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            url = urlsplit(self.path)
            if url.path == "/_control/behaviour":
                receiver.set_behaviour(json.loads(body))
                self.answer(200, {"status": "ok"})
                return
            verified, why_not = verify(receiver.secrets.for_path(url.path), self.headers.get("webhook-id"),
                                       self.headers.get("webhook-timestamp"), self.headers.get("webhook-signature"),
                                       body)
            status, retry_after = (401, None) if not verified else receiver.next_status(url.path)
            receiver.save({
                "path": url.path,
                "webhook_id": self.headers.get("webhook-id"),
                "webhook_timestamp": self.headers.get("webhook-timestamp"),
                "content_type": self.headers.get("content-type"),
                "user_agent": self.headers.get("user-agent"),
                "verified": verified,
                "why_not_verified": why_not,
                "status": status,
                "body": body.decode("utf-8", errors="replace"),
                "received_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            })
            self.answer(status, None, retry_after)

        def answer(self, status, document, retry_after=None):
            payload = b"" if document is None else json.dumps(document).encode()
            self.send_response(status)
            if retry_after is not None:
                self.send_header("Retry-After", str(retry_after))
            if document is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def main():
    parser = argparse.ArgumentParser(description="Standard Webhooks receiver for tests")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secrets", required=True, help="JSON file: URL path -> list of whsec_ secrets")
    parser.add_argument("--store", required=True, help="directory for the received requests")
    arguments = parser.parse_args()
    os.makedirs(arguments.store, exist_ok=True)
    receiver = Receiver(Secrets(arguments.secrets), arguments.store)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), handler_for(receiver))
    server.daemon_threads = True
    print("webhook receiver listening on 127.0.0.1:%d" % arguments.port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
