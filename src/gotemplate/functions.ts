/**
 * The functions and predefined variables a Go template may use, per program that evaluates it.
 * Lists taken from the sources of the versions totem-mon targets (kept as data, with their origin).
 */

/** Go's text/template builtins (Go 1.19/1.20, what Alertmanager 0.25 and Prometheus 2.42 are built with). */
export const GO_BUILTINS = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or',
  'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
] as const;

/**
 * Alertmanager 0.25 `template.DefaultFuncs` (github.com/prometheus/alertmanager, tag v0.25.0,
 * template/template.go). `date`, `tz`, `since`, `humanizeDuration`, `toJson` came later (0.26+).
 */
export const ALERTMANAGER_FUNCTIONS = ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice'] as const;

/**
 * Prometheus 2.42 template functions for alert labels and annotations (github.com/prometheus/prometheus,
 * tag v2.42.0, template/template.go `NewTemplateExpander`). `tmpl` exists only in console templates
 * (HTML expansion), not in alert rules.
 */
export const PROMETHEUS_FUNCTIONS = [
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title',
  'toUpper', 'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'stripPort', 'stripDomain', 'humanize',
  'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'pathPrefix',
  'externalURL', 'parseDuration',
] as const;

/** Variables Prometheus defines before an alert's label or annotation text (rules/alerting.go, v2.42.0). */
export const PROMETHEUS_VARIABLES = ['$labels', '$externalLabels', '$externalURL', '$value'] as const;

/**
 * Templates Alertmanager 0.25 always has: every `define` of template/default.tmpl and
 * template/email.tmpl at tag v0.25.0 (identical to Debian's /usr/share/prometheus/alertmanager/*.tmpl).
 */
export const ALERTMANAGER_BUILT_IN_TEMPLATES = [
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
] as const;

/** What a template may use where it is evaluated. */
export interface TemplateDialect {
  /** For messages: "Alertmanager 0.25", "Prometheus 2.42". */
  program: string;
  functions: ReadonlySet<string>;
  /** Variables defined before the text (besides `$`), visible outside `define` bodies. */
  variables: readonly string[];
}

export const ALERTMANAGER_DIALECT: TemplateDialect = {
  program: 'Alertmanager 0.25',
  functions: new Set([...GO_BUILTINS, ...ALERTMANAGER_FUNCTIONS]),
  variables: [],
};

export const PROMETHEUS_DIALECT: TemplateDialect = {
  program: 'Prometheus 2.42',
  functions: new Set([...GO_BUILTINS, ...PROMETHEUS_FUNCTIONS]),
  variables: PROMETHEUS_VARIABLES,
};
