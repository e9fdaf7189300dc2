/**
 * The output profiles a project asks for (`outputs`, default the files profile), each compiled by
 * its own pure compiler (src/compile/<target>/), plus what every profile shares (docs, instrumentation).
 */
import type { Model } from '../model/types.js';
import type { OutputModel } from '../model/outputs.js';
import { compileFiles, compileShared, finished } from '../compile/index.js';
import { compilePrometheus } from '../compile/prometheus/index.js';
import { compileAlertmanager } from '../compile/alertmanager/index.js';
import { compileBlackbox } from '../compile/blackbox/index.js';
import { ALERTMANAGER_TEMPLATES_DIR, fileSystemKey } from '../model/output-paths.js';
import type { OutputFile } from '../compile/output.js';
import { compilePrometheusOperator } from '../compile/prometheus-operator/index.js';
import { compileGrafanaOperator } from '../compile/grafana-kubernetes/operator.js';
import { compileGrafanaSidecar } from '../compile/grafana-kubernetes/sidecar.js';
import { compileMimir, compileThanos } from '../compile/rulers/index.js';

function compileProfile(model: Model, output: OutputModel): OutputFile[] {
  switch (output.profile) {
    case 'files':
      return compileFiles(model);
    case 'prometheus-operator':
      return compilePrometheusOperator(model, output);
    case 'grafana-operator':
      return compileGrafanaOperator(model, output);
    case 'grafana-sidecar':
      return compileGrafanaSidecar(model, output);
    case 'mimir':
      return compileMimir(model, output);
    case 'thanos':
      return compileThanos(model);
  }
}

/** Every file the project's profiles generate, sorted by path. */
export function compileOutputs(model: Model): OutputFile[] {
  return finished([...model.outputs.flatMap((o) => compileProfile(model, o)), ...compileShared(model)]);
}

/**
 * What `validate` hands promtool and amtool: the generated files, with the files profile's
 * Prometheus, Alertmanager and blackbox files compiled in memory when the project does not list it
 * (the other profiles hold the same rules and routing, which the tools read in these files' form).
 * These in-memory files never clash where the project's own profiles do not, so the tools' temporary
 * tree can be written on any disk: no dashboards (no tool reads them, and uids `Shop` and `shop`
 * are one file name on macOS and Windows), rule files named apart (src/model/build.ts), and
 * notification templates named apart too (alertmanager.yml loads them by a glob).
 */
export function filesForTools(model: Model, files: readonly OutputFile[]): OutputFile[] {
  if (model.outputs.some((o) => o.profile === 'files')) return [...files];
  return finished([...files, ...compilePrometheus(model), ...templatesApart(compileAlertmanager(model)), ...compileBlackbox(model)]);
}

/** Notification templates whose names are one file on macOS and Windows (`A.tmpl`, `a.tmpl`) renamed apart (`a-2.tmpl`). */
function templatesApart(files: readonly OutputFile[]): OutputFile[] {
  const taken = new Set<string>();
  return files.map((file) => {
    if (!file.path.startsWith(`${ALERTMANAGER_TEMPLATES_DIR}/`)) return file;
    const dot = file.path.lastIndexOf('.');
    const [stem, extension] = dot > ALERTMANAGER_TEMPLATES_DIR.length ? [file.path.slice(0, dot), file.path.slice(dot)] : [file.path, ''];
    let name = file.path;
    for (let n = 2; taken.has(fileSystemKey(name)); n++) name = `${stem}-${n}${extension}`;
    taken.add(fileSystemKey(name));
    return name === file.path ? file : { ...file, path: name };
  });
}
