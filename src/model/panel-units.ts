import type { PanelModel } from './dashboard.js';
import type { FieldMatcher } from '../api/panel-options.js';

/**
 * A unit a panel shows some of its values in, wherever it is written: the panel's `unit` and its
 * overrides', or, in a panel from the Grafana SDK (`sdkPanel`, and every panel `import` could not
 * map to a helper), its plugin's `fieldConfig.defaults.unit` and the `unit` properties of its
 * `fieldConfig.overrides`. Checks that read units read them all here, so none is blind to a unit
 * written the SDK's way.
 */
export interface PanelUnit {
  unit: string;
  /** Where it is written, below the panel (for locatedAt). */
  field: string[];
  /** '' for the panel's own unit; else the override, in words (` override 2 (query B)`). */
  what: string;
  /**
   * Which values it applies to: every value not under an override, those of the query with this
   * refId, or `some`: series by name or regex, which no query alone tells.
   */
  appliesTo: 'default' | { refId: string } | 'some';
}

/** Every unit the panel sets, in the order Grafana applies them (defaults, then overrides: the last wins). */
export function panelUnits(panel: PanelModel): PanelUnit[] {
  const units: PanelUnit[] = [];
  if (panel.unit !== undefined) units.push({ unit: panel.unit, field: ['unit'], what: '', appliesTo: 'default' });
  panel.overrides?.forEach((o, i) => {
    if (o.unit === undefined) return;
    units.push({ unit: o.unit, field: [`overrides[${i}]`, 'unit'], what: ` override ${i + 1} (${matcherWords(o.match)})`, appliesTo: 'query' in o.match ? { refId: o.match.query } : 'some' });
  });
  const fieldConfig = record(panel.plugin?.fieldConfig);
  const defaults = record(fieldConfig?.['defaults']);
  if (typeof defaults?.['unit'] === 'string') {
    units.push({ unit: defaults['unit'], field: ['plugin', 'fieldConfig', 'defaults', 'unit'], what: '', appliesTo: 'default' });
  }
  const overrides = fieldConfig?.['overrides'];
  if (Array.isArray(overrides)) {
    overrides.forEach((o: unknown, i) => {
      const matcher = record(record(o)?.['matcher']);
      const properties = record(o)?.['properties'];
      if (!Array.isArray(properties)) return;
      properties.forEach((p: unknown, j) => {
        const property = record(p);
        if (property?.['id'] !== 'unit' || typeof property['value'] !== 'string') return;
        const id = typeof matcher?.['id'] === 'string' ? matcher['id'] : 'unknown';
        const options = matcher?.['options'];
        units.push({
          unit: property['value'],
          field: ['plugin', 'fieldConfig', `overrides[${i}]`, `properties[${j}]`, 'value'],
          what: ` override ${i + 1} (${id}${typeof options === 'string' ? ` ${options}` : ''})`,
          // Grafana's matcher of a query's fields is `byFrameRefID`.
          appliesTo: id === 'byFrameRefID' && typeof options === 'string' ? { refId: options } : 'some',
        });
      });
    });
  }
  return units;
}

function matcherWords(match: FieldMatcher): string {
  return 'name' in match ? `name ${match.name}` : 'regex' in match ? `regex ${match.regex}` : `query ${match.query}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
