// Model annotations → Grafana annotation queries on the Prometheus data source variable.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { AnnotationModel } from '../../model/dashboard.js';
import { VARIABLE_DATASOURCE } from '../../model/dashboard.js';

export function annotationBuilder(a: AnnotationModel): dashboard.AnnotationQueryBuilder {
  const b = new dashboard.AnnotationQueryBuilder()
    .name(a.name)
    .datasource({ ...VARIABLE_DATASOURCE })
    .enable(a.enabled ?? true)
    .iconColor(a.color ?? 'red')
    .expr(a.expr)
    // A firing alert is one event from its first to its last sample, not one per sample.
    .useValueForTime(false);
  if (a.title !== undefined) b.titleFormat(a.title);
  if (a.text !== undefined) b.textFormat(a.text);
  if (a.tags !== undefined && a.tags.length > 0) b.tagKeys(a.tags.join(','));
  if (a.step !== undefined) b.step(a.step);
  return b;
}

/**
 * The Prometheus annotation's own fields (how its series become events), for the V2 schema, which
 * keeps them beside the query as the data source's options: the same values as the classic query's.
 */
export function annotationLegacyOptions(a: AnnotationModel): Record<string, unknown> {
  return {
    useValueForTime: false,
    ...(a.title !== undefined ? { titleFormat: a.title } : {}),
    ...(a.text !== undefined ? { textFormat: a.text } : {}),
    ...(a.tags !== undefined && a.tags.length > 0 ? { tagKeys: a.tags.join(',') } : {}),
    ...(a.step !== undefined ? { step: a.step } : {}),
  };
}
