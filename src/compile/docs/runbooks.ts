import type { AlertModel, Model } from '../../model/types.js';
import type { MetricUses } from '../../model/metric-uses.js';
import type { ReceiverModel } from '../../model/alertmanager.js';
import type { TroubleshootingModel } from '../../model/docs.js';
import { allPanels } from '../../model/dashboard.js';
import { staticAlertLabels } from '../../model/alert-labels.js';
import { formatMatchers, matchersMatch, matchRoutes } from '../../model/routing.js';
import type { OutputFile } from '../output.js';
import { block, code, inline, link, page } from './markdown.js';
import { dashboardLink, metricLink, runbookPath } from './links.js';
import { generatedNote } from './note.js';

const OPERATORS: Record<string, string> = { '>': 'above', '<': 'below', '>=': 'at or above', '<=': 'at or below', '==': 'equal to', '!=': 'different from' };

/** The threshold of an expression that ends in a comparison with a number (`… > 0.1`). */
function threshold(expr: string): string | undefined {
  const m = /(==|!=|>=|<=|>|<)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*$/.exec(expr.trim());
  return m ? `${OPERATORS[m[1]!]} ${m[2]}` : undefined;
}

function whatFiresIt(alerts: readonly AlertModel[], model: Model, uses: MetricUses, from: string): string {
  return alerts
    .map((alert) => {
      const limit = threshold(alert.expr);
      const metrics = uses.metricsOf(alert.expr);
      const group = model.ruleGroups.find((g) => g.name === alert.group);
      const lines = [
        `${block('promql', alert.expr)}\n`,
        `- Condition: ${limit ? `the expression's value is ${limit}` : 'the expression returns a series'} (each series it returns is one alert).`,
        `- For: ${alert.for ? `the condition must hold for ${code(alert.for)} (the alert is pending until then)` : 'none: it fires at the first evaluation that meets the condition'}${alert.keepFiringFor ? `; it keeps firing for ${code(alert.keepFiringFor)} after the condition clears` : ''}.`,
        `- Evaluated: every ${code(group?.interval ?? model.prometheus.evaluationInterval)} in group ${code(alert.group)}.`,
        `- Labels: ${Object.entries(alert.labels).map(([k, v]) => code(`${k}=${v}`)).join(', ') || 'none'}, plus those of the expression's result.`,
        metrics.length > 0 ? `- Metrics: ${metrics.map((m) => link(m.name, metricLink(from, m.name))).join(', ')}.` : undefined,
        alert.tests.length > 0 ? `- Unit tests: ${alert.tests.map((t) => inline(t.name)).join('; ')}.` : '- Unit tests: none.',
      ];
      return lines.filter((l): l is string => l !== undefined).join('\n');
    })
    .join('\n\n');
}

function integrations(receiver: ReceiverModel | undefined): string {
  if (!receiver) return 'unknown receiver';
  const parts = [
    ...receiver.email.map((e) => `email to ${inline(e.to)}`),
    ...receiver.slack.map((s) => `Slack ${s.channel ? inline(s.channel) : ''}`.trim()),
    ...receiver.webhook.map(() => 'webhook'),
    ...receiver.pagerduty.map(() => 'PagerDuty'),
    ...receiver.telegram.map(() => 'Telegram'),
    ...receiver.discord.map(() => 'Discord'),
    ...receiver.msteams.map(() => 'Microsoft Teams'),
    ...receiver.webex.map(() => 'Webex'),
  ];
  return parts.length > 0 ? parts.join(', ') : 'nobody (a receiver without integrations)';
}

function whoIsNotified(alert: AlertModel, model: Model): string {
  const am = model.alertmanager;
  if (!am) return 'The definitions have no Alertmanager configuration: the alert is only visible in Prometheus.';
  const labels = staticAlertLabels(model, alert);
  const routes = matchRoutes(am.route, labels);
  const lines = routes.map((r) => {
    const how = r.position.length === 0 ? 'the root route (no other route matches)' : `the route ${code(formatMatchers(r.route.matchers) || '{}')}`;
    return `- ${code(r.receiver)} through ${how}: ${integrations(am.receivers.find((x) => x.name === r.receiver))}.`;
  });
  const inhibitors = am.inhibitRules.filter((rule) => matchersMatch(rule.targetMatchers, labels));
  const muted = inhibitors.map(
    (rule) => `- Muted while an alert matching ${code(formatMatchers(rule.sourceMatchers))} fires${rule.equal.length > 0 ? ` with the same ${rule.equal.map(code).join(', ')}` : ''} (inhibit rule).`,
  );
  return [
    `From its labels (${Object.entries(labels).map(([k, v]) => code(`${k}=${v}`)).join(', ')}), Alertmanager sends it to:`,
    lines.join('\n'),
    muted.length > 0 ? `Inhibition:\n\n${muted.join('\n')}` : undefined,
    'Labels that come from the expression (their values are known only when it fires) may route it further.',
  ]
    .filter((l): l is string => l !== undefined)
    .join('\n\n');
}

function dashboards(alert: AlertModel, model: Model, uses: MetricUses, from: string): string {
  const metrics = new Set(uses.metricsOf(alert.expr).map((m) => m.name));
  const variables = uses.pinnedLabels(alert.expr);
  const lines = model.dashboards.flatMap((d) => {
    const panels = allPanels(d).filter((p) => p.targets.some((t) => uses.metricsOf(t.expr).some((m) => metrics.has(m.name))));
    if (panels.length === 0) return [];
    // A variable is set only when the panels that show the alert's metrics read it.
    const read = (name: string) => panels.some((p) => p.targets.some((t) => new RegExp(`\\$(\\{)?${name}\\b`).test(t.expr)));
    // Label variables only (`labelVariable`): the label they choose a value of.
    const labelOf = (v: (typeof d.variables)[number]) => ('label' in v && typeof v.label === 'string' ? v.label : undefined);
    const pinned: Record<string, string> = {};
    for (const v of d.variables) {
      const label = labelOf(v);
      if (label !== undefined && variables[label] !== undefined && read(v.name)) pinned[v.name] = variables[label];
    }
    return [`- ${link(d.title, dashboardLink(from, d, model, pinned))}: ${panels.map((p) => inline(`"${p.title}"`)).join(', ')}`];
  });
  return lines.length > 0 ? lines.join('\n') : 'No dashboard shows the metrics this alert reads.';
}

function troubleshootingSection(topics: readonly TroubleshootingModel[]): string {
  if (topics.length === 0) return 'No troubleshooting steps are defined for this alert (`docs.troubleshooting` in the definitions).';
  return topics
    .map((t) => {
      const steps = t.steps.map((s, i) => `${i + 1}. ${inline(s.text)}${s.command ? `\n\n${block('sh', s.command).replace(/^/gm, '   ')}` : ''}`);
      return `### ${inline(t.title)}\n\n${steps.join('\n')}`;
    })
    .join('\n\n');
}

function silencing(name: string, model: Model): string {
  const url = model.docs?.alertmanagerUrl ?? (model.prometheus.alertmanagers[0] ? `http://${model.prometheus.alertmanagers[0]}` : 'http://alertmanager:9093');
  return [
    'While it is being worked on, or during planned maintenance, silence it in Alertmanager: Prometheus keeps evaluating it, the notifications stop until the silence ends.',
    block('sh', [
      `amtool silence add alertname=${JSON.stringify(name)} --duration=2h --comment="<why, and who>" --alertmanager.url=${url}`,
      `amtool silence query alertname=${JSON.stringify(name)} --alertmanager.url=${url}`,
      `amtool silence expire <silence id> --alertmanager.url=${url}`,
    ].join('\n')),
    'Add label matchers (`instance=…`, `job=…`) to silence one instance only. A silence is for a known cause: fix the rule when it fires for nothing.',
  ].join('\n\n');
}

/** out/docs/alerts/<AlertName>.md: one runbook per alert name (every rule of that name). */
export function runbookPages(model: Model, uses: MetricUses): OutputFile[] {
  const byName = new Map<string, AlertModel[]>();
  for (const group of model.ruleGroups) for (const rule of group.rules) if (rule.kind === 'alert') byName.set(rule.name, [...(byName.get(rule.name) ?? []), rule]);
  const topics = model.docs?.troubleshooting ?? [];
  return [...byName].map(([name, alerts]) => {
    const path = runbookPath(name);
    const first = alerts[0]!;
    const content = page([
      generatedNote(model),
      `# ${inline(name)}`,
      [first.annotations['summary'] ? `**${inline(first.annotations['summary'])}**` : undefined, first.annotations['description'] ? inline(first.annotations['description']) : undefined]
        .filter(Boolean)
        .join(' — '),
      `Severity: ${code(first.labels['severity'] ?? 'none')}`,
      '## What fires it',
      whatFiresIt(alerts, model, uses, path),
      '## Who is notified',
      whoIsNotified(first, model),
      '## Dashboards',
      dashboards(first, model, uses, path),
      '## Troubleshooting',
      troubleshootingSection(topics.filter((t) => t.alerts === undefined || t.alerts.includes(name))),
      '## Silencing',
      silencing(name, model),
    ]);
    return { path, content };
  });
}
