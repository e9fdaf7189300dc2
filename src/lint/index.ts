import type { Diagnostic } from '../diagnostic.js';
import type { Check, CheckContext } from './check.js';
import { runLint } from './run.js';
import { promqlSyntax } from './promql-syntax.js';
import { promqlAtModifier } from './promql-at-modifier.js';
import { promqlGaugeFunctionOnCounter } from './promql-gauge-function-on-counter.js';
import { promqlHistogramBucket } from './promql-histogram-bucket.js';
import { promqlUnexposedQuantile } from './promql-unexposed-quantile.js';
import { promqlUnknownMetric } from './promql-unknown-metric.js';
import { promqlUnknownLabel } from './promql-unknown-label.js';
import { catalogueDuplicate } from './catalogue-duplicate.js';
import { catalogueCounterTotal } from './catalogue-counter-total.js';
import { catalogueHistogramBuckets } from './catalogue-histogram-buckets.js';
import { catalogueReservedName } from './catalogue-reserved-name.js';
import { rulesDuplicateGroup } from './rules-duplicate-group.js';
import { alertDuplicateName } from './alert-duplicate-name.js';
import { scrapeDuplicateJob } from './scrape-duplicate-job.js';
import { scrapeRelabelRegex } from './scrape-relabel-regex.js';
import { scrapeMetaLabel } from './scrape-meta-label.js';
import { scrapeDroppedLabel } from './scrape-dropped-label.js';
import { scrapeExportedLabel } from './scrape-exported-label.js';
import { versionUnsupported } from './version-unsupported.js';
import { promqlRateOnNonCounter } from './promql-rate-on-non-counter.js';
import { promqlQuantileWithoutLe } from './promql-quantile-without-le.js';
import { promqlRateRangeTooShort } from './promql-rate-range-too-short.js';
import { promqlCounterComparedRaw } from './promql-counter-compared-raw.js';
import { promqlRegexMatcher } from './promql-regex-matcher.js';
import { alertMissingFor } from './alert-missing-for.js';
import { alertAbsentFor } from './alert-absent-for.js';
import { alertSeverity } from './alert-severity.js';
import { alertAnnotations } from './alert-annotations.js';
import { alertTemplateLabelDropped } from './alert-template-label-dropped.js';
import { alertComparison } from './alert-comparison.js';
import { alertNaming } from './alert-naming.js';
import { alertFragileExpression } from './alert-fragile-expression.js';
import { alertGrafanaUnsupported } from './alert-grafana-unsupported.js';
import { recordNaming } from './record-naming.js';
import { recordCycle } from './record-cycle.js';
import { recordDuplicate } from './record-duplicate.js';
import { recordShadowsMetric } from './record-shadows-metric.js';
import { alertmanagerUnknownReceiver } from './alertmanager-unknown-receiver.js';
import { alertmanagerUnreachableReceiver } from './alertmanager-unreachable-receiver.js';
import { alertmanagerUnmatchedRoute } from './alertmanager-unmatched-route.js';
import { alertmanagerUnknownTemplate } from './alertmanager-unknown-template.js';
import { alertmanagerDefaultRoute } from './alertmanager-default-route.js';
import { alertmanagerTemplateSyntax } from './alertmanager-template-syntax.js';
import { alertmanagerTemplateField } from './alertmanager-template-field.js';
import { alertmanagerEmailAddress } from './alertmanager-email-address.js';
import { alertmanagerPagerdutySeverity } from './alertmanager-pagerduty-severity.js';
import { alertmanagerSlackFields } from './alertmanager-slack-fields.js';
import { alertmanagerWebhookUrl } from './alertmanager-webhook-url.js';
import { alertTemplateSyntax } from './alert-template-syntax.js';
import { alertmanagerShadowedRoute } from './alertmanager-shadowed-route.js';
import { alertmanagerSeverityMismatch } from './alertmanager-severity-mismatch.js';
import { alertmanagerInhibitUnmatched } from './alertmanager-inhibit-unmatched.js';
import { alertmanagerInhibitEqual } from './alertmanager-inhibit-equal.js';
import { alertmanagerInhibitSelf } from './alertmanager-inhibit-self.js';
import { alertmanagerGroupByLabel } from './alertmanager-group-by-label.js';
import { alertmanagerRepeatInterval } from './alertmanager-repeat-interval.js';
import { alertmanagerUnusedTimeInterval } from './alertmanager-unused-time-interval.js';
import { alertmanagerSilentReceiver } from './alertmanager-silent-receiver.js';
import { alertmanagerInhibitSeverity } from './alertmanager-inhibit-severity.js';
import { testsAlertCoverage } from './tests-alert-coverage.js';
import { testsRouteCoverage } from './tests-route-coverage.js';
import { testsRouting } from './tests-routing.js';
import { testsRoutingLabels } from './tests-routing-labels.js';
import { promqlVectorMatching } from './promql-vector-matching.js';
import { promqlImpossibleThreshold } from './promql-impossible-threshold.js';
import { promqlContradictoryFilters } from './promql-contradictory-filters.js';
import { promqlQuantileRange } from './promql-quantile-range.js';
import { promqlAbsentArgument } from './promql-absent-argument.js';
import { promqlRateOnRecordedGauge } from './promql-rate-on-recorded-gauge.js';
import { promqlRateOverSum } from './promql-rate-over-sum.js';
import { promqlNegativeOffset } from './promql-negative-offset.js';
import { promqlRangeVectorResult } from './promql-range-vector-result.js';
import { promqlUnknownJob } from './promql-unknown-job.js';
import { rulesTargetLabelOverride } from './rules-target-label-override.js';
import { scrapeDuplicateSeries } from './scrape-duplicate-series.js';
import { alertUnknownExternalLabel } from './alert-unknown-external-label.js';
import { alertValueLabelWithFor } from './alert-value-label-with-for.js';
import { testsUnknownSeries } from './tests-unknown-series.js';
import { testsVacuousCase } from './tests-vacuous-case.js';
import { dashboardUid } from './dashboard-uid.js';
import { dashboardDatasourceVariable } from './dashboard-datasource-variable.js';
import { dashboardV2Unsupported } from './dashboard-v2-unsupported.js';
import { dashboardCounterWithoutRate } from './dashboard-counter-without-rate.js';
import { dashboardLayoutOverlap } from './dashboard-layout-overlap.js';
import { outputPathClash } from './output-path-clash.js';
import { outputPortableName } from './output-portable-name.js';
import { outputUnwritten } from './output-unwritten.js';
import { outputNotServiceMonitor } from './output-not-service-monitor.js';
import { dashboardUndefinedVariable } from './dashboard-undefined-variable.js';
import { dashboardUnusedVariable } from './dashboard-unused-variable.js';
import { dashboardMultiValueEquals } from './dashboard-multi-value-equals.js';
import { dashboardVariableLabel } from './dashboard-variable-label.js';
import { dashboardLegendLabelDropped } from './dashboard-legend-label-dropped.js';
import { dashboardUnknownUnit } from './dashboard-unknown-unit.js';
import { dashboardUnitMismatch } from './dashboard-unit-mismatch.js';
import { dashboardTimeRange } from './dashboard-time-range.js';
import { dashboardEmpty } from './dashboard-empty.js';
import { dashboardUnknownDatasource } from './dashboard-unknown-datasource.js';
import { dashboardLogQuery } from './dashboard-log-query.js';
import { dashboardTraceQuery } from './dashboard-trace-query.js';
import { sloObjective } from './slo-objective.js';
import { sloLatencyThreshold } from './slo-latency-threshold.js';
import { sloWindows } from './slo-windows.js';
import { sloBurnRate } from './slo-burn-rate.js';
import { sloSliSelector } from './slo-sli-selector.js';
import { sloSliSubset } from './slo-sli-subset.js';
import { sloAnnotations } from './slo-annotations.js';
import { sloDuplicate } from './slo-duplicate.js';
import { docsUnknownReference } from './docs-unknown-reference.js';
import { definitionsNondeterministic } from './definitions-nondeterministic.js';

/** Every check, in report order. Each lives in `src/lint/<area>-<name>.ts` for id `<area>/<name>`. */
export const CHECKS: readonly Check[] = [
  catalogueDuplicate,
  catalogueCounterTotal,
  catalogueHistogramBuckets,
  catalogueReservedName,
  scrapeDuplicateJob,
  scrapeRelabelRegex,
  scrapeMetaLabel,
  scrapeDroppedLabel,
  scrapeExportedLabel,
  versionUnsupported,
  scrapeDuplicateSeries,
  rulesDuplicateGroup,
  alertDuplicateName,
  promqlSyntax,
  promqlUnknownMetric,
  promqlUnknownLabel,
  promqlRateOnNonCounter,
  promqlQuantileWithoutLe,
  promqlRateRangeTooShort,
  promqlCounterComparedRaw,
  promqlRegexMatcher,
  promqlVectorMatching,
  promqlImpossibleThreshold,
  promqlContradictoryFilters,
  promqlQuantileRange,
  promqlAbsentArgument,
  promqlRateOnRecordedGauge,
  promqlRateOverSum,
  promqlNegativeOffset,
  promqlRangeVectorResult,
  promqlUnknownJob,
  promqlAtModifier,
  promqlGaugeFunctionOnCounter,
  promqlHistogramBucket,
  promqlUnexposedQuantile,
  rulesTargetLabelOverride,
  alertSeverity,
  alertAnnotations,
  alertTemplateLabelDropped,
  alertTemplateSyntax,
  alertComparison,
  alertMissingFor,
  alertAbsentFor,
  alertNaming,
  alertFragileExpression,
  alertGrafanaUnsupported,
  alertUnknownExternalLabel,
  alertValueLabelWithFor,
  recordNaming,
  recordCycle,
  recordDuplicate,
  recordShadowsMetric,
  testsUnknownSeries,
  testsVacuousCase,
  alertmanagerUnknownReceiver,
  alertmanagerUnreachableReceiver,
  alertmanagerUnmatchedRoute,
  alertmanagerDefaultRoute,
  alertmanagerShadowedRoute,
  alertmanagerSeverityMismatch,
  alertmanagerInhibitUnmatched,
  alertmanagerInhibitEqual,
  alertmanagerInhibitSelf,
  alertmanagerGroupByLabel,
  alertmanagerRepeatInterval,
  alertmanagerUnusedTimeInterval,
  alertmanagerSilentReceiver,
  alertmanagerInhibitSeverity,
  testsRoutingLabels,
  alertmanagerUnknownTemplate,
  alertmanagerTemplateSyntax,
  alertmanagerTemplateField,
  alertmanagerEmailAddress,
  alertmanagerPagerdutySeverity,
  alertmanagerSlackFields,
  alertmanagerWebhookUrl,
  dashboardUid,
  dashboardDatasourceVariable,
  dashboardV2Unsupported,
  dashboardCounterWithoutRate,
  dashboardLayoutOverlap,
  outputPathClash,
  outputPortableName,
  outputUnwritten,
  outputNotServiceMonitor,
  dashboardEmpty,
  dashboardUnknownDatasource,
  dashboardLogQuery,
  dashboardTraceQuery,
  dashboardTimeRange,
  dashboardUndefinedVariable,
  dashboardUnusedVariable,
  dashboardMultiValueEquals,
  dashboardVariableLabel,
  dashboardLegendLabelDropped,
  dashboardUnknownUnit,
  dashboardUnitMismatch,
  sloObjective,
  sloLatencyThreshold,
  sloWindows,
  sloBurnRate,
  sloSliSelector,
  sloSliSubset,
  sloAnnotations,
  sloDuplicate,
  docsUnknownReference,
  definitionsNondeterministic,
];

/** Test coverage: reported by `validate` only (errors with `--require-tests`). */
export const COVERAGE_CHECKS: readonly Check[] = [testsAlertCoverage, testsRouteCoverage];

/** Routing tests judged by our own routing model: `validate --offline` only (amtool judges otherwise). */
export const OFFLINE_TEST_CHECKS: readonly Check[] = [testsRouting];

/** The findings of the checks under the project's settings and ignores (src/lint/run.ts; `runLint` also lists what was silenced). */
export function runChecks(context: CheckContext, checks: readonly Check[] = CHECKS): Diagnostic[] {
  return runLint(context, checks).diagnostics;
}
