import type { AnalyzedExpression, Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels, type PanelModel, type TargetModel } from '../model/dashboard.js';
import { panelUnits, unitTakes, type PanelUnit } from '../model/panel-units.js';
import { bucketBound, queryUnit, type QueryUnit, type RecordedParse } from './dashboard-query-unit.js';
import { recordExpressions } from './rules-select.js';
import type { RecordModel } from '../model/types.js';
import { targetExpressionOf } from './expression-at.js';
import { flatRoot } from '../promql/parse.js';
import { countedUnit, MILLISECONDS_UNITS, PER_MINUTE_UNITS, SECONDS_UNITS, UNIT_SIZES, unitFamily, unitOfSize, sameSize, type UnitBase, type UnitFamily } from './grafana-units.js';

/** What a value of each kind is, in a message; undefined for kinds no unit can contradict. */
function valueNoun(value: QueryUnit): string | undefined {
  if (value.scale !== undefined) return scaledNoun(value);
  if (value.perSecond) {
    return { bytes: 'bytes per second', count: 'counts per second', none: 'a rate per second of a series without a unit' }[value.unit as string];
  }
  switch (value.unit) {
    case 'seconds': case 'milliseconds': case 'bytes': return value.unit;
    case 'ratio': return value.busy ? 'seconds per second, a ratio (0.5 is half of each second, above 1 when several run at once)' : 'a ratio between 0 and 1';
    case 'percent': return 'percentages (0 to 100)';
    case 'count': return 'counts';
    default: return undefined;
  }
}

/**
 * A value scaled by a factor a unit may name, in base units and the size of one of its values:
 * `8 * rate(x_bytes_total[5m])` is bytes per second of size 1/8 (bits per second), `x_bytes / 1024`
 * bytes of size 1024 (KiB), `x_seconds / 60` seconds of size 60 (minutes), a ratio × 1000 a ratio
 * of size 1/1000. Undefined for values of no such base (counts per minute), and for unscaled ones.
 */
function scaledSize(value: QueryUnit): { base: UnitBase; size: number } | undefined {
  if (value.scale === undefined) return undefined;
  const unscaled: Partial<Record<QueryUnit['unit'], [UnitBase, number]>> = value.perSecond
    ? { bytes: ['bytes per second', 1] }
    : { seconds: ['seconds', 1], milliseconds: ['seconds', 1e-3], bytes: ['bytes', 1], ratio: ['ratio', 1], percent: ['ratio', 0.01] };
  const found = unscaled[value.unit];
  return found && { base: found[0], size: found[1] / value.scale };
}

/**
 * Whether a value's factor is one a unit is known for: some Grafana unit of its base has its size
 * (8 bits a byte, 1024 bytes a KiB, 60 seconds a minute, 100 percent, …), milliseconds per second
 * (seconds per second × 1000), counts per second × 60 (per minute). Any other factor (`× 7`, bytes
 * per second × 3600, an amount per hour) says something no unit tells: the value is not judged.
 */
function factorKnown(value: QueryUnit): boolean {
  if (value.scale === undefined) return true;
  if (value.unit === 'count') return value.perSecond && value.scale === 60;
  if (value.busy) return value.scale === 1000;
  const size = scaledSize(value);
  return size !== undefined && (unitOfSize(size.base, size.size) !== undefined || sizeFactor(value.scale));
}

/**
 * Whether a factor is made of the factors of size prefixes alone (8 bits a byte, powers of 1024 and
 * of 10): `100 * part / whole * 100` is a percentage 100 times too large whatever it was meant to
 * be. A factor with another in it (7, or 3600 on a rate: an amount per hour) is not.
 */
function sizeFactor(scale: number): boolean {
  for (let eights = -2; eights <= 2; eights++) {
    for (let kibis = -5; kibis <= 5; kibis++) {
      const rest = Math.log10(scale / (8 ** eights * 1024 ** kibis));
      if (Math.abs(rest - Math.round(rest)) < 1e-9 && Math.abs(rest) <= 18) return true;
    }
  }
  return false;
}

/** Names of sizes a reader knows, by base, for messages ("bytes / 1024 (kibibytes)"). */
const SIZE_NAMES: Record<UnitBase, ReadonlyArray<[number, string]>> = {
  'seconds': [[1e-9, 'nanoseconds'], [1e-6, 'microseconds'], [1e-3, 'milliseconds'], [0.01, 'hundredths of a second'], [60, 'minutes'], [3600, 'hours'], [86400, 'days']],
  'bytes': [[1 / 8, 'bits'], [1e3, 'kilobytes'], [1024, 'kibibytes'], [1e6, 'megabytes'], [1024 ** 2, 'mebibytes'], [1e9, 'gigabytes'], [1024 ** 3, 'gibibytes'], [1e12, 'terabytes'], [1024 ** 4, 'tebibytes']],
  'bytes per second': [[1 / 8, 'bits per second'], [1e3, 'kilobytes per second'], [125, 'kilobits per second'], [1024, 'kibibytes per second'], [128, 'kibibits per second'],
    [1e6, 'megabytes per second'], [1e6 / 8, 'megabits per second'], [1024 ** 2, 'mebibytes per second'], [1e9, 'gigabytes per second'], [1e9 / 8, 'gigabits per second']],
  'ratio': [[0.01, 'percentages (0 to 100)'], [1e-3, 'parts per thousand'], [1e-6, 'parts per million']],
};

/** A scaled value in words: what it is unscaled, the factor, and the name of its size where it has one. */
function scaledNoun(value: QueryUnit): string {
  const unscaled = valueNoun({ unit: value.unit, perSecond: value.perSecond, ...(value.busy ? { busy: true } : {}) }) ?? 'values';
  const scale = value.scale!;
  const factor = scale >= 1 ? `× ${scale}` : `/ ${Number((1 / scale).toPrecision(12))}`;
  const size = scaledSize(value);
  const name = value.unit === 'count' && value.perSecond && scale === 60
    ? 'counts per minute'
    : value.busy && scale === 1000 ? 'milliseconds per second' : size && SIZE_NAMES[size.base].find(([s]) => sameSize(s, size.size))?.[1];
  // A busy ratio's words are long: its short name says enough.
  const base = value.busy ? 'seconds per second' : unscaled;
  return `${base} ${factor}${name ? ` (${name})` : ''}`;
}

/** The unit that fits each value kind valueNoun names. */
function fittingUnit(value: QueryUnit): string {
  if (value.scale !== undefined) {
    if (value.unit === 'count') return countedUnit(value.counts, true);
    const size = scaledSize(value);
    return (size && unitOfSize(size.base, size.size)) ?? 'short';
  }
  if (value.unit === 'count' && value.perSecond) return countedUnit(value.counts, false);
  if (value.perSecond) return { bytes: 'Bps' }[value.unit as string] ?? 'short';
  return { seconds: 's', milliseconds: 'ms', bytes: 'bytes', ratio: 'percentunit', percent: 'percent' }[value.unit as string] ?? 'short';
}

/**
 * Families no count fits: a count of events is no duration, date, size or share, and no data
 * rate per second either. Units of events (per second or per minute: an increase over a minute is
 * per minute) and of other quantities (`hertz`) may say what is counted.
 */
const NOT_COUNTS: ReadonlySet<UnitFamily> = new Set(['time', 'date', 'data', 'data rate', 'share']);
/** Families no rate per second of anything fits: a duration, a date, a size. */
const NOT_RATES: ReadonlySet<UnitFamily> = new Set(['time', 'date', 'data']);

/** Whether the unit tells the truth about the value: the units of its own kind, and those without a dimension. */
function fits(value: QueryUnit, unit: string): boolean {
  const family = unitFamily(unit);
  if (family === undefined) return true;
  if (value.scale !== undefined) {
    // Counts per second × 60: per minute, in no unit of another family nor of events per second.
    if (value.unit === 'count') return !NOT_COUNTS.has(family) && (family !== 'event rate' || PER_MINUTE_UNITS.has(unit));
    const size = scaledSize(value);
    if (!size) return true;
    const own = UNIT_SIZES.get(unit);
    if (own?.base === size.base) return sameSize(own.size, size.size);
    // Milliseconds since 1970 are what Grafana's date units read (`x_seconds * 1000`).
    return family === 'date' && size.base === 'seconds' && sameSize(size.size, 1e-3);
  }
  if (value.perSecond) {
    switch (value.unit) {
      case 'bytes': return unit === 'Bps' || unit === 'binBps';
      // Counts per second: in a unit of events per second (not per minute), or of another quantity (hertz).
      case 'count': return !NOT_COUNTS.has(family) && !PER_MINUTE_UNITS.has(unit);
      // Per second of a unit not known: it may be bytes (a data rate) or seconds (a share), never a size or a duration.
      case 'none': return !NOT_RATES.has(family);
      default: return true;
    }
  }
  switch (value.unit) {
    case 'seconds': return SECONDS_UNITS.has(unit);
    // Milliseconds since 1970 are what Grafana's date units read (`process_start_time_seconds * 1000`).
    case 'milliseconds': return MILLISECONDS_UNITS.has(unit) || unitFamily(unit) === 'date';
    case 'bytes': return unit === 'bytes' || unit === 'decbytes';
    case 'ratio': return unit === 'percentunit';
    case 'percent': return unit === 'percent' || unit === 'humidity';
    case 'count': return !NOT_COUNTS.has(family);
    default: return true;
  }
}

/** What a unit of each family shows a value as, in a message. */
const FAMILY_READS: Record<UnitFamily, string> = {
  'time': 'shows them as a duration',
  'date': 'reads them as a date, in milliseconds since 1970',
  'data': 'shows them as a data size',
  'data rate': 'shows them as a data rate',
  'event rate': 'shows them as a rate of events',
  'share': 'shows them as a share',
  'other': 'shows them as another quantity',
};

/**
 * Why showing a value of this kind with this Grafana unit lies, and the unit to use; undefined
 * when it does not. A unit of the value's own family but another scale (ms for seconds, percent for
 * a ratio, kbytes for bytes) says by how much it is off; a unit of another family (bytes for
 * seconds, a duration for a ratio) says what it shows instead.
 */
function mismatch(value: QueryUnit, unit: string, what = 'its values'): { why: string; use: string } | undefined {
  if (!factorKnown(value)) return undefined;
  const noun = valueNoun(value);
  if (noun === undefined || fits(value, unit)) return undefined;
  const use = fittingUnit(value);
  const family = unitFamily(unit)!;
  const size = scaledSize(value);
  const own = UNIT_SIZES.get(unit);
  if (size && own?.base === size.base) {
    // Grafana shows a value v as v of its unit: off by the ratio of the two sizes.
    const off = own.size / size.size;
    const times = Number((off >= 1 ? off : 1 / off).toPrecision(6));
    return { why: `${what} are ${noun}, and unit "${unit}" reads them on another scale: they show ${times} times too ${off >= 1 ? 'large' : 'small'}`, use };
  }
  if (value.scale !== undefined && value.unit === 'count' && family === 'event rate') {
    return { why: `${what} are ${noun}, and unit "${unit}" reads them per second (60 per minute would show as 60 per second)`, use };
  }
  const timeValue = !value.perSecond && (value.unit === 'seconds' || value.unit === 'milliseconds');
  if (timeValue && family === 'time') {
    const example = value.unit === 'seconds' ? '0.25 s' : '250 ms';
    return { why: `${what} are ${noun}, and unit "${unit}" reads them as another time unit (${example} would show as ${example.split(' ')[0]} ${unit})`, use };
  }
  if (value.unit === 'count' && value.perSecond && PER_MINUTE_UNITS.has(unit)) {
    return { why: `${what} are ${noun}, and unit "${unit}" reads them per minute (1 per second would show as 1 per minute)`, use };
  }
  if (value.unit === 'ratio' && unit === 'percent') {
    return { why: `${what} are ${noun}, and unit "percent" expects 0 to 100 (5% would show as 0.05%)`, use };
  }
  if (value.unit === 'percent' && unit === 'percentunit') {
    return { why: `${what} are ${noun}, and unit "percentunit" expects 0 to 1 (5% would show as 500%)`, use };
  }
  if (value.unit === 'bytes' && (family === 'data' || family === 'data rate') && (family === 'data rate') === value.perSecond) {
    return { why: `${what} are ${noun}, and unit "${unit}" reads them in another size unit (1024 ${noun} would show as 1024 ${unit})`, use };
  }
  if (family === 'share' && (value.unit === 'ratio' || value.unit === 'percent')) {
    return { why: `${what} are ${noun}, and unit "${unit}" reads them on another scale`, use };
  }
  return { why: `${what} are ${noun}, and unit "${unit}" ${FAMILY_READS[family]}`, use };
}

/** Every value `queryUnit` may give (a Record, so that the compiler insists on each kind), with and without per second. */
const VALUE_UNITS: QueryUnit[] = (Object.keys({ seconds: 1, milliseconds: 1, bytes: 1, ratio: 1, percent: 1, count: 1, none: 1 } satisfies Record<QueryUnit['unit'], 1>) as Array<QueryUnit['unit']>)
  .flatMap((unit) => [{ unit, perSecond: false }, { unit, perSecond: true }]);

/** Whether some value could mismatch the unit: for units without a dimension (`short`, `none`) none can, and the queries need no reading. */
function canMismatch(unit: string): boolean {
  return VALUE_UNITS.some((value) => mismatch(value, unit) !== undefined);
}

/**
 * The unit a query's values are shown in: Grafana applies the defaults, then the overrides in
 * order, and the last that takes the query wins. Undefined when none does, or when an override
 * after the last that surely takes it may take it too (by a name its legend may render): which
 * unit shows it is not known then.
 */
function unitOf(units: readonly PanelUnit[], target: TargetModel, panel: PanelModel): PanelUnit | undefined {
  for (const unit of [...units].reverse()) {
    const takes = unitTakes(unit.appliesTo, target, panel);
    if (takes === undefined) return undefined;
    if (takes) return unit;
  }
  return undefined;
}

/** Grafana's reducers whose result is a count, whatever the values counted (fieldReducer.ts: getFieldTypeForReducer). */
const COUNT_REDUCERS = new Set(['count', 'distinctCount', 'changeCount', 'countAll']);
/** Panels that reduce each series to values (reduceOptions.calcs): stat, gauge, bar gauge, pie chart. */
const REDUCING_PANELS = new Set(['stat', 'gauge', 'bargauge', 'piechart']);

/**
 * The count reducer a single-value panel shows its series through, if any: Grafana shows the
 * result of each calculation with the field's unit (packages/grafana-data/src/field/fieldDisplay.ts,
 * getFieldDisplayValues: `display(results[calc])`, grafana/grafana), so a count of values is shown
 * in a unit meant for the values. Undefined when the panel shows all values (`values: true`).
 */
function countReducer(panel: PanelModel): string | undefined {
  if (REDUCING_PANELS.has(panel.type) && panel.reduce !== undefined && COUNT_REDUCERS.has(panel.reduce)) return panel.reduce;
  if (panel.type !== 'sdk' || !REDUCING_PANELS.has(panel.plugin?.type ?? '')) return undefined;
  const reduceOptions = record(record(panel.plugin?.options)?.['reduceOptions']);
  const calcs = reduceOptions?.['calcs'];
  if (reduceOptions?.['values'] === true || !Array.isArray(calcs)) return undefined;
  return calcs.find((c): c is string => typeof c === 'string' && COUNT_REDUCERS.has(c));
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The limits (min, max) and absolute thresholds a panel sets for the values under its own unit,
 * where written: the helpers' fields, or an SDK panel's fieldConfig.defaults. Thresholds in
 * percentage mode are shares of the min–max range, not values: left out.
 */
function panelScaleValues(panel: PanelModel): Array<{ what: string; value: number; field: string[] }> {
  const found: Array<{ what: string; value: number; field: string[] }> = [];
  const add = (what: string, value: unknown, field: string[]) => {
    if (typeof value === 'number' && Number.isFinite(value)) found.push({ what, value, field });
  };
  add('min', panel.min, ['min']);
  add('max', panel.max, ['max']);
  if (panel.thresholdsMode !== 'percentage') panel.thresholds?.forEach((t, i) => add(`thresholds[${i}]`, t.value, [`thresholds[${i}]`, 'value']));
  const defaults = record(record(panel.plugin?.fieldConfig)?.['defaults']);
  if (defaults) {
    add('min', defaults['min'], ['plugin', 'fieldConfig', 'defaults', 'min']);
    add('max', defaults['max'], ['plugin', 'fieldConfig', 'defaults', 'max']);
    const thresholds = record(defaults['thresholds']);
    const steps = thresholds?.['steps'];
    if (thresholds?.['mode'] !== 'percentage' && Array.isArray(steps)) {
      steps.forEach((step: unknown, i) => add(`thresholds.steps[${i}]`, record(step)?.['value'], ['plugin', 'fieldConfig', 'defaults', 'thresholds', `steps[${i}]`, 'value']));
    }
  }
  return found;
}

export const dashboardUnitMismatch: Check = {
  id: 'dashboard/unit-mismatch',
  severity: 'error',
  description: "A panel's unit agrees with what its queries measure according to the catalogue (seconds vs ms, ratio vs percent, a duration shown as bytes, a rate of requests shown as bytes or seconds).",
  run(context, report) {
    const { model, catalogue } = context;
    // Recording rules' expressions as the run analysed them (each text parsed once in a run).
    let analysed: Map<RecordModel, AnalyzedExpression> | undefined;
    const recorded: RecordedParse = (rule) => {
      analysed ??= new Map(recordExpressions(context).map(({ record, e }) => [record, e]));
      const e = analysed.get(rule);
      const flat = e ? flatRoot(e.analysis.parsed) : undefined;
      return e && flat ? { tree: flat.tree, root: flat.root, text: e.text } : undefined;
    };
    for (const dashboard of model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        const units = panelUnits(panel);
        if (units.length === 0) continue;
        // A heatmap's unit is its y axis's: the bounds (le) of the buckets, not their counts.
        const heatmap = panel.type === 'heatmap' || panel.plugin?.type === 'heatmap';
        const counted = countReducer(panel);
        // What the values under the panel's own unit are, where each is known (for its limits and thresholds).
        const ownValues: Array<QueryUnit | undefined> = [];
        for (const target of panel.targets) {
          const shown = unitOf(units, target, panel);
          const own = shown?.appliesTo === 'default';
          // Not known which unit shows it: it may be under the panel's own.
          if (!shown) ownValues.push(undefined);
          if (!shown || (!canMismatch(shown.unit) && !own)) continue;
          const e = targetExpressionOf(context, target);
          const flat = e && flatRoot(e.analysis.parsed);
          if (!e || !flat) {
            if (own) ownValues.push(undefined);
            continue;
          }
          const bound = heatmap ? bucketBound(flat.tree, flat.root, e.text, catalogue, recorded) : undefined;
          // A count reducer shows how many values a series has, whatever they measure.
          const value = counted ? { unit: 'count' as const, perSecond: false } : heatmap ? bound && { unit: bound, perSecond: false } : queryUnit(flat.tree, flat.root, e.text, catalogue, recorded);
          if (own) ownValues.push(value);
          if (!canMismatch(shown.unit)) continue;
          const what = counted ? `the panel reduces each series with ${counted}: its values` : heatmap ? "its buckets' bounds (le, the y axis)" : undefined;
          const found = value && mismatch(value, shown.unit, what);
          if (!found) continue;
          report({
            message: `panel ${panel.title}${shown.what}: unit "${shown.unit}" does not fit ${target.path.at(-1)}: ${found.why}`,
            hint: `use unit: '${found.use}'${found.use === 's' || found.use === 'ms' ? ', or scale the query' : value?.scale !== undefined && found.use === 'short' ? `, or drop the factor ${value.scale >= 1 ? value.scale : `1/${Number((1 / value.scale).toPrecision(12))}`}${value.busy ? " and use 'percentunit'" : ''}` : ''}`,
            ...locatedAt(panel, ...shown.field),
            excerpt: { text: target.expr, from: 0, to: target.expr.length },
          });
        }
        reportScale(panel, units, ownValues, counted, report);
      }
    }
  },
};

/**
 * Limits and thresholds of a `percentunit` panel written on the scale of 0 to 100: `max: 100` is
 * 10000%. Reported for 100 whatever the values, and for any number above 1 where every value under
 * the panel's unit is known to be a ratio between 0 and 1 (not seconds per second, which pass 1).
 */
function reportScale(panel: PanelModel, units: readonly PanelUnit[], values: ReadonlyArray<QueryUnit | undefined>, counted: string | undefined, report: Parameters<Check['run']>[1]): void {
  const own = [...units].reverse().find((u) => u.appliesTo === 'default');
  if (own?.unit !== 'percentunit' || counted) return;
  const ratios = values.length > 0 && values.every((v) => v?.unit === 'ratio' && !v.perSecond && !v.busy && v.scale === undefined);
  for (const { what, value, field } of panelScaleValues(panel)) {
    if (!(value === 100 || (ratios && value > 1 && value <= 100))) continue;
    report({
      message: `panel ${panel.title}: ${what} ${value} is on the scale of 0 to 100, but unit "percentunit" reads 0 to 1 (${value} is ${value * 100}%)${ratios ? ': its values are a ratio between 0 and 1' : ''}`,
      hint: `write ${what}: ${Number((value / 100).toPrecision(12))}`,
      ...locatedAt(panel, ...field),
    });
  }
}
