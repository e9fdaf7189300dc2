import type { Dashboard } from './dashboard.js';
import type { AlertRule } from './rules.js';
import type { Variable } from './variables.js';

/**
 * What a panel says beyond its queries: value mappings, overrides, links, transformations, repeats.
 * Plain data; the compiler turns it into Grafana's field config (src/compile/grafana/).
 */

/** Show a text (and colour) instead of a value: an exact value, a range, a regex, or a special value. */
export type ValueMapping =
  | { readonly value: string | number; readonly text: string; readonly color?: string }
  | { readonly from?: number; readonly to?: number; readonly text: string; readonly color?: string }
  | { readonly regex: string; readonly text: string; readonly color?: string }
  | { readonly special: 'null' | 'nan' | 'null+nan' | 'true' | 'false' | 'empty'; readonly text: string; readonly color?: string };

/** `up`-style 0/1 values as words: `upDownMappings()` → 1 UP (green), 0 DOWN (red); other words for other languages. */
export function upDownMappings(words: { up: string; down: string } = { up: 'UP', down: 'DOWN' }): ValueMapping[] {
  return [
    { value: 1, text: words.up, color: 'green' },
    { value: 0, text: words.down, color: 'red' },
  ];
}

/** Which series or fields an override applies to: by display name, by a regex on it, or by query (refId). */
export type FieldMatcher = { readonly name: string } | { readonly regex: string } | { readonly query: string };

/** Field settings an override changes. */
export interface FieldSettings {
  readonly unit?: string;
  readonly displayName?: string;
  /** A fixed colour for the matched series. */
  readonly color?: string;
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
  readonly mappings?: readonly ValueMapping[];
  /** Visualisation-specific settings, by Grafana's name: `{ fillOpacity: 0, axisPlacement: 'right' }` → `custom.fillOpacity`, … */
  readonly custom?: Readonly<Record<string, string | number | boolean>>;
}

export interface FieldOverride extends FieldSettings {
  readonly match: FieldMatcher;
}

/** A dashboard a link points at: the dashboard object itself (its uid, given or derived, is resolved for you). */
export interface DashboardTarget {
  readonly title: string;
  readonly uid?: string;
}

/**
 * A link: to a URL, or to another dashboard of the project (`linkTo(performance)`: typed, it follows
 * a renamed title or uid). Used as panel links (header), data links (on values) and dashboard links.
 */
export type Link =
  | { readonly title: string; readonly url: string; readonly tooltip?: string; readonly targetBlank?: boolean }
  | {
      readonly title: string;
      readonly dashboard: DashboardTarget;
      readonly tooltip?: string;
      /** Carry the current time range and variables over (default true). */
      readonly keepTime?: boolean;
      readonly includeVars?: boolean;
    };

/** A link to a dashboard object; its title by default. */
export function linkTo(target: Dashboard, options: { title?: string; tooltip?: string; keepTime?: boolean; includeVars?: boolean } = {}): Link {
  return {
    title: options.title ?? target.title,
    dashboard: { title: target.title, ...(target.uid !== undefined ? { uid: target.uid } : {}) },
    ...(options.tooltip !== undefined ? { tooltip: options.tooltip } : {}),
    ...(options.keepTime !== undefined ? { keepTime: options.keepTime } : {}),
    ...(options.includeVars !== undefined ? { includeVars: options.includeVars } : {}),
  };
}

/** The alert's runbook (its `runbook_url` annotation), for the panels that show what the alert watches. */
export function runbookLink(rule: AlertRule, title = `Runbook: ${rule.name}`): Link {
  return { title, url: rule.annotations.runbook_url ?? '', targetBlank: true };
}

/** Grafana transformations, in order: merge the queries' tables, keep or drop fields by name, rename and reorder. */
export type Transformation =
  | { readonly type: 'merge' }
  | { readonly type: 'filterByName'; readonly names?: readonly string[]; readonly pattern?: string }
  | {
      readonly type: 'organize';
      readonly exclude?: readonly string[];
      readonly rename?: Readonly<Record<string, string>>;
      /** Field order, by name. */
      readonly order?: readonly string[];
    };

/** One copy of the panel (or row) per selected value of a variable. */
export interface Repeat {
  readonly variable: Variable;
  /** Panels only: side by side (default) or one below the other. */
  readonly direction?: 'horizontal' | 'vertical';
  /** Panels only, side by side: at most this many in a line. */
  readonly maxPerRow?: number;
}
