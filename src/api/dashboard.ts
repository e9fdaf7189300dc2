import type { SourceRef } from '../diagnostic.js';
import type { AnyMetric } from './metrics.js';
import type { Panel, Row } from './panels.js';
import { captureSource } from './source.js';
import { labelSetSeries } from './metric-series.js';
import type { Ignore } from './lint.js';

/** A link in the dashboard's header: to a URL, or to the dashboards that carry some tags. */
export type DashboardLink =
  | { title: string; url: string; tooltip?: string; targetBlank?: boolean }
  | { title: string; tags: readonly string[]; asDropdown?: boolean };

export interface VariableOptions {
  /** Variable name, used as `$name` in queries (e.g. `job`, `instance`). */
  name: string;
  /** Label whose values the variable lists (default: the variable's name). */
  label?: string;
  /** Restrict the values to the series of this catalogue metric (recommended; default: all series). */
  metric?: AnyMetric;
  /** Text shown next to the drop-down (default: the name). */
  title?: string;
  /** Several values at once (default true); queries then match with `=~"$name"`. */
  multi?: boolean;
  /** An "All" entry, matching `.*` (default true). */
  includeAll?: boolean;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

/** A template variable listing the values of one label (`label_values(metric, label)`). */
export interface Variable {
  readonly kind: 'variable';
  readonly name: string;
  readonly label: string;
  readonly metric?: string;
  readonly title?: string;
  readonly multi?: boolean;
  readonly includeAll?: boolean;
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

export interface DashboardOptions {
  title: string;
  /** Stable identifier (URLs, provisioning). Default: derived from the title (slug, at most 40 characters). */
  uid?: string;
  tags?: readonly string[];
  description?: string;
  /** Default time range (default `now-6h` to `now`). */
  time?: { from: string; to: string };
  /** Auto-refresh interval, e.g. `30s` (default `1m`; `''` turns it off). */
  refresh?: string;
  links?: readonly DashboardLink[];
  /** Label-value variables, shown after the `datasource` variable every dashboard has. */
  variables?: readonly Variable[];
  /** Panels and rows, in reading order; laid out automatically unless a panel gives `gridPos`. */
  panels: ReadonlyArray<Panel | Row>;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Dashboard extends Readonly<DashboardOptions> {
  readonly kind: 'dashboard';
  readonly source?: SourceRef;
}

export function dashboard(options: DashboardOptions): Dashboard {
  return { kind: 'dashboard', ...options, source: captureSource() };
}

/** `labelVariable({ name: 'job', metric: requests })` → a `$job` drop-down of the job label's values. */
export function labelVariable(options: VariableOptions): Variable {
  const { metric, label, ...rest } = options;
  return {
    kind: 'variable',
    ...rest,
    label: label ?? options.name,
    ...(metric !== undefined ? { metric: labelSetSeries(metric) } : {}),
    source: captureSource(),
  };
}
