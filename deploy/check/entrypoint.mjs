// Runs the container's command without a container engine: the runtime stage's ENTRYPOINT + CMD,
// with its ENV, against the built binary standing in for the one the image copies. Only the data
// directory (a fresh temp dir) and the listen address (a free loopback port) differ from the image.
// The server must answer /health/ready 200 and /metrics, then exit 0 on SIGTERM (what the kubelet
// and `docker stop` send).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function request(port, path) {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path, timeout: 2000 }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve({ status: 0, body: "" }));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function checkEntrypoint(stage, binary) {
  const errors = [];
  const [program, ...entryArgs] = stage.entrypoint;
  if (!program) return ["the runtime stage has no ENTRYPOINT"];
  if (!stage.copies.some((c) => c.destination === program))
    return [`ENTRYPOINT runs ${program}, which the runtime stage does not COPY`];
  for (const name of ["AUTHLY_DATA_DIR", "AUTHLY_LISTEN"])
    if (!(name in stage.env)) errors.push(`the runtime stage sets no ${name}`);
  if (!/^0\.0\.0\.0:\d+$|^\[::\]:\d+$/.test(stage.env.AUTHLY_LISTEN ?? ""))
    errors.push(`AUTHLY_LISTEN=${stage.env.AUTHLY_LISTEN}: a container must listen on every interface`);

  const dataDir = mkdtempSync(join(tmpdir(), "authly-entrypoint-"));
  const port = await freePort();
  const env = { PATH: process.env.PATH, ...stage.env, AUTHLY_DATA_DIR: dataDir, AUTHLY_LISTEN: `127.0.0.1:${port}` };
  const args = [...entryArgs, ...stage.cmd];
  console.log(`entrypoint: ${program} ${args.join(" ")} (as ${binary}) on port ${port}`);
  const child = spawn(binary, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let exit;
  exited.then((e) => (exit = e));
  try {
    let ready = { status: 0 };
    for (let i = 0; i < 300 && !exit && ready.status !== 200; ++i) {
      await sleep(100);
      ready = await request(port, "/health/ready");
    }
    if (ready.status !== 200) {
      errors.push(`/health/ready answered ${ready.status} (exit: ${JSON.stringify(exit)})\n${output}`);
      return errors;
    }
    const metrics = await request(port, "/metrics");
    if (metrics.status !== 200 || !metrics.body.includes("authly_build_info"))
      errors.push(`/metrics answered ${metrics.status} without authly_build_info`);
    child.kill("SIGTERM");
    const result = await Promise.race([exited, sleep(30000).then(() => undefined)]);
    if (!result) errors.push("no exit within 30 s of SIGTERM");
    else if (result.code !== 0) errors.push(`exit after SIGTERM: ${JSON.stringify(result)}\n${output}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
  return errors;
}
