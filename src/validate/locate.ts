import type { Located, Model } from '../model/types.js';
import { ruleFilePath } from '../compile/prometheus/rules.js';
import { PROMETHEUS_CONFIG } from '../compile/prometheus/config.js';
import { locatedAt } from '../model/located.js';

/**
 * Maps a place in a generated file (as promtool/amtool name it) back to the definition it came
 * from, so a tool's error reads like one of ours: definition file, line, and path.
 */
export interface ToolPlace {
  /** Output path relative to the out folder, e.g. `prometheus/rules/totem_alerts.yml`. */
  file: string;
  group?: string;
  /** 0-based index of the rule in its group. */
  ruleIndex?: number;
  ruleName?: string;
}

export type Locator = (place: ToolPlace) => Located;

export function locator(model: Model): Locator {
  const groupsByFile = new Map(model.ruleGroups.map((g) => [ruleFilePath(g), g]));
  const entry: Located = { path: [], source: { file: model.entry, line: 1, column: 1 } };
  return (place) => {
    const group = groupsByFile.get(place.file) ?? model.ruleGroups.find((g) => g.name === place.group);
    if (group) {
      const rule =
        (place.ruleName !== undefined ? group.rules.find((r) => r.name === place.ruleName) : undefined) ??
        (place.ruleIndex !== undefined ? group.rules[place.ruleIndex] : undefined);
      return locatedAt(rule ?? group);
    }
    if (place.file === PROMETHEUS_CONFIG) return { ...entry, path: ['prometheus'] };
    const am = model.alertmanager;
    if (am && place.file.startsWith('alertmanager/')) return locatedAt(am);
    return entry;
  };
}
