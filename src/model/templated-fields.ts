/**
 * The receiver fields Alertmanager renders as templates, per notifier kind, with the first release
 * that does (read by the checks, src/lint/alertmanager-templates.ts, and by import,
 * src/import/alertmanager/receivers.ts).
 */
import type { NotifierKind } from './alertmanager.js';
import type { VersionGate } from './version-facts.js';

const AM_0_25_TMPL = (file: string): VersionGate => ({
  since: '0.25',
  source: `notify/${file}/${file}.go at v0.25.0 (the oldest release the facts speak for) renders it with tmpl/tmplText; every later tag still does`,
});
const EMAIL = AM_0_25_TMPL('email');
const SLACK = AM_0_25_TMPL('slack');
const PAGERDUTY = AM_0_25_TMPL('pagerduty');
const WEBHOOK_URL: VersionGate = {
  since: '0.31',
  source: '0.31.0 / 2026-02-02: [FEATURE] webhook: Support templating in url fields. #4798 (notify/webhook/webhook.go of v0.31.0: url = tmpl(string(n.conf.URL)); v0.30.1 posts n.conf.URL.String())',
};

/** A field first rendered by a later release than the facts' oldest: its notifier file at that tag. */
const RENDERED_FROM = (file: string, since: string, line: string): VersionGate => ({ since, source: `notify/${file}/${file}.go at v${since}.0: ${line}; every later tag still renders it` });
const TELEGRAM = AM_0_25_TMPL('telegram');
const DISCORD = AM_0_25_TMPL('discord');
const DISCORD_CONTENT = RENDERED_FROM('discord', '0.28', 'notify.TruncateInRunes(tmpl(n.conf.Content), …)');
const MSTEAMS = RENDERED_FROM('msteams', '0.26', 'title := tmpl(n.conf.Title), text := tmpl(n.conf.Text)');
const MSTEAMS_SUMMARY = RENDERED_FROM('msteams', '0.27', 'summary := tmpl(n.conf.Summary) (0.27.0 / 2024-02-28: [ENHANCEMENT] Microsoft Teams Integration: Add support for `summary`. #3616)');
const WEBEX = AM_0_25_TMPL('webex');
const WEBEX_ROOM: VersionGate = {
  since: '0.28',
  source: '0.28.0 / 2025-01-15: [ENHANCEMENT] The setting `room_id` in the WebEx integration can now be templated to allow for dynamic room IDs. #3801 (notify/webex/webex.go of v0.28.0: RoomID: tmpl(n.conf.RoomID))',
};

/**
 * The receiver fields totem-mon writes that Alertmanager runs through the template engine, per
 * integration, with the first release that does (notify/<integration>/<integration>.go `tmpl(…)`,
 * `tmplText(…)`, `ExecuteTextString`/`ExecuteHTMLString`, read at every tag v0.25.0 … v0.34.0). Any
 * other string field (email smarthost, hello, authUsername; webhook authorization and basicAuth;
 * PagerDuty url) is sent as written by every release.
 */
export const TEMPLATED: { readonly [K in NotifierKind]: Readonly<Record<string, VersionGate>> } = {
  email: { to: EMAIL, from: EMAIL, html: EMAIL, text: EMAIL },
  slack: Object.fromEntries(
    ['channel', 'username', 'color', 'title', 'titleLink', 'pretext', 'text', 'footer', 'fallback', 'iconEmoji', 'iconUrl'].map((f) => [f, SLACK]),
  ),
  webhook: { url: WEBHOOK_URL },
  pagerduty: Object.fromEntries(['client', 'clientUrl', 'description', 'severity', 'class', 'component', 'group'].map((f) => [f, PAGERDUTY])),
  telegram: { message: TELEGRAM },
  // username and avatar_url are sent as written (notify/discord/discord.go at v0.28.0 … v0.34.0:
  // `Username: n.conf.Username`, `w.AvatarURL = n.conf.AvatarURL`, never through tmpl), whatever
  // Alertmanager's CHANGELOG says of username (NOT_TEMPLATED_THOUGH_SAID).
  discord: { title: DISCORD, message: DISCORD, content: DISCORD_CONTENT },
  msteams: { title: MSTEAMS, summary: MSTEAMS_SUMMARY, text: MSTEAMS },
  webex: { message: WEBEX, roomId: WEBEX_ROOM },
};
/** The first release that renders a notifier's top-level field as a template (TEMPLATED), or undefined when none does. */
export function templatedFrom(kind: NotifierKind, field: string): VersionGate | undefined {
  return TEMPLATED[kind][field];
}

