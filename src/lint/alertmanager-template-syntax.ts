import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { lineColumn, positionOf } from '../gotemplate/parse.js';
import { alertmanagerDialect, literalTemplateSites, parseAlertmanagerTemplate, templatedSites } from './alertmanager-templates.js';
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
  description:
    'Notification templates (receiver fields and templates/*.tmpl) parse as Go templates with the functions the target Alertmanager has; a field the target does not render holds no {{ … }}.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const dialect = alertmanagerDialect(model.versions);
    const HINT = hintFor(dialect);
    for (const { owner, at, field, text } of templatedSites(am, dialect.target)) {
      for (const p of parseAlertmanagerTemplate(am, text, dialect).problems) {
        report({
          message: `${owner}: ${field.join('.')} is not a valid template: ${p.message} (${positionOf(text, p.from)})`,
          hint: HINT,
          ...locatedAt(at, ...field),
          excerpt: { text, from: p.from, to: Math.max(p.to, p.from + 1) },
        });
      }
    }
    // `{{ … }}` where the target sends the text as written: the receiver gets the braces, not the value.
    for (const { owner, at, field, text, renderedFrom, said } of literalTemplateSites(am, dialect.target)) {
      const from = text.indexOf('{{');
      const close = text.indexOf('}}', from);
      report({
        message:
          `${owner}: ${field.join('.')} is not a template on ${dialect.name} (the target version): its {{ … }} is sent literally; ` +
          (renderedFrom ? `Alertmanager renders it from ${renderedFrom.since} on` : 'no release renders it'),
        hint: renderedFrom
          ? `if every Alertmanager you run is ${renderedFrom.since} or newer, set versions: { alertmanager: '>=${renderedFrom.since}' } (or the release it runs); otherwise write the value itself`
          : `write the value itself: Alertmanager renders templates only in the message fields (see the check page)${said ? `; ${said}` : ''}`,
        ...locatedAt(at, ...field),
        excerpt: { text, from, to: close < 0 ? text.length : close + 2 },
      });
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
