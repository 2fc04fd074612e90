// Reads what the runtime stage of deploy/Dockerfile promises: its ENV, ENTRYPOINT + CMD, the
// packages it installs, where it copies the binary and the user's uid. Enough of the Dockerfile
// grammar for this file: continuation lines, exec-form (JSON) ENTRYPOINT and CMD, ENV k=v pairs.
import { readFileSync } from "node:fs";

function instructions(text) {
  const joined = text.replace(/\\\r?\n/g, " ");
  const out = [];
  for (const line of joined.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const space = trimmed.search(/\s/);
    out.push({ op: trimmed.slice(0, space).toUpperCase(), args: trimmed.slice(space + 1).trim() });
  }
  return out;
}

function execForm(op, args) {
  let value;
  try {
    value = JSON.parse(args);
  } catch {
    throw new Error(`${op} must be in exec form (a JSON array), got: ${args}`);
  }
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string"))
    throw new Error(`${op} must be a JSON array of strings`);
  return value;
}

export function readRuntimeStage(file) {
  const all = instructions(readFileSync(file, "utf8"));
  const start = all.findLastIndex((i) => i.op === "FROM");
  const stage = {
    base: all[start]?.args,
    env: {},
    entrypoint: [],
    cmd: [],
    packages: [],
    copies: [],
    uid: undefined,
    user: undefined,
  };
  for (const { op, args } of all.slice(start + 1)) {
    if (op === "ENV") {
      for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) stage.env[m[1]] = m[3] ?? m[2];
    } else if (op === "ENTRYPOINT") {
      stage.entrypoint = execForm(op, args);
    } else if (op === "CMD") {
      stage.cmd = execForm(op, args);
    } else if (op === "USER") {
      stage.user = args;
    } else if (op === "COPY") {
      const words = args.split(/\s+/).filter((w) => !w.startsWith("--"));
      stage.copies.push({ sources: words.slice(0, -1), destination: words.at(-1) });
    } else if (op === "RUN") {
      const install = args.match(/apt-get install ([^&;|]*)/);
      if (install) stage.packages.push(...install[1].split(/\s+/).filter((w) => w && !w.startsWith("-")));
      const uid = args.match(/useradd [^&;|]*--uid (\d+)/);
      if (uid) stage.uid = Number(uid[1]);
    }
  }
  return stage;
}
