/**
 * The settings a project's output depends on besides its definitions: how Grafana reaches
 * Prometheus and the dashboards, and the output folder the generated comments name. They come from
 * totem-mon.config.ts (which wins), the project's `grafana`, or these English defaults.
 */
import type { CheckSetting } from '../check-ids.js';
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import type { GrafanaInput } from './schema/grafana.js';
import type { Model } from './types.js';
import type { TargetVersions } from '../api/versions.js';
import { targetVersions } from './versions.js';
import { fieldSite, resolveDatasources, type ExemplarSettings, type GrafanaLayer, type JaegerSettings, type LokiSettings, type SettingSite, type TempoSettings } from './datasources.js';
import { propertyBelow } from '../source-sites.js';

export interface GrafanaSettings {
  /** The Prometheus data source Grafana is provisioned with; the dashboards' `datasource` variable defaults to its uid. */
  datasource: { name: string; uid: string; url: string; exemplars?: ExemplarSettings; sites?: { name: SettingSite; uid: SettingSite } };
  /** Logs and traces data sources, provisioned next to Prometheus when configured (src/model/datasources.ts). */
  loki?: LokiSettings;
  tempo?: TempoSettings;
  jaeger?: JaegerSettings;
  /** The Grafana folder the dashboards appear in. */
  folder: string;
  /** Where Grafana reads the dashboard JSON (the file provider's path). */
  provisioningPath: string;
  /** The label of the dashboards' data source drop-down. */
  datasourceVariableLabel: string;
  /** The dashboards' schema: the classic JSON model (file provisioning) or V2 resources (API, GitOps). */
  schema: 'classic' | 'v2';
  /** The alert rules also as Grafana-managed rules (alerting provisioning files). */
  alertRules: boolean;
}

export const DEFAULT_GRAFANA: Omit<GrafanaSettings, 'folder'> = {
  datasource: { name: 'Prometheus', uid: 'prometheus', url: 'http://prometheus:9090' },
  provisioningPath: '/var/lib/grafana/dashboards/totem-mon',
  datasourceVariableLabel: 'Data source',
  schema: 'classic',
  alertRules: false,
};

/** The output folder generated comments name when no other is given. */
export const DEFAULT_OUT_DIR = 'out';
/**
 * What generated comments call an output folder outside the project's root (a temporary folder,
 * another checkout): its path would make the output depend on where it is written.
 */
export const OUT_ELSEWHERE = '<out>';

/** What totem-mon.config.ts adds to a project, as the app layer resolved it. */
export interface ProjectSettings {
  grafana?: GrafanaInput;
  /** Where the config's `grafana` was written (defineConfig's call), for findings about its data sources. */
  grafanaSource?: SourceRef;
  lint?: { checks?: Readonly<Partial<Record<string, CheckSetting>>> };
  /** The output folder as generated comments name it (relative to the project's root, or OUT_ELSEWHERE). */
  outDir?: string;
  /** The config's `versions`. */
  versions?: TargetVersions;
  /** The versions of the promtool and amtool validate runs (the default target when nothing sets one). */
  installedVersions?: TargetVersions;
  /**
   * The config's settings that failed its schema and were left out (src/model/parse.ts parseConfig),
   * as findings at the config's lines: reported with the definitions' findings, in the same run.
   */
  problems?: readonly Diagnostic[];
}

/**
 * Where the Prometheus data source's name or uid comes from. It is always provisioned: a default is
 * the `grafana.datasource` that configures it, else the first layer's `grafana`, else the last
 * layer's call (the project's definition).
 */
function prometheusSite(layers: readonly GrafanaLayer[], field: 'name' | 'uid'): SettingSite {
  return fieldSite(layers, 'datasource', field, () => {
    const withGrafana = layers.find((l) => l.grafana !== undefined);
    if (withGrafana) return { explicit: false, path: ['grafana'], ...(withGrafana.source ? { source: propertyBelow(withGrafana.source, ['grafana']) } : {}) };
    const last = layers.at(-1)?.source;
    return { explicit: false, path: [], ...(last ? { source: last } : {}) };
  });
}

/** Grafana settings: the first layer that sets a field wins (config, then project), else the default. */
export function grafanaSettings(projectName: string, ...layers: GrafanaLayer[]): GrafanaSettings {
  const pick = <K extends keyof NonNullable<GrafanaInput>>(key: K) => layers.find((l) => l.grafana?.[key] !== undefined)?.grafana?.[key];
  const source = (key: 'name' | 'uid' | 'url') => layers.find((l) => l.grafana?.datasource?.[key] !== undefined)?.grafana?.datasource?.[key];
  const { exemplars, ...others } = resolveDatasources(layers);
  return {
    datasource: {
      name: source('name') ?? DEFAULT_GRAFANA.datasource.name,
      uid: source('uid') ?? DEFAULT_GRAFANA.datasource.uid,
      url: source('url') ?? DEFAULT_GRAFANA.datasource.url,
      ...(exemplars ? { exemplars } : {}),
      sites: { name: prometheusSite(layers, 'name'), uid: prometheusSite(layers, 'uid') },
    },
    ...others,
    folder: pick('folder') ?? projectName,
    provisioningPath: pick('provisioningPath') ?? DEFAULT_GRAFANA.provisioningPath,
    datasourceVariableLabel: pick('datasourceVariableLabel') ?? DEFAULT_GRAFANA.datasourceVariableLabel,
    schema: pick('schema') ?? DEFAULT_GRAFANA.schema,
    alertRules: pick('alertRules') ?? DEFAULT_GRAFANA.alertRules,
  };
}

/** The versions the project itself set (the model's, where they came from the project). */
function projectVersions(model: Model): TargetVersions {
  const { prometheus, alertmanager, blackbox, from } = model.versions;
  return {
    ...(from.prometheus === 'project' ? { prometheus } : {}),
    ...(from.alertmanager === 'project' ? { alertmanager } : {}),
    ...(from.blackbox === 'project' ? { blackbox } : {}),
  };
}

/**
 * The model under the config's settings: its Grafana settings over the project's, its check
 * settings over the project's (per check), the output folder it names.
 */
export function withSettings(model: Model, settings: ProjectSettings | undefined, project: GrafanaLayer): Model {
  if (!settings) return model;
  return {
    ...model,
    grafana: grafanaSettings(model.name, { grafana: settings.grafana, source: settings.grafanaSource }, project),
    lint: { checks: { ...model.lint.checks, ...(settings.lint?.checks ?? {}) } as Record<string, CheckSetting> },
    outDir: settings.outDir ?? model.outDir,
    versions: targetVersions([
      { versions: settings.versions, origin: 'config' },
      { versions: projectVersions(model), origin: 'project' },
      { versions: settings.installedVersions, origin: 'installed' },
    ]),
  };
}
