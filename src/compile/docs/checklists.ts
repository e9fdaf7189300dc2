import type { Model } from '../../model/types.js';
import { findDashboard } from '../../model/docs.js';
import type { OutputFile } from '../output.js';
import { code, inline, link, page } from './markdown.js';
import { CHECKLISTS_PAGE, dashboardLink, relative, runbookPath } from './links.js';
import { generatedNote } from './note.js';

/** out/docs/checklists.md: each checklist, each item linked to the dashboards and alert runbooks it concerns. */
export function checklistsPage(model: Model): OutputFile | undefined {
  const checklists = model.docs?.checklists ?? [];
  if (checklists.length === 0) return undefined;
  const sections = checklists.map((c) => {
    const items = c.items.map((item) => {
      const dashboards = item.dashboards.map((ref) => {
        const d = findDashboard(model.dashboards, ref);
        return d ? link(d.title, dashboardLink(CHECKLISTS_PAGE, d, model)) : code(ref.title);
      });
      const alerts = item.alerts.map((a) => link(a, relative(CHECKLISTS_PAGE, runbookPath(a))));
      const refs = [...dashboards, ...alerts];
      return `- [ ] ${inline(item.text)}${refs.length > 0 ? `: ${refs.join(', ')}` : ''}`;
    });
    return `## ${inline(c.title)}\n\n${items.join('\n')}`;
  });
  return { path: CHECKLISTS_PAGE, content: page([generatedNote(model), '# Checklists', ...sections]) };
}
