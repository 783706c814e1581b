#!/usr/bin/env python3
"""Holds N connections to the Stripe webhook endpoint that each declare a 1 MiB body and send it slowly (1 KiB every
PAUSE s), opening a new one PAUSE s after the server ends one, for SECONDS s; then prints how the server ended them.

usage: slow_senders.py HOST PORT N SECONDS [PAUSE]
"""
import asyncio, collections, sys, time

host, port, count, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.5
size = 1 << 20
ended = collections.Counter()


async def one_body(deadline):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write((f"POST /webhooks/stripe HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                  f"Stripe-Signature: t=1,v1=00\r\nContent-Length: {size}\r\n\r\n{{").encode())
    answer = asyncio.ensure_future(reader.readline())
    sent = 1
    try:
        while sent < size and time.monotonic() < deadline and not answer.done():
            chunk = min(1024, size - sent)
            writer.write(b" " * chunk)
            await writer.drain()
            sent += chunk
            await asyncio.wait([answer], timeout=pause)
        if not answer.done():
            return "still sending at the end" if time.monotonic() >= deadline else "sent in full, no answer"
        line = answer.result().decode(errors="replace").split(" ")
        return "answered " + line[1] if len(line) > 1 else "closed by the server"
    except (ConnectionError, OSError):
        return "closed by the server"
    finally:
        answer.cancel()
        writer.close()


async def sender(deadline):
    while time.monotonic() < deadline:
        try:
            ended[await one_body(deadline)] += 1
        except OSError as e:
            ended["could not connect: " + type(e).__name__] += 1
        await asyncio.sleep(pause)


async def main():
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(sender(deadline) for _ in range(count)))
    print(f"{count} slow senders for {seconds:.0f} s: " + ", ".join(f"{n} {how}" for how, n in sorted(ended.items())))


asyncio.run(main())
