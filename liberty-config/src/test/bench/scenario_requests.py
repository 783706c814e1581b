#!/usr/bin/env python3
"""Writes signed Stripe requests for a mixed backlog, for wrk (see once.lua).

usage: scenario_requests.py SECRET EVENTS SCENARIO_DIR OUT
Copies the subscription lifecycle scenario (customer, subscription, two billing cycles of invoices, charges
and a refund: 14 events) into as many worlds as EVENTS needs, in scenario order. Each world has its own
company id and its own Stripe ids (every customer, subscription, invoice, charge, PaymentIntent, ... id gets
a per-world suffix), so every event is new and has its full effect on the billing domain.
Each line of OUT is: <Stripe-Signature header>\t<body>.
"""
import hashlib, hmac, pathlib, re, sys, time, uuid

secret, events, scenario, out = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
files = sorted(p for p in scenario.glob("*.json"))
bodies = [re.sub(r"\s*\n\s*", "", p.read_text()) for p in files]
# a Stripe id: a known object prefix and a token with at least one capital or digit (not "charge_automatically")
stripe_id = re.compile(r'"((?:cus|sub|si|in|il|ii|ch|pi|pm|txn|re|evt|req|price|prod|dp|cn|seti|cs)_'
                       r'[A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)"')
company = re.compile(r'"company_id": ?"\d+"')
run = uuid.uuid4().hex[:6]
now = str(int(time.time()))
written = 0
with open(out, "w") as f:
    world = 0
    while written < events:
        suffix = f"x{run}w{world}"
        for body in bodies:
            if written == events:
                break
            body = stripe_id.sub(lambda m: f'"{m.group(1)}{suffix}"', body)
            body = company.sub(f'"company_id": "{1_000_000 + world}"', body)
            sig = hmac.new(secret.encode(), (now + "." + body).encode(), hashlib.sha256).hexdigest()
            f.write(f"t={now},v1={sig}\t{body}\n")
            written += 1
        world += 1
print(f"{written} events in {world} worlds of {len(bodies)}", file=sys.stderr)
