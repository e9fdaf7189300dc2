// Public API: what users import from 'totem-mon' in their definitions. Nothing here runs at import time.
export { counter, gauge, histogram, summary } from './api/metrics.js';
export type { Metric, MetricOptions, Series, Counter, Gauge, Histogram, Summary, AnyMetric, MetricType, TargetLabels, TargetLabel } from './api/metrics.js';
export type { Expr, ExprInput } from './api/expr.js';
export type { SourceRef } from './diagnostic.js';
export { eq, ne, re, nre } from './api/selector.js';
export type { Matcher, Matchers, MatchValue } from './api/selector.js';
export { promql, rate, increase, sumBy, ratio, histogramQuantile } from './api/promql.js';
export type { QuantileOptions } from './api/promql.js';
export { alert, record, ruleGroup } from './api/rules.js';
export type { AlertDefaults, AlertOptions, AlertRule, RecordOptions, RecordedType, RecordingRule, Rule, RuleGroupOptions, RuleGroup, Severity } from './api/rules.js';
export type { AlertTestCase, InputSeries, ExpectedAlert, RecordTestCase, ExpectedSample } from './api/tests.js';
export { scrapeJob } from './api/scrape.js';
export type { ScrapeJobOptions, ScrapeJob, PrometheusOptions, PrometheusGlobal, ScrapeProtocol, LabelsOfJob } from './api/scrape.js';
export type {
  RelabelRule, RelabelAction, ReplaceRule, KeepDropRule, KeepDropEqualRule, CaseRule, HashmodRule, LabelmapRule, LabelDropKeepRule, ScrapeAddedLabel,
} from './api/relabel.js';
export type { KubernetesSd, KubernetesRole, FileSd, HttpSd } from './api/service-discovery.js';
export type { ScrapeAuth, BasicAuth, Authorization, OAuth2, TlsConfig } from './api/scrape-auth.js';
export { defineProject } from './api/project.js';
export { files, prometheusOperator, grafanaOperator, grafanaSidecar, mimir, thanos } from './api/outputs.js';
export type { Output, FilesOutput, PrometheusOperatorOutput, PrometheusOperatorOptions, KubernetesMetadataOptions, OperatorAlertmanagerOptions, SecretKeyRef, GrafanaOperatorOptions, GrafanaOperatorOutput, GrafanaSidecarOptions, GrafanaSidecarOutput, MimirOptions, MimirOutput, ThanosOutput } from './api/outputs.js';
export { slo } from './api/slo.js';
export type { Slo, SloOptions, Sli, ErrorsSli, GoodSli, LatencySli, SliCounter, BurnRateWindow, BurnRates, SloAlerting, SloAlertOptions } from './api/slo.js';
export { team } from './api/team.js';
export type { Team, TeamOptions } from './api/team.js';
export type { CheckId, CheckSetting, Ignore, LintOptions } from './api/lint.js';
export type { Project, ProjectOptions } from './api/project.js';
export { defineConfig } from './api/config.js';
export type {
  Config, ConfigOptions, DatasourceConnection, ExemplarOptions, GrafanaDatasourceOptions, GrafanaOptions, JaegerDatasourceOptions,
  LokiDatasourceOptions, TempoDatasourceOptions, TraceLinkOptions, TracesToLogsOptions,
} from './api/config.js';
export { notSecret } from './api/secrets.js';
export type { NotSecret, SecretsOptions } from './api/secrets.js';
export { alertmanager, receiver, route, inhibitRule, timeInterval, secretFile } from './api/alertmanager.js';
export type {
  AlertmanagerDefinition,
  AlertmanagerOptions,
  AlertmanagerGlobal,
  AlertMatchers,
  Receiver,
  ReceiverOptions,
  Route,
  RouteOptions,
  InhibitRule,
  InhibitRuleOptions,
  TimeInterval,
  TimeIntervalOptions,
  TemplateFileSettings,
  SmtpDefaults,
  TimePeriod,
  SecretFile,
  EmailConfig,
  SlackConfig,
  WebhookConfig,
  PagerdutyConfig,
  RoutingTest,
  FiringAlert,
} from './api/alertmanager.js';
export { dashboard } from './api/dashboard.js';
export type { Dashboard, DashboardOptions, DashboardLink } from './api/dashboard.js';
export { adHocFilters, constantVariable, customVariable, intervalVariable, labelVariable, queryVariable, textVariable } from './api/variables.js';
export type {
  AdHocFilterOptions,
  AdHocVariable,
  ConstantVariable,
  ConstantVariableOptions,
  CustomValue,
  CustomVariable,
  CustomVariableOptions,
  IntervalVariable,
  IntervalVariableOptions,
  LabelVariableOptions,
  QueryVariable,
  QueryVariableOptions,
  TextVariable,
  TextVariableOptions,
  Variable,
  VariableOptionsBase,
  VariableSortOrder,
} from './api/variables.js';
export {
  timeseriesPanel, gaugePanel, statPanel, tablePanel, barGaugePanel, heatmapPanel, row,
  histogramPanel, pieChartPanel, stateTimelinePanel, statusHistoryPanel, textPanel,
  ratePanel, quantilesPanel, histogramHeatmapPanel, currentValuePanel,
} from './api/panels.js';
export { linkTo, runbookLink, upDownMappings } from './api/panel-options.js';
export { logsPanel, tracesPanel } from './api/logs-traces.js';
export type { LogsPanelOptions, LogsQuery, TracesPanelOptions, TracesQuery } from './api/logs-traces.js';
export { alertAnnotations, queryAnnotation } from './api/annotations.js';
export { sdkPanel } from './api/sdk-panel.js';
export type { GrafanaPanelBuilder, GrafanaPanelJson, SdkPlugin } from './api/sdk-panel.js';
export type { Annotation } from './api/annotations.js';
export type { DashboardTarget, FieldMatcher, FieldOverride, FieldSettings, Link, Repeat, Transformation, ValueMapping } from './api/panel-options.js';
export type { Panel, PanelOptions, PanelType, Row, RowOptions, Target, ThresholdStep, Legend, GridPos, DatasourceRef, MetricPanelOptions } from './api/panels.js';
export { healthCheck, healthAlert, healthJob } from './api/health.js';
export type { HealthCheck, HealthCheckOptions, HealthAlertOptions, JsonScalar } from './api/health.js';
export { troubleshooting, checklist } from './api/docs.js';
export type { DocsOptions, DocStep, Troubleshooting, TroubleshootingOptions, Checklist, ChecklistOptions, ChecklistItemOptions } from './api/docs.js';

// In-memory use: `synth()` is `generate` and `lint()` is `validate --offline`, without files or a
// loader process. Async only to load the checks and compilers on the first call: a definition's
// `import 'totem-mon'` stays as light as the builders (src/app/synth.ts).
import type { Project } from './api/project.js';
import type { LintResult, SynthOptions, SynthResult } from './app/synth.js';
export type { SynthOptions, SynthResult, LintResult } from './app/synth.js';
export type { Model } from './model/types.js';
export type { Diagnostic } from './diagnostic.js';

/** `generate` in memory: the files it would write (by path), its findings (never thrown) and the model. */
export async function synth(project: Project, options?: SynthOptions): Promise<SynthResult> {
  return (await import('./app/synth.js')).synth(project, options);
}

/** `validate --offline` in memory: every finding of totem-mon's own checks. */
export async function lint(project: Project, options?: SynthOptions): Promise<LintResult> {
  return (await import('./app/synth.js')).lint(project, options);
}
