// `.GroupLabels` holds only the labels the notification's route groups by (its own groupBy, or the
// one it inherits): a receiver field reading `.GroupLabels.service` while no route sending to that
// receiver groups by service prints an empty string in every notification.
import { describe, expect, it } from 'vitest';
import { receiver, route, type Receiver, type Route } from '../../src/index.js';
import { lintFindings, shopProject } from '../helpers/alertmanager.js';

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
