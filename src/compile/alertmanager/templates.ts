import type { AlertmanagerModel } from '../../model/alertmanager.js';
import { headerLines, TOOL, type OutputFile } from '../output.js';
import { ALERTMANAGER_TEMPLATES_DIR } from '../../model/output-paths.js';

/** Folder of the templates, relative to alertmanager.yml (and so in the config's `templates:`). */
export const TEMPLATES_DIR = 'templates';

/** Each templates/*.tmpl copied under a Go template comment naming its source (renders as nothing). */
export function compileTemplates(am: AlertmanagerModel): OutputFile[] {
  return am.templates.map((t) => ({
    path: `${ALERTMANAGER_TEMPLATES_DIR}/${t.name}`,
    content: `{{/* ${headerLines(t.source)[0]} Do not edit: change ${t.source} and run \`${TOOL} generate\`. */}}\n${t.content}`,
  }));
}
