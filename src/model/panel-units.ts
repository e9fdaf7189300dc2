import type { PanelModel, TargetModel } from './dashboard.js';
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
  /** Which values it applies to (`unitTakes` tells whether a query's are among them). */
  appliesTo: FieldMatch;
}

/**
 * The fields a unit applies to, as Grafana matches them (packages/grafana-data/src/transformations/
 * matchers/ids.ts and nameMatcher.ts, grafana/grafana): `default`, every value not under an override;
 * `all` and `none`, every number field or none (byType, numeric, time); a query's (byFrameRefID);
 * fields by display name (byName, byNames, with `exclude` for its mode "exclude"); by a regex on
 * the display name (byRegexp); `any` of several (byRegexpOrNames); `unknown` for the matchers no
 * query tells (byValue, first, …).
 */
export type FieldMatch =
  | 'default'
  | 'all'
  | 'none'
  | 'unknown'
  | { readonly refId: string }
  | { readonly names: readonly string[]; readonly exclude: boolean }
  | { readonly regex: string }
  | { readonly any: readonly FieldMatch[] };

/** Every unit the panel sets, in the order Grafana applies them (defaults, then overrides: the last wins). */
export function panelUnits(panel: PanelModel): PanelUnit[] {
  const units: PanelUnit[] = [];
  if (panel.unit !== undefined) units.push({ unit: panel.unit, field: ['unit'], what: '', appliesTo: 'default' });
  panel.overrides?.forEach((o, i) => {
    if (o.unit === undefined) return;
    const appliesTo: FieldMatch = 'query' in o.match ? { refId: o.match.query } : 'name' in o.match ? { names: [o.match.name], exclude: false } : { regex: o.match.regex };
    units.push({ unit: o.unit, field: [`overrides[${i}]`, 'unit'], what: ` override ${i + 1} (${matcherWords(o.match)})`, appliesTo });
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
          appliesTo: sdkMatch(id, options),
        });
      });
    });
  }
  return units;
}

/** An SDK override's matcher (`{ id, options }`) as a FieldMatch; `unknown` where its options are not what Grafana reads. */
function sdkMatch(id: string, options: unknown): FieldMatch {
  const names = (value: unknown) => (Array.isArray(value) && value.every((n) => typeof n === 'string') ? (value as string[]) : undefined);
  switch (id) {
    case 'byFrameRefID': return typeof options === 'string' ? { refId: options } : 'unknown';
    case 'byName': return typeof options === 'string' ? { names: [options], exclude: false } : 'unknown';
    case 'byRegexp': return typeof options === 'string' ? { regex: options } : 'unknown';
    case 'byNames': {
      const o = record(options);
      const list = names(o?.['names'] ?? []);
      const mode = o?.['mode'] ?? 'include';
      return list && (mode === 'include' || mode === 'exclude') ? { names: list, exclude: mode === 'exclude' } : 'unknown';
    }
    case 'byRegexpOrNames': {
      const o = record(options);
      const list = names(o?.['names'] ?? []);
      const pattern = o?.['pattern'] ?? '';
      return list && typeof pattern === 'string' ? { any: [{ names: list, exclude: false }, { regex: pattern }] } : 'unknown';
    }
    // A query's values are number fields; the time field takes no unit that matters here.
    case 'byType': return options === 'number' ? 'all' : typeof options === 'string' ? 'none' : 'unknown';
    case 'numeric': return 'all';
    case 'time': case 'firstTimeField': return 'none';
    default: return 'unknown';
  }
}

/**
 * Whether a unit applies to the values of a query: true, false, or undefined when it cannot be
 * told (a matcher of values, a name a legend of labels may render, …).
 */
export function unitTakes(match: FieldMatch, target: TargetModel, panel: PanelModel): boolean | undefined {
  if (match === 'default' || match === 'all') return true;
  if (match === 'none') return false;
  if (match === 'unknown') return undefined;
  if ('refId' in match) return match.refId === target.refId;
  if ('any' in match) return anyOf(match.any.map((m) => unitTakes(m, target, panel)));
  const shown = displayNames(target, panel);
  if ('regex' in match) {
    const re = grafanaRegex(match.regex);
    // A pattern Grafana cannot compile matches no field.
    if (re === undefined) return false;
    return shown && 'name' in shown ? re.test(shown.name) : undefined;
  }
  const taken = anyOf(match.names.map((name) => {
    if (shown === undefined) return undefined;
    if ('name' in shown && shown.name === name) return true;
    if ('pattern' in shown && shown.pattern.test(name)) return undefined;
    // byName also matches the field's own name: "Value", or the series' metric name where the query keeps it.
    return fieldNameMay(name, target) ? undefined : false;
  }));
  return match.exclude && taken !== undefined ? !taken : taken;
}

function anyOf(values: ReadonlyArray<boolean | undefined>): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/**
 * The display names of a query's series, as Grafana's Prometheus data source gives them: the
 * legend with each `{{label}}` filled in (pkg/promlib/querydata, legendFormatRegexp
 * `\{\{\s*(.+?)\s*\}\}`, set as the field's displayNameFromDS). `name` when the legend has no
 * label or variable in it, else `pattern`: every name its fixed text allows. Undefined when no
 * legend gives them: none, `__auto`, a table's columns, or a panel whose transformations or
 * displayName settings may rename them.
 */
function displayNames(target: TargetModel, panel: PanelModel): { name: string } | { pattern: RegExp } | undefined {
  const legend = target.legendFormat;
  if (legend === undefined || legend === '' || legend === '__auto' || target.format === 'table' || renames(panel)) return undefined;
  const fixed = legend.split(/\{\{\s*.+?\s*\}\}|\$\{[^}]*\}|\$\w+|\[\[[^\]]*\]\]/);
  if (fixed.length === 1) return { name: legend };
  return { pattern: new RegExp(`^${fixed.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`) };
}

/** Whether the panel may show its series under other names than their legends: a transformation, a displayName. */
function renames(panel: PanelModel): boolean {
  if ((panel.transformations?.length ?? 0) > 0) return true;
  if (panel.overrides?.some((o) => o.displayName !== undefined)) return true;
  const plugin = record(panel.plugin);
  if (Array.isArray(plugin?.['transformations']) && plugin['transformations'].length > 0) return true;
  const fieldConfig = record(plugin?.['fieldConfig']);
  if (record(fieldConfig?.['defaults'])?.['displayName'] !== undefined) return true;
  const overrides = fieldConfig?.['overrides'];
  return Array.isArray(overrides) && overrides.some((o: unknown) => {
    const properties = record(o)?.['properties'];
    return Array.isArray(properties) && properties.some((p: unknown) => String(record(p)?.['id']).startsWith('displayName'));
  });
}

/** Whether a name could be a field's own name (Grafana's byName matches it too): "Value", or a metric the query names. */
function fieldNameMay(name: string, target: TargetModel): boolean {
  if (name === 'Value') return true;
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) return false;
  return new RegExp(`(^|[^a-zA-Z0-9_:])${name}($|[^a-zA-Z0-9_:])`).test(target.expr);
}

/** A regex as Grafana's stringToJsRegex reads it: `/…/flags`, else anchored at both ends; undefined when it does not compile. */
function grafanaRegex(pattern: string): RegExp | undefined {
  if (pattern === '') return undefined;
  try {
    if (!pattern.startsWith('/')) return new RegExp(`^${pattern}$`);
    const m = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(pattern);
    return m ? new RegExp(m[1]!, m[2]!.replace('g', '')) : undefined;
  } catch {
    return undefined;
  }
}

function matcherWords(match: FieldMatcher): string {
  return 'name' in match ? `name ${match.name}` : 'regex' in match ? `regex ${match.regex}` : `query ${match.query}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
