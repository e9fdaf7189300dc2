import type { Panel, PanelOptions, Target } from './panels.js';
import { captureSource } from './source.js';
import { seeQueries } from './expressions-seen.js';

/**
 * The escape hatch for what the panel helpers lack: a panel built with the Grafana Foundation SDK in
 * the definitions (`sdkPanel(new xychart.PanelBuilder().title('…').withTarget(…))`), or the SDK's
 * panel JSON itself. Its plugin `type`, `options`, `fieldConfig` and `transformations` are kept as the
 * SDK built them (typed by the SDK where they were written); its title, description and Prometheus
 * queries become the panel's, so the queries are checked like any other and the layout stays automatic.
 * Only src/compile/grafana/ imports the SDK: this is the shape of its `dashboard.Panel` that we read,
 * mirrored (every SDK panel builder and every SDK panel object fits it).
 */
export interface GrafanaPanelJson {
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly options?: unknown;
  readonly fieldConfig?: unknown;
  readonly transformations?: readonly unknown[];
  /** Queries; the Prometheus ones (`expr`, `refId`, `legendFormat`, `instant`, `format`, `exemplar`) are read. */
  readonly targets?: readonly unknown[];
}

/** Anything that builds one: every SDK panel builder. */
export interface GrafanaPanelBuilder {
  build(): GrafanaPanelJson;
}

/** What the SDK decides, kept as it built it. */
export interface SdkPlugin {
  readonly type: string;
  readonly options?: unknown;
  readonly fieldConfig?: unknown;
  readonly transformations?: readonly unknown[];
}

const FORMATS = ['time_series', 'table', 'heatmap'] as const;

type PromQuery = { refId?: string; expr?: string; legendFormat?: string; instant?: boolean; format?: string; exemplar?: boolean };

/** The targets, told to the loader process (src/api/expressions-seen.ts). */
function seen(targets: Target[]): Target[] {
  seeQueries(targets);
  return targets;
}

function target(query: unknown): Target {
  const t = (typeof query === 'object' && query !== null ? query : {}) as PromQuery;
  const format = FORMATS.find((f) => f === t.format);
  return {
    expr: t.expr ?? '',
    ...(t.refId !== undefined ? { refId: t.refId } : {}),
    ...(t.legendFormat !== undefined ? { legendFormat: t.legendFormat } : {}),
    ...(t.instant !== undefined ? { instant: t.instant } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(t.exemplar === true ? { exemplar: true } : {}),
  };
}

/**
 * A panel from the SDK: `layout` places it (and may give the title the SDK panel lacks) and sets
 * what a panel says outside its plugin: its own time range, no background, header links, repeat.
 */
export function sdkPanel(
  panel: GrafanaPanelBuilder | GrafanaPanelJson,
  layout: Partial<Pick<PanelOptions, 'title' | 'width' | 'height' | 'gridPos' | 'timeFrom' | 'transparent' | 'links' | 'repeat' | 'ignore'>> = {},
): Panel {
  const json = 'build' in panel && typeof panel.build === 'function' ? panel.build() : (panel as GrafanaPanelJson);
  const plugin: SdkPlugin = {
    type: json.type,
    ...(json.options !== undefined ? { options: json.options } : {}),
    ...(json.fieldConfig !== undefined ? { fieldConfig: json.fieldConfig } : {}),
    ...(json.transformations !== undefined ? { transformations: json.transformations } : {}),
  };
  return {
    kind: 'panel',
    type: 'sdk',
    ...layout,
    title: layout.title ?? json.title ?? '',
    ...(json.description !== undefined ? { description: json.description } : {}),
    targets: seen((json.targets ?? []).map(target)),
    plugin,
    source: captureSource(),
  };
}
