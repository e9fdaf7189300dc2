import type { Check } from './check.js';
import { didYouMean } from '../suggest.js';
import { locatedAt } from '../model/located.js';
import { lineColumn } from '../gotemplate/parse.js';
import { ALERTMANAGER_BUILT_IN_TEMPLATES } from '../gotemplate/functions.js';
import { parseAlertmanagerTemplate, templatedFields } from './alertmanager-templates.js';

const BUILT_IN: ReadonlySet<string> = new Set(ALERTMANAGER_BUILT_IN_TEMPLATES);

export const alertmanagerUnknownTemplate: Check = {
  id: 'alertmanager/unknown-template',
  severity: 'error',
  description: 'Every {{ template "name" . }} names a template defined in templates/*.tmpl or in Alertmanager 0.25\'s own default.tmpl/email.tmpl.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const files = am.templates.map((file) => ({ file, parsed: parseAlertmanagerTemplate(am, file.content) }));
    const defined = new Set(files.flatMap(({ parsed }) => parsed.defines.map((d) => d.name)));
    const where = am.templates.length > 0 ? am.templates.map((t) => t.source).join(', ') : 'templates/*.tmpl (none found)';
    const candidates = [...defined, ...BUILT_IN];
    const known = (name: string, local: ReadonlySet<string>) => defined.has(name) || BUILT_IN.has(name) || local.has(name);
    for (const receiver of am.receivers) {
      for (const { field, text } of templatedFields(receiver)) {
        const parsed = parseAlertmanagerTemplate(am, text);
        // An inline text may define templates for itself.
        const local = new Set(parsed.defines.map((d) => d.name));
        for (const use of parsed.uses) {
          if (known(use.name, local)) continue;
          report({
            message: `receiver ${receiver.name}: ${field.join('.')} uses template ${JSON.stringify(use.name)}, which neither the template files nor Alertmanager 0.25 define.${didYouMean(use.name, candidates)}`,
            hint: `define it with {{ define ${JSON.stringify(use.name)} }}…{{ end }} in ${where}`,
            ...locatedAt(receiver, ...field),
            excerpt: { text, from: use.from, to: use.to },
          });
        }
      }
    }
    for (const { file, parsed } of files) {
      for (const use of parsed.uses) {
        if (known(use.name, new Set())) continue;
        const { line, column } = lineColumn(file.content, use.from);
        report({
          message: `${file.source}:${line}:${column} uses template ${JSON.stringify(use.name)}, which neither the template files nor Alertmanager 0.25 define.${didYouMean(use.name, candidates)}`,
          hint: `define it with {{ define ${JSON.stringify(use.name)} }}…{{ end }}`,
          path: ['templates', file.name],
          source: { file: file.source, line, column },
          excerpt: { text: file.content, from: use.from, to: use.to },
        });
      }
    }
  },
};
