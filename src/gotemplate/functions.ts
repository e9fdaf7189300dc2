/**
 * The functions, predefined variables and built-in templates a Go template may use, per program that
 * evaluates it and per release of that program: each name with the first release that has it (and the
 * release that dropped it, if one did), in the shape of every version fact (VersionGate, see
 * src/model/version-facts.ts), with its source. A run judges its templates against its target versions
 * (`dialectFor`): a name is there only when every release the target admits has it.
 *
 * Sources: github.com/prometheus/alertmanager at 68fb2d5759b3 (template/template.go `DefaultFuncs`,
 * template/default.tmpl and template/email.tmpl at each tag v0.25.0 … v0.34.0, CHANGELOG.md) and
 * github.com/prometheus/prometheus at d15adb9ad7e5 (template/template.go `NewTemplateExpander` at each
 * tag v2.42.0 … v3.14.0, CHANGELOG.md). No release of either dropped a template function or a built-in
 * template in that span; patch releases never changed the lists.
 */

import { availability, PROGRAM_NAME, type TemplateProgram as Program, type VersionGate } from '../model/version-facts.js';
import { allFrom, someFrom } from '../model/version-range.js';

/**
 * Go's text/template builtins (text/template/funcs.go `builtins`), the list since Go 1.13 added
 * `slice`: later Go releases changed text/template's syntax (`{{ break }}`/`{{ continue }}` in 1.18,
 * which every release here has, its go.mod saying 1.18 or later; `{{ else with }}` in 1.23, below),
 * not its functions. Checked against amtool 0.25 and promtool 2.42 (Go 1.19) by the parse tests.
 */
export const GO_BUILTINS = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or',
  'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
] as const;

/** Names with the releases that have them. */
export type NameFacts = Readonly<Record<string, VersionGate>>;

const AM_0_25 = (what: string): VersionGate => ({ since: '0.25', source: `${what} at v0.25.0 (the oldest release the facts speak for) has it` });
const AM_FUNCS_0_25 = AM_0_25('template/template.go DefaultFuncs');

const AM_TRIM_SPACE = '0.26.0 / 2023-08-23: [ENHANCEMENT] Templating: Introduced a new function `trimSpace` which removes leading and trailing white spaces. #3223';
const AM_SINCE = '0.28.0 / 2025-01-15: [ENHANCEMENT] Support the `since` and `humanizeDuration` functions to templates. … #3863';
const AM_DATE = '0.28.0 / 2025-01-15: [ENHANCEMENT] Support the `date` and `tz` functions to templates. … #3812';
const AM_URL = '0.30.0 / 2025-12-15: [FEATURE] Add templating functions for working with urls. #4625 (template/template.go: safeUrl, urlUnescape)';
const AM_TO_JSON = '0.30.0 / 2025-12-15: [FEATURE] template: Add tojson function. #4773 (template/template.go names it toJson)';
const AM_DICT = '0.32.0 / 2026-04-08: [FEATURE] template: Add dict, map and append functions. #5093 (template/template.go names them dict, list and append: there is no `map`)';
const AM_NOW = '0.33.0 / 2026-06-12: [ENHANCEMENT] template: Add now function to get current time. #5188';
const AM_TO_DATE = '0.34.0 / 2026-08-16: [FEATURE] template: Add `toDate` and `mustToDate` functions. #5327';
const AM_ROUTE_LABELS =
  '0.34.0 / 2026-08-16: [FEATURE] Add optional templatable labels to alert routes. #5328 (template/template.go DefaultFuncs has routeLabels from v0.34.0)';
const AM_BASE64 = 'template/template.go DefaultFuncs of v0.34.0 has base64encode and base64decode (commit 8d7515af7, #5413; no CHANGELOG.md line), v0.33.1 does not';

/** Alertmanager's template functions (template/template.go `DefaultFuncs`), Go's builtins aside. */
export const ALERTMANAGER_FUNCTION_FACTS: NameFacts = {
  toUpper: AM_FUNCS_0_25,
  toLower: AM_FUNCS_0_25,
  title: AM_FUNCS_0_25,
  join: AM_FUNCS_0_25,
  match: { since: '0.16', source: '0.16.0 / 2019-01-17: [FEATURE] Lookup parts in strings using regexp.MatchString in templates (#1452)' },
  safeHtml: AM_FUNCS_0_25,
  reReplaceAll: { since: '0.6', source: '0.6.0 / 2017-04-25: [FEATURE] Add `reReplaceAll` template function https://github.com/prometheus/alertmanager/pull/639' },
  stringSlice: { since: '0.20', source: '0.20.0 / 2019-12-11: [ENHANCEMENT] [template] Add the `stringSlice` function. #2101' },
  trimSpace: { since: '0.26', source: AM_TRIM_SPACE },
  date: { since: '0.28', source: AM_DATE },
  tz: { since: '0.28', source: AM_DATE },
  since: { since: '0.28', source: AM_SINCE },
  humanizeDuration: { since: '0.28', source: AM_SINCE },
  safeUrl: { since: '0.30', source: AM_URL },
  urlUnescape: { since: '0.30', source: AM_URL },
  toJson: { since: '0.30', source: AM_TO_JSON },
  list: { since: '0.32', source: AM_DICT },
  append: { since: '0.32', source: AM_DICT },
  dict: { since: '0.32', source: AM_DICT },
  now: { since: '0.33', source: AM_NOW },
  toDate: { since: '0.34', source: AM_TO_DATE },
  mustToDate: { since: '0.34', source: AM_TO_DATE },
  routeLabels: { since: '0.34', source: AM_ROUTE_LABELS },
  base64encode: { since: '0.34', source: AM_BASE64 },
  base64decode: { since: '0.34', source: AM_BASE64 },
};

const PROM_2_42: VersionGate = { since: '2.42', source: 'template/template.go NewTemplateExpander at v2.42.0 (the oldest release the facts speak for) has it' };
const PROM_NOW = '3.6.0 / 2025-09-17: [FEATURE] Templates: Add `toDuration()` and `now()` functions. #16619';

/**
 * Prometheus's functions for alert labels and annotations (template/template.go `NewTemplateExpander`),
 * Go's builtins aside, in the order the hint lists them. `tmpl` exists only in console templates (HTML
 * expansion), not in alert rules.
 */
export const PROMETHEUS_FUNCTION_FACTS: NameFacts = {
  humanize: PROM_2_42,
  humanize1024: PROM_2_42,
  humanizeDuration: PROM_2_42,
  humanizePercentage: { since: '2.11', source: '2.11.0 / 2019-07-09: [FEATURE] Added `humanizePercentage` function for templates. #5670' },
  humanizeTimestamp: PROM_2_42,
  query: PROM_2_42,
  first: PROM_2_42,
  label: PROM_2_42,
  value: PROM_2_42,
  strvalue: PROM_2_42,
  args: PROM_2_42,
  reReplaceAll: PROM_2_42,
  match: PROM_2_42,
  title: PROM_2_42,
  toUpper: PROM_2_42,
  toLower: PROM_2_42,
  safeHtml: PROM_2_42,
  stripPort: { since: '2.33', source: '2.33.0 / 2022-01-29: [FEATURE] Config: Add `stripPort` template function. #10002' },
  stripDomain: { since: '2.36', source: '2.36.0 / 2022-05-30: [ENHANCEMENT] Add stripDomain to template function. #10475' },
  sortByLabel: PROM_2_42,
  toTime: { since: '2.38', source: '2.38.0 / 2022-08-16: [FEATURE]: Templates: Add `toTime()` template function … #10993' },
  parseDuration: { since: '2.32', source: '2.32.0 / 2021-12-09: [FEATURE] Templates: Add parseDuration to template functions. #8817' },
  graphLink: PROM_2_42,
  tableLink: PROM_2_42,
  pathPrefix: PROM_2_42,
  externalURL: PROM_2_42,
  toDuration: { since: '3.6', source: PROM_NOW },
  now: { since: '3.6', source: PROM_NOW },
  urlQueryEscape: { since: '3.8', source: '3.8.0 / 2025-11-28: [FEATURE] Alerting: Add urlQueryEscape to template functions. #17403' },
};

/** Variables Prometheus defines before an alert's label or annotation text (rules/alerting.go; the same from 2.42 to 3.14). */
export const PROMETHEUS_VARIABLES = ['$labels', '$externalLabels', '$externalURL', '$value'] as const;

const TMPL_0_25 = AM_0_25('template/default.tmpl or template/email.tmpl');
const MSTEAMS = '0.26.0 / 2023-08-23: [FEATURE] Integrations: Add Microsoft Teams as a supported integration. #3324 (template/default.tmpl of v0.26.0 defines it, v0.25.1 does not)';
const MSTEAMS_SUMMARY = '0.27.0 / 2024-02-28: [ENHANCEMENT] Microsoft Teams Integration: Add support for `summary`. #3616 (template/default.tmpl of v0.27.0 defines it)';
const DISCORD_CONTENT =
  '0.28.0 / 2025-01-15: [ENHANCEMENT] Add support for `content`, `username` and `avatar_url` in the Discord integration. … #4007 (template/default.tmpl of v0.28.0 defines it)';
const JIRA = '0.28.0 / 2025-01-15: [FEATURE] Add a new Jira integration #3590 #3931 (template/default.tmpl of v0.28.0 defines it)';
const MSTEAMSV2 = '0.28.0 / 2025-01-15: [FEATURE] Add a new Microsoft Teams integration based on Flows #4024 (template/default.tmpl of v0.28.0 defines it)';
const ROCKETCHAT = '0.28.0 / 2025-01-15: [FEATURE] Add a new Rocket.Chat integration #3600 (template/default.tmpl of v0.28.0 defines it)';
const MATTERMOST = '0.30.0 / 2025-12-15: [FEATURE] Add mattermost integration. #4090 (template/default.tmpl of v0.30.0 defines it)';
const MATTERMOST_FLAT = '0.32.0 / 2026-04-08: [FEATURE] mattermost: Flatten attachments into top-level config. #5009 (template/default.tmpl of v0.32.0 defines it, v0.31.1 does not)';
const SLACK_COLOR = '0.32.0 / 2026-04-08: [FEATURE] slack: Add default color from template. #5014 (template/default.tmpl of v0.32.0 defines it)';

/** Templates Alertmanager always has: every `define` of its template/default.tmpl and template/email.tmpl. */
export const ALERTMANAGER_TEMPLATE_FACTS: NameFacts = Object.fromEntries([
  ...[
    '__alertmanager', '__alertmanagerURL', '__subject', '__description', '__text_alert_list',
    'slack.default.title', 'slack.default.username', 'slack.default.fallback', 'slack.default.callbackid',
    'slack.default.pretext', 'slack.default.titlelink', 'slack.default.iconemoji', 'slack.default.iconurl',
    'slack.default.text', 'slack.default.footer',
    'pagerduty.default.description', 'pagerduty.default.client', 'pagerduty.default.clientURL', 'pagerduty.default.instances',
    'opsgenie.default.message', 'opsgenie.default.description', 'opsgenie.default.source',
    'wechat.default.message', 'wechat.default.to_user', 'wechat.default.to_party', 'wechat.default.to_tag', 'wechat.default.agent_id',
    'victorops.default.state_message', 'victorops.default.entity_display_name', 'victorops.default.monitoring_tool',
    'pushover.default.title', 'pushover.default.message', 'pushover.default.url',
    'sns.default.subject', 'sns.default.message',
    'telegram.default.message',
    'discord.default.title', 'discord.default.message',
    'webex.default.message',
    'email.default.subject', 'email.default.html',
  ].map((name) => [name, TMPL_0_25]),
  ...['__text_alert_list_markdown', 'msteams.default.title', 'msteams.default.text'].map((name) => [name, { since: '0.26', source: MSTEAMS }]),
  ['msteams.default.summary', { since: '0.27', source: MSTEAMS_SUMMARY }],
  ['discord.default.content', { since: '0.28', source: DISCORD_CONTENT }],
  ...['jira.default.summary', 'jira.default.description', 'jira.default.priority'].map((name) => [name, { since: '0.28', source: JIRA }]),
  ...['msteamsv2.default.title', 'msteamsv2.default.text'].map((name) => [name, { since: '0.28', source: MSTEAMSV2 }]),
  ...['alias', 'emoji', 'iconurl', 'text', 'title', 'titlelink'].map((part) => [`rocketchat.default.${part}`, { since: '0.28', source: ROCKETCHAT }]),
  ['mattermost.default.text', { since: '0.30', source: MATTERMOST }],
  ...['color', 'fallback', 'title', 'titlelink', 'username'].map((part) => [`mattermost.default.${part}`, { since: '0.32', source: MATTERMOST_FLAT }]),
  ['slack.default.color', { since: '0.32', source: SLACK_COLOR }],
]) as NameFacts;

/**
 * `{{ else with … }}`: Go 1.23's text/template added it (go.dev/doc/go1.23, text/template: "Templates
 * now support the new "else with" action", golang/go#57646); older Go refuses it at parse time. A
 * release has it when every build of it does: when its go.mod's `go` line (a minimum every toolchain
 * from Go 1.21 enforces) is 1.23 or later. Official binaries may use a newer Go (Alertmanager 0.28 and
 * Prometheus 2.55 … 3.2 were released built with Go 1.23, .promu.yml), but a build with the Go their
 * go.mod admits refuses it.
 */
export const ELSE_WITH: Readonly<Record<Program, VersionGate>> = {
  alertmanager: { since: '0.29', source: 'go.mod of v0.29.0: go 1.24.0 (v0.28.1: go 1.22.0)' },
  prometheus: { since: '3.3', source: 'go.mod of v3.3.0: go 1.23.0 (v3.2.1: go 1.22.7)' },
};

/** Why a target lacks something a gate describes: "it needs Alertmanager 0.30 or later" / "Alertmanager 0.40 removed it". */
export function whyMissing(program: Program, gate: VersionGate, target: string): string {
  const name = PROGRAM_NAME[program];
  if (gate.removedIn && allFrom(target, gate.since) && someFrom(target, gate.removedIn)) return `${name} ${gate.removedIn} removed it`;
  return `it needs ${name} ${gate.since} or later`;
}

/** What a template may use where it is evaluated, for one target. */
export interface TemplateDialect {
  program: Program;
  /** The target as written (`0.25`, `>=0.27`, `3.x`). */
  target: string;
  /** For messages: "Alertmanager 0.25", "Prometheus 3.x". */
  name: string;
  functions: ReadonlySet<string>;
  /** Functions some other release has (not Go's builtins), with the release that has them. */
  otherFunctions: ReadonlyMap<string, VersionGate>;
  /** The program's own functions the target has, in the order of the facts (for hints). */
  ownFunctions: readonly string[];
  /** Variables defined before the text (besides `$`), visible outside `define` bodies. */
  variables: readonly string[];
  /** Built-in templates the target has (Alertmanager's default.tmpl/email.tmpl). */
  templates: ReadonlySet<string>;
  /** Built-in templates some other release has. */
  otherTemplates: ReadonlyMap<string, VersionGate>;
  /** `{{ else with }}`: allowed, or the gate the target misses. */
  elseWith: true | VersionGate;
}

/** The facts one dialect is made of (a parameter so that tests can give others). */
export interface DialectFacts {
  functions: NameFacts;
  templates: NameFacts;
  variables: readonly string[];
  elseWith: VersionGate;
}

export const DIALECT_FACTS: Readonly<Record<Program, DialectFacts>> = {
  alertmanager: { functions: ALERTMANAGER_FUNCTION_FACTS, templates: ALERTMANAGER_TEMPLATE_FACTS, variables: [], elseWith: ELSE_WITH.alertmanager },
  prometheus: { functions: PROMETHEUS_FUNCTION_FACTS, templates: {}, variables: PROMETHEUS_VARIABLES, elseWith: ELSE_WITH.prometheus },
};

/** A dialect from facts: a name is in it when every release the target admits has it. */
export function buildDialect(program: Program, target: string, facts: DialectFacts): TemplateDialect {
  const split = (names: NameFacts) => {
    const have: string[] = [];
    const other = new Map<string, VersionGate>();
    for (const [name, gate] of Object.entries(names)) {
      if (availability(gate, target) === true) have.push(name);
      else other.set(name, gate);
    }
    return { have, other };
  };
  const functions = split(facts.functions);
  const templates = split(facts.templates);
  return {
    program,
    target,
    name: `${PROGRAM_NAME[program]} ${target}`,
    functions: new Set([...GO_BUILTINS, ...functions.have]),
    otherFunctions: functions.other,
    ownFunctions: functions.have,
    variables: facts.variables,
    templates: new Set(templates.have),
    otherTemplates: templates.other,
    elseWith: availability(facts.elseWith, target) === true ? true : facts.elseWith,
  };
}

const dialects = new Map<string, TemplateDialect>();

/** The dialect of a program's templates on a target (one object per program and target, so that caches can key by it). */
export function dialectFor(program: Program, target: string): TemplateDialect {
  const key = `${program} ${target}`;
  let dialect = dialects.get(key);
  if (!dialect) dialects.set(key, (dialect = buildDialect(program, target, DIALECT_FACTS[program])));
  return dialect;
}
