import type { Check } from './check.js';
import type { ReceiverModel } from '../model/alertmanager.js';
import { didYouMean } from './suggest.js';
import { locatedAt } from '../model/located.js';

const USES = /\{\{-?\s*template\s+"([^"]+)"/g;
const DEFINES = /\{\{-?\s*(?:define|block)\s+"([^"]+)"/g;
/** Alertmanager's own default.tmpl: `__subject`, `slack.default.title`, `email.default.html`, … */
const BUILT_IN = /^(__|[a-z]+\.default\.)/;

function names(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

/** Every string of a receiver's notifiers with its field path, e.g. ['slack[0]', 'title']. */
function receiverTexts(receiver: ReceiverModel): Array<{ field: string[]; text: string }> {
  const out: Array<{ field: string[]; text: string }> = [];
  const visit = (value: unknown, field: string[]) => {
    if (typeof value === 'string') out.push({ field, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...field.slice(0, -1), `${field.at(-1)}[${i}]`]));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, [...field, k]);
  };
  for (const key of ['email', 'slack', 'webhook', 'pagerduty'] as const) visit(receiver[key], [key]);
  return out;
}

export const alertmanagerUnknownTemplate: Check = {
  id: 'alertmanager/unknown-template',
  severity: 'error',
  description: 'Every {{ template "name" . }} names a template defined in templates/*.tmpl (or an Alertmanager default).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const defined = new Set(am.templates.flatMap((t) => names(t.content, DEFINES)));
    const where = am.templates.length > 0 ? am.templates.map((t) => t.source).join(', ') : 'templates/*.tmpl (none found)';
    const known = (name: string) => defined.has(name) || BUILT_IN.test(name);
    for (const receiver of am.receivers) {
      for (const { field, text } of receiverTexts(receiver)) {
        for (const name of names(text, USES)) {
          if (known(name)) continue;
          report({
            message: `receiver ${receiver.name}: ${field.join('.')} uses template ${JSON.stringify(name)}, which no template file defines.${didYouMean(name, defined)}`,
            hint: `define it with {{ define ${JSON.stringify(name)} }}…{{ end }} in ${where}`,
            ...locatedAt(receiver, ...field),
          });
        }
      }
    }
    for (const file of am.templates) {
      for (const use of file.content.matchAll(USES)) {
        const name = use[1]!;
        if (known(name)) continue;
        const line = file.content.slice(0, use.index).split('\n').length;
        report({
          message: `${file.source} uses template ${JSON.stringify(name)}, which no template file defines.${didYouMean(name, defined)}`,
          hint: `define it with {{ define ${JSON.stringify(name)} }}…{{ end }}`,
          source: { file: file.source, line, column: 1 },
        });
      }
    }
  },
};
