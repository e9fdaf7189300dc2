import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { lineColumn, positionOf } from '../gotemplate/parse.js';
import { alertmanagerDialect, parseAlertmanagerTemplate, templatedFields } from './alertmanager-templates.js';
import type { TemplateDialect } from '../gotemplate/functions.js';

/** What the target Alertmanager accepts, for the hint. */
function hintFor(dialect: TemplateDialect): string {
  return (
    `${dialect.name} (the target version) parses this as a Go text/template: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }}/{{ define }} an {{ end }}; ` +
    `functions are Go's builtins plus ${dialect.ownFunctions.join(', ')}`
  );
}

export const alertmanagerTemplateSyntax: Check = {
  id: 'alertmanager/template-syntax',
  severity: 'error',
  description: 'Notification templates (receiver fields and templates/*.tmpl) parse as Go templates with the functions the target Alertmanager has.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const dialect = alertmanagerDialect(model.versions);
    const HINT = hintFor(dialect);
    for (const receiver of am.receivers) {
      for (const { field, text } of templatedFields(receiver)) {
        for (const p of parseAlertmanagerTemplate(am, text, dialect).problems) {
          report({
            message: `receiver ${receiver.name}: ${field.join('.')} is not a valid template: ${p.message} (${positionOf(text, p.from)})`,
            hint: HINT,
            ...locatedAt(receiver, ...field),
            excerpt: { text, from: p.from, to: Math.max(p.to, p.from + 1) },
          });
        }
      }
    }
    for (const file of am.templates) {
      for (const p of parseAlertmanagerTemplate(am, file.content, dialect).problems) {
        const { line, column } = lineColumn(file.content, p.from);
        report({
          message: `${file.source}:${line}:${column}: ${p.message}`,
          hint: HINT,
          path: ['templates', file.name],
          source: { file: file.source, line, column },
          excerpt: { text: file.content, from: p.from, to: Math.max(p.to, p.from + 1) },
        });
      }
    }
  },
};
