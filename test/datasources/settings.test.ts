import { describe, expect, it } from 'vitest';
import { grafanaSettings } from '../../src/model/settings.js';

const config = { file: 'totem-mon.config.ts', line: 3, column: 16 };
const project = { file: 'definitions/index.ts', line: 10, column: 16 };

describe('data source settings: totem-mon.config.ts over the project, field by field', () => {
  it('takes each field from the first layer that sets it, and names the first layer that configures the data source', () => {
    const g = grafanaSettings(
      'shop',
      { grafana: { loki: { url: 'https://logs.example.com' }, datasource: { exemplars: { label: 'traceID' } } }, source: config },
      { grafana: { loki: { uid: 'logs', url: 'http://loki:3100', maxLines: 200 }, tempo: { uid: 'traces' } }, source: project },
    );
    expect(g.loki).toEqual({
      name: 'Loki',
      uid: 'logs',
      url: 'https://logs.example.com',
      maxLines: 200,
      source: config,
      traceLinks: { field: 'trace_id', datasource: { uid: 'traces', explicit: false } },
      // The uid is the project's, the name the default of the config's grafana.loki.
      sites: { name: { explicit: false, path: ['grafana', 'loki'], source: config }, uid: { explicit: true, path: ['grafana', 'loki', 'uid'], source: project } },
    });
    expect(g.tempo).toMatchObject({ uid: 'traces', source: project, traceToLogs: { datasource: { uid: 'logs', explicit: false } } });
    expect(g.datasource.exemplars).toEqual({ label: 'traceID', datasource: { uid: 'traces', explicit: false }, source: config });
  });

  it("names where Prometheus's name and uid come from: the layer that sets them, else the one that configures it, else the project's call", () => {
    const set = grafanaSettings('shop', { grafana: { datasource: { url: 'https://prom.example.com' } }, source: config }, { grafana: { datasource: { uid: 'prom' } }, source: project });
    expect(set.datasource.sites).toEqual({
      name: { explicit: false, path: ['grafana', 'datasource'], source: config },
      uid: { explicit: true, path: ['grafana', 'datasource', 'uid'], source: project },
    });
    const loki = grafanaSettings('shop', { grafana: { loki: {} }, source: config }, { grafana: undefined, source: project });
    expect(loki.datasource.sites?.uid).toEqual({ explicit: false, path: ['grafana'], source: config });
    const nothing = grafanaSettings('shop', { grafana: undefined, source: config }, { grafana: undefined, source: project });
    expect(nothing.datasource.sites?.uid).toEqual({ explicit: false, path: [], source: project });
  });

  it('a link turned off in the config stays off whatever the project says', () => {
    const g = grafanaSettings('shop', { grafana: { tempo: { traceToLogs: false } } }, { grafana: { loki: {}, tempo: { traceToLogs: { filterBySpanId: true } } } });
    expect(g.tempo).not.toHaveProperty('traceToLogs');
  });
});
