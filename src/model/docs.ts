/** The docs of a project (`docs` in defineProject): runbook address, troubleshooting topics, checklists. */
import type { Located } from './types.js';
import type { DocsInput } from './schema/docs.js';
import { located } from './located.js';

export interface DocStepModel {
  text: string;
  command?: string;
}

export interface TroubleshootingModel extends Located {
  title: string;
  steps: DocStepModel[];
  /** Alert names; absent: every alert. */
  alerts?: string[];
}

export interface ChecklistItemModel {
  text: string;
  dashboards: { title: string; uid?: string }[];
  alerts: string[];
}

export interface ChecklistModel extends Located {
  title: string;
  items: ChecklistItemModel[];
}

export interface DocsModel {
  runbookBase?: string;
  grafanaUrl?: string;
  alertmanagerUrl?: string;
  troubleshooting: TroubleshootingModel[];
  checklists: ChecklistModel[];
}

export function buildDocs(docs: DocsInput): DocsModel {
  return {
    ...(docs.runbookBase !== undefined ? { runbookBase: docs.runbookBase } : {}),
    ...(docs.grafanaUrl !== undefined ? { grafanaUrl: docs.grafanaUrl } : {}),
    ...(docs.alertmanagerUrl !== undefined ? { alertmanagerUrl: docs.alertmanagerUrl } : {}),
    troubleshooting: (docs.troubleshooting ?? []).map((t, i) => ({
      title: t.title,
      steps: t.steps.map((s) => ({ text: s.text, ...(s.command !== undefined ? { command: s.command } : {}) })),
      ...(t.alerts ? { alerts: [...t.alerts] } : {}),
      ...located(t, ['docs', 'troubleshooting', `[${i}]`]),
    })),
    checklists: (docs.checklists ?? []).map((c, i) => ({
      title: c.title,
      items: c.items.map((item) => ({
        text: item.text,
        dashboards: item.dashboards.map((d) => ({ title: d.title, ...(d.uid !== undefined ? { uid: d.uid } : {}) })),
        alerts: [...item.alerts],
      })),
      ...located(c, ['docs', 'checklists', `[${i}]`]),
    })),
  };
}

/** The dashboard a docs reference names: by uid when it has one, else by title. */
export function findDashboard<D extends { title: string; uid: string }>(dashboards: readonly D[], ref: { title: string; uid?: string }): D | undefined {
  return ref.uid !== undefined ? dashboards.find((d) => d.uid === ref.uid) : dashboards.find((d) => d.title === ref.title);
}

/** A runbook's file name: the alert's name, with what a file name cannot hold replaced. */
export function runbookFile(alert: string): string {
  return `${alert.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_')}.md`;
}

/** `runbook_url` for an alert without one: `<runbookBase><file>`. */
export function runbookUrl(base: string, file: string): string {
  return `${base}${base.endsWith('/') ? '' : '/'}${file}`;
}
