import type { Check } from './check.js';
import { lexTemplate } from '../gotemplate/lex.js';
import { readAlertmanagerData, templateDots, type UnknownField } from '../gotemplate/alertmanager-data.js';
import { whyMissing } from '../gotemplate/functions.js';
import { lineColumn } from '../gotemplate/parse.js';
import { locatedAt } from '../model/located.js';
import { didYouMean } from '../suggest.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { againstAlerts, alertsReaching, knownAlertLabelNames, mayCarry } from './alertmanager-select.js';
import { alertmanagerDialect, parseAlertmanagerTemplate, templatedSites } from './alertmanager-templates.js';
import type { RouteModel, TemplateFileModel } from '../model/alertmanager.js';
import { effectiveGroupBy, emptyGroupByOverrides } from '../model/routing.js';

interface Read {
  kind: 'label' | 'annotation';
  map: string;
  /** `.x`, with the offsets of what names the key (the field, or the string of `index`). */
  key: { text: string; from: number; to: number };
}

/**
 * `.CommonLabels.x`, `$a.Labels.x`, `{{ with .CommonLabels }}{{ .x }}`, `index .Annotations "x"`: the
 * keys a template reads from the maps, the dot and variables followed (src/gotemplate/alertmanager-data.ts).
 */
function readKeys(text: string, target: string): Read[] {
  return readAlertmanagerData(text, target).keys.map((k) => ({ kind: k.kind, map: k.map, key: { text: `.${k.name}`, from: k.from, to: k.to } }));
}

/** "reads .Labelz, but an alert (template.Alert) has no field Labelz: Alertmanager fails to render it. Did you mean "Labels"?" */
function unknownFieldWords(u: UnknownField, target: string): { what: string; hint: string } {
  const version = u.gate ? ` in Alertmanager ${target}, the target version: ${whyMissing('alertmanager', u.gate, target)}` : '';
  return {
    what: `reads .${u.field}, but ${u.type} has no field ${u.field}${version}: Alertmanager fails to render it.${u.gate ? '' : didYouMean(u.field, u.known)}`,
    hint: `Go's template stops at a field its data lacks ("can't evaluate field ${u.field}"), and the notification is not sent; ${u.type} has ${u.known.join(', ')}`,
  };
}

/** The body of each `{{ define "x" }}`/`{{ block "x" }}` of a template text: from its action's end to its `{{ end }}`. */
function defineBodies(text: string): Array<{ name: string; from: number; to: number }> {
  const out: Array<{ name: string; from: number; to: number }> = [];
  const open: Array<{ name?: string; from: number }> = [];
  for (const action of lexTemplate(text).actions) {
    const [head, arg] = action.tokens;
    if (head?.kind !== 'keyword') continue;
    if (head.text === 'define' || head.text === 'block') {
      const name = arg && (arg.kind === 'string' || arg.kind === 'rawString') ? unquoteName(arg.text) : undefined;
      open.push({ ...(name !== undefined ? { name } : {}), from: action.to });
    } else if (head.text === 'if' || head.text === 'with' || head.text === 'range') open.push({ from: action.to });
    else if (head.text === 'end') {
      const block = open.pop();
      if (block?.name !== undefined) out.push({ name: block.name, from: block.from, to: action.from });
    }
  }
  return out;
}

function unquoteName(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

/**
 * The receivers that call each template, directly (a field's `{{ template "x" . }}`) or through
 * other templates (a define's body calling another): by template name.
 */
function templateCallers(
  receivers: ReadonlyArray<{ receiver: string; uses: readonly string[] }>,
  defines: ReadonlyArray<{ name: string; uses: readonly string[] }>,
): Map<string, Set<string>> {
  const calls = new Map<string, Set<string>>();
  for (const d of defines) {
    const set = calls.get(d.name) ?? new Set<string>();
    for (const u of d.uses) set.add(u);
    calls.set(d.name, set);
  }
  const out = new Map<string, Set<string>>();
  for (const { receiver, uses } of receivers) {
    const queue = [...uses];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const set = out.get(name) ?? new Set<string>();
      set.add(receiver);
      out.set(name, set);
      queue.push(...(calls.get(name) ?? []));
    }
  }
  return out;
}

/**
 * A notification template reading a label no declared alert carries, or an annotation no alert rule
 * defines (`.CommonLabels.clutser`, `.Annotations.descripton`): Go prints an empty string for a
 * missing map key, so the notification silently loses that part. A receiver's fields are judged
 * against the alerts that can reach it (a label only the database alerts carry is fine in the
 * database team's Slack text); the template files against every alert. Quiet when an alert's labels
 * cannot be told (it may carry any) and when the project declares no alerts.
 */
export const alertmanagerTemplateField: Check = {
  id: 'alertmanager/template-field',
  severity: 'warning',
  description: 'Notification templates read labels the alerts carry and annotations they define.',
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    const labels = knownAlertLabelNames(context);
    /**
     * What is wrong with a read, judged against these alerts: a receiver's fields against the
     * alerts that can reach it (routing as `validate` does it), the template files against all
     * (any receiver may call their templates).
     */
    const problemWith = (alerts: readonly AlertLabelKnowledge[], whose: string) => {
      // Against every alert, as before: a label any of them may carry (scrape and external labels included).
      const anyLabel = (name: string) => (whose === '' && labels.has(name)) || alerts.some((k) => mayCarry(name, k));
      // Made at the first read of an annotation: most receivers' fields read none (and many alerts reach each).
      let known: Set<string> | undefined;
      const annotationsOf = () => (known ??= new Set(alerts.flatMap((k) => Object.keys(k.alert.annotations))));
      return (r: Read): { what: string; hint: string } | undefined => {
        const name = r.key.text.slice(1);
        if (r.kind === 'label') {
          if (anyLabel(name)) return undefined;
          return {
            what: `reads label "${name}" (${r.map}${r.key.text}), which no alert${whose ? ` ${whose}` : ''} carries.${didYouMean(name, [...labels].filter((l) => l !== name))}`,
            hint: 'read a label the alerts carry (rule labels, labels the expressions keep, scrape or external labels): a missing one prints nothing',
          };
        }
        const annotations = annotationsOf();
        if (annotations.has(name)) return undefined;
        const have = [...annotations].sort();
        return {
          what: `reads annotation "${name}", which no alert${whose ? ` ${whose}` : ''} has${have.length > 0 ? ` (they have ${have.join(', ')})` : ''}.${didYouMean(name, have)}`,
          hint: 'read an annotation the alert rules define: a missing one prints nothing',
        };
      };
    };
    // The labels each receiver's notifications are grouped by: the groupBy (own or inherited) of every
    // route that sends to it; undefined when one groups by every label ('...').
    const groupedBy = new Map<string, Set<string> | undefined>();
    const emptyOverrides = emptyGroupByOverrides(context.model.versions.alertmanager);
    const visit = (route: RouteModel, inheritedReceiver: string, inheritedGroupBy: readonly string[]) => {
      const receiver = route.receiver ?? inheritedReceiver;
      // An empty groupBy groups by nothing from Alertmanager 0.31 on, and inherits before it.
      const groupBy = effectiveGroupBy(route, inheritedGroupBy, emptyOverrides);
      if (!groupedBy.has(receiver)) groupedBy.set(receiver, new Set());
      const set = groupedBy.get(receiver);
      if (groupBy.includes('...')) groupedBy.set(receiver, undefined);
      else if (set) for (const label of groupBy) set.add(label);
      for (const child of route.routes) visit(child, receiver, groupBy);
    };
    visit(am.route, am.route.receiver ?? '', []);
    // Each receiver's fields, and the global fields its configs take (smtp.from), against the alerts
    // that reach the receivers rendering them and the routes that send to those.
    // Made once per set of receivers (a receiver's fields share it).
    const judges = new Map<string, { problem: ReturnType<typeof problemWith>; grouped: Set<string> | undefined }>();
    const judgeFor = (receivers: readonly string[]) => {
      const key = receivers.join('\n');
      let judge = judges.get(key);
      if (!judge) {
        const reaching = receivers.length === 1 ? alertsReaching(context, receivers[0]!) : [...new Set(receivers.flatMap((name) => alertsReaching(context, name)))];
        // No declared alert reaches them (alertmanager/unreachable-receiver): the field is judged against all.
        const problem = reaching.length > 0 ? problemWith(reaching, 'that reaches it') : problemWith(knowledge, '');
        judges.set(key, (judge = { problem, grouped: groupingOf(receivers) }));
      }
      return judge;
    };
    const target = context.model.versions.alertmanager;
    for (const { owner, at, field, text, receivers } of templatedSites(am, target)) {
      const { problem, grouped } = judgeFor(receivers);
      for (const u of readAlertmanagerData(text, target).unknown) {
        const p = unknownFieldWords(u, target);
        report({ message: `${owner}: ${field.join('.')} ${p.what}`, hint: p.hint, ...locatedAt(at, ...field), excerpt: { text, from: u.from, to: u.to } });
      }
      for (const r of readKeys(text, target)) {
        const p = problem(r) ?? groupLabelProblem(r, grouped);
        if (!p) continue;
        report({
          message: `${owner}: ${field.join('.')} ${p.what}`,
          hint: p.hint,
          ...locatedAt(at, ...field),
          excerpt: { text, from: r.key.from, to: r.key.to },
        });
      }
    }
    /** The labels the notifications of these receivers are grouped by (undefined: by every label). */
    function groupingOf(receivers: readonly string[]): Set<string> | undefined {
      if (receivers.length === 1) return groupedBy.get(receivers[0]!);
      const labels = new Set<string>();
      for (const receiver of receivers) {
        const set = groupedBy.get(receiver);
        if (set === undefined) return undefined;
        for (const label of set) labels.add(label);
      }
      return labels;
    }
    /** `.GroupLabels.x` where the receiver's routes group by no x: Alertmanager puts only the groupBy labels there. */
    function groupLabelProblem(r: Read, grouped: Set<string> | undefined): { what: string; hint: string } | undefined {
      const name = r.key.text.slice(1);
      if (r.map !== '.GroupLabels' || !grouped || grouped.has(name)) return undefined;
      const by = grouped.size > 0 ? [...grouped].join(', ') : 'nothing';
      return {
        what: `reads .GroupLabels.${name}, but no route that sends to it groups by ${name} (they group by ${by}): it is always empty`,
        hint: `add "${name}" to the groupBy of the routes that send to this receiver, or read .CommonLabels.${name} (set when every alert of the notification has the same ${name})`,
      };
    }
    // The template files: a `{{ define }}` is read by the receivers whose fields call it (directly or
    // through other defines); one no field calls (a built-in name the default fields call, or kept for
    // later) by any receiver, so by the labels of every route.
    const dialect = alertmanagerDialect(context.model.versions);
    const everyRoute = new Set<string>();
    let byAll = false;
    for (const set of groupedBy.values()) {
      if (set === undefined) byAll = true;
      else for (const label of set) everyRoute.add(label);
    }
    const bodies = am.templates.flatMap((file) => defineBodies(file.content).map((body) => ({ file, ...body })));
    const callers = templateCallers(
      templatedSites(am, dialect.target).flatMap(({ text, receivers }) => {
        const uses = parseAlertmanagerTemplate(am, text, dialect).uses.map((u) => u.name);
        return receivers.map((receiver) => ({ receiver, uses }));
      }),
      bodies.map((b) => ({ name: b.name, uses: parseAlertmanagerTemplate(am, b.file.content, dialect).uses.filter((u) => u.from >= b.from && u.to <= b.to).map((u) => u.name) })),
    );
    const fileGroupLabelProblem = (file: TemplateFileModel, r: Read): { what: string; hint: string } | undefined => {
      const name = r.key.text.slice(1);
      if (r.map !== '.GroupLabels') return undefined;
      // The innermost define holding the read (a define cannot nest in Go; the last opened one that holds it).
      const body = bodies.filter((b) => b.file === file && b.from <= r.key.from && r.key.to <= b.to).at(-1);
      const receivers = body ? callers.get(body.name) : undefined;
      const inTemplate = body ? ` in template ${JSON.stringify(body.name)}` : '';
      if (!receivers || receivers.size === 0) {
        if (byAll || everyRoute.has(name)) return undefined;
        return {
          what: `reads .GroupLabels.${name}${inTemplate}, but no route groups by ${name} (they group by ${everyRoute.size > 0 ? [...everyRoute].join(', ') : 'nothing'}): it is always empty`,
          hint: `add "${name}" to the groupBy of the routes that send to the receivers using it, or read .CommonLabels.${name} (set when every alert of the notification has the same ${name})`,
        };
      }
      const labels = new Set<string>();
      for (const receiver of receivers) {
        const set = groupedBy.get(receiver);
        if (set === undefined) return undefined;
        for (const label of set) labels.add(label);
      }
      if (labels.has(name)) return undefined;
      return {
        what: `reads .GroupLabels.${name}${inTemplate}, but no route that sends to a receiver using it groups by ${name} (they group by ${labels.size > 0 ? [...labels].join(', ') : 'nothing'}): it is always empty`,
        hint: `add "${name}" to the groupBy of the routes that send to the receivers using it, or read .CommonLabels.${name} (set when every alert of the notification has the same ${name})`,
      };
    };
    const problem = problemWith(knowledge, '');
    // A define's dot: what the fields and templates calling it pass (the notification's data from `{{ template "x" . }}`).
    const dots = templateDots(templatedSites(am, target).map((s) => s.text), am.templates.map((f) => f.content), target);
    for (const file of am.templates) {
      const read = readAlertmanagerData(file.content, target, dots);
      for (const u of read.unknown) {
        const p = unknownFieldWords(u, target);
        const { line, column } = lineColumn(file.content, u.from);
        report({
          message: `${file.source}:${line}:${column} ${p.what}`,
          hint: p.hint,
          path: ['templates', file.name],
          source: { file: file.source, line, column },
          excerpt: { text: file.content, from: u.from, to: u.to },
        });
      }
      for (const r of read.keys.map((k) => ({ kind: k.kind, map: k.map, key: { text: `.${k.name}`, from: k.from, to: k.to } }))) {
        const p = problem(r) ?? fileGroupLabelProblem(file, r);
        if (!p) continue;
        const { line, column } = lineColumn(file.content, r.key.from);
        report({
          message: `${file.source}:${line}:${column} ${p.what}`,
          hint: p.hint,
          path: ['templates', file.name],
          source: { file: file.source, line, column },
          excerpt: { text: file.content, from: r.key.from, to: r.key.to },
        });
      }
    }
  }),
};
