import type { Check, Finding } from './check.js';
import type { SourceRef } from '../diagnostic.js';
import type { DatasourceRef } from '../api/panels.js';
import type { GrafanaSettings } from '../model/settings.js';
import type { DatasourceKind, DatasourceLink, SettingSite } from '../model/datasources.js';
import { allPanels } from '../model/dashboard.js';
import { DEFAULT_CONNECTIONS } from '../model/datasources.js';
import { logsTracesVariables } from '../model/logs-traces.js';
import { locatedAt } from '../model/located.js';

interface Provisioned {
  kind: DatasourceKind;
  name: string;
  uid: string;
  source?: SourceRef | undefined;
  sites?: { name: SettingSite; uid: SettingSite } | undefined;
}

/** The data sources totem-mon provisions, Prometheus first. */
function provisionedList(grafana: GrafanaSettings): Provisioned[] {
  const others = (['loki', 'tempo', 'jaeger'] as const).flatMap((kind) => {
    const ds = grafana[kind];
    return ds ? [{ kind, name: ds.name, uid: ds.uid, source: ds.source, sites: ds.sites }] : [];
  });
  const prometheus = grafana.datasource;
  return [{ kind: 'prometheus', name: prometheus.name, uid: prometheus.uid, sites: prometheus.sites }, ...others];
}

/** The settings a data source's field is written at: `grafana.datasource.uid` for Prometheus, `grafana.loki.uid`… */
function settingOf(kind: DatasourceKind, field: 'name' | 'uid'): string {
  return `grafana.${kind === 'prometheus' ? 'datasource' : kind}.${field}`;
}

/**
 * Where a data source's name or uid comes from, for a message: `grafana.loki.uid in
 * totem-mon.config.ts`, or for a default `the default uid: no grafana.datasource.uid in
 * definitions/index.ts` (the file that configures the data source, or the project's).
 */
function describeSite(ds: Provisioned, field: 'name' | 'uid'): string {
  const site = ds.sites?.[field];
  const file = site?.source?.file;
  if (site?.explicit) return file ? `${site.path.join('.')} in ${file}` : site.path.join('.');
  return `the default ${field}: no ${settingOf(ds.kind, field)}${file ? ` in ${file}` : ''}`;
}

/** The data sources totem-mon provisions: uid → type (the first of a uid given twice). */
export function provisionedDatasources(grafana: GrafanaSettings): Map<string, DatasourceKind> {
  const found = new Map<string, DatasourceKind>();
  for (const ds of provisionedList(grafana)) if (!found.has(ds.uid)) found.set(ds.uid, ds.kind);
  return found;
}

const isVariable = (uid: string) => uid.startsWith('$');

function configure(kinds: readonly DatasourceKind[]): string {
  return kinds.map((k) => (k === 'prometheus' ? 'grafana.datasource' : `grafana.${k}`)).join(' or ');
}

/**
 * A data source that a panel, a target or a link between data sources names by uid must be one that
 * totem-mon provisions, of the right type: else the panel shows "data source not found" and the
 * link leads nowhere, and only someone opening it in Grafana would find out. Two provisioned data
 * sources may not share a uid or a name (Grafana keeps one of them).
 */
export const dashboardUnknownDatasource: Check = {
  id: 'dashboard/unknown-datasource',
  severity: 'error',
  description: 'Panels, queries and data source links name only data sources that are provisioned, of the right type.',
  run({ model }, report) {
    const provisioned = provisionedDatasources(model.grafana);
    const known = () => [...provisioned].map(([uid, kind]) => `"${uid}" (${kind})`).join(', ');

    // Links between data sources: log line → trace, span → logs, exemplar → trace.
    const link = (l: DatasourceLink | undefined, accepts: readonly DatasourceKind[], what: string, path: string[], source: SourceRef | undefined) => {
      // A default link leads to a configured data source by construction (or, with a uid given twice, to one of them: reported above).
      if (!l?.explicit) return;
      const kind = provisioned.get(l.uid);
      if (kind !== undefined && accepts.includes(kind)) return;
      const finding: Finding = {
        message:
          kind === undefined
            ? `${what} points at data source "${l.uid}", which is not provisioned (provisioned: ${known()})`
            : `${what} points at data source "${l.uid}", a ${kind} data source; it needs ${accepts.join(' or ')}`,
        hint: `name the uid of a configured ${accepts.join(' or ')} data source, or configure it (${configure(accepts)})`,
        path,
        ...((l.source ?? source) ? { source: l.source ?? source } : {}),
      };
      report(finding);
    };
    const g = model.grafana;
    const list = provisionedList(g);
    list.forEach((ds, i) => {
      for (const field of ['uid', 'name'] as const) {
        const earlier = list.slice(0, i).find((x) => x[field] === ds[field]);
        if (!earlier) continue;
        // Reported where the clashing value is written: the later one's, unless only the earlier one's is.
        const at = !ds.sites?.[field].explicit && earlier.sites?.[field].explicit ? earlier : ds;
        const other = at === ds ? earlier : ds;
        const site = at.sites?.[field];
        const source = site?.source ?? at.source;
        report({
          message:
            `the ${ds.kind} data source (${describeSite(ds, field)}) and the ${earlier.kind} data source (${describeSite(earlier, field)}) ` +
            `have the same ${field} "${ds[field]}": Grafana provisions one of them`,
          hint: `give the ${at.kind} data source its own ${field} (${settingOf(at.kind, field)}), or the ${other.kind} data source (${settingOf(other.kind, field)})`,
          path: site?.path ?? ['grafana', at.kind === 'prometheus' ? 'datasource' : at.kind, field],
          ...(source ? { source } : {}),
        });
      }
    });
    link(g.loki?.traceLinks?.datasource, ['tempo', 'jaeger'], 'the Loki trace link (traceLinks)', ['grafana', 'loki', 'traceLinks', 'datasource'], g.loki?.source);
    link(g.tempo?.traceToLogs?.datasource, ['loki'], "Tempo's trace to logs link (traceToLogs)", ['grafana', 'tempo', 'traceToLogs', 'datasource'], g.tempo?.source);
    link(g.jaeger?.traceToLogs?.datasource, ['loki'], "Jaeger's trace to logs link (traceToLogs)", ['grafana', 'jaeger', 'traceToLogs', 'datasource'], g.jaeger?.source);
    link(g.datasource.exemplars?.datasource, ['tempo', 'jaeger'], 'the Prometheus exemplar link (exemplars)', ['grafana', 'datasource', 'exemplars', 'datasource'], g.datasource.exemplars?.source);

    // Fixed references in dashboards (variables are checked where they are defined).
    const ref = (r: DatasourceRef | undefined, what: string, path: string[], source: SourceRef | undefined) => {
      if (!r || isVariable(r.uid)) return;
      const kind = provisioned.get(r.uid);
      if (kind === r.type) return;
      report({
        message:
          kind === undefined
            ? `${what} uses data source "${r.uid}", which is not provisioned (provisioned: ${known()})`
            : `${what} uses data source "${r.uid}" as ${r.type}, but it is a ${kind} data source`,
        hint: kind === undefined ? `use a provisioned uid, or configure the data source (grafana.datasource, grafana.loki, grafana.tempo, grafana.jaeger)` : `give the type "${kind}", or the uid of a ${r.type} data source`,
        path,
        ...(source ? { source } : {}),
      });
    };
    for (const d of model.dashboards) {
      // ${loki}, ${tempo}, ${jaeger}: the variable defaults to the configured data source; none, no default.
      for (const { kind, panel } of logsTracesVariables(d)) {
        if (g[kind]) continue;
        const name = DEFAULT_CONNECTIONS[kind].name;
        report({
          message: `panel ${panel.title} of dashboard ${d.title} reads the \${${kind}} variable, but no ${name} data source is configured: the variable has no default and the panel no data`,
          hint: `configure it (grafana: { ${kind}: {} } in the project or totem-mon.config.ts), or give the panel the datasource of a provisioned one`,
          ...locatedAt(panel, 'datasource'),
        });
      }
      for (const panel of allPanels(d)) {
        ref(panel.datasource, `panel ${panel.title} of dashboard ${d.title}`, [...panel.path, 'datasource'], panel.source);
        for (const t of panel.targets) ref(t.datasource, `target ${t.refId} of panel ${panel.title} (dashboard ${d.title})`, [...t.path, 'datasource'], t.source);
      }
    }
  },
};
