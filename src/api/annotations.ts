import type { AlertRule } from './rules.js';

/**
 * Dashboard annotations: events drawn on every time series panel, from a PromQL query. Their
 * expressions are checked like every other query.
 */
export interface Annotation {
  /** Shown in the dashboard's annotation toggles. */
  name: string;
  /** PromQL; every series it returns is an event while its value is non-zero. */
  expr: string;
  /** Colour of the markers (default red). */
  color?: string;
  /** Event title, with `{{label}}` placeholders. */
  title?: string;
  /** Event text, with `{{label}}` placeholders. */
  text?: string;
  /** Labels shown as the event's tags. */
  tags?: readonly string[];
  /** Resolution of the query (e.g. `1m`; default Grafana's). */
  step?: string;
  /** Shown when the dashboard opens (default true). */
  enabled?: boolean;
}

/** Any query as annotations: `queryAnnotation({ name: 'Deploys', expr: 'changes(app_build_info[5m]) > 0' })`. */
export function queryAnnotation(options: Annotation): Annotation {
  return { ...options };
}

/**
 * The firing alerts, from Prometheus's `ALERTS{alertstate="firing"}` series: all of them, or those of
 * the given alert objects (`alerts: [highErrorRate]`: typed, a renamed alert follows).
 */
export function alertAnnotations(options: { name?: string; alerts?: readonly AlertRule[]; color?: string; enabled?: boolean } = {}): Annotation {
  const names = (options.alerts ?? []).map((a) => a.name);
  // A regex of the names, written as a PromQL string (its backslashes doubled).
  const regex = names.map((n) => n.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
  const only = names.length === 0 ? '' : `,alertname=~${JSON.stringify(regex)}`;
  return {
    name: options.name ?? 'Alerts',
    expr: `ALERTS{alertstate="firing"${only}}`,
    color: options.color ?? 'red',
    title: '{{alertname}}',
    text: '{{alertname}} ({{severity}})',
    tags: ['alertname', 'severity'],
    ...(options.enabled !== undefined ? { enabled: options.enabled } : {}),
  };
}
