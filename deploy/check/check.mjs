// The checks of deploy/ that need no container engine, one per CTest entry (tests/CMakeLists.txt):
//   node check.mjs kubernetes        manifests valid for the Kubernetes schemas, and complete
//   node check.mjs compose           compose.yaml valid for the Compose schema
//   node check.mjs dashboard         the Grafana dashboard's expressions are valid PromQL
//   node check.mjs entrypoint        the image's ENTRYPOINT + CMD serve, and stop on SIGTERM
//   node check.mjs runtime-libraries the image installs every library the binary links
// AUTHLY_BINARY is the built binary (the settings in manifests are checked by it). Exits 1 on any error.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkEnvironments } from "./environment.mjs";
import { composeEnvironments, readCompose, validateCompose } from "./compose.mjs";
import { checkDashboard } from "./dashboard.mjs";
import { readRuntimeStage } from "./dockerfile.mjs";
import { checkEntrypoint } from "./entrypoint.mjs";
import { checkInstallation, containerEnvironment } from "./installation.mjs";
import { readManifests, validateObject } from "./kubernetes.mjs";
import { checkRuntimeLibraries } from "./runtime-libraries.mjs";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "..");
const binary = process.env.AUTHLY_BINARY;

async function kubernetes(dir = join(deploy, "kubernetes")) {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  const errors = [];
  const objects = [];
  for (const file of files) {
    const read = readManifests(file);
    errors.push(...read.errors);
    objects.push(...read.objects);
  }
  for (const object of objects) errors.push(...(await validateObject(object)));
  console.log(`kubernetes: ${objects.length} objects in ${files.length} files`);
  if (errors.length) return errors;  // the semantic checks assume well-formed objects
  const plain = objects.map((o) => o.object);
  errors.push(...checkInstallation(plain));
  // The pod runs as the image's user, whose uid owns the data directory.
  const uid = readRuntimeStage(join(deploy, "Dockerfile")).uid;
  const runAs = plain.find((o) => o.kind === "Deployment")?.spec?.template?.spec?.securityContext?.runAsUser;
  if (runAs !== uid) errors.push(`Deployment runs as uid ${runAs}, the image's authly user is ${uid}`);
  errors.push(...checkEnvironments(binary, { "authly container": containerEnvironment(plain) }));
  return errors;
}

function compose(file = join(deploy, "compose.yaml")) {
  const read = readCompose(file);
  if (read.errors.length) return read.errors;
  const errors = validateCompose(file, read.object);
  if (errors.length) return errors;
  console.log(`compose: ${Object.keys(read.object.services ?? {}).length} services`);
  return checkEnvironments(binary, composeEnvironments(read.object));
}

const checks = {
  kubernetes,
  compose,
  dashboard: (file = join(deploy, "grafana", "authly-dashboard.json")) => checkDashboard(file),
  entrypoint: (file = join(deploy, "Dockerfile")) => checkEntrypoint(readRuntimeStage(file), binary),
  "runtime-libraries": (file = join(deploy, "Dockerfile")) => checkRuntimeLibraries(readRuntimeStage(file), binary),
};

const [name, path] = process.argv.slice(2);
if (!checks[name]) {
  console.error(`usage: node check.mjs ${Object.keys(checks).join("|")} [file or directory]`);
  process.exit(2);
}
if (name !== "dashboard" && !binary) {
  console.error("AUTHLY_BINARY must name the built authly binary");
  process.exit(2);
}
const errors = await checks[name](...(path ? [path] : []));
for (const e of errors) console.error(`${name}: ${e}`);
console.log(`${name}: ${errors.length ? `${errors.length} error(s)` : "ok"}`);
process.exit(errors.length ? 1 : 0);
