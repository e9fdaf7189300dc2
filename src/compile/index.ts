import type { Model } from '../model/types.js';
import type { OutputFile } from './output.js';
import { compilePrometheus } from './prometheus/index.js';
import { compileAlertmanager } from './alertmanager/index.js';
import { compileGrafana } from './grafana/index.js';
import { compileBlackbox } from './blackbox/index.js';
import { compileDocs } from './docs/index.js';
import { compilePython } from './instrument/python.js';

/**
 * Output line endings are LF, always. YAML and JSON escape a carriage return inside a string, so
 * only copied text (templates saved with CRLF) could bring one: it is normalised here, once.
 */
function withLf(file: OutputFile): OutputFile {
  return file.content.includes('\r') ? { ...file, content: file.content.replace(/\r\n?/g, '\n') } : file;
}

/** The generated files in their final form: LF line endings, sorted by path. */
export function finished(files: readonly OutputFile[]): OutputFile[] {
  return files.map(withLf).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The files profile: one Prometheus, Alertmanager, Grafana and blackbox exporter, as plain files. */
export function compileFiles(model: Model): OutputFile[] {
  return [...compilePrometheus(model), ...compileAlertmanager(model), ...compileGrafana(model), ...compileBlackbox(model)];
}

/** What every profile shares: the docs and the instrumentation (they do not depend on where things run). */
export function compileShared(model: Model): OutputFile[] {
  return [...compileDocs(model), ...compilePython(model)];
}

/** The files profile and the shared output, pure: the model in, the files in memory out, sorted by path. */
export function compileAll(model: Model): OutputFile[] {
  return finished([...compileFiles(model), ...compileShared(model)]);
}
