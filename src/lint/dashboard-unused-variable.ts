import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels, DATASOURCE_VARIABLE, type DashboardLinkModel, type DashboardModel, type VariableModel } from '../model/dashboard.js';
import { closest } from '../suggest.js';
import { isGlobalVariable, variableRefs } from './dashboard-variables.js';

// What a definition carries that Grafana never reads as text: where it was written, its ignores.
const NOT_TEXT = new Set(['source', 'path', 'ignore']);

/** Every string inside a value (objects and arrays walked), the model's location fields left out. */
function texts(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!NOT_TEXT.has(key)) texts(item, out);
  }
  return out;
}

/** The variable names the texts reference, in any of Grafana's forms (`$x`, `${x}`, `${x:csv}`, `[[x]]`). */
function referencedIn(strings: readonly string[], into: Set<string>): void {
  for (const text of strings) for (const ref of variableRefs(text)) into.add(ref.name);
}

/**
 * The variables the dashboard's links pass on to another dashboard that has them (a variable
 * whose value is carried into the linked dashboard is used there): links to a dashboard of the
 * project carry every variable unless `includeVars: false`, links by tags always do. 'all' when a
 * link carries them somewhere unknown: a dashboard outside the project, or a URL link explicitly
 * asked to (`includeVars: true`).
 */
function passedOn(dashboard: DashboardModel, dashboards: readonly DashboardModel[]): Set<string> | 'all' {
  const names = new Set<string>();
  const links: DashboardLinkModel[] = [...dashboard.links];
  for (const panel of allPanels(dashboard)) links.push(...panel.links, ...panel.dataLinks);
  for (const link of links) {
    let targets: readonly DashboardModel[];
    if ('tags' in link) targets = dashboards.filter((d) => d !== dashboard && d.tags.some((t) => link.tags.includes(t)));
    else if (link.includeVars === false) continue;
    else if (link.dashboardUid !== undefined) {
      const target = dashboards.find((d) => d.uid === link.dashboardUid);
      if (target === undefined) return 'all';
      targets = [target];
    } else if (link.includeVars === true) return 'all';
    else continue;
    for (const target of targets) for (const v of target.variables) names.add(v.name);
  }
  return names;
}

/**
 * Grafana interpolates variables in nearly every text of a dashboard: panel and annotation queries,
 * titles, descriptions, legends, links and data links, text panels, field names and overrides,
 * data source uids (`${loki}`), other variables' queries, regexes and values. So the check reads
 * every string of the dashboard outside the variable's own definition, plus the repeats (which name
 * the variable bare). Ad hoc filters apply to every query by themselves; a variable a link carries
 * into a dashboard that has it is used there (see passedOn); `${__all_variables}` names them all.
 */
function references(dashboard: DashboardModel): { outside: Set<string>; byVariable: Map<VariableModel, Set<string>> } {
  const { variables, ...rest } = dashboard;
  const outside = new Set<string>();
  referencedIn(texts(rest, []), outside);
  for (const item of dashboard.items) {
    if (item.kind === 'row' && item.repeat !== undefined) outside.add(item.repeat);
    for (const panel of item.kind === 'row' ? item.panels : [item]) if (panel.repeat !== undefined) outside.add(panel.repeat.variable);
  }
  const byVariable = new Map<VariableModel, Set<string>>();
  for (const variable of variables) {
    const own = new Set<string>();
    referencedIn(texts(variable, []), own);
    own.delete(variable.name); // its own name in its own definition uses nothing
    byVariable.set(variable, own);
  }
  return { outside, byVariable };
}

export const dashboardUnusedVariable: Check = {
  id: 'dashboard/unused-variable',
  severity: 'warning',
  description: 'Every dashboard variable is used somewhere Grafana interpolates it (a query, title, legend, link, repeat, annotation or another variable).',
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      const defined = new Set([DATASOURCE_VARIABLE, ...dashboard.variables.map((v) => v.name)]);
      if (dashboard.variables.length === 0) continue;
      const carried = passedOn(dashboard, model.dashboards);
      const { outside, byVariable } = references(dashboard);
      if (carried === 'all' || outside.has('__all_variables')) continue;
      for (const variable of dashboard.variables) {
        if (variable.type === 'adhoc') continue;
        if (outside.has(variable.name) || carried.has(variable.name) || [...byVariable.values()].some((refs) => refs.has(variable.name))) continue;
        const used = [...outside, ...[...byVariable.values()].flatMap((refs) => [...refs])];
        // A reference to no variable, close to this one's name, is likely the typo that leaves it unused.
        const typo = closest(variable.name, used.filter((n) => !defined.has(n) && !isGlobalVariable(n)));
        report({
          message: `variable $${variable.name} of dashboard ${dashboard.title} is used by no panel, query, title, legend, link, repeat, annotation or other variable: it only adds a drop-down that changes nothing${typo !== undefined ? `. The dashboard uses $${typo}: is it a misspelling of $${variable.name}?` : ''}`,
          hint: typo !== undefined ? `write $${variable.name} where $${typo} is used, or remove the variable` : `use $${variable.name} in the queries it is meant to filter (e.g. {job=~"$${variable.name}"}), or remove it from variables`,
          ...locatedAt(variable),
        });
      }
    }
  },
};
