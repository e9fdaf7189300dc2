import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';
import { parseGoTemplate, positionOf } from '../gotemplate/parse.js';
import { PROMETHEUS_DIALECT } from '../gotemplate/functions.js';

const HINT =
  'Prometheus 2.42 expands alert labels and annotations as Go text/templates: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }} an {{ end }}; ' +
  'variables are $labels, $value, $externalLabels, $externalURL; functions are Go\'s builtins plus humanize, humanize1024, humanizeDuration, ' +
  'humanizePercentage, humanizeTimestamp, query, first, label, value, strvalue, args, printf, reReplaceAll, match, title, toUpper, toLower, ' +
  'safeHtml, stripPort, stripDomain, sortByLabel, toTime, parseDuration, graphLink, tableLink, pathPrefix, externalURL';

export const alertTemplateSyntax: Check = {
  id: 'alert/template-syntax',
  severity: 'error',
  description: 'Alert labels and annotations parse as Go templates with the variables and functions Prometheus 2.42 gives them.',
  run({ model }, report) {
    // Alerts share their templates (one description for a family of alerts): each text is parsed
    // once per run; the findings are still each alert's.
    const parsed = new Map<string, ReturnType<typeof parseGoTemplate>['problems']>();
    const problemsOf = (text: string) => {
      let problems = parsed.get(text);
      if (!problems) parsed.set(text, (problems = parseGoTemplate(text, PROMETHEUS_DIALECT).problems));
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
