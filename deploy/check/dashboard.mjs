// The Grafana dashboard: well-formed (unique panel ids, every query panel on the datasource
// variable, every target with an expression), and every expression valid PromQL — each becomes a
// recording rule that `promtool check rules` parses. That every metric it names exists on
// /metrics is tests/component/dashboard_metrics_test.cpp's job (it needs the real server).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function allPanels(panels) {
  return (panels ?? []).flatMap((p) => [p, ...allPanels(p.panels)]);
}

// Grafana's variables are not PromQL: intervals become a duration, other variables a regex.
function asPromQL(expr) {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, "5m")
    .replace(/\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ".*");
}

export function checkDashboard(file) {
  const errors = [];
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return [`${file}: ${e.message}`];
  }
  for (const key of ["uid", "title", "panels", "schemaVersion"])
    if (dashboard[key] === undefined) errors.push(`${file}: no ${key}`);
  const variables = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
  const ids = new Set();
  const rules = [];
  for (const panel of allPanels(dashboard.panels)) {
    const where = `${file}: panel ${panel.id} "${panel.title}"`;
    if (ids.has(panel.id)) errors.push(`${where}: duplicate id`);
    ids.add(panel.id);
    if (!panel.gridPos) errors.push(`${where}: no gridPos`);
    if (panel.type === "row") continue;
    if (!panel.targets?.length) errors.push(`${where}: no targets`);
    const uid = panel.datasource?.uid ?? "";
    if (!/^\$\{?datasource\}?$/.test(uid)) errors.push(`${where}: datasource must be the \${datasource} variable`);
    for (const target of panel.targets ?? []) {
      if (!target.expr) {
        errors.push(`${where}: target ${target.refId} has no expr`);
        continue;
      }
      for (const m of target.expr.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
        if (!m[1].startsWith("__") && !variables.has(m[1])) errors.push(`${where}: unknown variable $${m[1]}`);
      rules.push({ record: `dashboard:panel_${panel.id}_${target.refId}`, expr: asPromQL(target.expr), where });
    }
  }
  if (rules.length < 10) errors.push(`${file}: only ${rules.length} expressions`);

  // JSON is YAML, so the rule file needs no YAML writer.
  const dir = mkdtempSync(join(tmpdir(), "authly-dashboard-"));
  try {
    const ruleFile = join(dir, "dashboard-rules.yml");
    const group = { name: "dashboard", rules: rules.map(({ record, expr }) => ({ record, expr })) };
    writeFileSync(ruleFile, JSON.stringify({ groups: [group] }, null, 1));
    const run = spawnSync("promtool", ["check", "rules", ruleFile], { encoding: "utf8" });
    if (run.error) errors.push(`promtool: ${run.error.message}`);
    else if (run.status !== 0) errors.push(`promtool rejects a dashboard expression:\n${run.stdout}${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return errors;
}
