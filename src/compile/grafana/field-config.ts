// Model field settings → Grafana's field config: thresholds, value mappings, overrides, transformations.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { FieldOverride, ThresholdStep, Transformation, ValueMapping } from '../../model/dashboard.js';

export function thresholdsConfig(
  thresholds: readonly ThresholdStep[] | undefined,
  mode: 'absolute' | 'percentage' | undefined,
): dashboard.ThresholdsConfigBuilder | undefined {
  if (!thresholds || thresholds.length === 0) return undefined;
  const steps = thresholds.map((s) => ({ value: s.value ?? null, color: s.color }));
  // Grafana wants a base step (value null) first.
  if (steps[0]!.value !== null) steps.unshift({ value: null, color: 'green' });
  return new dashboard.ThresholdsConfigBuilder()
    .mode(mode === 'percentage' ? dashboard.ThresholdsMode.Percentage : dashboard.ThresholdsMode.Absolute)
    .steps(steps);
}

const SPECIAL: Record<Extract<ValueMapping, { special: unknown }>['special'], dashboard.SpecialValueMatch> = {
  null: dashboard.SpecialValueMatch.Null,
  nan: dashboard.SpecialValueMatch.NotANumber,
  'null+nan': dashboard.SpecialValueMatch.NullAndNan,
  true: dashboard.SpecialValueMatch.True,
  false: dashboard.SpecialValueMatch.False,
  empty: dashboard.SpecialValueMatch.Empty,
};

/** One mapping; `index` keeps Grafana's order (the order of the definition). */
export function valueMapping(m: ValueMapping, index: number): dashboard.ValueMapping {
  const result = { text: m.text, ...(m.color !== undefined ? { color: m.color } : {}), index };
  if ('value' in m) return { type: dashboard.MappingType.ValueToText, options: { [String(m.value)]: result } };
  if ('regex' in m) return { type: dashboard.MappingType.RegexToText, options: { pattern: m.regex, result } };
  if ('special' in m) return { type: dashboard.MappingType.SpecialValue, options: { match: SPECIAL[m.special], result } };
  return { type: dashboard.MappingType.RangeToText, options: { from: m.from ?? null, to: m.to ?? null, result } };
}

/** An override: Grafana's matcher (byName, byRegexp, byFrameRefID) and one property per setting given. */
export function fieldOverride(o: FieldOverride): { matcher: dashboard.MatcherConfig; properties: dashboard.DynamicConfigValue[] } {
  const matcher =
    'name' in o.match
      ? { id: 'byName', options: o.match.name }
      : 'regex' in o.match
        ? { id: 'byRegexp', options: o.match.regex }
        : { id: 'byFrameRefID', options: o.match.query };
  const properties: dashboard.DynamicConfigValue[] = [];
  if (o.displayName !== undefined) properties.push({ id: 'displayName', value: o.displayName });
  if (o.unit !== undefined) properties.push({ id: 'unit', value: o.unit });
  if (o.decimals !== undefined) properties.push({ id: 'decimals', value: o.decimals });
  if (o.min !== undefined) properties.push({ id: 'min', value: o.min });
  if (o.max !== undefined) properties.push({ id: 'max', value: o.max });
  if (o.color !== undefined) properties.push({ id: 'color', value: { mode: 'fixed', fixedColor: o.color } });
  if (o.mappings?.length) properties.push({ id: 'mappings', value: o.mappings.map(valueMapping) });
  for (const [key, value] of Object.entries(o.custom ?? {})) properties.push({ id: `custom.${key}`, value });
  return { matcher, properties };
}

export function transformation(t: Transformation): dashboard.DataTransformerConfig {
  switch (t.type) {
    case 'merge':
      return { id: 'merge', options: {} };
    case 'filterByName':
      return {
        id: 'filterFieldsByName',
        options: { include: { ...(t.names ? { names: [...t.names] } : {}), ...(t.pattern !== undefined ? { pattern: t.pattern } : {}) } },
      };
    case 'organize':
      return {
        id: 'organize',
        options: {
          excludeByName: Object.fromEntries((t.exclude ?? []).map((n) => [n, true])),
          indexByName: Object.fromEntries((t.order ?? []).map((n, i) => [n, i])),
          renameByName: { ...(t.rename ?? {}) },
        },
      };
  }
}
