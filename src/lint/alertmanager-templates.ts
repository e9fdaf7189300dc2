import type { AlertmanagerModel, ReceiverModel } from '../model/alertmanager.js';
import { parseGoTemplate, type ParsedTemplate } from '../gotemplate/parse.js';
import { dialectFor, type TemplateDialect } from '../gotemplate/functions.js';
import type { TargetVersionsModel } from '../model/types.js';
import { lexTemplate } from '../gotemplate/lex.js';

/** A receiver field Alertmanager 0.25 evaluates as a Go template, with its path, e.g. ['slack[0]', 'title']. */
export interface TemplatedField {
  field: string[];
  text: string;
}

// The fields each integration runs through the template engine in Alertmanager 0.25
// (notify/<integration>/<integration>.go: tmpl(…) / tmplText(…)); webhook has none.
const TEMPLATED = {
  email: ['to', 'from', 'html', 'text'],
  slack: ['channel', 'username', 'color', 'title', 'titleLink', 'pretext', 'text', 'footer', 'fallback', 'iconEmoji', 'iconUrl'],
  pagerduty: ['client', 'clientUrl', 'description', 'severity', 'class', 'component', 'group'],
} as const;
/** Map fields whose values are templates: email headers, PagerDuty details. */
const TEMPLATED_MAPS = { email: 'headers', pagerduty: 'details' } as const;

export function templatedFields(receiver: ReceiverModel): TemplatedField[] {
  const out: TemplatedField[] = [];
  for (const integration of ['email', 'slack', 'pagerduty'] as const) {
    receiver[integration].forEach((config, i) => {
      const at = `${integration}[${i}]`;
      const values = config as unknown as Record<string, unknown>;
      for (const key of TEMPLATED[integration]) {
        const text = values[key];
        if (typeof text === 'string') out.push({ field: [at, key], text });
      }
      const mapKey = integration === 'slack' ? undefined : TEMPLATED_MAPS[integration];
      const map = mapKey ? (values[mapKey] as Record<string, string> | undefined) : undefined;
      for (const [name, text] of Object.entries(map ?? {})) out.push({ field: [at, mapKey!, name], text });
    });
  }
  return out;
}

// Per configuration, per dialect (the target Alertmanager: a model may be judged again against
// another target, and one target's verdict must not leak into the other's), per text.
const parsedByModel = new WeakMap<AlertmanagerModel, Map<TemplateDialect, Map<string, ParsedTemplate>>>();

/** The dialect of notification templates on the run's target Alertmanager. */
export function alertmanagerDialect(versions: TargetVersionsModel): TemplateDialect {
  return dialectFor('alertmanager', versions.alertmanager);
}

/** Parses a text with the target Alertmanager's functions, once per configuration, target and text. */
export function parseAlertmanagerTemplate(am: AlertmanagerModel, text: string, dialect: TemplateDialect): ParsedTemplate {
  let byDialect = parsedByModel.get(am);
  if (!byDialect) parsedByModel.set(am, (byDialect = new Map()));
  let cache = byDialect.get(dialect);
  if (!cache) byDialect.set(dialect, (cache = new Map()));
  let parsed = cache.get(text);
  if (!parsed) cache.set(text, (parsed = parseGoTemplate(text, dialect)));
  return parsed;
}

/**
 * The values a template can produce when it is only literal text chosen by control actions
 * (`{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}` → danger, good); undefined when
 * an action prints a value (then the output is only known at send time).
 */
export function literalOutcomes(text: string): string[] | undefined {
  const { actions, problems } = lexTemplate(text);
  if (problems.length > 0) return undefined;
  const control = new Set(['if', 'else', 'end', 'with', 'range', 'break', 'continue']);
  const out: string[] = [];
  let pos = 0;
  for (const action of [...actions, { from: text.length, to: text.length, tokens: [] }]) {
    const literal = text.slice(pos, action.from).trim();
    if (literal !== '') out.push(literal);
    const head = action.tokens[0];
    if (action.from < text.length && (!head || head.kind !== 'keyword' || !control.has(head.text))) return undefined;
    pos = action.to;
  }
  return out;
}
