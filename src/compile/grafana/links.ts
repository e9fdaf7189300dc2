// Model links → Grafana links (dashboard header, panel header and data links share the SDK's link type).
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardLinkModel, LinkModel } from '../../model/dashboard.js';

/** Time range and variables are carried over unless the definition says not to. */
export function linkBuilder(l: DashboardLinkModel): dashboard.DashboardLinkBuilder {
  const b = new dashboard.DashboardLinkBuilder(l.title);
  if ('tags' in l) return b.includeVars(true).keepTime(true).type(dashboard.DashboardLinkType.Dashboards).tags([...l.tags]).asDropdown(l.asDropdown ?? false);
  b.includeVars(l.includeVars ?? true).keepTime(l.keepTime ?? true).type(dashboard.DashboardLinkType.Link).url(l.url).targetBlank(l.targetBlank ?? false);
  if (l.tooltip !== undefined) b.tooltip(l.tooltip);
  return b;
}

/**
 * A panel or data link's URL. Grafana reads keepTime/includeVars only on dashboard (header) links: a
 * panel or data link is a URL, so a link to a dashboard carries the time range and the variables
 * in it (`${__url_time_range}`, `${__all_variables}`, what Grafana itself writes for them).
 */
export function panelLinkUrl(l: LinkModel): string {
  if (!('dashboardUid' in l) || l.dashboardUid === undefined) return l.url;
  const params = [...((l.keepTime ?? true) ? ['${__url_time_range}'] : []), ...((l.includeVars ?? true) ? ['${__all_variables}'] : [])];
  return params.length === 0 ? l.url : `${l.url}${l.url.includes('?') ? '&' : '?'}${params.join('&')}`;
}

/** A panel header link or data link: to a dashboard with what it carries in the URL, else as written. */
export function panelLinkBuilder(l: LinkModel): dashboard.DashboardLinkBuilder {
  const b = linkBuilder(l);
  return 'dashboardUid' in l && l.dashboardUid !== undefined ? b.url(panelLinkUrl(l)).keepTime(false).includeVars(false) : b;
}
