"""docs/benchmarks.md and docs/benchmarks.png from run_bench.py's results (bench/results/latest.json).
Regenerate without rerunning: python3 bench/report.py bench/results/latest.json docs/benchmarks.md"""
import json
import statistics
import subprocess
import sys
from pathlib import Path

LABELS = {
    "discovery": "GET discovery",
    "jwks": "GET JWKS",
    "client_credentials_es256": "client_credentials, ES256 JWT",
    "client_credentials_rs256": "client_credentials, RS256 JWT",
    "introspection": "introspection of one live token",
    "revocation": "revocation, a fresh token each request",
    "refresh": "refresh-token rotation",
    "userinfo": "userinfo",
    "code_flow_sso": "code flow with an SSO session (flows/s)",
    "code_flow_login": "code flow with login (flows/s)",
}

# The targets Authly is held to: (scenario, minimum ratio to the peer).
RATIO_TARGETS = [("client_credentials_es256", 5), ("introspection", 5), ("revocation", 5), ("discovery", 5),
                 ("jwks", 5), ("code_flow_sso", 3)]


def median_of(runs, key):
    values = [r[key] for r in runs if not r.get("void") and r.get(key) is not None]
    return statistics.median(values) if values else None


def summary(runs):
    return {"rps": median_of(runs, "rps"), "p50": median_of(runs, "p50_us"), "p99": median_of(runs, "p99_us"),
            "cpu": median_of(runs, "cpu_ms_per_req"), "hwm": max((r.get("hwm_kib", 0) for r in runs), default=0),
            "void": sum(1 for r in runs if r.get("void")), "runs": len(runs),
            "errors": sum(r.get("errors", 0) for r in runs)}


def num(v, digits=0):
    return "—" if v is None else f"{v:,.{digits}f}"


def ms(us):
    return "—" if us is None else f"{us / 1000:.2f}"


def ratio(a, b):
    return None if not a or not b else a / b


def backend_table(name, backend):
    lines = [f"### Authly on {name} vs node-oidc-provider", "",
             "| scenario | peer req/s | Authly req/s | ratio | Authly p50 / p99 ms | peer p50 / p99 ms "
             "| Authly CPU ms/req | peer CPU ms/req | void runs (Authly/peer) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario, roles in backend["scenarios"].items():
        a, p = summary(roles["authly"]), summary(roles["peer"])
        r = ratio(a["rps"], p["rps"])
        lines.append(f"| {LABELS[scenario]} | {num(p['rps'])} | {num(a['rps'])} | "
                     f"{'—' if r is None else f'{r:.2f}x'} | {ms(a['p50'])} / {ms(a['p99'])} | "
                     f"{ms(p['p50'])} / {ms(p['p99'])} | {num(a['cpu'], 3)} | {num(p['cpu'], 3)} | "
                     f"{a['void']}/{a['runs']} · {p['void']}/{p['runs']} |")
    m = backend["memory"]
    lines += ["", f"Memory: Authly idle RSS {num(m.get('authly_kib', 0) / 1024, 1)} MiB, peak RSS (VmHWM) "
              f"{num(m.get('authly_peak_kib', 0) / 1024, 1)} MiB; node-oidc-provider idle "
              f"{num(m.get('peer_kib', 0) / 1024, 1)} MiB, peak {num(m.get('peer_peak_kib', 0) / 1024, 1)} MiB.", ""]
    if "two_instances" in m:
        t = m["two_instances"]
        single = summary(backend["scenarios"].get("client_credentials_es256", {}).get("authly", []))["rps"]
        lines += [f"Two Authly processes on this database and Redis, client_credentials ES256 on both at once: "
                  f"{' + '.join(num(r) for r in t['rps'])} = **{num(t['total_rps'])} req/s** "
                  f"(one process: {num(single)} req/s; {t['errors']} errors; p99 "
                  f"{' / '.join(ms(p) for p in t['p99_us'])} ms). Both share this machine's cores with the "
                  "load generators, so the sum shows whether the shared store serialises them, not how a "
                  "second machine would scale.", ""]
    for key, who in (("authly_idle_connections", "Authly"), ("peer_idle_connections", "node-oidc-provider")):
        if key in m:
            c = m[key]
            lines += [f"Idle keep-alive connections, {who}: {c['connections']:,} held ({c['failed']} failed), RSS "
                      f"{c['rss_before_kib'] / 1024:.1f} -> {c['rss_after_kib'] / 1024:.1f} MiB, "
                      f"**{num(c['kib_per_connection'], 1)} KiB per connection**.", ""]
    return lines


def targets(data):
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    hello = data["ceiling"]["hello_rps"]
    for backend_name, backend in data["backends"].items():
        sc = backend["scenarios"]
        for scenario, minimum in RATIO_TARGETS:
            if scenario not in sc:
                continue
            a, p = summary(sc[scenario]["authly"]), summary(sc[scenario]["peer"])
            r = ratio(a["rps"], p["rps"])
            lines.append(f"| {backend_name}: {LABELS[scenario]} ≥ {minimum}x the peer | "
                         f"{'void' if r is None else f'{r:.2f}x'} | {verdict(r is not None and r >= minimum)} |")
            if scenario in ("discovery", "jwks") and a["rps"]:
                share = a["rps"] / hello if hello else 0
                lines.append(f"| {backend_name}: {LABELS[scenario]} ≥ 40% of the hello-world ceiling | "
                             f"{share:.0%} of {num(hello)} req/s | {verdict(share >= 0.4)} |")
        for scenario in ("client_credentials_es256", "refresh"):
            if scenario in sc:
                p99 = summary(sc[scenario]["authly"])["p99"]
                lines.append(f"| {backend_name}: {LABELS[scenario]} p99 < 5 ms at "
                             f"{data['settings']['connections']} connections | {ms(p99)} ms | "
                             f"{verdict(p99 is not None and p99 < 5000)} |")
        idle = backend["memory"].get("authly_kib", 0) / 1024
        lines.append(f"| {backend_name}: idle RSS < 30 MiB | {idle:.1f} MiB | {verdict(0 < idle < 30)} |")
        conns = backend["memory"].get("authly_idle_connections")
        if conns:
            per = conns["kib_per_connection"]
            lines.append(f"| {backend_name}: under 10 KiB per idle connection ({conns['connections']:,} held) | "
                         f"{num(per, 1)} KiB | {verdict(per is not None and per < 10 and not conns['failed'])} |")
    lines.append("")
    return lines


def rounds(data):
    n = data["settings"]["rounds"]
    return f"{n} round" + ("" if n == 1 else "s")


def verdict(ok):
    return "met" if ok else "**not met**"


def chart(data, png):
    """Grouped bars: req/s of Authly and the peer per scenario, one group per backend (log scale)."""
    rows = []
    for backend_name, backend in data["backends"].items():
        for scenario, roles in backend["scenarios"].items():
            a, p = summary(roles["authly"])["rps"] or 0, summary(roles["peer"])["rps"] or 0
            rows.append(f'"{backend_name}: {scenario}" {a:.1f} {p:.1f}')
    dat = png.with_suffix(".dat")
    dat.write_text("\n".join(rows) + "\n")
    script = f"""
set terminal pngcairo size 1400,760 font ",10" noenhanced
set bmargin 12
set rmargin 10
set output "{png}"
set title "Authly vs node-oidc-provider, wrk -t1 -c{data['settings']['connections']}, median of {rounds(data)}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "requests (flows) per second, log scale"
set xtics rotate by -40 scale 0
set key top right
set grid ytics
plot "{dat}" using 2:xtic(1) title "Authly", "" using 3 title "node-oidc-provider"
"""
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"[bench] no chart: {e}", file=sys.stderr)
    finally:
        dat.unlink(missing_ok=True)


def write(data, out):
    s, m, c = data["settings"], data["machine"], data["ceiling"]
    png = out.with_suffix(".png")
    chart(data, png)
    lines = ["# Benchmarks", "",
             "Authly side by side with [node-oidc-provider](https://github.com/panva/node-oidc-provider) 9.13.3 "
             "(the OpenID-certified Node.js server, `NODE_ENV=production`), both on loopback on the same machine, "
             "driven interleaved (Authly, peer, Authly, peer …) so that both see the same machine state. "
             f"Each figure is the median of {rounds(data)} of `wrk -t1 -c{s['connections']} "
             f"-d{s['duration_s']}s`; a run with any socket error or a status outside 2xx/3xx is void and left "
             "out of the median. Generated by `make bench` on " + data["started"] + ".", "",
             f"![req/s per scenario]({png.name})", "",
             "## Machine", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores; {m['memory_mib']:,} MiB RAM; Linux {m['kernel']}",
             f"- load generator: {m['wrk']} (one thread, on the same cores as the servers); Node.js {m['node']}",
             f"- ceiling: a bare Boost.Beast coroutine hello-world (`bench/hello`) answers "
             f"**{num(c['hello_rps'])} req/s** under the same wrk settings",
             "- OpenSSL on one core (`openssl speed`): " +
             ", ".join(f"{k} {num(v)}" for k, v in c["openssl"].items()), ""]
    lines += ["## Results", ""]
    for name, backend in data["backends"].items():
        lines += backend_table(name, backend)
    lines += targets(data)
    micro = Path(__file__).with_name("results") / "micro.txt"
    if micro.exists():
        lines += ["## Micro-benchmarks", "", "`build/bench/authly_bench_micro` (Google Benchmark, `bench/micro/`), "
                  "one thread, same run:", "", "```"]
        lines += [l for l in micro.read_text().splitlines() if l and not l.startswith("*")] + ["```", ""]
    lines += Path(__file__).with_name("benchmarks_notes.md").read_text().splitlines()
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    write(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]))
