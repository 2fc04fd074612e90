#!/usr/bin/env python3
"""Checks that each room (a CMake target made by authly_room(), docs/architecture.md) includes only
what it links, and that its headers include only what it links PUBLIC.

A file belongs to the room whose directory holds it (the nearest src/ directory whose
CMakeLists.txt calls authly_room). A `#include "x/y.hpp"` names the room owning src/x/y.hpp; a
`#include <lib/...>` names the library target that provides it (LIBRARIES below). Allowed:
  - in a .cpp: the room itself, its DEPS and PRIVATE_DEPS, and whatever those export PUBLIC;
  - in a .hpp: the room itself, its DEPS (PUBLIC) and whatever those export PUBLIC, because every
    room that includes the header compiles it.
Endpoints translate HTTP and call use-cases: no file in src/endpoints/ includes a repository
header (store/ other than store/models.hpp, the rows use-cases return).
A dependency listed in DEPS that no header of the room needs could be PRIVATE_DEPS: --suggest
prints those. Exit status 1 on any violation. Run by `make test` (tests/CMakeLists.txt).
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Angle-bracket include prefixes of the libraries rooms link, by the target that provides them.
# Asio and Beast come with Boost::headers, which only http/server links (DESIGN.md: Asio/Beast in
# http/server only); Boost.JSON and Boost.URL come with their own targets.
LIBRARIES = {
    "boost/asio": "Boost::headers", "boost/beast": "Boost::headers", "boost/json": "Boost::json",
    "boost/url": "Boost::url", "openssl/": "OpenSSL::Crypto", "soci/": "soci_all", "sqlite3.h": "soci_all",
    "libpq-fe.h": "soci_all", "hiredis/": "PkgConfig::HIREDIS", "sodium.h": "PkgConfig::SODIUM",
    "crypt.h": "PkgConfig::LIBCRYPT", "curl/": "CURL::libcurl", "spdlog/": "spdlog::spdlog",
    "fmt/": "fmt::fmt", "CLI/": "CLI11::CLI11", "toml++/": "PkgConfig::TOMLPP",
}


def parse_rooms():
    rooms = {}  # target -> {"dir", "public", "private"}
    for cmake in sorted(SRC.rglob("CMakeLists.txt")):
        text = re.sub(r"#.*", "", cmake.read_text())
        for m in re.finditer(r"authly_room\(\s*(\w+)(.*?)\)", text, re.S):
            words = m.group(2).split()
            lists = {"SOURCES": [], "DEPS": [], "PRIVATE_DEPS": []}
            current = None
            for w in words:
                if w in lists:
                    current = w
                elif current:
                    lists[current].append(w)
            rooms[m.group(1)] = {"dir": cmake.parent, "public": lists["DEPS"], "private": lists["PRIVATE_DEPS"]}
    return rooms


def owner_of(path, dirs):
    for parent in [path.parent, *path.parent.parents]:
        if parent in dirs:
            return dirs[parent]
        if parent == SRC:
            return None
    return None


def public_reach(target, rooms, memo):
    if target in memo:
        return memo[target]
    memo[target] = {target}
    for dep in rooms.get(target, {}).get("public", []):
        memo[target] |= public_reach(dep, rooms, memo)
    return memo[target]


def included_targets(path, dirs):
    """(line number, include text, target) for every include this checker knows how to place."""
    out = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
        if not m:
            continue
        name = m.group(2)
        if m.group(1) == '"':
            target = owner_of(SRC / name, dirs) if (SRC / name).exists() else None
        else:
            target = next((t for prefix, t in LIBRARIES.items() if name.startswith(prefix)), None)
        if target:
            out.append((n, name, target))
    return out

# Headers of the store room that endpoints may include: plain rows, no repository.
ENDPOINT_STORE_HEADERS = {"store/models.hpp"}


def repository_includes(path):
    """(line number, name) of each store/ header other than the rows that `path` includes."""
    found = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+"(store/[^"]+)"', line)
        if m and m.group(1) not in ENDPOINT_STORE_HEADERS:
            found.append((n, m.group(1)))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suggest", action="store_true", help="list DEPS that no header needs (could be PRIVATE)")
    args = parser.parse_args()

    rooms = parse_rooms()
    dirs = {info["dir"]: name for name, info in rooms.items()}
    memo = {}
    problems = []
    needed_by_headers = {name: set() for name in rooms}
    for path in sorted(SRC.rglob("*.[ch]pp")):
        room = owner_of(path, dirs)
        if room is None:
            continue
        info = rooms[room]
        header = path.suffix == ".hpp"
        allowed = public_reach(room, rooms, memo)
        if not header:
            for dep in info["private"] + info["public"]:
                allowed = allowed | public_reach(dep, rooms, memo)
        for n, name, target in included_targets(path, dirs):
            if target in allowed:
                if header and target != room:
                    needed_by_headers[room].add(target)
                continue
            why = "links it only PRIVATE" if any(target in public_reach(d, rooms, memo) for d in info["private"]) \
                else "does not link it"
            problems.append(f"{path.relative_to(ROOT)}:{n}: includes {name} ({target}), but {room} {why}")
        if room == "authly_endpoints":
            for n, name in repository_includes(path):
                problems.append(f"{path.relative_to(ROOT)}:{n}: includes {name}: endpoints reach the store only "
                                f"through use-cases (endpoints/context.hpp)")

    for p in problems:
        print(p)
    if args.suggest:
        for name, info in sorted(rooms.items()):
            for dep in info["public"]:
                exported = public_reach(dep, rooms, memo)
                if not (needed_by_headers[name] & exported):
                    print(f"{name}: {dep} could be PRIVATE_DEPS")
    if problems:
        print(f"check_rooms: {len(problems)} include(s) outside what the room links", file=sys.stderr)
        return 1
    print(f"check_rooms: {len(rooms)} rooms, every include within what its room links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
