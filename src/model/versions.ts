import type { TargetVersions } from '../api/versions.js';
import type { TargetVersionsModel, VersionOrigin } from './types.js';
import { DEFAULT_VERSIONS } from './version-facts.js';

/** The target versions: per program, the first layer that sets one (config, project, installed tools), else the default. */
export function targetVersions(layers: ReadonlyArray<{ versions: TargetVersions | undefined; origin: VersionOrigin }>): TargetVersionsModel {
  const pick = <K extends keyof TargetVersions>(key: K) => {
    const layer = layers.find((l) => l.versions?.[key] !== undefined);
    return layer ? { value: layer.versions![key]!, origin: layer.origin } : { value: DEFAULT_VERSIONS[key], origin: 'default' as const };
  };
  const prometheus = pick('prometheus');
  const alertmanager = pick('alertmanager');
  const blackbox = pick('blackbox');
  return {
    prometheus: prometheus.value,
    alertmanager: alertmanager.value,
    blackbox: blackbox.value,
    from: { prometheus: prometheus.origin, alertmanager: alertmanager.origin, blackbox: blackbox.origin },
  };
}
