import type { Check } from './check.js';
import { eachNotifier, type NotifierPlace } from './alertmanager-notifiers.js';
import { templatedFields } from './alertmanager-templates.js';

/** Alertmanager stores max_alerts as a uint32. */
const MAX_ALERTS = 4_294_967_295;

/** Why Alertmanager refuses the URL (config.URL: Go's url.Parse, scheme http or https, a host), or undefined. */
function urlProblem(text: string): string | undefined {
  if (/^[a-z0-9.-]+:\d+/i.test(text)) return `it has no scheme (Go reads "${text.split(':')[0]}" as one)`;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(text);
  if (!match) return 'it has no scheme';
  const [, scheme, rest] = match;
  if (scheme !== 'http' && scheme !== 'https') return `its scheme is "${scheme}"; Alertmanager only posts to http and https`;
  const authority = rest!.startsWith('//') ? rest!.slice(2).split(/[/?#]/)[0]! : '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  if (host === '') return 'it has no host';
  // Go's url.Parse refuses control characters anywhere and a space in the host; a space in the
  // path, query or fragment it takes (amtool 0.25 says SUCCESS), and net/http escapes it when sending.
  if (/[\x00-\x1f\x7f]/.test(text)) return 'it has a control character';
  if (/\s/.test(authority)) return 'its host has a space';
  return undefined;
}

/**
 * Why a URL the target renders as a template (webhook url from Alertmanager 0.31 on) cannot work
 * once rendered. Alertmanager checks a templated URL only when sending (config.SecretTemplateURL:
 * url.Parse only without `{{`); what the text spells out before the first action still decides
 * the scheme: `ftp://…/{{ … }}` is never posted.
 */
function templatedUrlProblem(text: string): string | undefined {
  const prefix = text.slice(0, text.indexOf('{{'));
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(prefix)?.[1];
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return undefined;
  return `its scheme is "${scheme}"; Alertmanager only posts to http and https`;
}

export const alertmanagerWebhookUrl: Check = {
  id: 'alertmanager/webhook-url',
  severity: 'error',
  description: 'Webhook (and PagerDuty) URLs are absolute http(s) URLs with a host; webhook max_alerts fits Alertmanager (0 to 4294967295).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const target = model.versions.alertmanager;
    const checkUrl = (url: string | undefined, { where, at, receiver }: NotifierPlace, item: string) => {
      if (url === undefined) return;
      // A field every release the target admits renders as a template is checked when sending.
      const templated = url.includes('{{') && templatedFields(receiver, target).some((f) => f.field.join('.') === `${item}.url`);
      const problem = templated ? templatedUrlProblem(url) : urlProblem(url);
      if (!problem) return;
      report({
        message: `${where('url')} ${JSON.stringify(url)} is refused by Alertmanager ${target}: ${problem}`,
        hint: "write the whole endpoint with http:// or https://, e.g. 'http://alert-bridge:8080/hook'",
        ...at('url'),
      });
    };
    eachNotifier(am, 'webhook', (w, place) => checkUrl(w.url, place, place.item));
    eachNotifier(am, 'pagerduty', (p, place) => checkUrl(p.url, place, place.item));
    eachNotifier(am, 'webhook', (w, { where, at }) => {
      if (w.maxAlerts === undefined || w.maxAlerts <= MAX_ALERTS) return;
      report({
        message: `${where('maxAlerts')} ${w.maxAlerts} does not fit Alertmanager's max_alerts (at most ${MAX_ALERTS}; 0 means all alerts)`,
        hint: 'use 0 to send every alert, or a count of alerts per message',
        ...at('maxAlerts'),
      });
    });
  },
};
