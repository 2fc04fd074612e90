// Validates Kubernetes objects against the API's OpenAPI schemas (kubernetes-models: Kubernetes
// 1.27, the JSON schemas compiled by ajv), strictly: a field the schema does not know is an error,
// as with `kubectl apply --validate=strict`, so a misspelt `livenesProbe` fails here instead of
// being dropped silently by the API server.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// "apps/v1" -> "kubernetes-models/apps/v1"; the core group "v1" -> "kubernetes-models/v1".
async function modelFor(apiVersion, kind) {
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  return module[kind];
}

// The compiled validators read every property their schema declares (and every entry of a map);
// a property of the document that the validator never read is unknown to the schema.
function validateStrictly(Model, object) {
  const read = new WeakMap();
  const proxies = new WeakMap();
  const wrap = (value) => {
    if (value === null || typeof value !== "object") return value;
    if (!proxies.has(value)) {
      read.set(value, new Set());
      proxies.set(
        value,
        new Proxy(value, {
          get(target, key, receiver) {
            if (typeof key === "string") read.get(target).add(key);
            return wrap(Reflect.get(target, key, receiver));
          },
        }),
      );
    }
    return proxies.get(value);
  };
  try {
    Model.prototype.validate.call(wrap(object));
  } catch (e) {
    return [e.message];
  }
  const unknown = [];
  const walk = (value, path) => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}/${i}`));
    for (const key of Object.keys(value)) {
      if (!read.get(value)?.has(key)) unknown.push(`data${path}/${key} is not a field of the schema`);
      else walk(value[key], `${path}/${key}`);
    }
  };
  walk(object, "");
  return unknown;
}

// Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml): 0440 is octal there.
export function readManifests(file) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1", uniqueKeys: true });
  const objects = [];
  const errors = [];
  for (const doc of documents) {
    for (const e of doc.errors) errors.push(`${file}: ${e.message}`);
    const object = doc.toJS();
    if (object !== null && object !== undefined) objects.push({ file, object });
  }
  return { objects, errors };
}

export async function validateObject({ file, object }) {
  const where = `${file}: ${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
  if (typeof object !== "object" || Array.isArray(object)) return [`${file}: a document is not a mapping`];
  if (!object.apiVersion || !object.kind) return [`${where}: apiVersion and kind are required`];
  if (!object.metadata?.name) return [`${where}: metadata.name is required`];
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
  return validateStrictly(Model, object).map((e) => `${where}: ${e}`);
}
