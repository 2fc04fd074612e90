#!/usr/bin/env python3
"""Authly side by side with node-oidc-provider on loopback, interleaved (A B A B, several rounds,
medians), driven by wrk and the Lua scripts in bench/lua (the code flow by flow_driver.py).
Writes docs/benchmarks.md, docs/benchmarks.png and bench/results/latest.json. `make bench` runs it
after bench/run.sh has installed the tools and built the binaries."""
import argparse
import base64
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import flow_driver
import idle_connections
import report

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CLIENT_ID = "bench-client"
REDIRECT_URI = "http://127.0.0.1:9/callback"  # never contacted: the driver reads the code off the Location
USERNAME, PASSWORD = "bench-user", "bench-password-9f3c2a"
PG_DATABASE = "authly_bench"

ALL_SCENARIOS = ["discovery", "jwks", "client_credentials_es256", "client_credentials_rs256", "introspection",
                 "revocation", "refresh", "userinfo", "code_flow_sso", "code_flow_login"]


# Scenarios that can run twice on what they prepared (a first unmeasured run warms the servers).
WARM_UP_SCENARIOS = {"discovery", "jwks", "client_credentials_es256", "client_credentials_rs256", "introspection",
                     "userinfo"}


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, proc, seconds=30):
    for _ in range(seconds * 10):
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the server exited ({proc.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def proc_cpu_seconds(pid):
    """utime + stime of the process (all threads), from /proc/<pid>/stat (proc(5) fields 14, 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_kib(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class Server:
    """A server under test: its process, endpoints and the client credentials it knows."""

    name = ""
    proc = None

    def basic(self):
        return "Basic " + base64.b64encode(f"{CLIENT_ID}:{self.secret}".encode()).decode()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Authly(Server):
    paths = {"discovery": "/.well-known/openid-configuration", "jwks": "/oidc/jwks", "token": "/auth/token",
             "introspect": "/auth/introspect", "revoke": "/auth/revoke", "userinfo": "/oidc/userinfo",
             "authorize": "/oauth/authorize"}

    def __init__(self, build, work, backend, alg):
        self.name, self.backend, self.alg = f"Authly ({backend}, {alg})", backend, alg
        self.binary, self.port = str(build / "authly"), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, AUTHLY_DATA_DIR=str(work / f"authly-{backend}-{alg}"),
                        AUTHLY_LISTEN=f"127.0.0.1:{self.port}", AUTHLY_ISSUER=self.base, AUTHLY_LOG_LEVEL="warn",
                        AUTHLY_ADMIN_USERNAME="admin", AUTHLY_ADMIN_PASSWORD="bench-admin-password-unused",
                        AUTHLY_OAUTH_SIGNING_ALG=alg,
                        # Room for the idle-connection probe's 10,000 connections plus the probe's own.
                        AUTHLY_HTTP_MAX_CONNECTIONS="12000",
                        # The load comes from one loopback address: lift the per-IP limits.
                        AUTHLY_LOGIN_PER_IP_PER_MINUTE="100000", AUTHLY_OAUTH_AUTHORIZE_PER_IP_PER_MINUTE="1000000",
                        # One client issues every token: a limit far above the load, so the
                        # per-client counting is still measured.
                        AUTHLY_OAUTH_CLIENT_REQUESTS_PER_CLIENT_PER_MINUTE="100000000")
        if backend == "postgres":
            self.env["AUTHLY_DATABASE_URL"] = f"postgresql://authly:authly@127.0.0.1:5432/{PG_DATABASE}"
            self.env["AUTHLY_REDIS_URL"] = "redis://127.0.0.1:6379/15"

    def cli(self, *args, stdin=None):
        out = subprocess.run([self.binary, *args], env=self.env, input=stdin, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"authly {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def start(self):
        if self.backend == "postgres":
            recreate_pg_database()
            subprocess.run(["redis-cli", "-n", "15", "FLUSHDB"], capture_output=True)
        self.cli("db", "upgrade")
        self.cli("scope", "create", "api:read", "--description", "Benchmark API")
        self.cli("user", "create", "--username", USERNAME, "--email", "bench@example.com", "--given-name", "Bench",
                 "--family-name", "User", "--email-verified", "--password-stdin", stdin=PASSWORD + "\n")
        client = json.loads(self.cli("client", "create", "--name", "Benchmark client", "--client-id", CLIENT_ID,
                                     "--redirect-uri", REDIRECT_URI, "--grant-type", "authorization_code",
                                     "--grant-type", "refresh_token", "--grant-type", "client_credentials",
                                     "--scope", "openid profile email offline_access api:read", "--json"))
        self.secret = client["client_secret"]
        self.log = open(Path(self.env["AUTHLY_DATA_DIR"]).parent / f"{self.backend}-{self.alg}.log", "w")
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=self.log, stderr=self.log)
        wait_http(self.base + "/health/ready", self.proc)

    def token_body(self, resource_alg):
        return "grant_type=client_credentials&scope=api%3Aread"


    def second_instance(self):
        """Another process on the same database, Redis and master key (the data directory): what a
        second replica behind a load balancer is. It keeps the first instance's issuer."""
        other = Authly.__new__(Authly)
        other.__dict__.update(self.__dict__)
        other.port = free_port()
        other.base = f"http://127.0.0.1:{other.port}"
        other.env = dict(self.env, AUTHLY_LISTEN=f"127.0.0.1:{other.port}")
        other.name = self.name + " #2"
        other.proc = subprocess.Popen([self.binary, "serve"], env=other.env, stdout=self.log, stderr=self.log)
        wait_http(other.base + "/health/ready", other.proc)
        return other


class Peer(Server):
    paths = {"discovery": "/.well-known/openid-configuration", "jwks": "/jwks", "token": "/token",
             "introspect": "/token/introspection", "revoke": "/token/revocation", "userinfo": "/me",
             "authorize": "/auth"}

    def __init__(self, secret):
        self.name, self.secret, self.port = "node-oidc-provider", secret, free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self, work):
        self.log = open(work / "peer.log", "w")
        self.proc = subprocess.Popen(["node", str(BENCH / "peer" / "server.mjs"), str(self.port), CLIENT_ID,
                                      self.secret, REDIRECT_URI], env=dict(os.environ, NODE_ENV="production"),
                                     stdout=self.log, stderr=self.log)
        wait_http(self.base + self.paths["discovery"], self.proc)

    def token_body(self, resource_alg):
        # RFC 8707: node-oidc-provider issues a JWT access token only for a resource server.
        resource = {"ES256": "urn%3Aauthly-bench%3Aes256", "RS256": "urn%3Aauthly-bench%3Ars256"}[resource_alg]
        return f"grant_type=client_credentials&scope=api%3Aread&resource={resource}"


def recreate_pg_database():
    for sql in (f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", f"CREATE DATABASE {PG_DATABASE} OWNER authly"):
        subprocess.run(["su", "postgres", "-c", f'psql -q -c "{sql}"'], check=True, capture_output=True)


def post(server, path, body, auth=True):
    req = urllib.request.Request(server.base + path, data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          **({"Authorization": server.basic()} if auth else {})})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"{}")


def mint_tokens(server, body, count):
    """`count` access tokens from client_credentials, 8 requests at a time."""
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _: post(server, server.paths["token"], body)["access_token"], range(count)))


def flow_config(server):
    return {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "authorize_path": server.paths["authorize"],
            "token_path": server.paths["token"], "username": USERNAME, "password": PASSWORD,
            "basic": server.basic()}


def flow_tokens(server, count, offline):
    """`count` token responses from full code flows in one browser session."""
    host, port = "127.0.0.1", server.port
    browser = flow_driver.Browser(host, port)
    scope = "openid profile email offline_access" if offline else "openid profile email"
    extra = {"prompt": "consent"} if offline and isinstance(server, Peer) else None  # OIDC Core §11
    return [flow_driver.code_flow(browser, flow_config(server), scope, extra) for _ in range(count)]


class Runner:
    def __init__(self, args, work):
        self.args, self.work = args, work

    def wrk(self, server, path, script, script_args):
        cmd = ["wrk", "-t1", f"-c{self.args.connections}", f"-d{self.args.duration}s", "--latency", "-s",
               str(BENCH / "lua" / script), server.base + path, "--", *script_args]
        out = subprocess.run(cmd, cwd=BENCH / "lua", capture_output=True, text=True)
        return parse_bench_json(out.stdout + out.stderr, " ".join(cmd))

    def flow(self, server, sso):
        cmd = [sys.executable, str(BENCH / "flow_driver.py"), "--base", server.base,
               "--authorize-path", server.paths["authorize"], "--token-path", server.paths["token"],
               "--client-id", CLIENT_ID, "--client-secret", server.secret, "--redirect-uri", REDIRECT_URI,
               "--username", USERNAME, "--password", PASSWORD, "--duration", str(self.args.duration),
               "--connections", str(self.args.connections if sso else self.args.login_connections)]
        cmd += ["--sso"] if sso else []
        # Sign-ins before the measurement must not count: CPU time is sampled when the driver says so.
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as driver:
            output, cpu0 = [], None
            for line in driver.stdout:
                output.append(line)
                if line.startswith("MEASURING"):
                    cpu0 = proc_cpu_seconds(server.proc.pid)
        result = parse_bench_json("".join(output), "flow_driver.py")
        if cpu0 is not None:
            result["cpu_s"] = proc_cpu_seconds(server.proc.pid) - cpu0
        return result

    def scenario(self, name, server):
        """Prepares what the scenario needs (outside the measurement) and returns a callable run."""
        p, auth = server.paths, f"Authorization: {server.basic()}"
        if name in ("discovery", "jwks"):
            return lambda: self.wrk(server, p[name], "request.lua", ["GET"])
        if name.startswith("client_credentials"):
            alg = name.rsplit("_", 1)[1].upper()
            return lambda: self.wrk(server, p["token"], "request.lua", ["POST", server.token_body(alg), auth])
        if name == "introspection":
            # One live token. The peer keeps JWT access tokens nowhere, so it introspects an opaque one.
            body = "grant_type=client_credentials&scope=api%3Aread"
            token = post(server, p["token"], body)["access_token"]
            active = post(server, p["introspect"], f"token={token}").get("active")
            if not active:
                raise RuntimeError(f"{server.name}: the introspected token is not active")
            return lambda: self.wrk(server, p["introspect"], "request.lua", ["POST", f"token={token}", auth])
        if name == "revocation":
            # Authly mints JWT access tokens; the peer opaque ones (no resource indicator), which it can revoke.
            tokens = mint_tokens(server, "grant_type=client_credentials&scope=api%3Aread", self.args.revoke_tokens)
            feed = self.work / f"revoke-{server.port}-{time.monotonic_ns()}.txt"
            feed.write_text("\n".join(tokens) + "\n")

            def run():
                result = self.wrk(server, p["revoke"], "token_feed.lua", [str(feed), auth])
                # wrk divides by the whole -d even when the feed ran out earlier (its threads stop,
                # its clock does not): then the rate is over the time the feed lasted, which
                # token_feed.lua measures.
                if result.get("active_us"):
                    result["feed_used_up"] = True
                    result["duration_us"] = result["active_us"]
                return result
            return run
        if name == "refresh":
            seeds = [r["refresh_token"] for r in flow_tokens(server, 2 * self.args.connections, offline=True)]
            feed = self.work / f"refresh-{server.port}-{time.monotonic_ns()}.txt"
            feed.write_text("\n".join(seeds) + "\n")
            return lambda: self.wrk(server, p["token"], "refresh.lua", [str(feed), auth])
        if name == "userinfo":
            token = flow_tokens(server, 1, offline=False)[0]["access_token"]
            return lambda: self.wrk(server, p["userinfo"], "request.lua", ["GET", "", f"Authorization: Bearer {token}"])
        if name == "code_flow_sso":
            return lambda: self.flow(server, sso=True)
        if name == "code_flow_login":
            return lambda: self.flow(server, sso=False)
        raise ValueError(name)

    def measure(self, name, server, warm_up):
        run = self.scenario(name, server)
        if warm_up and name in WARM_UP_SCENARIOS:
            run()  # JIT, caches and connection pools warm, not measured (the same request again)
        cpu0 = proc_cpu_seconds(server.proc.pid)
        result = run()
        cpu = result.get("cpu_s", proc_cpu_seconds(server.proc.pid) - cpu0)
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6) if result["duration_us"] else 0
        result["cpu_ms_per_req"] = 1000 * cpu / result["requests"] if result["requests"] else None
        result["cpu_s"] = cpu
        result["hwm_kib"] = proc_kib(server.proc.pid, "VmHWM")
        result["void"] = result["errors"] > 0
        if result["void"]:
            log(f"  void: {result['errors']} errors {result.get('first_error', '')}")
        return result


def parse_bench_json(output, what):
    m = re.search(r"BENCH_JSON (\{.*\})", output)
    if not m:
        raise RuntimeError(f"{what}: no result\n{output[-2000:]}")
    return json.loads(m.group(1))


def ceiling(args, build):
    """The machine's limits in the same run: a bare Beast hello-world and openssl speed."""
    port = free_port()
    hello = subprocess.Popen([str(build / "bench" / "authly_bench_hello"), str(port)], stdout=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/", hello)
        runs = []
        for _ in range(args.rounds):
            out = subprocess.run(["wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "-s",
                                  str(BENCH / "lua" / "request.lua"), f"http://127.0.0.1:{port}/", "--", "GET"],
                                 cwd=BENCH / "lua", capture_output=True, text=True)
            r = parse_bench_json(out.stdout, "hello")
            runs.append(r["requests"] / (r["duration_us"] / 1e6))
        hello_rps = statistics.median(runs)
    finally:
        hello.terminate()
        hello.wait()
    speed = {}
    out = subprocess.run(["openssl", "speed", "-seconds", "2", "ecdsap256", "rsa2048", "ed25519"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        cols = line.split()
        if line.startswith("rsa 2048") or line.startswith("rsa  2048"):
            speed["RS256 sign/s"], speed["RS256 verify/s"] = float(cols[-2]), float(cols[-1])
        elif "nistp256" in line and "ecdsa" in line:
            speed["ES256 sign/s"], speed["ES256 verify/s"] = float(cols[-2]), float(cols[-1])
        elif "Ed25519" in line and "EdDSA" in line:
            speed["EdDSA sign/s"], speed["EdDSA verify/s"] = float(cols[-2]), float(cols[-1])
    return {"hello_rps": hello_rps, "openssl": speed}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    wrk_version = (wrk.stdout + wrk.stderr).split(" Copyright")[0].strip() or "wrk"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem, "kernel": platform.release(), "node": node,
            "wrk": wrk_version}


def two_instances(args, work, authly):
    """client_credentials against two Authly processes sharing one PostgreSQL and Redis at once,
    each driven by its own wrk with the usual connections: do they add up?"""
    other = authly.second_instance()
    try:
        runner = Runner(args, work)
        body, auth = authly.token_body("ES256"), f"Authorization: {authly.basic()}"
        log(f"two instances on one database: client_credentials on {authly.port} and {other.port} at once")
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda s: runner.wrk(s, s.paths["token"], "request.lua", ["POST", body, auth]),
                                 (authly, other)))
        rps = [r["requests"] / (r["duration_us"] / 1e6) for r in runs]
        return {"rps": rps, "total_rps": sum(rps), "errors": sum(r["errors"] for r in runs),
                "p99_us": [r["p99_us"] for r in runs]}
    finally:
        other.stop()


def run_backend(args, build, work, backend, scenarios):
    """All scenarios for one Authly backend against the peer, interleaved A B A B."""
    results = {s: {"authly": [], "peer": []} for s in scenarios}
    idle = {}
    groups = [("ES256", [s for s in scenarios if s != "client_credentials_rs256"]),
              ("RS256", [s for s in scenarios if s == "client_credentials_rs256"])]
    for alg, group in groups:
        if not group:
            continue
        authly = Authly(build, work, backend, alg)
        authly.start()
        peer = Peer(authly.secret)
        peer.start(work)
        try:
            idle.setdefault("authly_kib", proc_kib(authly.proc.pid, "VmRSS"))
            idle.setdefault("peer_kib", proc_kib(peer.proc.pid, "VmRSS"))
            for rnd in range(args.rounds):
                for name in group:
                    for role, server in (("authly", authly), ("peer", peer)):
                        log(f"{backend} round {rnd + 1}/{args.rounds} {name} {server.name}")
                        try:
                            results[name][role].append(Runner(args, work).measure(name, server, rnd == 0))
                        except Exception as e:  # noqa: BLE001 - a failed run is recorded as void
                            log(f"  failed: {e}")
                            results[name][role].append({"void": True, "failure": str(e)[:300]})
            if alg == "ES256" and backend == "postgres" and args.two_instances and "client_credentials_es256" in group:
                idle["two_instances"] = two_instances(args, work, authly)
            if alg == "ES256" and args.idle_connections:
                for key, server, path in (("authly_idle_connections", authly, "/health/live"),
                                          ("peer_idle_connections", peer, peer.paths["discovery"])):
                    log(f"{backend}: {args.idle_connections} idle keep-alive connections to {server.name}")
                    idle[key] = idle_connections.hold(server.port, server.proc.pid, args.idle_connections, path)
            idle["authly_peak_kib"] = max(idle.get("authly_peak_kib", 0), proc_kib(authly.proc.pid, "VmHWM"))
            idle["peer_peak_kib"] = max(idle.get("peer_peak_kib", 0), proc_kib(peer.proc.pid, "VmHWM"))
        finally:
            authly.stop()
            peer.stop()
    return {"scenarios": results, "memory": idle}


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--build-dir", default=str(ROOT / "build"))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--scenarios", default=" ".join(ALL_SCENARIOS))
    p.add_argument("--backends", default="sqlite postgres")
    p.add_argument("--login-connections", type=int, default=4,
                   help="browsers for the code flow with login: Authly hashes at most password.max_concurrent_hashes "
                        "(default 4) passwords at once and sheds the rest with 503")
    p.add_argument("--idle-connections", type=int, default=10000,
                   help="keep-alive connections held open to measure memory per connection (0: skip)")
    p.add_argument("--two-instances", type=int, default=1,
                   help="PostgreSQL pass: also drive client_credentials on two Authly processes at once (0: skip)")
    p.add_argument("--revoke-tokens", type=int, default=60000, help="pre-minted tokens per revocation run")
    p.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = p.parse_args()
    scenarios = args.scenarios.split()
    unknown = set(scenarios) - set(ALL_SCENARIOS)
    if unknown:
        sys.exit(f"unknown scenarios: {' '.join(sorted(unknown))} (known: {' '.join(ALL_SCENARIOS)})")
    build = Path(args.build_dir).resolve()
    work = Path(tempfile.mkdtemp(prefix="authly-bench-"))
    log(f"work directory {work}")
    data = {"settings": {"rounds": args.rounds, "duration_s": args.duration, "connections": args.connections,
                         "wrk_threads": 1, "scenarios": scenarios,
                         "login_connections": args.login_connections,
                         "idle_connections": args.idle_connections},
            "machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    log("ceiling: hello-world and openssl speed")
    data["ceiling"] = ceiling(args, build)
    data["backends"] = {}
    for backend in args.backends.split():
        data["backends"][backend] = run_backend(args, build, work, backend, scenarios)
    # The raw numbers go next to the report they belong to: a partial run written elsewhere
    # (--output) must not replace those behind docs/benchmarks.md.
    output = Path(args.output).resolve()
    if output == (ROOT / "docs" / "benchmarks.md").resolve():
        raw = BENCH / "results" / "latest.json"
    else:
        raw = output.with_suffix(".json")
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(data, indent=1))
    report.write(data, Path(args.output))
    log(f"wrote {args.output} (logs in {work})")
    if not os.environ.get("BENCH_KEEP_WORK"):
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
