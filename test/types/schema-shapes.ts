// Every zod schema that validates a definition has the shape of the API type it validates: a field
// added to the API without its schema (or to the schema without the API) fails the typecheck that
// `npm test` runs first (`tsc -p tsconfig.json` covers test/). Types only: nothing here runs.
import type { z } from 'zod';
import type { Expect, Identical, SameShape } from '../helpers/same-shape.js';
import type { projectSchema } from '../../src/model/schema/project.js';
import type { Project, ProjectOptions } from '../../src/api/project.js';
import type { Counter, Gauge, Histogram, Summary } from '../../src/api/metrics.js';
import type { AlertDefaults, AlertRule, RecordingRule, RuleGroup } from '../../src/api/rules.js';
import type { Team } from '../../src/api/team.js';
import type { AlertTestCase, ExpectedAlert, ExpectedSample, InputSeries, RecordTestCase } from '../../src/api/tests.js';
import type { PrometheusGlobal, PrometheusOptions, ScrapeJob } from '../../src/api/scrape.js';
import type { NotSecret, SecretsOptions } from '../../src/api/secrets.js';
import type { Ignore, LintOptions } from '../../src/api/lint.js';
import type { SourceRef } from '../../src/diagnostic.js';
import type {
  AlertmanagerDefinition, AlertmanagerGlobal, EmailConfig, FiringAlert, InhibitRule, PagerdutyConfig, Receiver, Route,
  RoutingTest, SecretFile, SlackConfig, SmtpDefaults, TimeInterval, TimePeriod, WebhookConfig,
} from '../../src/api/alertmanager.js';
import type { Dashboard, DashboardLink } from '../../src/api/dashboard.js';
import type { Variable } from '../../src/api/variables.js';
import type { Slo } from '../../src/api/slo.js';
import type { HealthCheck } from '../../src/api/health.js';
import type { GridPos, Legend, Panel, Row, Target, ThresholdStep } from '../../src/api/panels.js';

type Parsed = z.output<typeof projectSchema>;
type Each<T> = NonNullable<T> extends readonly (infer E)[] ? E : never;

// ── the project and what every definition carries ────────────────────────────────────────────
export type ProjectChecks = [
  // Metrics and rule groups are compared below: the catalogue's element type (AnyMetric) is any of the
  // four kinds, and the alert's annotations are the one deliberate difference.
  Expect<SameShape<Omit<Parsed, 'ruleGroups' | 'metrics' | 'slos' | 'teams'>, Omit<Project, 'ruleGroups' | 'metrics' | 'slos' | 'teams'>>>,
  // SLOs: their own check (slo.ts's schema against the Slo the builder returns).
  Expect<SameShape<Each<Parsed['slos']>, Slo>>,
  // Health checks: covered by the project's check above too; here, so a mismatch names them.
  Expect<SameShape<Each<Parsed['healthChecks']>, HealthCheck>>,
  Expect<Identical<keyof Parsed, keyof Project>>,
  Expect<SameShape<Parsed['source'], SourceRef | undefined>>,
  Expect<SameShape<NonNullable<Parsed['lint']>, LintOptions>>,
  Expect<SameShape<NonNullable<Parsed['secrets']>, SecretsOptions>>,
  Expect<SameShape<Each<NonNullable<Parsed['secrets']>['allow']>, NotSecret>>,
  Expect<SameShape<Each<Parsed['ruleGroups']>['ignore'], Ignore | undefined>>,
];

// ── teams: their rule groups are the project's (compared below) ─────────────────────────────
type ParsedTeam = Each<Parsed['teams']>;
export type TeamChecks = [
  Expect<SameShape<Omit<ParsedTeam, 'ruleGroups'>, Omit<Team, 'ruleGroups'>>>,
  Expect<Identical<ParsedTeam['ruleGroups'], Parsed['ruleGroups']>>,
  Expect<SameShape<NonNullable<Each<Parsed['ruleGroups']>['alertDefaults']>, AlertDefaults>>,
];

// ── metrics ───────────────────────────────────────────────────────────────────────────────────
type ParsedMetric = Parsed['metrics'][number];
export type MetricChecks = [
  Expect<SameShape<ParsedMetric, Counter | Gauge | Histogram | Summary>>,
  Expect<SameShape<Extract<ParsedMetric, { type: 'histogram' }>, Histogram>>,
  Expect<SameShape<Extract<ParsedMetric, { type: 'summary' }>, Summary>>,
];

// ── rules and their tests ─────────────────────────────────────────────────────────────────────
type ParsedGroup = Each<Parsed['ruleGroups']>;
type ParsedAlert = Extract<ParsedGroup['rules'][number], { kind: 'alert' }>;
type ParsedRecord = Extract<ParsedGroup['rules'][number], { kind: 'record' }>;
export type RuleChecks = [
  Expect<SameShape<Omit<ParsedGroup, 'rules'>, Omit<RuleGroup, 'rules'>>>,
  Expect<Identical<ParsedGroup['rules'][number]['kind'], RuleGroup['rules'][number]['kind']>>,
  // Annotations are open (any name); summary and description, required by the types, are checked by
  // alert/annotations (a finding a project may silence), not refused by the schema.
  Expect<SameShape<ParsedAlert, Omit<AlertRule, 'annotations'> & { annotations: Record<string, string | undefined> }>>,
  Expect<SameShape<ParsedRecord, RecordingRule>>,
  Expect<SameShape<Each<ParsedAlert['tests']>, AlertTestCase>>,
  Expect<SameShape<Each<Each<ParsedAlert['tests']>['input']>, InputSeries>>,
  Expect<SameShape<Each<Each<ParsedAlert['tests']>['expect']>, ExpectedAlert>>,
  Expect<SameShape<Each<ParsedRecord['tests']>, RecordTestCase>>,
  Expect<SameShape<Each<Each<ParsedRecord['tests']>['expect']>, ExpectedSample>>,
];

// ── Prometheus: global settings and scrape jobs ───────────────────────────────────────────────
export type PrometheusChecks = [
  Expect<SameShape<Parsed['prometheus'], PrometheusOptions>>,
  Expect<SameShape<NonNullable<Parsed['prometheus']['global']>, PrometheusGlobal>>,
  Expect<SameShape<Parsed['prometheus']['scrapeJobs'][number], ScrapeJob>>,
];

// ── Alertmanager ──────────────────────────────────────────────────────────────────────────────
type ParsedAm = NonNullable<Parsed['alertmanager']>;
type ParsedReceiver = ParsedAm['receivers'][number];
type ParsedTest = Each<ParsedAm['tests']>;
export type AlertmanagerChecks = [
  Expect<SameShape<ParsedAm, AlertmanagerDefinition>>,
  Expect<SameShape<NonNullable<ParsedAm['global']>, AlertmanagerGlobal>>,
  Expect<SameShape<NonNullable<NonNullable<ParsedAm['global']>['smtp']>, SmtpDefaults>>,
  Expect<SameShape<NonNullable<NonNullable<ParsedAm['global']>['slackApiUrl']>, SecretFile>>,
  Expect<SameShape<ParsedReceiver, Receiver>>,
  Expect<SameShape<Each<ParsedReceiver['email']>, EmailConfig>>,
  Expect<SameShape<Each<ParsedReceiver['slack']>, SlackConfig>>,
  Expect<SameShape<Each<ParsedReceiver['webhook']>, WebhookConfig>>,
  Expect<SameShape<Each<ParsedReceiver['pagerduty']>, PagerdutyConfig>>,
  Expect<SameShape<ParsedAm['route'], Route>>,
  Expect<SameShape<Each<ParsedAm['inhibitRules']>, InhibitRule>>,
  Expect<SameShape<Each<ParsedAm['timeIntervals']>, TimeInterval>>,
  Expect<SameShape<Each<ParsedAm['timeIntervals']>['periods'][number], TimePeriod>>,
  Expect<SameShape<ParsedTest, RoutingTest>>,
  Expect<SameShape<Each<ParsedTest['alsoFiring']>, FiringAlert>>,
];

// ── Grafana ───────────────────────────────────────────────────────────────────────────────────
type ParsedDashboard = Each<Parsed['dashboards']>;
type ParsedPanel = Extract<ParsedDashboard['panels'][number], { kind: 'panel' }>;
export type DashboardChecks = [
  Expect<SameShape<ParsedDashboard, Dashboard>>,
  Expect<SameShape<Each<ParsedDashboard['variables']>, Variable>>,
  Expect<SameShape<Each<ParsedDashboard['links']>, DashboardLink>>,
  Expect<SameShape<Extract<ParsedDashboard['panels'][number], { kind: 'row' }>, Row>>,
  Expect<SameShape<ParsedPanel, Panel>>,
  Expect<SameShape<Each<ParsedPanel['targets']>, Target>>,
  Expect<SameShape<Each<ParsedPanel['thresholds']>, ThresholdStep>>,
  Expect<SameShape<NonNullable<ParsedPanel['legend']>, Legend>>,
  Expect<SameShape<NonNullable<ParsedPanel['gridPos']>, GridPos>>,
];

// ── the guard itself: a schema that differs from its type in any way is refused ───────────────
interface Api {
  name: string;
  interval?: string;
  labels?: Readonly<Record<string, string>>;
  targets: readonly string[];
  kind: 'job';
}
interface MissingOptional { name: string; labels?: Record<string, string>; targets: string[]; kind: 'job' }
interface ExtraField { name: string; interval?: string; labels?: Record<string, string>; targets: string[]; kind: 'job'; path?: string }
interface OptionalForRequired { name?: string; interval?: string; labels?: Record<string, string>; targets: string[]; kind: 'job' }
interface RequiredForOptional { name: string; interval: string | undefined; labels?: Record<string, string>; targets: string[]; kind: 'job' }
interface OtherType { name: string; interval?: number; labels?: Record<string, string>; targets: string[]; kind: 'job' }
interface WiderLiteral { name: string; interval?: string; labels?: Record<string, string>; targets: string[]; kind: string }
interface NestedDiffers { name: string; interval?: string; labels?: Record<string, number>; targets: string[]; kind: 'job' }
interface Same { kind: 'job'; targets: string[]; labels?: Record<string, string> | undefined; interval?: string | undefined; name: string }

type ParsedEmail = Each<ParsedReceiver['email']>;
export type GuardChecks = [
  // @ts-expect-error a field added to the API and not to its schema
  Expect<SameShape<ParsedEmail, EmailConfig & { replyTo?: string }>>,
  // @ts-expect-error a field added to the schema and not to the API
  Expect<SameShape<ParsedEmail & { replyTo?: string }, EmailConfig>>,
  // @ts-expect-error a field the API made required and the schema left optional
  Expect<SameShape<ParsedReceiver, Receiver & { email: readonly EmailConfig[] }>>,
  Expect<SameShape<Same, Api>>,
  // @ts-expect-error an API field the schema lacks (the case this guard exists for)
  Expect<SameShape<MissingOptional, Api>>,
  // @ts-expect-error a schema field the API lacks
  Expect<SameShape<ExtraField, Api>>,
  // @ts-expect-error optional in the schema, required in the API
  Expect<SameShape<OptionalForRequired, Api>>,
  // @ts-expect-error required in the schema, optional in the API
  Expect<SameShape<RequiredForOptional, Api>>,
  // @ts-expect-error another type
  Expect<SameShape<OtherType, Api>>,
  // @ts-expect-error a wider type
  Expect<SameShape<WiderLiteral, Api>>,
  // @ts-expect-error a difference below the top level
  Expect<SameShape<NestedDiffers, Api>>,
];
