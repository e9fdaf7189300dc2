// `.GroupLabels` holds only the labels the notification's route groups by (its own groupBy, or the
// one it inherits): a receiver field reading `.GroupLabels.service` while no route sending to that
// receiver groups by service prints an empty string in every notification.
import { describe, expect, it } from 'vitest';
import { receiver, route, type Receiver, type Route } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';
import { templatesOption } from '../helpers/model.js';
import { lint } from '../../src/app/synth.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';

function templateField(receivers: Receiver[], root: Route): string[] {
  const p = shopProject({ labels: { severity: 'critical', team: 'shop' }, alertmanager: { receivers, route: root } });
  return lintFindings(p).filter((d) => d.id === 'alertmanager/template-field').map((d) => d.message);
}

const slack = (name: string, title: string) => receiver({ name, slack: [{ channel: '#shop', title }] });

describe('.GroupLabels reads a label the routes group by', () => {
  it('fires when no route sending to the receiver groups by the label (own or inherited groupBy)', () => {
    expect(templateField([slack('shop', '{{ .GroupLabels.service }} failing')], route({ receiver: 'shop', groupBy: ['alertname'] }))).toEqual([
      'receiver shop: slack[0].title reads .GroupLabels.service, but no route that sends to it groups by service (they group by alertname): it is always empty',
    ]);
    const nested = route({ receiver: 'none', groupBy: ['alertname', 'team'], routes: [route({ receiver: 'shop', matchers: { team: 'shop' } })] });
    expect(templateField([receiver({ name: 'none' }), slack('shop', '{{ .GroupLabels.service }}')], nested)).toEqual([
      'receiver shop: slack[0].title reads .GroupLabels.service, but no route that sends to it groups by service (they group by alertname, team): it is always empty',
    ]);
    expect(templateField([slack('shop', '{{ .GroupLabels.team }}')], route({ receiver: 'shop' }))).toEqual([
      'receiver shop: slack[0].title reads .GroupLabels.team, but no route that sends to it groups by team (they group by nothing): it is always empty',
    ]);
  });

  it('is quiet when a route sending to it groups by the label, by "...", and on .CommonLabels', () => {
    expect(templateField([slack('shop', '{{ .GroupLabels.service }}')], route({ receiver: 'shop', groupBy: ['alertname', 'service'] }))).toEqual([]);
    expect(templateField([slack('shop', '{{ .GroupLabels.service }}')], route({ receiver: 'shop', groupBy: ['...'] }))).toEqual([]);
    const inherited = route({ receiver: 'none', groupBy: ['service'], routes: [route({ receiver: 'shop', matchers: { team: 'shop' } })] });
    expect(templateField([receiver({ name: 'none' }), slack('shop', '{{ .GroupLabels.service }}')], inherited)).toEqual([]);
    expect(templateField([slack('shop', '{{ .CommonLabels.service }} {{ .GroupLabels.Values }}')], route({ receiver: 'shop', groupBy: ['alertname'] }))).toEqual([]);
  });
});

// The template files: a `{{ define }}` is judged by the routes of the receivers that call it (directly
// or through another template of the files); one no receiver field calls by every route (any receiver
// may use it, Alertmanager's default fields call built-in names).
describe('.GroupLabels in the template files', () => {
  const tmpl = (content: string): TemplateFileModel => ({ name: 'shop.tmpl', source: 'templates/shop.tmpl', content });
  function fileFindings(receivers: Receiver[], root: Route, content: string) {
    const p = shopProject({ labels: { severity: 'critical', team: 'shop' }, alertmanager: { receivers, route: root } });
    const result = lint(p, templatesOption([tmpl(content)]));
    return result.diagnostics.filter((d) => d.id === 'alertmanager/template-field').map((d) => ({ message: d.message, hint: d.hint, path: d.path, file: d.source?.file, line: d.source?.line }));
  }
  const HINT = (name: string) =>
    `add "${name}" to the groupBy of the routes that send to the receivers using it, or read .CommonLabels.${name} (set when every alert of the notification has the same ${name})`;

  it('fires in a define no route groups by, at its line, with the file', () => {
    const content = '{{ define "shop.title" }}\n{{ .GroupLabels.service }} failing{{ end }}\n';
    expect(fileFindings([slack('shop', '{{ template "shop.title" . }}')], route({ receiver: 'shop', groupBy: ['alertname'] }), content)).toEqual([
      {
        message: 'templates/shop.tmpl:2:16 reads .GroupLabels.service in template "shop.title", but no route that sends to a receiver using it groups by service (they group by alertname): it is always empty',
        hint: HINT('service'),
        path: ['templates', 'shop.tmpl'],
        file: 'templates/shop.tmpl',
        line: 2,
      },
    ]);
  });

  it('judges a define by the receivers that call it, directly or through another define', () => {
    // shop's routes group by alertname only; ops's by service: the template shop calls is always empty.
    const root = route({
      receiver: 'ops',
      groupBy: ['service'],
      routes: [route({ receiver: 'shop', matchers: { team: 'shop' }, groupBy: ['alertname'] })],
    });
    const content = '{{ define "shop.inner" }}{{ .GroupLabels.service }}{{ end }}\n{{ define "shop.title" }}{{ template "shop.inner" . }}{{ end }}\n{{ define "ops.title" }}{{ .GroupLabels.service }}{{ end }}\n';
    const got = fileFindings([slack('ops', '{{ template "ops.title" . }}'), slack('shop', '{{ template "shop.title" . }}')], root, content);
    expect(got.map((f) => f.message)).toEqual([
      'templates/shop.tmpl:1:41 reads .GroupLabels.service in template "shop.inner", but no route that sends to a receiver using it groups by service (they group by alertname): it is always empty',
    ]);
  });

  it('is quiet when a route groups by the label or by "...", and a define nobody calls is judged by every route', () => {
    const content = '{{ define "shop.title" }}{{ .GroupLabels.service }}{{ end }}';
    expect(fileFindings([slack('shop', '{{ template "shop.title" . }}')], route({ receiver: 'shop', groupBy: ['service'] }), content)).toEqual([]);
    expect(fileFindings([slack('shop', '{{ template "shop.title" . }}')], route({ receiver: 'shop', groupBy: ['...'] }), content)).toEqual([]);
    const some = route({ receiver: 'none', groupBy: ['service'], routes: [route({ receiver: 'shop', matchers: { team: 'shop' }, groupBy: ['alertname'] })] });
    expect(fileFindings([receiver({ name: 'none' }), slack('shop', 'x')], some, content)).toEqual([]);
    expect(fileFindings([slack('shop', 'x')], route({ receiver: 'shop', groupBy: ['alertname'] }), content).map((f) => f.message)).toEqual([
      'templates/shop.tmpl:1:41 reads .GroupLabels.service in template "shop.title", but no route groups by service (they group by alertname): it is always empty',
    ]);
  });
});
