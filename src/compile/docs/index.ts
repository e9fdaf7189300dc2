import type { Model } from '../../model/types.js';
import { metricUses } from '../../model/metric-uses.js';
import type { OutputFile } from '../output.js';
import { metricsPage } from './metrics.js';
import { runbookPages } from './runbooks.js';
import { checklistsPage } from './checklists.js';
import { CHECKLISTS_PAGE, INDEX_PAGE, METRICS_PAGE, relative } from './links.js';
import { inline, link, page } from './markdown.js';
import { generatedNote } from './note.js';

/**
 * out/docs/ (when the project has `docs`): the metric catalogue, a runbook per alert, the
 * checklists, and an index of them. Markdown, deterministic, written like every output file.
 */
export function compileDocs(model: Model): OutputFile[] {
  if (!model.docs) return [];
  const uses = metricUses(model);
  const runbooks = runbookPages(model, uses);
  const checklists = checklistsPage(model);
  const index: OutputFile = {
    path: INDEX_PAGE,
    content: page([
      generatedNote(model),
      `# ${inline(model.name)}: monitoring docs`,
      [
        `- ${link('Metrics', relative(INDEX_PAGE, METRICS_PAGE))}: the catalogue and who uses each metric`,
        checklists ? `- ${link('Checklists', relative(INDEX_PAGE, CHECKLISTS_PAGE))}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      runbooks.length > 0 ? `## Runbooks\n\n${runbooks.map((r) => `- ${link(r.path.slice(r.path.lastIndexOf('/') + 1, -'.md'.length), relative(INDEX_PAGE, r.path))}`).join('\n')}` : undefined,
    ]),
  };
  return [index, metricsPage(model, uses), ...runbooks, ...(checklists ? [checklists] : [])];
}
