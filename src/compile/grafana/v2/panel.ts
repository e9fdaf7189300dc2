// Model panels → V2 panel elements. The visualisation (plugin, options, field config) and the
// queries are those the classic panel builder makes for the same panel, so both schemas show the
// same thing; only the envelope differs (VizConfig, QueryGroup, DataLink).
import * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { LinkModel, PanelModel } from '../../../model/dashboard.js';
import { panelBuilder } from '../panels.js';
import { panelLinkUrl } from '../links.js';
import { panelQuery } from './query.js';

/** A panel header link: V2's are a title, a URL (carrying time range and variables, ../links.ts) and a target. */
export function panelLink(link: LinkModel): dashboardv2.DataLinkBuilder {
  return new dashboardv2.DataLinkBuilder().title(link.title).url(panelLinkUrl(link)).targetBlank('targetBlank' in link ? (link.targetBlank ?? false) : false);
}

/** The classic panel's field config, as V2 carries it (the same JSON: the SDK's two schemas type it apart). */
function fieldConfigOf(built: dashboard.Panel): dashboardv2.FieldConfigSource {
  return (built.fieldConfig ?? { defaults: {}, overrides: [] }) as unknown as dashboardv2.FieldConfigSource;
}

export function panelKind(panel: PanelModel): dashboardv2.PanelBuilder {
  const built = panelBuilder(panel).build();
  const data = new dashboardv2.QueryGroupBuilder();
  for (const t of built.targets ?? []) data.target(panelQuery({ ...t }));
  for (const x of built.transformations ?? []) {
    const t = new dashboardv2.TransformationBuilder().group(x.id).options(x.options ?? {});
    if (x.disabled !== undefined) t.disabled(x.disabled);
    data.transformation(t);
  }
  if (panel.timeFrom !== undefined) data.queryOptions(new dashboardv2.QueryOptionsSpecBuilder().timeFrom(panel.timeFrom));
  const viz = new dashboardv2.VizConfigKindBuilder().group(built.type).options(built.options ?? {}).fieldConfig(fieldConfigOf(built));
  const b = new dashboardv2.PanelBuilder().id(panel.id).title(panel.title).data(data).visualization(viz);
  if (panel.description !== undefined) b.description(panel.description);
  if (panel.transparent) b.transparent(true);
  if (panel.links.length > 0) b.links(panel.links.map(panelLink));
  return b;
}
