/**
 * The versions of Prometheus and Alertmanager the output can target, and what each lacks: the one
 * place that says which version has what. Every fact has the same shape (VersionGate: since, removed
 * in, behind which flag until when) and one judgement, `availability`. The facts about definition
 * fields are here, each with its source, a line of the program's CHANGELOG.md (github.com/prometheus/
 * prometheus at d15adb9ad7e5, github.com/prometheus/alertmanager at 68fb2d5759b3,
 * github.com/prometheus/blackbox_exporter at e39d7d415684, whose CHANGELOG starts at 0.19.0: older
 * facts name the release tag and the source file); PromQL's functions,
 * aggregations and syntax, a table of their own, in promql-version-facts.ts. A target admits one
 * release or several (`3.x`, `>=3.5`: version-range.ts); a fact holds for it when it holds for each.
 */

import type { AlertmanagerVersion, BlackboxVersion, PrometheusVersion } from '../api/versions.js';
import { atLeast } from './version-order.js';
import { allFrom, someFrom, versionRange } from './version-range.js';

/**
 * The oldest release each program's facts speak for: what came before is not listed (`@` and
 * subqueries, relabel actions older than 2.36), so an older target cannot be judged. The blackbox
 * exporter's: 0.19, the first release whose `--config.check` compiles the modules' regexps
 * (BLACKBOX_FACTS.configCheckRegexps): an older exporter's check passes a regexp it cannot compile,
 * so its verdict on the modules (whose body checks are all regexps) says nothing.
 */
export const OLDEST: Readonly<Record<Program, string>> = { prometheus: '2.42', alertmanager: '0.25', blackbox: '0.19' };

/** What the output targets without a `versions` setting or installed tools: what Debian 12 ships. */
export const DEFAULT_VERSIONS: { prometheus: PrometheusVersion; alertmanager: AlertmanagerVersion; blackbox: BlackboxVersion } = { prometheus: '2.42', alertmanager: '0.25', blackbox: '0.23' };

/** The programs whose releases the output targets: Prometheus, Alertmanager, the blackbox exporter (its modules). */
export type Program = 'prometheus' | 'alertmanager' | 'blackbox';

/** The programs with a Go template dialect (alert templates, notification templates). */
export type TemplateProgram = Exclude<Program, 'blackbox'>;

/** When a feature is there: the shape of every version fact, the fields' and PromQL's. */
export interface VersionGate {
  /** The first version that has it. */
  since: string;
  /** The first version that no longer has it. */
  removedIn?: string;
  /** The feature flag (`--enable-feature=…`) without which it is refused, from `since` on … */
  flag?: string;
  /** … until this version, which has it without the flag (absent: the flag is still needed). */
  flagUntil?: string;
  /** Where this is said: the CHANGELOG.md line under its release heading, or the source file. */
  source: string;
}

/** A definition field some versions lack. */
export interface VersionFact extends VersionGate {
  /** The blackbox exporter's facts are a table of their own (BLACKBOX_FACTS). */
  program: TemplateProgram;
  /** What the feature is, as messages name it (the definition field and the output field). */
  feature: string;
}

export const FACTS = {
  keepFiringFor: {
    program: 'prometheus',
    feature: 'keepFiringFor (keep_firing_for)',
    since: '2.42',
    source: "2.42.0 / 2023-01-31: [FEATURE] Add 'keep_firing_for' field to alerting rules. #11827",
  },
  keepEqual: {
    program: 'prometheus',
    feature: 'relabel action keepequal/dropequal',
    since: '2.41',
    source: '2.41.0 / 2022-12-20: [FEATURE] Relabeling: Add `keepequal` and `dropequal` relabel actions. #11564',
  },
  changeCase: {
    program: 'prometheus',
    feature: 'relabel action lowercase/uppercase',
    since: '2.36',
    source: '2.36.0 / 2022-05-30: [FEATURE] Add lowercase and uppercase relabel action. #10641',
  },
  scrapeProtocols: {
    program: 'prometheus',
    feature: 'scrapeProtocols (scrape_protocols)',
    since: '2.49',
    source: '2.49.0 / 2024-01-15: [FEATURE] Scraping: Add ability to specify priority of scrape protocols to accept during scrape … `scrape_config.scrape_protocols`. #12738',
  },
  utf8Names: {
    program: 'prometheus',
    feature: 'UTF-8 label names (beyond [a-zA-Z_][a-zA-Z0-9_]*)',
    since: '3.0',
    source: '3.0.0 / 2024-11-14: [CHANGE] UTF-8: Enable UTF-8 support by default. Prometheus now allows all UTF-8 characters in metric and label names. #14705, #15258',
  },
  webhookUrlFile: {
    program: 'alertmanager',
    feature: 'webhook url_file',
    since: '0.26',
    source: '0.26.0 / 2023-08-23: [ENHANCEMENT] Webhook Integration: Support `url_file` for loading this secret from a file. #3223',
  },
  telegramBotTokenFile: {
    program: 'alertmanager',
    feature: 'telegram (telegram_configs with bot_token_file)',
    since: '0.26',
    source: '0.26.0 / 2023-08-23: [ENHANCEMENT] Telegram Integration: Support `bot_token_file` for loading this secret from a file. #3226',
  },
  msteams: {
    program: 'alertmanager',
    feature: 'msteams (msteams_configs with webhook_url_file)',
    // 0.26 added the integration, 0.27 webhook_url_file ("Microsoft Teams Integration: Introduced
    // support for `webhook_url_file`. #3555"), but 0.27's config/config.go still refuses a config
    // without webhook_url ("no msteams webhook URL provided"): fixed in 0.28.
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [BUGFIX] Fix `webhook_url_file` for both the Discord and Microsoft Teams integrations. #3728 #3745',
  },
  discordWebhookUrlFile: {
    program: 'alertmanager',
    feature: 'discord (discord_configs with webhook_url_file)',
    // 0.27 added webhook_url_file ("Discord Integration: Introduced support for `webhook_url_file`.
    // #3555"), but its config/config.go still refuses a config without webhook_url ("no discord
    // webhook URL provided"): fixed in 0.28.
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [BUGFIX] Fix `webhook_url_file` for both the Discord and Microsoft Teams integrations. #3728 #3745',
  },
  webex: {
    program: 'alertmanager',
    feature: 'webex (webex_configs)',
    since: '0.25',
    source: '0.25.0 / 2022-12-22: [FEATURE] Add Webex integration. #3132',
  },
  // Integrations totem-mon does not generate yet (refused for every target, with their release).
  msteamsv2: {
    program: 'alertmanager',
    feature: 'msteamsv2 (msteamsv2_configs)',
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [FEATURE] Add a new Microsoft Teams integration based on Flows #4024',
  },
  jira: {
    program: 'alertmanager',
    feature: 'jira (jira_configs)',
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [FEATURE] Add a new Jira integration #3590 #3931',
  },
  rocketchat: {
    program: 'alertmanager',
    feature: 'rocketchat (rocketchat_configs)',
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [FEATURE] Add a new Rocket.Chat integration #3600',
  },
  mattermost: {
    program: 'alertmanager',
    feature: 'mattermost (mattermost_configs)',
    since: '0.30',
    source: '0.30.0 / 2025-12-15: [FEATURE] Add mattermost integration. #4090',
  },
  utf8Matchers: {
    program: 'alertmanager',
    feature: 'UTF-8 matchers and label names (the new matcher parser)',
    since: '0.27',
    source: '0.27.0 / 2024-02-28: [FEATURE] UTF-8 Support: Introduction of support for any UTF-8 character as part of label names and matchers. #3453, #3483, #3567, #3570',
  },
  utf8Equal: {
    program: 'alertmanager',
    feature: 'UTF-8 label names in an inhibit rule’s equal',
    since: '0.28',
    source: '0.28.0 / 2025-01-15: [BUGFIX] Fix UTF-8 not allowed in Equal field for inhibition rules #4177',
  },
  emptyGroupBy: {
    program: 'alertmanager',
    feature: 'an empty groupBy (group_by: [], no grouping below a grouping parent)',
    since: '0.31',
    source: '0.31.0 / 2026-02-02: [BUGFIX] Allow empty `group_by` to override parent route. #4825 (before it, the route inherits its parent’s group_by)',
  },
  // What every release the facts know has (none older than OLDEST can be a target): listed so that
  // the table says where each field the output writes comes from, and judged like the others.
  matchers: {
    program: 'alertmanager',
    feature: 'matchers (matchers, source_matchers, target_matchers)',
    since: '0.22',
    source: '0.22.0 / 2021-05-21: [FEATURE] Add support for negative matchers. #2434 #2460 and many more.',
  },
  muteTimeIntervals: {
    program: 'alertmanager',
    feature: 'muteTimeIntervals (mute_time_intervals)',
    since: '0.22',
    source: '0.22.0 / 2021-05-21: [FEATURE] Add time-based muting to routing tree. #2393',
  },
  slackApiUrlFile: {
    program: 'alertmanager',
    feature: 'slack apiUrl (api_url_file, slack_api_url_file)',
    since: '0.22',
    source: '0.22.0 / 2021-05-21: [ENHANCEMENT] Add support to set the Slack URL from a file. #2534',
  },
  httpAuthorization: {
    program: 'alertmanager',
    feature: 'webhook authorization (http_config.authorization)',
    since: '0.22',
    source: '0.22.0 / 2021-05-21: [ENHANCEMENT] Add support for custom authorization scheme. #2499',
  },
  timeIntervals: {
    program: 'alertmanager',
    feature: 'timeIntervals (time_intervals)',
    since: '0.24',
    source: '0.24.0 / 2022-03-24: [FEATURE] Add support for active time intervals. Active and mute time intervals should be defined via `time_intervals` rather than `mute_time_intervals` … #2779',
  },
  activeTimeIntervals: {
    program: 'alertmanager',
    feature: 'activeTimeIntervals (active_time_intervals)',
    since: '0.24',
    source: '0.24.0 / 2022-03-24: [FEATURE] Add support for active time intervals. #2779',
  },
  timeIntervalLocation: {
    program: 'alertmanager',
    feature: 'a time interval’s location',
    since: '0.25',
    source: '0.25.0 / 2022-12-22: [ENHANCEMENT] Add Location support to time intervals. #2782',
  },
  smtpPasswordFile: {
    program: 'alertmanager',
    feature: 'authPassword (auth_password_file, smtp_auth_password_file)',
    since: '0.25',
    source: '0.25.0 / 2022-12-22: [ENHANCEMENT] Add support for reading global and local SMTP passwords from files. #3038',
  },
  pagerdutyKeyFiles: {
    program: 'alertmanager',
    feature: 'pagerduty routingKey/serviceKey (routing_key_file, service_key_file)',
    since: '0.25',
    source: '0.25.0 / 2022-12-22: [ENHANCEMENT] Add support for reading PagerDuty routing and service keys from files. #3107',
  },
} as const satisfies Record<string, VersionFact>;

export type FactId = keyof typeof FACTS;

/** Each program as messages name it. */
export const PROGRAM_NAME: Readonly<Record<Program, string>> = { prometheus: 'Prometheus', alertmanager: 'Alertmanager', blackbox: 'blackbox exporter' };

/**
 * What the blackbox exporter's modules (out/blackbox/blackbox.yml: src/compile/blackbox) use, and
 * the exporter's config check validate runs, each with the release that has it. Every one predates
 * OLDEST.blackbox, so every target admits them: listed so that the table says where each field the
 * output writes comes from (a test holds the compiled modules' fields to it), and judged like the
 * others should the output ever write a newer one.
 */
export const BLACKBOX_FACTS = {
  httpProber: {
    feature: 'prober: http with timeout, http.method, http.valid_status_codes',
    since: '0.1',
    source: '0.1.0 (tag): main.go and http.go (the http prober; its module fields `timeout`, `method`, `valid_status_codes`)',
  },
  preferredIpProtocol: {
    feature: 'http.preferred_ip_protocol',
    since: '0.3',
    source: 'v0.3.0 (tag): main.go `preferred_ip_protocol` (IPv6 support for all modules #64)',
  },
  bodyRegexp: {
    feature: 'http.fail_if_body_not_matches_regexp',
    since: '0.14',
    source: 'v0.14.0 (tag): config/config.go `fail_if_body_not_matches_regexp` (#419)',
  },
  configCheckRegexps: {
    feature: "--config.check compiles the modules' regexps",
    since: '0.19',
    source: '0.19.0 / 2021-05-10: [ENHANCEMENT] Validating the configuration tries to compile regexes. #729',
  },
} as const satisfies Record<string, VersionGate & { feature: string }>;

/**
 * Whether every version a target admits has it: `false` (one lacks it: too old, or it was removed),
 * `'flag'` (one has it only behind `fact.flag`) or `true`.
 */
export function availability(fact: VersionGate, target: string): boolean | 'flag' {
  if (!allFrom(target, fact.since)) return false;
  if (fact.removedIn && someFrom(target, fact.removedIn)) return false;
  if (fact.flag && !(fact.flagUntil && allFrom(target, fact.flagUntil))) return 'flag';
  return true;
}

/** Whether a written target is one the facts can judge: one of the three forms, nothing older than OLDEST. */
export function judgeable(program: Program, target: string): boolean {
  const range = versionRange(target);
  return range !== undefined && atLeast(range.oldest, OLDEST[program]);
}

/** Whether the target version has a feature. */
export function has(targets: { prometheus: string; alertmanager: string }, fact: FactId): boolean {
  const f: VersionFact = FACTS[fact];
  return availability(f, targets[f.program]) === true;
}

/** "scrapeProtocols (scrape_protocols) came in Prometheus 2.49; the target is Prometheus 2.42" parts, for messages. */
export function lacking(fact: FactId, target: string): { feature: string; program: string; target: string; since: string } {
  const f: VersionFact = FACTS[fact];
  const program = PROGRAM_NAME[f.program];
  return { feature: f.feature, program, target: `${program} ${target}`, since: `${program} ${f.since}` };
}

/** The target an installed tool's version (`2.42.0+ds`, `3.5.1`) stands for: its own release, if the facts speak for it. */
export function supportedVersion<P extends Program>(
  program: P,
  installed: string | undefined,
): (P extends 'prometheus' ? PrometheusVersion : P extends 'alertmanager' ? AlertmanagerVersion : BlackboxVersion) | undefined {
  const m = installed === undefined ? null : /^v?(\d+)\.(\d+)/.exec(installed);
  if (!m) return undefined;
  const release = `${Number(m[1])}.${Number(m[2])}` as P extends 'prometheus' ? PrometheusVersion : P extends 'alertmanager' ? AlertmanagerVersion : BlackboxVersion;
  return atLeast(release, OLDEST[program]) ? release : undefined;
}
