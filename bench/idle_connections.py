#!/usr/bin/env python3
"""Memory per idle keep-alive connection: opens N connections to a server, sends one request on each
(so each is a served keep-alive connection, not a half-open one), waits for every answer, then
compares the server's VmRSS with the value before. Usage (also a library for run_bench.py):
  idle_connections.py --port P --pid PID [--count 10000] [--path /]"""
import argparse
import resource
import selectors
import socket
import time


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def hold(port, pid, count, path="/", host="127.0.0.1"):
    """Returns {connections, rss_before_kib, rss_after_kib, kib_per_connection, failed}."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))
    before = rss_kib(pid)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    sel, socks, failed = selectors.DefaultSelector(), [], 0
    for _ in range(count):
        s = socket.socket()
        try:
            s.connect((host, port))
            s.sendall(request)
        except OSError:
            failed += 1
            s.close()
            continue
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
    pending, deadline = len(socks), time.monotonic() + 60
    while pending and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=1):
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            sel.unregister(key.fileobj)
            pending -= 1
            if not data.startswith(b"HTTP/1.1 2"):
                failed += 1
    time.sleep(1)  # let the server settle its buffers
    after = rss_kib(pid)
    held = len(socks) - failed
    for s in socks:
        s.close()
    return {"connections": held, "failed": failed + pending, "rss_before_kib": before, "rss_after_kib": after,
            "kib_per_connection": (after - before) / held if held else None}


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--count", type=int, default=10000)
    p.add_argument("--path", default="/")
    a = p.parse_args()
    print(hold(a.port, a.pid, a.count, a.path))
