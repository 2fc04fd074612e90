// The AUTHLY_* settings that deploy/ hands the binary, checked by the binary itself: every name is a
// key it knows (`authly config keys`) and every literal value loads (`authly config show` exits 0),
// so a renamed key or a bad value in a manifest fails here rather than in a crash-looping pod.
import { execFileSync, spawnSync } from "node:child_process";

export function knownEnvironmentNames(binary) {
  const text = execFileSync(binary, ["config", "keys"], { encoding: "utf8" });
  const names = new Set();
  for (const line of text.split("\n")) {
    const m = line.match(/^\s+env:\s+(.*)$/);
    if (m) for (const name of m[1].match(/AUTHLY_[A-Z0-9_]+/g) ?? []) names.add(name);
  }
  if (names.size < 10) throw new Error(`${binary} config keys listed only ${names.size} environment names`);
  return names;
}

// `environments`: {where: {NAME: value}}. Values of *_FILE names are paths inside the container
// and are not read here.
export function checkEnvironments(binary, environments) {
  const known = knownEnvironmentNames(binary);
  const errors = [];
  for (const [where, env] of Object.entries(environments)) {
    const authly = Object.entries(env).filter(([name]) => name.startsWith("AUTHLY_"));
    for (const [name] of authly) if (!known.has(name)) errors.push(`${where}: ${name} is not an Authly setting`);
    const literal = Object.fromEntries(authly.filter(([name]) => !name.endsWith("_FILE") && known.has(name)));
    const run = spawnSync(binary, ["config", "show"], { env: { PATH: process.env.PATH, ...literal }, encoding: "utf8" });
    if (run.status !== 0) errors.push(`${where}: authly refuses its settings: ${run.stderr.trim()}`);
  }
  return errors;
}
