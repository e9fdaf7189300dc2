// Which receiver fields Alertmanager renders as templates depends on the release: webhook `url` is
// a template from 0.31 on (CHANGELOG 0.31.0: "webhook: Support templating in url fields. #4798").
// On a target where a field is not a template, `{{ … }}` in it is sent literally (a mistake);
// where it is, it must parse, name known templates and read labels the alerts carry.
import { describe, expect, it } from 'vitest';
import { receiver, route, secretFile, type ProjectOptions, type Receiver } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';

function project(receivers: Receiver[], alertmanagerVersion?: string) {
  return shopProject({
    labels: { severity: 'critical', team: 'shop' },
    alertmanager: { receivers, route: route({ receiver: receivers[0]!.name, groupBy: ['alertname', 'team'] }) },
    ...(alertmanagerVersion ? { versions: { alertmanager: alertmanagerVersion } as ProjectOptions['versions'] } : {}),
  });
}

const IDS = new Set(['alertmanager/template-syntax', 'alertmanager/unknown-template', 'alertmanager/template-field', 'alertmanager/webhook-url']);

function findings(receivers: Receiver[], version?: string): Array<[string, string]> {
  return lintFindings(project(receivers, version)).filter((d) => IDS.has(d.id ?? '')).map((d) => [d.id!, d.message]);
}

const hook = (url: string) => [receiver({ name: 'hook', webhook: [{ url }] })];

describe('webhook url: a template from Alertmanager 0.31 on', () => {
  for (const version of [undefined, '0.25', '0.30', '>=0.30', '0.30.1']) {
    it(`reports {{ … }} in the url as sent literally on ${version ?? 'the default target'}`, () => {
      const got = findings(hook('http://bridge:8080/{{.GroupLabels.team}}'), version);
      const literal = got.filter(([id]) => id === 'alertmanager/template-syntax');
      expect(literal).toHaveLength(1);
      expect(literal[0]![1]).toMatch(/^receiver hook: webhook\[0\]\.url is not a template on Alertmanager [^ ]+ \(the target version\): its \{\{ … \}\} is sent literally; Alertmanager renders it from 0\.31 on$/);
    });
  }

  for (const version of ['0.31', '0.34', '>=0.31', '0.32.1']) {
    it(`takes a templated url on ${version}: no literal finding, no URL refusal`, () => {
      expect(findings(hook('http://bridge:8080/hooks/{{ .GroupLabels.team }}'), version)).toEqual([]);
      expect(findings(hook('{{ template "hook.url" . }}'.replace('hook.url', '__alertmanagerURL')), version)).toEqual([]);
    });

    it(`judges a templated url like every template on ${version}`, () => {
      expect(findings(hook('http://bridge:8080/{{ .GroupLabels.team'), version).map(([id]) => id)).toEqual(['alertmanager/template-syntax']);
      expect(findings(hook('http://bridge:8080/{{ template "hook.path" . }}'), version).map(([id]) => id)).toEqual(['alertmanager/unknown-template']);
      expect(findings(hook('http://bridge:8080/{{ .GroupLabels.tema }}'), version).map(([id]) => id)).toEqual(['alertmanager/template-field']);
    });

    it(`still refuses what no rendering can fix on ${version}`, () => {
      expect(findings(hook('ftp://bridge/{{ .GroupLabels.team }}'), version).map(([id]) => id)).toEqual(['alertmanager/webhook-url']);
      expect(findings(hook('ftp://bridge/hook'), version).map(([id]) => id)).toEqual(['alertmanager/webhook-url']);
    });
  }

  it('loads a url that is a whole template, and says on 0.25 both that it is sent literally and refused', () => {
    expect(findings(hook('{{ template "__alertmanagerURL" . }}'), '0.25').map(([id]) => id).sort()).toEqual([
      'alertmanager/template-syntax',
      'alertmanager/webhook-url',
    ]);
  });

  it('names the target in the URL refusal', () => {
    expect(findings(hook('ftp://bridge/hook'), '0.28')).toEqual([
      ['alertmanager/webhook-url', 'receiver hook: webhook[0].url "ftp://bridge/hook" is refused by Alertmanager 0.28: its scheme is "ftp"; Alertmanager only posts to http and https'],
    ]);
  });
});

describe('fields no release renders as a template', () => {
  const cases: Array<[string, Receiver, string]> = [
    ['email smarthost', receiver({ name: 'mail', email: [{ to: 'ops@shop.example', smarthost: '{{ .CommonLabels.team }}.smtp:25' }] }), 'email[0].smarthost'],
    ['email hello', receiver({ name: 'mail', email: [{ to: 'ops@shop.example', hello: '{{ .CommonLabels.team }}' }] }), 'email[0].hello'],
    ['email authUsername', receiver({ name: 'mail', email: [{ to: 'ops@shop.example', authUsername: '{{ .CommonLabels.team }}' }] }), 'email[0].authUsername'],
    ['pagerduty url', receiver({ name: 'pd', pagerduty: [{ routingKey: secretFile('/etc/am/pd'), url: 'https://events.pagerduty.com/{{ .CommonLabels.team }}' }] }), 'pagerduty[0].url'],
    ['webhook basic auth username', receiver({ name: 'hook', webhook: [{ url: 'http://bridge/hook', basicAuth: { username: '{{ .CommonLabels.team }}', password: secretFile('/etc/am/pw') } }] }), 'webhook[0].basicAuth.username'],
    ['webhook authorization type', receiver({ name: 'hook', webhook: [{ url: 'http://bridge/hook', authorization: { type: '{{ .CommonLabels.team }}', credentials: secretFile('/etc/am/t') } }] }), 'webhook[0].authorization.type'],
  ];
  for (const version of ['0.25', '0.34']) {
    for (const [what, r, field] of cases) {
      it(`reports {{ … }} in ${what} on ${version}`, () => {
        const got = findings([r], version).filter(([id]) => id === 'alertmanager/template-syntax');
        expect(got).toEqual([
          ['alertmanager/template-syntax', `receiver ${r.name}: ${field} is not a template on Alertmanager ${version} (the target version): its {{ … }} is sent literally; no release renders it`],
        ]);
      });
    }
  }

  it('is quiet on templated fields of every kind', () => {
    const r = receiver({
      name: 'all',
      email: [{ to: '{{ .CommonLabels.team }}@shop.example', from: 'am@shop.example', headers: { Subject: '{{ .CommonLabels.team }}' }, text: '{{ .CommonLabels.team }}' }],
      slack: [{ channel: '#{{ .CommonLabels.team }}', title: '{{ .CommonLabels.team }}', iconUrl: 'https://x/{{ .CommonLabels.team }}.png' }],
      pagerduty: [{ routingKey: secretFile('/etc/am/pd'), description: '{{ .CommonLabels.team }}', details: { team: '{{ .CommonLabels.team }}' } }],
    });
    expect(findings([r], '0.25')).toEqual([]);
  });
});
