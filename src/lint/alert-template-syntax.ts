import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';
import { parseGoTemplate, positionOf } from '../gotemplate/parse.js';
import { dialectFor, type TemplateDialect } from '../gotemplate/functions.js';

/** What the target Prometheus accepts, for the hint. */
function hintFor(dialect: TemplateDialect): string {
  return (
    `${dialect.name} (the target version) expands alert labels and annotations as Go text/templates: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }} an {{ end }}; ` +
    `variables are ${dialect.variables.join(', ')}; functions are Go's builtins plus ${dialect.ownFunctions.join(', ')}`
  );
}

export const alertTemplateSyntax: Check = {
  id: 'alert/template-syntax',
  severity: 'error',
  description: 'Alert labels and annotations parse as Go templates with the variables and functions the target Prometheus gives them.',
  run({ model }, report) {
    const dialect = dialectFor('prometheus', model.versions.prometheus);
    const HINT = hintFor(dialect);
    // Alerts share their templates (one description for a family of alerts): each text is parsed
    // once per run (so per target); the findings are still each alert's.
    const parsed = new Map<string, ReturnType<typeof parseGoTemplate>['problems']>();
    const problemsOf = (text: string) => {
      let problems = parsed.get(text);
      if (!problems) {
        const result = parseGoTemplate(text, dialect);
        // `{{ template "x" }}` parses whatever x is, and promtool check rules only parses; but an
        // alert's text is expanded alone (rules/alerting.go), so an x it does not define fails the
        // expansion: the label or annotation becomes "<error expanding template: … not defined>".
        const defined = new Set(result.defines.map((d) => d.name));
        const undefinedUses = result.uses
          .filter((u) => !defined.has(u.name))
          .map((u) => ({ from: u.from, to: u.to, message: `template ${JSON.stringify(u.name)} is not defined in this text: Prometheus gives alert labels and annotations no other templates, so the expansion fails` }));
        problems = [...result.problems, ...undefinedUses].sort((a, b) => a.from - b.from);
        parsed.set(text, problems);
      }
      return problems;
    };
    for (const alert of alerts(model)) {
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [name, text] of Object.entries(alert[kind])) {
          if (!text.includes('{{')) continue;
          for (const p of problemsOf(text)) {
            report({
              message: `alert ${alert.name}: ${kind === 'labels' ? 'label' : 'annotation'} ${name} is not a valid template: ${p.message} (${positionOf(text, p.from)})`,
              hint: HINT,
              ...locatedAt(alert, kind, name),
              excerpt: { text, from: p.from, to: Math.max(p.to, p.from + 1) },
            });
          }
        }
      }
    }
  },
};
