import type { Model } from '../model/types.js';
import type { OutputFile } from './output.js';
import { compilePrometheus } from './prometheus/index.js';
import { compileAlertmanager } from './alertmanager/index.js';
import { compileGrafana } from './grafana/index.js';

/** All targets, pure: the model in, the files in memory out, sorted by path. */
export function compileAll(model: Model): OutputFile[] {
  const files = [...compilePrometheus(model), ...compileAlertmanager(model), ...compileGrafana(model)];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
