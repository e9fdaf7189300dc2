import type { Check } from './check.js';
import { didYouMean } from '../suggest.js';
import { locatedAt } from '../model/located.js';
import { lineColumn } from '../gotemplate/parse.js';
import { whyMissing } from '../gotemplate/functions.js';
import { alertmanagerDialect, parseAlertmanagerTemplate, templatedSites } from './alertmanager-templates.js';

export const alertmanagerUnknownTemplate: Check = {
  id: 'alertmanager/unknown-template',
  severity: 'error',
  description: 'Every {{ template "name" . }} names a template defined in templates/*.tmpl or in the target Alertmanager\'s own default.tmpl/email.tmpl.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const dialect = alertmanagerDialect(model.versions);
    const BUILT_IN = dialect.templates;
    const files = am.templates.map((file) => ({ file, parsed: parseAlertmanagerTemplate(am, file.content, dialect) }));
    const defined = new Set(files.flatMap(({ parsed }) => parsed.defines.map((d) => d.name)));
    const where = am.templates.length > 0 ? am.templates.map((t) => t.source).join(', ') : 'templates/*.tmpl (none found)';
    const candidates = [...defined, ...BUILT_IN];
    const known = (name: string, local: ReadonlySet<string>) => defined.has(name) || BUILT_IN.has(name) || local.has(name);
    // "which neither the template files nor Alertmanager 0.25 define: it needs Alertmanager 0.26 or later."
    const neither = (name: string) => {
      const gate = dialect.otherTemplates.get(name);
      return `which neither the template files nor ${dialect.name}${gate ? ', the target version,' : ''} define${gate ? `: ${whyMissing('alertmanager', gate, dialect.target)}` : ''}.`;
    };
    // A built-in of later releases: the target may be what is wrong.
    const newer = (name: string) => {
      const gate = dialect.otherTemplates.get(name);
      return gate && !gate.removedIn ? `if your Alertmanager is ${gate.since} or newer, set versions: { alertmanager: '${gate.since}' } (or the release it runs, or '>=${gate.since}'); otherwise ` : '';
    };
    for (const { owner, at, field, text } of templatedSites(am, dialect.target)) {
      const parsed = parseAlertmanagerTemplate(am, text, dialect);
      // An inline text may define templates for itself.
      const local = new Set(parsed.defines.map((d) => d.name));
      for (const use of parsed.uses) {
        if (known(use.name, local)) continue;
        report({
          message: `${owner}: ${field.join('.')} uses template ${JSON.stringify(use.name)}, ${neither(use.name)}${dialect.otherTemplates.has(use.name) ? '' : didYouMean(use.name, candidates)}`,
          hint: `${newer(use.name)}define it with {{ define ${JSON.stringify(use.name)} }}…{{ end }} in ${where}`,
          ...locatedAt(at, ...field),
          excerpt: { text, from: use.from, to: use.to },
        });
      }
    }
    for (const { file, parsed } of files) {
      for (const use of parsed.uses) {
        if (known(use.name, new Set())) continue;
        const { line, column } = lineColumn(file.content, use.from);
        report({
          message: `${file.source}:${line}:${column} uses template ${JSON.stringify(use.name)}, ${neither(use.name)}${dialect.otherTemplates.has(use.name) ? '' : didYouMean(use.name, candidates)}`,
          hint: `${newer(use.name)}define it with {{ define ${JSON.stringify(use.name)} }}…{{ end }}`,
          path: ['templates', file.name],
          source: { file: file.source, line, column },
          excerpt: { text: file.content, from: use.from, to: use.to },
        });
      }
    }
  },
};
