import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { AlertRule } from './rules.js';
import type { Dashboard } from './dashboard.js';
import type { Ignore } from './lint.js';

/** One step of a troubleshooting topic: what to check, and the shell command that checks it. */
export interface DocStep {
  text: string;
  /** Shown as a shell block under the step, e.g. `curl -s localhost:8000/metrics | head`. */
  command?: string;
}

export interface TroubleshootingOptions {
  /** The problem, e.g. "Métricas não aparecem". */
  title: string;
  steps: readonly (string | DocStep)[];
  /** The alerts whose runbooks show this topic (default: every alert's). */
  alerts?: readonly AlertRule[];
  /** Silences checks on this definition, each with the reason (see the README, Checks). */
  ignore?: Ignore;
}

export interface Troubleshooting {
  readonly kind: 'troubleshooting';
  readonly title: string;
  readonly steps: readonly DocStep[];
  /** Alert names; absent: every alert. */
  readonly alerts?: readonly string[];
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

/** A troubleshooting topic for the alerts' runbooks (out/docs/alerts/<AlertName>.md). */
export function troubleshooting(options: TroubleshootingOptions): Troubleshooting {
  return {
    kind: 'troubleshooting',
    title: options.title,
    steps: options.steps.map((s) => (typeof s === 'string' ? { text: s } : { ...s })),
    ...(options.alerts ? { alerts: options.alerts.map((a) => a.name) } : {}),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    source: captureSource(),
  };
}

export interface ChecklistItemOptions {
  text: string;
  /** Dashboards the item is about: linked from the checklist. */
  dashboards?: readonly Dashboard[];
  /** Alerts the item is about: their runbooks are linked. */
  alerts?: readonly AlertRule[];
}

export interface ChecklistOptions {
  /** e.g. "Diário", "Semanal". */
  title: string;
  items: readonly (string | ChecklistItemOptions)[];
  /** Silences checks on this definition, each with the reason (see the README, Checks). */
  ignore?: Ignore;
}

/** A dashboard as a checklist names it: by uid when it sets one, else by title. */
export interface DashboardRef {
  title: string;
  uid?: string;
}

export interface ChecklistItem {
  text: string;
  dashboards: readonly DashboardRef[];
  alerts: readonly string[];
}

export interface Checklist {
  readonly kind: 'checklist';
  readonly title: string;
  readonly items: readonly ChecklistItem[];
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

/** A checklist for out/docs/checklists.md, each item linked to the dashboards and alerts it concerns. */
export function checklist(options: ChecklistOptions): Checklist {
  return {
    kind: 'checklist',
    title: options.title,
    items: options.items.map((item) =>
      typeof item === 'string'
        ? { text: item, dashboards: [], alerts: [] }
        : {
            text: item.text,
            dashboards: (item.dashboards ?? []).map((d) => ({ title: d.title, ...(d.uid !== undefined ? { uid: d.uid } : {}) })),
            alerts: (item.alerts ?? []).map((a) => a.name),
          },
    ),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    source: captureSource(),
  };
}

export interface DocsOptions {
  /**
   * Where the runbooks are published, e.g. `https://runbooks.example.com/docs/alerts/`: an alert
   * without `runbook_url` gets `<runbookBase><AlertName>.md`.
   */
  runbookBase?: string;
  /** Grafana's address, e.g. `https://grafana.example.com`: dashboards are linked there (else to their JSON in out/). */
  grafanaUrl?: string;
  /** Alertmanager's address for the silencing instructions (default: the first of `prometheus.alertmanagers`). */
  alertmanagerUrl?: string;
  troubleshooting?: readonly Troubleshooting[];
  checklists?: readonly Checklist[];
}
