/**
 * Where the generated docs point: every link target in out/docs/ is made here, so that the test
 * that checks them (test/docs-output/links.test.ts) follows the same rules.
 */
import { dashboardOutputPath, type DashboardModel } from '../../model/dashboard.js';
import type { Model } from '../../model/types.js';
import { metricAnchorId } from './markdown.js';

export const DOCS_DIR = 'docs';
export const METRICS_PAGE = `${DOCS_DIR}/metrics.md`;
export const CHECKLISTS_PAGE = `${DOCS_DIR}/checklists.md`;
export const INDEX_PAGE = `${DOCS_DIR}/index.md`;
export { RUNBOOKS_DIR, runbookPath } from '../../model/output-paths.js';

/** A relative link from one generated file to another (both relative to out/). */
export function relative(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  return [...fromDirs.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/** A metric's entry in metrics.md, from `from`. */
export function metricLink(from: string, metric: string): string {
  return `${relative(from, METRICS_PAGE)}#${metricAnchorId(metric)}`;
}

/**
 * A dashboard: in Grafana when its address is known (`/d/<uid>` with `var-<name>=<value>` for the
 * variables given), else its file in out/ (what Grafana is given: the classic JSON or the V2 resource).
 */
export function dashboardLink(from: string, dashboard: DashboardModel, model: Model, variables: Record<string, string> = {}): string {
  const grafanaUrl = model.docs?.grafanaUrl;
  if (grafanaUrl === undefined) return relative(from, dashboardOutputPath(model, dashboard));
  const query = Object.entries(variables)
    .map(([name, value]) => `var-${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${grafanaUrl.replace(/\/+$/, '')}/d/${encodeURIComponent(dashboard.uid)}${query ? `?${query}` : ''}`;
}
