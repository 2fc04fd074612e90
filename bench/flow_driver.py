#!/usr/bin/env python3
"""Authorization-code flow at the HTTP level (RFC 6749 §4.1 with PKCE, RFC 7636), as a browser and
a client would do it: GET authorize -> login form POST -> consent form POST -> redirect with code ->
POST token. Forms are filled generically (hidden inputs kept, the username/login and password fields
filled, the first named submit button pressed) so the same driver runs against Authly and
node-oidc-provider. Cookies are kept per simulated browser; CSRF tokens travel as hidden inputs.

Used as a library by run_bench.py (mint refresh/access tokens) and as a load driver:
  flow_driver.py --base URL --authorize-path P --token-path P --client-id ID --client-secret S
                 --redirect-uri U --username N --password W --duration 10 --connections 32 [--sso]
prints one BENCH_JSON line like the wrk scripts."""
import argparse
import base64
import hashlib
import http.client
import json
import secrets
import threading
import time
import urllib.parse
from html.parser import HTMLParser


class FormParser(HTMLParser):
    """The first <form> of a page: action, method, named inputs and named submit buttons."""

    def __init__(self):
        super().__init__()
        self.form, self.inputs, self.buttons, self.done = None, [], [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and self.form is None:
            self.form = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower()}
        elif self.form is not None and tag == "input":
            self.inputs.append((a.get("name"), a.get("type", "text"), a.get("value") or ""))
        elif self.form is not None and tag == "button" and a.get("name"):
            self.buttons.append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.form is not None:
            self.done = True


class Browser:
    """One keep-alive connection with a cookie jar."""

    def __init__(self, host, port):
        self.host, self.port, self.cookies, self.conn = host, port, {}, None
        self.requests = 0

    def request(self, method, target, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, target, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        self.requests += 1
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                cname, _, rest = value.partition("=")
                cvalue = rest.split(";", 1)[0]
                if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                    self.cookies.pop(cname.strip(), None)
                else:
                    self.cookies[cname.strip()] = cvalue
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return resp.status, resp.getheader("Location"), data


class FlowError(Exception):
    pass


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def code_flow(browser, cfg, scope="openid profile email", extra=None):
    """Runs one flow; returns the token response (dict)."""
    verifier, challenge = pkce_pair()
    params = {"response_type": "code", "client_id": cfg["client_id"], "redirect_uri": cfg["redirect_uri"],
              "scope": scope, "state": secrets.token_urlsafe(12), "nonce": secrets.token_urlsafe(12),
              "code_challenge": challenge, "code_challenge_method": "S256", **(extra or {})}
    status, location, body = browser.request("GET", cfg["authorize_path"] + "?" + urllib.parse.urlencode(params))
    code = None
    for _ in range(12):
        if status in (301, 302, 303, 307):
            if location.startswith(cfg["redirect_uri"]):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
                if "code" not in query:
                    raise FlowError(f"redirect without code: {location[:200]}")
                code = query["code"][0]
                break
            target = urllib.parse.urlsplit(location)
            status, location, body = browser.request("GET", target.path + ("?" + target.query if target.query else ""))
        elif status == 200:
            status, location, body = submit_form(browser, body.decode("utf-8", "replace"), cfg)
        else:
            raise FlowError(f"HTTP {status} in the flow: {body[:200]!r}")
    if code is None:
        raise FlowError("no code after 12 steps")
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                   "redirect_uri": cfg["redirect_uri"], "code_verifier": verifier})
    status, _, body = browser.request("POST", cfg["token_path"], form, {"Authorization": cfg["basic"]})
    if status != 200:
        raise FlowError(f"token HTTP {status}: {body[:200]!r}")
    return json.loads(body)


def submit_form(browser, html, cfg):
    parser = FormParser()
    parser.feed(html)
    if parser.form is None:
        raise FlowError(f"a page without a form: {html[:200]!r}")
    fields = []
    for name, kind, value in parser.inputs:
        if not name:
            continue
        if kind == "password":
            value = cfg["password"]
        elif name in ("username", "login"):
            value = cfg["username"]
        elif kind == "submit":
            continue
        fields.append((name, value))
    allow = [b for b in parser.buttons if b[1] in ("allow", "accept", "consent")]
    if allow or parser.buttons:
        fields.append((allow or parser.buttons)[0])
    action = urllib.parse.urlsplit(parser.form["action"])
    return browser.request("POST", action.path + ("?" + action.query if action.query else ""),
                           urllib.parse.urlencode(fields))


def config_from(args):
    basic = base64.b64encode(f"{args.client_id}:{args.client_secret}".encode()).decode()
    return {"client_id": args.client_id, "redirect_uri": args.redirect_uri, "authorize_path": args.authorize_path,
            "token_path": args.token_path, "username": args.username, "password": args.password,
            "basic": "Basic " + basic}


def load(args):
    """`connections` browsers run flows back to back for `duration` seconds."""
    cfg = config_from(args)
    url = urllib.parse.urlsplit(args.base)
    latencies, errors, requests, lock = [], [0], [0], threading.Lock()
    ready = threading.Barrier(args.connections + 1)
    deadline, first_error = [0.0], []
    # Sign-ins before the measurement go two at a time: a server may shed concurrent password
    # hashing (Authly answers 503 beyond password.max_concurrent_hashes) and the warm-up is not measured.
    warm_up_slots = threading.Semaphore(2)

    def worker():
        browser = Browser(url.hostname, url.port)
        if args.sso:
            try:
                with warm_up_slots:
                    code_flow(browser, cfg)  # signs in once: the measured flows reuse the session
            except Exception as e:  # noqa: BLE001 - counted, the run is void
                with lock:
                    errors[0] += 1
                    first_error.append(f"warm-up: {e}")
        ready.wait()
        while time.monotonic() < deadline[0]:
            if not args.sso:
                browser.cookies.clear()
            before, start = browser.requests, time.monotonic()
            try:
                code_flow(browser, cfg)
                ok = True
            except Exception as e:  # noqa: BLE001 - counted, the run is void
                ok = False
                with lock:
                    first_error.append(str(e))
            with lock:
                requests[0] += browser.requests - before
                if ok:
                    latencies.append(time.monotonic() - start)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.connections)]
    for t in threads:
        t.start()
    deadline[0] = time.monotonic() + 3600
    ready.wait()
    print("MEASURING", flush=True)  # the caller samples the server's CPU time from here
    start = time.monotonic()
    deadline[0] = start + args.duration
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p):
        return int(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1e6) if latencies else 0

    print("BENCH_JSON " + json.dumps({"requests": len(latencies), "http_requests": requests[0],
                                      "duration_us": int(elapsed * 1e6), "errors": errors[0],
                                      "socket_errors": 0, "status_errors": errors[0],
                                      "p50_us": pct(0.5), "p99_us": pct(0.99),
                                      "first_error": first_error[0][:300] if first_error else ""}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("base", "authorize-path", "token-path", "client-id", "client-secret", "redirect-uri",
                 "username", "password"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--sso", action="store_true", help="keep the browser session between flows")
    load(p.parse_args())


if __name__ == "__main__":
    main()
