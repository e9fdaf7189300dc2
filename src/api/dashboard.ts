import type { SourceRef } from '../diagnostic.js';
import type { Panel, Row } from './panels.js';
import { captureSource } from './source.js';
import { seeQueries } from './expressions-seen.js';
import type { Variable } from './variables.js';
import type { Link } from './panel-options.js';
import type { Annotation } from './annotations.js';
import type { Ignore } from './lint.js';

/** A link in the dashboard's header: to a URL, to a dashboard (`linkTo(d)`), or to the dashboards that carry some tags. */
export type DashboardLink = Link | { title: string; tags: readonly string[]; asDropdown?: boolean };

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
  /** Variables, shown in this order after the `datasource` variable every dashboard has. */
  variables?: readonly Variable[];
  /** Panels and rows, in reading order; laid out automatically unless a panel gives `gridPos`. */
  panels: ReadonlyArray<Panel | Row>;
  /** Events drawn on the time series panels: `alertAnnotations()`, `queryAnnotation({ … })`. */
  annotations?: readonly Annotation[];
  /** Grafana folder the dashboard is provisioned in, in every output (default: `grafana.folder`, whose default is the project's name). */
  folder?: string;
  /** What panels share when the pointer moves over one: nothing, a crosshair (default), or the tooltip. */
  graphTooltip?: 'none' | 'crosshair' | 'tooltip';
  /** Whether the UI offers editing (default true; provisioned dashboards do not keep UI changes anyway). */
  editable?: boolean;
  /** Time zone of the time axis (default `browser`; e.g. `utc`, `America/Sao_Paulo`). */
  timezone?: string;
  /** Auto-refresh choices in the time picker, e.g. `['30s', '1m', '5m']` (default Grafana's). */
  refreshIntervals?: readonly string[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Dashboard extends Readonly<DashboardOptions> {
  readonly kind: 'dashboard';
  readonly source?: SourceRef;
}

export function dashboard(options: DashboardOptions): Dashboard {
  const made: Dashboard = { kind: 'dashboard', ...options, source: captureSource() };
  seeQueries(made.annotations);
  return made;
}
