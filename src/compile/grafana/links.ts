// Model links → Grafana links (dashboard header, panel header and data links share the SDK's link type).
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardLinkModel } from '../../model/dashboard.js';

/** Time range and variables are carried over unless the definition says not to. */
export function linkBuilder(l: DashboardLinkModel): dashboard.DashboardLinkBuilder {
  const b = new dashboard.DashboardLinkBuilder(l.title);
  if ('tags' in l) return b.includeVars(true).keepTime(true).type(dashboard.DashboardLinkType.Dashboards).tags([...l.tags]).asDropdown(l.asDropdown ?? false);
  b.includeVars(l.includeVars ?? true).keepTime(l.keepTime ?? true).type(dashboard.DashboardLinkType.Link).url(l.url).targetBlank(l.targetBlank ?? false);
  if (l.tooltip !== undefined) b.tooltip(l.tooltip);
  return b;
}
