// Alertmanager copies the global SMTP settings into every email config that leaves them unset
// (config/config.go: `ec.From = …Global.SMTPFrom` when ec.From is empty, at v0.25.0 and every later
// tag) and renders each as that field is rendered: `smtp.from` is a template (notify/email/email.go
// `tmpl(n.conf.From)`), hello, smarthost and authUsername are sent as written. The template checks
// judge the global fields through the same table as the email config's own fields.
import { describe, expect, it } from 'vitest';
import { receiver, route, type AlertmanagerOptions, type ProjectOptions, type Receiver } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';

const IDS = new Set(['alertmanager/template-syntax', 'alertmanager/unknown-template', 'alertmanager/template-field']);

function findings(global: AlertmanagerOptions['global'], receivers: Receiver[], alertmanager?: string) {
  const p = shopProject({
    labels: { severity: 'critical', team: 'shop' },
    alertmanager: { global, receivers, route: route({ receiver: receivers[0]!.name, groupBy: ['alertname', 'team'] }) },
    ...(alertmanager ? { versions: { alertmanager } as ProjectOptions['versions'] } : {}),
  });
  return lintFindings(p)
    .filter((d) => IDS.has(d.id ?? ''))
    .map((d) => ({ id: d.id, message: d.message, path: d.path?.join('.') }));
}

const mail = receiver({ name: 'mail', email: [{ to: 'oncall@shop.example' }] });
const mailWithFrom = receiver({ name: 'mail', email: [{ to: 'oncall@shop.example', from: 'am@shop.example' }] });
const smtp = (fields: Record<string, string>) => ({ smtp: { smarthost: 'mail.shop.example:587', ...fields } });

describe('global smtp fields rendered in the email configs that take them', () => {
  it('template-syntax: an unclosed action in smtp.from', () => {
    expect(findings(smtp({ from: '{{ .CommonLabels.team ' }), [mail])).toEqual([
      {
        id: 'alertmanager/template-syntax',
        message: 'global: smtp.from is not a valid template: unclosed action: this {{ has no }} (column 1)',
        path: 'alertmanager.global.smtp.from',
      },
    ]);
  });

  it('template-syntax: a function the target lacks, per target', () => {
    const text = smtp({ from: '{{ .CommonLabels.team | toJson }}@shop.example' });
    expect(findings(text, [mail], '0.25').map((f) => f.message)).toEqual([
      'global: smtp.from is not a valid template: function "toJson" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.30 or later (column 25)',
    ]);
    expect(findings(text, [mail], '0.30')).toEqual([]);
  });

  it('unknown-template and template-field in smtp.from', () => {
    expect(findings(smtp({ from: '{{ template "shop.from" . }}' }), [mail]).map((f) => [f.id, f.path])).toEqual([
      ['alertmanager/unknown-template', 'alertmanager.global.smtp.from'],
    ]);
    expect(findings(smtp({ from: '{{ .CommonLabels.tema }}@shop.example' }), [mail]).map((f) => [f.id, f.message])).toEqual([
      ['alertmanager/template-field', 'global: smtp.from reads label "tema" (.CommonLabels.tema), which no alert that reaches it carries. Did you mean "team"?'],
    ]);
    expect(findings(smtp({ from: '{{ .GroupLabels.service }}@shop.example' }), [mail]).map((f) => [f.id, f.message])).toEqual([
      ['alertmanager/template-field', 'global: smtp.from reads .GroupLabels.service, but no route that sends to it groups by service (they group by alertname, team): it is always empty'],
    ]);
  });

  it('{{ … }} in a global field Alertmanager sends as written (smtp.hello)', () => {
    expect(findings(smtp({ hello: '{{ .CommonLabels.team }}.shop.example' }), [mail]).map((f) => [f.id, f.message, f.path])).toEqual([
      [
        'alertmanager/template-syntax',
        'global: smtp.hello is not a template on Alertmanager 0.25 (the target version): its {{ … }} is sent literally; no release renders it',
        'alertmanager.global.smtp.hello',
      ],
    ]);
  });

  it('quiet when no email config takes the global field (each has its own, or there is none)', () => {
    expect(findings(smtp({ from: '{{ .CommonLabels.team ' }), [mailWithFrom])).toEqual([]);
    expect(findings(smtp({ from: '{{ .CommonLabels.team ' }), [receiver({ name: 'hook', webhook: [{ url: 'http://bridge/x' }] })])).toEqual([]);
    expect(findings(smtp({ from: '{{ .CommonLabels.team }}@shop.example' }), [mail])).toEqual([]);
  });
});
