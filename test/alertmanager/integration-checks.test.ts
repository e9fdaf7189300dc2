import { describe, expect, it } from 'vitest';
import { receiver, secretFile, type Receiver } from '../../src/index.js';
import { pinned, runAlertmanagerCheck } from '../helpers/alertmanager.js';
import { fileOf } from '../helpers/model.js';
import { parseAddressList } from '../../src/lint/mail-address.js';

/** Where a finding about one field of a receiver must point. */
const at = (r: Receiver, ...field: string[]) => ({
  path: ['alertmanager', 'receivers', r.name, ...field],
  file: fileOf(r),
  line: r.source!.line,
});

describe('alertmanager/email-address', () => {
  const id = 'alertmanager/email-address';
  const HINT = "separate addresses with commas, each an address or a name with the address in angle brackets: 'oncall@shop.example, Ops <ops@shop.example>'";

  it('fires on addresses separated by semicolons', () => {
    const r = receiver({ name: 'mail', email: [{ to: 'oncall@shop.example; ops@shop.example' }] });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      {
        message: 'receiver mail: email[0].to "oncall@shop.example; ops@shop.example" is not an address list Alertmanager 0.25 can parse: expected a comma after "oncall@shop.example", found ";" (column 20)',
        hint: HINT,
        ...at(r, 'email[0]', 'to'),
        highlighted: ';',
      },
    ]);
  });

  it('fires on addresses separated by spaces, and on a name without angle brackets', () => {
    const r = receiver({
      name: 'mail',
      email: [{ to: 'oncall@shop.example ops@shop.example' }, { to: 'Shop Ops ops@shop.example' }],
    });
    expect(runAlertmanagerCheck(id, [r]).map((d) => [d.message, pinned(d).highlighted, d.path?.at(-2)])).toEqual([
      ['receiver mail: email[0].to "oncall@shop.example ops@shop.example" is not an address list Alertmanager 0.25 can parse: expected a comma after "oncall@shop.example", found "o" (column 21)', 'o', 'email[0]'],
      ['receiver mail: email[1].to "Shop Ops ops@shop.example" is not an address list Alertmanager 0.25 can parse: the name "Shop Ops ops" needs an address in angle brackets: Shop Ops ops <…@…> (column 13)', '@', 'email[1]'],
    ]);
  });

  it('fires on a local name without a domain, and on two senders in from', () => {
    const r = receiver({ name: 'mail', email: [{ to: 'oncall', from: 'alerts@shop.example, noreply@shop.example' }] });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      {
        message: 'receiver mail: email[0].to "oncall" is not an address list Alertmanager 0.25 can parse: missing @ or <…> in "oncall" (column 1)',
        hint: HINT,
        ...at(r, 'email[0]', 'to'),
        highlighted: 'o',
      },
      {
        message: 'receiver mail: email[0].from "alerts@shop.example, noreply@shop.example" has 2 addresses; Alertmanager 0.25 refuses to send unless from is exactly one',
        hint: "give one sender address, e.g. 'alerts@shop.example'",
        ...at(r, 'email[0]', 'from'),
        highlighted: undefined,
      },
    ]);
  });

  it('is quiet on comma separated lists, names in angle brackets and quoted names', () => {
    const r = receiver({
      name: 'mail',
      email: [
        { to: 'oncall@shop.example, ops@shop.example' },
        { to: 'Shop Ops <ops@shop.example>,"Doe, Jane" <jane@shop.example> , , billing+alerts@shop.example', from: 'Alerts <alerts@shop.example>' },
      ],
    });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });

  it('is quiet on templated addresses (known only when sending)', () => {
    const r = receiver({ name: 'mail', email: [{ to: '{{ .CommonLabels.team }}@shop.example; oops' }] });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });

  it("parses like Go's net/mail ParseAddressList", () => {
    expect(parseAddressList('a@x, B <b@y>, "C, D" <c@z>')).toEqual({ ok: true, addresses: ['a@x', 'b@y', 'c@z'] });
    expect(parseAddressList('a@x (comment), b@y')).toEqual({ ok: true, addresses: ['a@x', 'b@y'] });
    expect(parseAddressList('')).toEqual({ ok: false, problem: { at: 0, message: 'no address' } });
    expect(parseAddressList('<a@x')).toEqual({ ok: false, problem: { at: 0, message: 'unclosed angle bracket <' } });
    expect(parseAddressList('a..b@x')).toMatchObject({ ok: false });
    expect(parseAddressList('a@')).toMatchObject({ ok: false, problem: { message: 'no domain after @, found the end' } });
  });
});

describe('alertmanager/pagerduty-severity', () => {
  const id = 'alertmanager/pagerduty-severity';
  const HINT = 'PagerDuty accepts only critical, error, warning, info (lowercase), or a template that yields one of them';
  const key = () => secretFile('/etc/am/pd');

  it('fires on a value outside the set, and on the right word in capitals', () => {
    const r = receiver({ name: 'pager', pagerduty: [{ routingKey: key(), severity: 'page' }, { routingKey: key(), severity: 'Critical' }] });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      {
        message: 'receiver pager: pagerduty[0].severity "page" is not a PagerDuty severity: PagerDuty refuses the event (allowed: critical, error, warning, info)',
        hint: HINT,
        ...at(r, 'pagerduty[0]', 'severity'),
        highlighted: 'page',
      },
      {
        message: 'receiver pager: pagerduty[1].severity "Critical" is not a PagerDuty severity (write it lowercase: "critical"): PagerDuty refuses the event (allowed: critical, error, warning, info)',
        hint: HINT,
        ...at(r, 'pagerduty[1]', 'severity'),
        highlighted: 'Critical',
      },
    ]);
  });

  it('fires on a template that can yield a value outside the set', () => {
    const r = receiver({ name: 'pager', pagerduty: [{ routingKey: key(), severity: '{{ if eq .Status "firing" }}high{{ else }}info{{ end }}' }] });
    expect(runAlertmanagerCheck(id, [r]).map((d) => [d.message, pinned(d).highlighted])).toEqual([
      ['receiver pager: pagerduty[0].severity "high" is not a PagerDuty severity: PagerDuty refuses the event (allowed: critical, error, warning, info)', 'high'],
    ]);
  });

  it("fires when the severity is the alerts' label and alert rules set values PagerDuty refuses", () => {
    const r = receiver({ name: 'pager', pagerduty: [{ routingKey: key(), severity: '{{ .CommonLabels.severity }}' }] });
    const labels = [{ severity: 'critical' }, { severity: 'page' }, { severity: 'page' }, { severity: 'Warning' }];
    expect(runAlertmanagerCheck(id, [r], [], labels).map(pinned)).toEqual([
      {
        message: 'receiver pager: pagerduty[0].severity is the alerts\' severity label, and alerts ShopErrors2, ShopErrors3 set severity="page", which PagerDuty refuses (allowed: critical, error, warning, info)',
        hint: 'map it in the template, e.g. {{ if eq .CommonLabels.severity "page" }}critical{{ else }}{{ .CommonLabels.severity }}{{ end }}, or change the alerts\' severity',
        ...at(r, 'pagerduty[0]', 'severity'),
        highlighted: undefined,
      },
      {
        message: 'receiver pager: pagerduty[0].severity is the alerts\' severity label, and alert ShopErrors4 set severity="Warning", which PagerDuty refuses (allowed: critical, error, warning, info)',
        hint: 'map it in the template, e.g. {{ if eq .CommonLabels.severity "Warning" }}critical{{ else }}{{ .CommonLabels.severity }}{{ end }}, or change the alerts\' severity',
        ...at(r, 'pagerduty[0]', 'severity'),
        highlighted: undefined,
      },
    ]);
  });

  it('is quiet on the four allowed values, on templates of allowed values and on v1 (serviceKey) configs', () => {
    const r = receiver({
      name: 'pager',
      pagerduty: [
        { routingKey: key(), severity: 'critical' },
        { routingKey: key(), severity: 'error' },
        { routingKey: key(), severity: '{{ if eq .Status "firing" }}warning{{ else }}info{{ end }}' },
        { routingKey: key(), severity: '{{ .CommonLabels.severity }}' },
        { serviceKey: key(), severity: 'whatever v1 ignores' },
      ],
    });
    expect(runAlertmanagerCheck(id, [r], [], [{ severity: 'critical' }, { severity: 'info' }, { severity: '{{ if gt $value 5.0 }}critical{{ else }}warning{{ end }}' }])).toEqual([]);
  });
});

describe('alertmanager/slack-fields', () => {
  const id = 'alertmanager/slack-fields';

  it('fires on a channel name with capitals and a space, and on one with a period', () => {
    const r = receiver({ name: 'chat', slack: [{ channel: '#Shop Alerts' }, { channel: '#shop.alerts' }] });
    const hint = "Slack channel names are lowercase letters, digits, - and _ (at most 80), e.g. '#shop-alerts'; or a user '@name' or a channel id 'C0123456789'";
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      { message: 'receiver chat: slack[0].channel "#Shop Alerts" is not a Slack channel name: it has a space', hint, ...at(r, 'slack[0]', 'channel'), highlighted: undefined },
      { message: 'receiver chat: slack[1].channel "#shop.alerts" is not a Slack channel name: it has characters other than lowercase letters, digits, - and _', hint, ...at(r, 'slack[1]', 'channel'), highlighted: undefined },
    ]);
  });

  it('fires on a colour Slack does not know, also inside a template', () => {
    const r = receiver({ name: 'chat', slack: [{ channel: '#shop', color: 'red' }, { channel: '#shop', color: '{{ if eq .Status "firing" }}danger{{ else }}green{{ end }}' }] });
    const hint = "use good, warning, danger or a hex colour such as '#d63232' (a template may choose between them)";
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      { message: 'receiver chat: slack[0].color "red" is not a Slack attachment colour: Slack shows no colour bar', hint, ...at(r, 'slack[0]', 'color'), highlighted: 'red' },
      { message: 'receiver chat: slack[1].color "green" is not a Slack attachment colour: Slack shows no colour bar', hint, ...at(r, 'slack[1]', 'color'), highlighted: 'green' },
    ]);
  });

  it('fires on an emoji without colons and on a relative title link', () => {
    const r = receiver({ name: 'chat', slack: [{ channel: '#shop', iconEmoji: 'rotating_light', titleLink: 'grafana.shop.example/d/orders' }] });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      {
        message: 'receiver chat: slack[0].iconEmoji "rotating_light" is not an emoji code: Slack expects :name:',
        hint: "write the emoji's code between colons, e.g. ':rotating_light:'",
        ...at(r, 'slack[0]', 'iconEmoji'),
        highlighted: undefined,
      },
      {
        message: 'receiver chat: slack[0].titleLink "grafana.shop.example/d/orders" is not an absolute http(s) URL: Slack ignores it',
        hint: "write the whole URL with its scheme, e.g. 'https://grafana.shop.example/d/orders'",
        ...at(r, 'slack[0]', 'titleLink'),
        highlighted: undefined,
      },
    ]);
  });

  it('is quiet on valid names, ids, users, colours, emoji and URLs', () => {
    const r = receiver({
      name: 'chat',
      slack: [
        { channel: '#shop-alerts_2', color: '#D63232', iconEmoji: ':rotating_light:', titleLink: 'https://grafana.shop.example/d/orders', iconUrl: 'http://icons/x.png' },
        { channel: 'C0123456789', color: 'warning' },
        { channel: '@jane.doe', color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}' },
        { channel: 'shop-alerts' },
      ],
    });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });

  it('is quiet on templated fields (known only when sending)', () => {
    const r = receiver({ name: 'chat', slack: [{ channel: '#{{ .CommonLabels.team }}', color: '{{ .CommonLabels.color }}', titleLink: '{{ template "__alertmanagerURL" . }}' }] });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });
});

describe('alertmanager/webhook-url', () => {
  const id = 'alertmanager/webhook-url';
  const hint = "write the whole endpoint with http:// or https://, e.g. 'http://alert-bridge:8080/hook'";

  it('fires on a URL without a scheme', () => {
    const r = receiver({ name: 'hook', webhook: [{ url: 'alert-bridge:8080/hook' }] });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      { message: 'receiver hook: webhook[0].url "alert-bridge:8080/hook" is refused by Alertmanager 0.25: it has no scheme (Go reads "alert-bridge" as one)', hint, ...at(r, 'webhook[0]', 'url'), highlighted: undefined },
    ]);
  });

  it('fires on a scheme other than http(s) and on a URL without a host', () => {
    const r = receiver({ name: 'hook', webhook: [{ url: 'ftp://bridge/hook' }, { url: 'http:///hook' }] });
    expect(runAlertmanagerCheck(id, [r]).map((d) => [d.message, d.path?.at(-2)])).toEqual([
      ['receiver hook: webhook[0].url "ftp://bridge/hook" is refused by Alertmanager 0.25: its scheme is "ftp"; Alertmanager only posts to http and https', 'webhook[0]'],
      ['receiver hook: webhook[1].url "http:///hook" is refused by Alertmanager 0.25: it has no host', 'webhook[1]'],
    ]);
  });

  it('fires on a PagerDuty url and on a max_alerts that does not fit', () => {
    const r = receiver({
      name: 'hook',
      webhook: [{ url: 'https://bridge/hook', maxAlerts: 5_000_000_000 }],
      pagerduty: [{ routingKey: secretFile('/etc/am/pd'), url: 'events.pagerduty.com/v2/enqueue' }],
    });
    expect(runAlertmanagerCheck(id, [r]).map(pinned)).toEqual([
      {
        message: 'receiver hook: pagerduty[0].url "events.pagerduty.com/v2/enqueue" is refused by Alertmanager 0.25: it has no scheme',
        hint,
        ...at(r, 'pagerduty[0]', 'url'),
        highlighted: undefined,
      },
      {
        message: "receiver hook: webhook[0].maxAlerts 5000000000 does not fit Alertmanager's max_alerts (at most 4294967295; 0 means all alerts)",
        hint: 'use 0 to send every alert, or a count of alerts per message',
        ...at(r, 'webhook[0]', 'maxAlerts'),
        highlighted: undefined,
      },
    ]);
  });

  it('is quiet on http and https URLs with hosts and ports', () => {
    const r = receiver({
      name: 'hook',
      webhook: [{ url: 'http://alert-bridge:8080/hook' }, { url: 'https://hooks.shop.example/alerts?x=1', maxAlerts: 0 }],
      pagerduty: [{ routingKey: secretFile('/etc/am/pd'), url: 'https://events.pagerduty.com/v2/enqueue' }],
    });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });

  it('takes a space in the path or query, as amtool 0.25 does (Go escapes it when sending); refuses one in the host and a control character', () => {
    const ok = receiver({ name: 'hook', webhook: [{ url: 'http://bridge/alerts for shop' }, { url: 'http://bridge/hook?team=a b#x y' }] });
    expect(runAlertmanagerCheck(id, [ok])).toEqual([]);
    // (The schema already refuses a webhook url with a space in its host; a PagerDuty url is plain text.)
    const bad = receiver({
      name: 'hook',
      pagerduty: [
        { routingKey: secretFile('/etc/am/pd'), url: 'https://events pagerduty.com/v2/enqueue' },
        { routingKey: secretFile('/etc/am/pd'), url: 'https://events.pagerduty.com/v2/\tenqueue' },
      ],
    });
    expect(runAlertmanagerCheck(id, [bad]).map((d) => d.message)).toEqual([
      'receiver hook: pagerduty[0].url "https://events pagerduty.com/v2/enqueue" is refused by Alertmanager 0.25: its host has a space',
      'receiver hook: pagerduty[1].url "https://events.pagerduty.com/v2/\\tenqueue" is refused by Alertmanager 0.25: it has a control character',
    ]);
  });

  it('is quiet when no URL is set besides the webhook one', () => {
    const r = receiver({ name: 'hook', webhook: [{ url: 'http://127.0.0.1:9099/', maxAlerts: 4_294_967_295 }] });
    expect(runAlertmanagerCheck(id, [r])).toEqual([]);
  });
});
