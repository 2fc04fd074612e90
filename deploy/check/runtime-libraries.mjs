// The runtime stage installs the Debian package of every shared library the binary links directly
// (readelf NEEDED, resolved by ldd, owned per dpkg -S), so a new dependency cannot leave the image
// failing at start with "cannot open shared object file".
import { execFileSync, spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";

// In every debian:bookworm-slim image already (essential, or needed by apt itself).
const BASE_IMAGE_PACKAGES = new Set(["libc6", "libgcc-s1", "libstdc++6"]);

// The owning package of each path, by one dpkg query over every spelling of every path (with
// usrmerge, ldd's /lib/x/libfoo.so is dpkg's /usr/lib/x/libfoo.so).
function owners(paths) {
  const spellings = new Map();
  for (const path of paths) {
    const all = [path, realpathSync(path)];
    for (const p of [...all]) if (p.startsWith("/lib")) all.push(`/usr${p}`);
    spellings.set(path, all);
  }
  const run = spawnSync("dpkg", ["-S", ...new Set([...spellings.values()].flat())], { encoding: "utf8" });
  const byPath = new Map();
  for (const line of run.stdout.split("\n")) {
    const m = line.match(/^([^:,\s]+)(?::[^:\s]+)?: (\/.*)$/);
    if (m) byPath.set(m[2], m[1]);
  }
  return new Map(paths.map((path) => [path, spellings.get(path).map((p) => byPath.get(p)).find(Boolean)]));
}

export function checkRuntimeLibraries(stage, binary) {
  const needed = [...execFileSync("readelf", ["-d", binary], { encoding: "utf8" }).matchAll(/\(NEEDED\).*\[(.+)\]/g)].map(
    (m) => m[1],
  );
  const resolved = new Map(
    [...execFileSync("ldd", [binary], { encoding: "utf8" }).matchAll(/^\s*(\S+) => (\/\S+)/gm)].map((m) => [m[1], m[2]]),
  );
  const installed = new Set(stage.packages);
  const errors = [];
  const packages = owners(needed.map((soname) => resolved.get(soname)).filter(Boolean));
  for (const soname of needed) {
    const path = resolved.get(soname);
    const pkg = path && packages.get(path);
    if (!pkg) errors.push(`${soname}: no Debian package owns it (${path ?? "not found"})`);
    else if (!installed.has(pkg) && !BASE_IMAGE_PACKAGES.has(pkg))
      errors.push(`${soname} comes from ${pkg}, which the runtime stage does not install`);
  }
  if (needed.length < 5) errors.push(`readelf found only ${needed.length} libraries in ${binary}`);
  return errors;
}
