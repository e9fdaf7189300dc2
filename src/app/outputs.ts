/**
 * The output profiles a project asks for (`outputs`, default the files profile), each compiled by
 * its own pure compiler (src/compile/<target>/), plus what every profile shares (docs, instrumentation).
 */
import type { Model } from '../model/types.js';
import type { OutputModel } from '../model/outputs.js';
import { compileFiles, compileShared, finished } from '../compile/index.js';
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
 * compiled in memory when the project does not list it (the other profiles hold the same rules
 * and routing, which the tools read in these files' form).
 */
export function filesForTools(model: Model, files: readonly OutputFile[]): OutputFile[] {
  if (model.outputs.some((o) => o.profile === 'files')) return [...files];
  return finished([...files, ...compileFiles(model)]);
}
