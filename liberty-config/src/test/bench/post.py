#!/usr/bin/env python3
"""Loopback HTTP clients for drain.sh.

  post.py backlog URL FILE THREADS    posts every line of FILE (<Stripe-Signature>\t<body>) once, over
                                      THREADS keep-alive connections; prints how many got a 2xx
  post.py retell URL KEY NUMBER RATE  posts a Retell call_ended for NUMBER RATE times a second until it is
                                      terminated; prints how many it posted
"""
import hashlib, hmac, http.client, json, signal, sys, threading, time, urllib.parse, uuid


def connection(url):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)


def backlog(url, path, threads):
    lines = open(path).read().splitlines()
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()

    def worker(part):
        conn = connection(url)
        for line in part:
            signature, body = line.split("\t", 1)
            conn.request("POST", "/webhooks/stripe", body.encode(),
                         {"Content-Type": "application/json", "Stripe-Signature": signature})
            response = conn.getresponse()
            response.read()
            with lock:
                counts["ok" if 200 <= response.status < 300 else "failed"] += 1

    started = time.time()
    size = -(-len(lines) // threads)
    workers = [threading.Thread(target=worker, args=(lines[i * size:(i + 1) * size],)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    took = time.time() - started
    print(f"posted {len(lines)} events in {took:.1f} s ({len(lines) / took:.0f}/s): "
          f"{counts['ok']} answered 2xx, {counts['failed']} not")
    return 0 if counts["failed"] == 0 else 1


def retell(url, key, number, rate):
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    conn, posted = connection(url), 0
    while not stop.is_set():
        now = int(time.time() * 1000)
        call = {"call_id": f"call_drain_{uuid.uuid4().hex}", "call_type": "phone_call", "agent_id": "agent_bench",
                "direction": "inbound", "from_number": "+15555550100", "to_number": number,
                "call_status": "ended", "start_timestamp": now - 61_000, "end_timestamp": now - 1000,
                "duration_ms": 60_000, "disconnection_reason": "user_hangup"}
        body = json.dumps({"event": "call_ended", "call": call}, separators=(",", ":")).encode()
        digest = hmac.new(key.encode(), body + str(now).encode(), hashlib.sha256).hexdigest()
        conn.request("POST", "/webhooks/retell", body,
                     {"Content-Type": "application/json", "x-retell-signature": f"v={now},d={digest}"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            print(f"retell probe: {response.status}", file=sys.stderr)
        posted += 1
        stop.wait(1 / rate)
    print(f"posted {posted} high-lane Retell events during the drain")
    return 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "backlog":
        sys.exit(backlog(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    sys.exit(retell(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])))
