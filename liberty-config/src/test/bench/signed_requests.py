#!/usr/bin/env python3
"""Writes N signed Stripe webhook requests with unique event ids, for wrk (see ingest.lua).

usage: signed_requests.py SECRET N OUT [TEMPLATE.json]
Each line of OUT is: <Stripe-Signature header>\t<body>. Signatures are made now, so use the file within
the server's tolerance (300 s by default).
"""
import hashlib, hmac, json, sys, time, uuid

secret, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
template = json.load(open(sys.argv[4])) if len(sys.argv) > 4 else {
    "object": "event", "api_version": "2026-07-29.dahlia", "created": int(time.time()),
    "data": {"object": {"id": "cus_bench", "object": "customer", "metadata": {}}},
    "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
    "type": "customer.updated"}
now = str(int(time.time()))
run = uuid.uuid4().hex[:10]
with open(out, "w") as f:
    for i in range(count):
        event = dict(template, id=f"evt_bench_{run}_{i}")
        body = json.dumps(event, separators=(",", ":"))
        sig = hmac.new(secret.encode(), (now + "." + body).encode(), hashlib.sha256).hexdigest()
        f.write(f"t={now},v1={sig}\t{body}\n")
