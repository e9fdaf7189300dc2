/** The distinct PromQL texts a run of definitions analyses: rules' and panels' (Grafana's variables substituted, as the checks read them). */
import { loadDefinitions } from '../../src/io/load.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { collectExpressions } from '../../src/model/expressions.js';
import { substituteGrafanaVariables } from '../../src/promql/grafana-variables.js';

export async function definitionTexts(definitions: string): Promise<string[]> {
  const loaded = await loadDefinitions(definitions);
  loaded.early?.release();
  const parsed = parseProject(loaded.project);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const refs = collectExpressions(buildModel(parsed.project, loaded.entry));
  return [...new Set(refs.map((r) => (r.context === 'panel' ? substituteGrafanaVariables(r.expr) : r.expr)))];
}
