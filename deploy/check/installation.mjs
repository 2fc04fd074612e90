// What deploy/kubernetes/ promises beyond schema validity (deploy/README.md): the objects an
// installation needs, selectors that select the Deployment's pods, probes on Authly's health
// endpoints, resources, and secrets read from mounted files.
const matches = (selector, labels) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export function checkInstallation(objects) {
  const errors = [];
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const one = (kind, apiVersion) => {
    const found = byKind(kind);
    if (found.length !== 1) errors.push(`expected one ${kind}, found ${found.length}`);
    else if (apiVersion && found[0].apiVersion !== apiVersion)
      errors.push(`${kind} must be ${apiVersion}, is ${found[0].apiVersion}`);
    return found[0];
  };
  const deployment = one("Deployment", "apps/v1");
  const service = one("Service", "v1");
  const pdb = one("PodDisruptionBudget", "policy/v1");
  const hpa = one("HorizontalPodAutoscaler", "autoscaling/v2");
  const policy = one("NetworkPolicy", "networking.k8s.io/v1");
  if (!deployment) return errors;

  const spec = deployment.spec;
  const podLabels = spec.template?.metadata?.labels ?? {};
  if (!(spec.replicas >= 3)) errors.push(`Deployment: replicas must be at least 3, is ${spec.replicas}`);
  if (!matches(spec.selector?.matchLabels, podLabels)) errors.push("Deployment: selector does not match its pod labels");
  if (service && !matches(service.spec?.selector, podLabels)) errors.push("Service: selector misses the pods");
  if (pdb && !matches(pdb.spec?.selector?.matchLabels, podLabels)) errors.push("PodDisruptionBudget: selector misses the pods");
  if (policy && !matches(policy.spec?.podSelector?.matchLabels, podLabels)) errors.push("NetworkPolicy: selector misses the pods");
  if (hpa) {
    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind !== "Deployment" || target?.name !== deployment.metadata.name)
      errors.push("HorizontalPodAutoscaler: scaleTargetRef is not the Deployment");
    if (!(hpa.spec?.minReplicas >= 2)) errors.push("HorizontalPodAutoscaler: minReplicas below 2 defeats the disruption budget");
  }

  const pod = spec.template?.spec ?? {};
  const container = pod.containers?.find((c) => c.name === "authly");
  if (!container) return [...errors, "Deployment: no container named authly"];
  const portNames = new Set((container.ports ?? []).map((p) => p.name));
  const probe = (name, path) => {
    const get = container[name]?.httpGet;
    if (!get) return errors.push(`authly container: ${name} must be an httpGet probe`);
    if (get.path !== path) errors.push(`authly container: ${name} must GET ${path}, gets ${get.path}`);
    if (typeof get.port === "string" && !portNames.has(get.port)) errors.push(`authly container: ${name} names unknown port ${get.port}`);
  };
  probe("livenessProbe", "/health/live");
  probe("readinessProbe", "/health/ready");
  if (service) {
    for (const p of service.spec?.ports ?? [])
      if (typeof p.targetPort === "string" && !portNames.has(p.targetPort)) errors.push(`Service: targetPort ${p.targetPort} is no container port`);
  }
  if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory || !container.resources?.limits?.memory)
    errors.push("authly container: resources need cpu and memory requests and a memory limit");

  // Secrets come from files under a mounted Secret volume, never from literal env values.
  const secretVolumes = new Set((pod.volumes ?? []).filter((v) => v.secret).map((v) => v.name));
  const secretMounts = (container.volumeMounts ?? []).filter((m) => secretVolumes.has(m.name));
  for (const env of container.env ?? []) {
    if (!env.name.endsWith("_FILE")) continue;
    if (!secretMounts.some((m) => env.value?.startsWith(m.mountPath.replace(/\/?$/, "/"))))
      errors.push(`authly container: ${env.name}=${env.value} is not under a mounted Secret volume`);
  }
  if (!(container.env ?? []).some((e) => e.name === "AUTHLY_MASTER_KEY_FILE"))
    errors.push("authly container: AUTHLY_MASTER_KEY_FILE must be set (every replica needs the same master key)");
  for (const ref of container.envFrom ?? []) {
    const name = ref.configMapRef?.name;
    if (name && !byKind("ConfigMap").some((c) => c.metadata.name === name)) errors.push(`envFrom names unknown ConfigMap ${name}`);
  }
  return errors;
}

// The authly container's environment: ConfigMap entries it imports, then its own env values.
export function containerEnvironment(objects) {
  const deployment = objects.find((o) => o.kind === "Deployment");
  const container = deployment?.spec?.template?.spec?.containers?.find((c) => c.name === "authly");
  const env = {};
  for (const ref of container?.envFrom ?? []) {
    const map = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === ref.configMapRef?.name);
    Object.assign(env, map?.data ?? {});
  }
  for (const e of container?.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}
