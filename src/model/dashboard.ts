import type { ExpressionRef, Located } from './types.js';
import type { Dashboard, DashboardLink } from '../api/dashboard.js';
import type { AdHocVariable, ConstantVariable, CustomVariable, IntervalVariable, QueryVariable, TextVariable, Variable } from '../api/variables.js';
import type { DatasourceRef, GridPos, Panel, Row, Target } from '../api/panels.js';
import type { Link, Repeat } from '../api/panel-options.js';
import type { Annotation } from '../api/annotations.js';

// The API's plain value types, as the compiler reads them from the model.
export type { ThresholdStep } from '../api/panels.js';
export type { FieldOverride, Transformation, ValueMapping } from '../api/panel-options.js';
import { locatedAt } from './located.js';
import { parseVariableQuery } from './variable-query.js';

// The dashboard model is derived from the API types (src/api/dashboard.ts, src/api/panels.ts):
// a field declared there flows here. The model only says what it resolves: defaults applied,
// layout done, ids given, the definition's own `source`/`ignore` turned into `Located`.

/** `T` with the fields `K` resolved: present and not undefined. */
type Resolved<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]-?: Exclude<T[P], undefined> };
/** The same for a generic `T` (the keys are checked where it is used). */
type ResolvedSome<T, K extends PropertyKey> = Resolved<T, K & keyof T>;

/** What the model drops from a definition: its builder tag and what `Located` carries instead. */
type Definition = 'kind' | 'source' | 'ignore';

/** The `${datasource}` variable every panel and target points at. */
export const DATASOURCE_VARIABLE = 'datasource';
export const VARIABLE_DATASOURCE: DatasourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Whether a data source reference is the variable (`${datasource}` or `$datasource`). */
export function isDatasourceVariable(ref: DatasourceRef): boolean {
  return ref.uid === '${datasource}' || ref.uid === '$datasource';
}

/** A query; `datasource` only when the user set one explicitly (checked by dashboard/datasource-variable). */
export type TargetModel = Resolved<Target, 'instant' | 'format'> & Located & { readonly refId: string };

/** A link with its target resolved: a dashboard object becomes `/d/<uid>` (the uid given, or derived from its title). */
export type LinkModel = Exclude<Link, { dashboard: unknown }> &
  Pick<Extract<Link, { dashboard: unknown }>, 'keepTime' | 'includeVars'> & {
    /** The linked dashboard's uid (links to a dashboard object). */
    readonly dashboardUid?: string;
  };

/** A repeat by variable, the variable named (it is one of the dashboard's). */
export type RepeatModel = Omit<Repeat, 'variable'> & { readonly variable: string };

export type PanelModel = Omit<Panel, Definition | 'targets' | 'gridPos' | 'width' | 'height' | 'links' | 'dataLinks' | 'repeat'> &
  Located & {
    readonly kind: 'panel';
    /** Stable within the dashboard: position in reading order, from 1. */
    readonly id: number;
    readonly targets: readonly TargetModel[];
    readonly links: readonly LinkModel[];
    readonly dataLinks: readonly LinkModel[];
    readonly repeat?: RepeatModel;
    readonly gridPos: GridPos;
    /** The user gave gridPos (checked by dashboard/layout-overlap); otherwise it was laid out. */
    readonly explicitGridPos: boolean;
  };

export type RowModel = Resolved<Omit<Row, Definition | 'panels' | 'repeat'>, 'collapsed'> &
  Located & {
    readonly kind: 'row';
    /** The variable the row repeats by. */
    readonly repeat?: string;
    readonly id: number;
    readonly gridPos: GridPos;
    readonly panels: readonly PanelModel[];
  };

/** A variable as the model keeps it: title defaulted to the name, the `type`'s own defaults applied. */
type VariableModelOf<V extends Variable, K extends keyof V = never> = ResolvedSome<Omit<V, Definition>, 'title' | K> & Located;

export type QueryVariableModel = Omit<VariableModelOf<QueryVariable, 'multi' | 'includeAll' | 'sort'>, 'query' | 'selector'> & {
  /** `label_values(selector, label)`, `label_values(label)` or the raw query. */
  readonly query: string;
};
export type CustomVariableModel = Omit<VariableModelOf<CustomVariable, 'multi' | 'includeAll'>, 'values'> & {
  readonly values: ReadonlyArray<{ readonly text: string; readonly value: string }>;
};
export type IntervalVariableModel = VariableModelOf<IntervalVariable>;
export type ConstantVariableModel = VariableModelOf<ConstantVariable>;
export type TextVariableModel = VariableModelOf<TextVariable, 'value'>;
export type AdHocVariableModel = VariableModelOf<AdHocVariable>;
export type VariableModel =
  | QueryVariableModel
  | CustomVariableModel
  | IntervalVariableModel
  | ConstantVariableModel
  | TextVariableModel
  | AdHocVariableModel;

/** Whether a labelVariable was given matchers: its label_values selector has braces (`metric{job=~"$job"}`). */
export function hasLabelVariableMatchers(v: QueryVariableModel): boolean {
  if (v.label === undefined) return false;
  const parsed = parseVariableQuery(v.query);
  return parsed?.kind === 'label_values' && parsed.selector !== undefined && parsed.selector.includes('{');
}

/** Variables whose value may be several values or All: Grafana writes a regex for them. */
export function isMultiValue(v: VariableModel): v is QueryVariableModel | CustomVariableModel {
  return (v.type === 'query' || v.type === 'custom') && (v.multi || v.includeAll);
}

/** A header link: resolved like a panel link, or the dashboards carrying some tags. */
export type DashboardLinkModel = LinkModel | Extract<DashboardLink, { tags: unknown }>;

/** `uid` as given, or derived from the title (checked by dashboard/uid); time, refresh and the lists defaulted. */
/** An annotation query, located at its place in the dashboard's `annotations`. */
export type AnnotationModel = Annotation & Located;

export type DashboardModel = Resolved<
  Omit<Dashboard, Definition | 'panels' | 'variables' | 'links' | 'annotations'>,
  'uid' | 'tags' | 'time' | 'refresh' | 'graphTooltip' | 'editable' | 'timezone'
> &
  Located & {
    readonly variables: readonly VariableModel[];
    readonly links: readonly DashboardLinkModel[];
    readonly annotations: readonly AnnotationModel[];
    /** Top-level panels and rows in reading order (the panels of a row are inside it). */
    readonly items: ReadonlyArray<PanelModel | RowModel>;
  };

/** What the folder of a dashboard depends on: the dashboards, and the Grafana settings' folder. */
type FolderContext = { grafana: { folder: string }; dashboards: readonly DashboardModel[] };

/**
 * The Grafana folder of a dashboard, the one rule of every output (the files profile's folders,
 * the V2 folder resources, the operator's GrafanaFolders, the sidecar's folder annotation): its own
 * `folder`, else the Grafana settings' `folder` (whose default is the project's name).
 */
export function grafanaFolderOf(model: { grafana: { folder: string } }, d: Pick<DashboardModel, 'folder'>): string {
  return d.folder ?? model.grafana.folder;
}

/**
 * The folder a dashboard's file goes in under grafana/dashboards/, when folders are used: once any
 * dashboard names one, Grafana takes the folders from the file structure, so every dashboard gets
 * one (grafanaFolderOf). Otherwise none: the provider puts them all in the settings' folder.
 */
export function dashboardFolder(model: FolderContext, d: DashboardModel): string | undefined {
  if (!model.dashboards.some((x) => x.folder !== undefined)) return undefined;
  return grafanaFolderOf(model, d);
}

/** The dashboard's file under grafana/dashboards/: `<uid>.json`, or `<folder>/<uid>.json`. */
export function dashboardFileName(model: FolderContext, d: DashboardModel): string {
  const folder = dashboardFolder(model, d);
  return folder === undefined ? `${d.uid}.json` : `${folder}/${d.uid}.json`;
}

/** Where the classic dashboard JSON goes in out/, and where the V2 resources go (src/compile/grafana/). */
export const CLASSIC_DASHBOARDS_DIR = 'grafana/dashboards';
export const GRAFANA_RESOURCES_DIR = 'grafana/resources';

/**
 * The dashboard's file in out/, in the schema the Grafana settings choose: the classic JSON
 * (`grafana/dashboards/[<folder>/]<uid>.json`) or the V2 resource (`grafana/resources/dashboards/<uid>.json`).
 */
export function dashboardOutputPath(
  model: { dashboards: readonly DashboardModel[]; grafana: { schema: 'classic' | 'v2'; folder: string } },
  d: DashboardModel,
): string {
  return model.grafana.schema === 'v2' ? `${GRAFANA_RESOURCES_DIR}/dashboards/${d.uid}.json` : `${CLASSIC_DASHBOARDS_DIR}/${dashboardFileName(model, d)}`;
}

/** Every panel of a dashboard, those inside rows included, in reading order. */
export function allPanels(dashboard: DashboardModel): PanelModel[] {
  // A loop, not flatMap (several times slower on Node 20): a dozen checks and the compilers ask.
  const panels: PanelModel[] = [];
  for (const item of dashboard.items) {
    if (item.kind === 'row') for (const panel of item.panels) panels.push(panel);
    else panels.push(item);
  }
  return panels;
}

/** The panel and annotation queries of the dashboards, as expressions for the checks. */
export function dashboardExpressions(dashboards: readonly DashboardModel[]): ExpressionRef[] {
  return dashboards.flatMap((d) => [
    ...allPanels(d).flatMap((panel) =>
      panel.targets.map((t) => ({
        expr: t.expr,
        context: 'panel' as const,
        owner: panel.title,
        // Targets are plain objects inside the panel's definition: their `expr:` there.
        ...locatedAt(t, 'expr'),
      })),
    ),
    // Annotation queries are panel queries too (Grafana substitutes the same variables).
    ...d.annotations.map((a) => ({ expr: a.expr, context: 'panel' as const, owner: `${a.name} (annotation)`, ...locatedAt(a, 'expr') })),
    // So are a query variable's: the selector of label_values(selector, label), the PromQL of
    // query_result(…). labelVariable's selector too when it has matchers (its metric alone, and its
    // label, are dashboard/variable-label's), located at them.
    ...d.variables.flatMap((v) => {
      if (v.type !== 'query') return [];
      const parsed = parseVariableQuery(v.query);
      const expr = parsed?.kind === 'query_result' ? parsed.expr : parsed?.selector;
      if (expr === undefined || (v.label !== undefined && !hasLabelVariableMatchers(v))) return [];
      return [{ expr, context: 'panel' as const, owner: `$${v.name}`, ...locatedAt(v, v.label !== undefined ? 'matchers' : 'query') }];
    }),
  ]);
}
