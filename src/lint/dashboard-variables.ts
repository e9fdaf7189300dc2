import type { DashboardModel, PanelModel, QueryVariableModel, TargetModel } from '../model/dashboard.js';
import { allPanels } from '../model/dashboard.js';
import { matchesOf } from './regex-matches.js';

/** A Grafana variable reference in a text: `$name`, `${name}`, `${name:format}`, `[[name]]`, `[[name:format]]`. */
export interface VariableRef {
  name: string;
  from: number;
  to: number;
}

// Grafana's own pattern (templateSrv), names starting with a letter or _ (`$1` in label_replace is not one).
const REFERENCE = /\$([A-Za-z_]\w*)|\[\[([A-Za-z_]\w*?)(?::\w+)?\]\]|\$\{([A-Za-z_]\w*)(?:\.[^:}]+)?(?::[^}]+)?\}/g;

export function variableRefs(text: string): VariableRef[] {
  // Every form starts with `$` or `[[`: most titles and legends have neither, and need no regex run.
  if (!text.includes('$') && !text.includes('[[')) return [];
  return matchesOf(REFERENCE, text).map((m) => ({ name: (m[1] ?? m[2] ?? m[3])!, from: m.index, to: m.index + m[0].length }));
}

/** Grafana's global variables (`$__rate_interval`, `$__range`, `$__from`, …) and the old `$timeFilter`. */
export function isGlobalVariable(name: string): boolean {
  return name.startsWith('__') || name === 'timeFilter' || name === 'interval';
}

/** Every target of a dashboard with its panel. */
export function dashboardTargets(dashboard: DashboardModel): Array<{ panel: PanelModel; target: TargetModel }> {
  return allPanels(dashboard).flatMap((panel) => panel.targets.map((target) => ({ panel, target })));
}

/** Where a query variable's query is written: labelVariable's `matchers` (the rest is derived), or queryVariable's `query`. */
export function queryField(variable: QueryVariableModel): 'matchers' | 'query' {
  return variable.label !== undefined ? 'matchers' : 'query';
}
