// dashboard/unit-mismatch on overrides by name and by regex: Grafana matches them against a
// series' display name, which for a Prometheus query is its legend (legendFormat) with the labels
// filled in. A query is judged by such an override when its legend decides whether the override
// takes its series (a legend without `{{label}}` or `$variable`, or one whose fixed text no name can
// match), and not at all when it cannot (a legend of labels, no legend, a table, a name a
// transformation or a displayName may change).
import { describe, expect, it } from 'vitest';
import { counter, dashboard, defineProject, gauge, histogram, scrapeJob, sdkPanel, timeseriesPanel } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const ID = 'dashboard/unit-mismatch';

const metrics = [
  histogram({ name: 'api_request_duration_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 0.5, 1] }),
  counter({ name: 'api_requests_total', help: 'Requests.', labels: ['code', 'route'] }),
  gauge({ name: 'api_heap_bytes', help: 'Heap.' }),
];

const P90 = 'histogram_quantile(0.9, sum by (route, le) (rate(api_request_duration_seconds_bucket[5m])))';
const ERRORS = 'sum by (code) (rate(api_requests_total{code=~"5.."}[5m])) / ignoring(code) group_left sum(rate(api_requests_total[5m]))';

/** A latency (query A, seconds) and an error ratio (query B), with these legends. */
const targets = (a: string | undefined, b: string | undefined) => [
  { expr: P90, ...(a !== undefined ? { legendFormat: a } : {}) },
  { expr: ERRORS, ...(b !== undefined ? { legendFormat: b } : {}) },
];

function messages(panels: Parameters<typeof dashboard>[0]['panels']): string[] {
  const project = defineProject({
    name: 'api',
    metrics,
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
    dashboards: [dashboard({ title: 'API', panels })],
  });
  return runOn(project, [ID]).map((d) => d.message);
}

describe(`${ID}: overrides by name and regex, judged where the legend decides`, () => {
  it('judges a query by an override whose name or regex takes its legend, and by the panel\'s unit when it cannot', () => {
    expect(messages([
      timeseriesPanel({ title: 'NameTakes', unit: 's', targets: targets('p90', 'errors'), overrides: [{ match: { name: 'errors' }, unit: 'ms' }] }),
      timeseriesPanel({ title: 'NameMisses', unit: 's', targets: targets('p90', 'errors'), overrides: [{ match: { name: 'latency' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'RegexTakes', unit: 's', targets: targets('p90', 'errors'), overrides: [{ match: { regex: 'err.*' }, unit: 'bytes' }] }),
      // Grafana anchors a regex unless it is written /…/flags.
      timeseriesPanel({ title: 'RegexAnchored', unit: 's', targets: targets('p90', 'errors'), overrides: [{ match: { regex: 'rors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'RegexSlashes', unit: 'percentunit', targets: targets('p90', 'errors'), overrides: [{ match: { regex: '/^P9/i' }, unit: 'bytes' }] }),
      // Legends with labels whose fixed text decides: no `{{route}} p90` or `{{code}} errors` is named "errors".
      timeseriesPanel({ title: 'FixedTextDecides', unit: 's', targets: targets('{{route}} p90', '{{code}} errors'), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      // The last override that takes a query wins.
      timeseriesPanel({
        title: 'LastWins', unit: 's', targets: targets('p90', 'errors'),
        overrides: [{ match: { query: 'B' }, unit: 'percentunit' }, { match: { name: 'errors' }, unit: 'ms' }, { match: { name: 'p90' }, unit: 'ms' }],
      }),
    ])).toEqual([
      'panel NameTakes override 1 (name errors): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration',
      'panel NameMisses: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel RegexTakes override 1 (regex err.*): unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size',
      'panel RegexAnchored: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel RegexSlashes override 1 (regex /^P9/i): unit "bytes" does not fit targets[0]: its values are seconds, and unit "bytes" shows them as a data size',
      'panel FixedTextDecides: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel LastWins override 3 (name p90): unit "ms" does not fit targets[0]: its values are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms)',
      'panel LastWins override 2 (name errors): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration',
    ]);
  });

  it('is quiet where the overrides fit', () => {
    expect(messages([
      timeseriesPanel({ title: 'Name', unit: 's', targets: targets('p90', 'errors'), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'Regex', unit: 's', targets: targets('p90', '5xx errors'), overrides: [{ match: { regex: '.*errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'RegexFlags', unit: 's', targets: targets('p90', 'Errors'), overrides: [{ match: { regex: '/^err/i' }, unit: 'percentunit' }] }),
    ])).toEqual([]);
  });

  it('stays quiet on a query whose legend does not decide whether the override takes it', () => {
    expect(messages([
      // Either legend may render as "errors".
      timeseriesPanel({ title: 'LabelLegends', unit: 's', targets: targets('{{route}}', '{{code}}'), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'VariableLegend', unit: 's', targets: targets('p90', '$kind'), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'RegexOnLabels', unit: 's', targets: targets('{{route}} p90', '{{code}} errors'), overrides: [{ match: { regex: '.*errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'NoLegend', unit: 's', targets: targets(undefined, undefined), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'AutoLegend', unit: 's', targets: targets('__auto', '__auto'), overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      // A displayName, a transformation, a table's columns: names the legend does not give.
      timeseriesPanel({
        title: 'DisplayName', unit: 's', targets: targets('p90', 'latency'),
        overrides: [{ match: { query: 'B' }, displayName: 'errors' }, { match: { name: 'errors' }, unit: 'percentunit' }],
      }),
      timeseriesPanel({
        title: 'Transformed', unit: 's', targets: targets('p90', 'latency'), transformations: [{ type: 'organize', rename: { latency: 'errors' } }],
        overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }],
      }),
      timeseriesPanel({
        title: 'Table', unit: 's', targets: [{ expr: P90, legendFormat: 'p90' }, { expr: ERRORS, legendFormat: 'latency', format: 'table' }],
        overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }],
      }),
      // Grafana's byName also matches the field's own name: "Value", or a series' metric name.
      timeseriesPanel({ title: 'ValueField', unit: 's', targets: targets('p90', 'latency'), overrides: [{ match: { name: 'Value' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'MetricName', unit: 'ms', targets: [{ expr: 'api_heap_bytes', legendFormat: 'heap' }], overrides: [{ match: { name: 'api_heap_bytes' }, unit: 'bytes' }] }),
    ])).toEqual([]);
  });
});

describe(`${ID}: a regex override on legends with labels, decided by their fixed text`, () => {
  const regexPanel = (title: string, unit: string, a: string, b: string, regex: string, overrideUnit: string) =>
    timeseriesPanel({ title, unit, targets: targets(a, b), overrides: [{ match: { regex }, unit: overrideUnit }] });

  it('decides where the fixed text matches, or cannot match, whatever the labels render', () => {
    expect(messages([
      // "Erros …" never starts with "Lat": the panel's unit shows the error ratio.
      regexPanel('NeverTakes', 's', 'Latência {{route}}', 'Erros {{code}}', '^Lat.*', 's'),
      // Every "Erros …" matches Erros.* (Grafana anchors it): the override shows the error ratio.
      regexPanel('AlwaysTakes', 's', 'Latência {{route}}', 'Erros {{code}}', 'Erros.*', 'ms'),
      regexPanel('Suffix', 's', '{{route}} Latência', '{{code}} Erros', '.*Erros', 'ms'),
      regexPanel('PrefixAndSuffix', 's', 'p90 {{route}} (s)', 'Erros {{code}} (5m)', 'Erros.*\\(5m\\)', 'ms'),
      regexPanel('Contains', 's', 'Latência {{route}}', '{{code}} Erros', '/rros/', 'bytes'),
      regexPanel('CaseFlag', 's', 'Latência {{route}}', 'Erros {{code}}', '/^erros/i', 'bytes'),
      regexPanel('Alternatives', 'percentunit', 'Latência {{route}}', 'Erros {{code}}', 'Lat.*|Erros.*', 'bytes'),
      // A quantifier on the last letter: "Lat?" is "La" or "Lat"; still no "Erros …".
      regexPanel('Quantified', 's', 'Latência {{route}}', 'Erros {{code}}', 'Lat?.*', 's'),
    ])).toEqual([
      'panel NeverTakes: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel AlwaysTakes override 1 (regex Erros.*): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration',
      'panel Suffix override 1 (regex .*Erros): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration',
      'panel PrefixAndSuffix override 1 (regex Erros.*\\(5m\\)): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration',
      'panel Contains override 1 (regex /rros/): unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size',
      'panel CaseFlag override 1 (regex /^erros/i): unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size',
      'panel Alternatives override 1 (regex Lat.*|Erros.*): unit "bytes" does not fit targets[0]: its values are seconds, and unit "bytes" shows them as a data size',
      'panel Alternatives override 1 (regex Lat.*|Erros.*): unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size',
      'panel Quantified: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
    ]);
  });

  it('leaves undecided what the labels may decide', () => {
    expect(messages([
      // A label first: it may start with "Lat".
      regexPanel('LabelFirst', 's', '{{route}} Latência', '{{code}} Erros', '/^Lat/', 'bytes'),
      // The literal may come from a label.
      regexPanel('ContainsMaybe', 's', '{{route}} p90', '{{code}} x', '/rros/', 'bytes'),
      // Not a prefix and wildcards: what \w+ takes depends on the label.
      regexPanel('Classes', 's', 'Latência {{route}}', 'Erros {{code}}', 'Erros \\w+', 'bytes'),
      // "ros" must come after "Erros": only a label can put it there.
      regexPanel('TailAfterHead', 's', 'Latência {{route}}', 'Erros {{code}}', '/^Erros.*ros/', 'bytes'),
      // An escape at the end (\u0073 is "s"): its letters are no literal end.
      regexPanel('EscapedEnd', 's', 'Latência {{route}}', 'Erros {{code}}', 'Erros.\\u0073', 'bytes'),
      // ^ and $ match at line breaks with the m flag.
      regexPanel('Multiline', 's', 'Latência {{route}}', 'Erros {{code}}', '/^Erros$/m', 'bytes'),
      // Sticky: test() matches at the start only, which "rros" is not.
      regexPanel('Sticky', 's', 'Latência {{route}}', '{{code}} Erros', '/rros/y', 'bytes'),
    ])).toEqual([]);
  });
});

describe(`${ID}: an SDK panel's overrides by name, names, regex and type`, () => {
  const sdk = (title: string, fieldConfig: unknown, a = 'p90', b = 'errors') => sdkPanel({ type: 'xychart', title, fieldConfig, targets: targets(a, b).map((t, i) => ({ refId: 'AB'[i]!, ...t })) });
  const unit = (value: string) => [{ id: 'unit', value }];

  it('judges the queries the matcher decides for', () => {
    expect(messages([
      sdk('ByName', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: unit('dtdurations') }] }),
      sdk('ByRegexp', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byRegexp', options: 'p.*' }, properties: unit('percentunit') }] }),
      sdk('ByNames', { defaults: { unit: 'percentunit' }, overrides: [{ matcher: { id: 'byNames', options: { mode: 'include', names: ['p90'] } }, properties: unit('ms') }] }),
      sdk('ByNamesExclude', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byNames', options: { mode: 'exclude', names: ['errors'] } }, properties: unit('percentunit') }] }),
      sdk('ByRegexpOrNames', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byRegexpOrNames', options: { pattern: 'x.*', names: ['errors'] } }, properties: unit('bytes') }] }),
      sdk('ByTypeNumber', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byType', options: 'number' }, properties: unit('percentunit') }] }),
    ])).toEqual([
      'panel ByName override 1 (byName errors): unit "dtdurations" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "dtdurations" shows them as a duration',
      'panel ByRegexp override 1 (byRegexp p.*): unit "percentunit" does not fit targets[0]: its values are seconds, and unit "percentunit" shows them as a share',
      'panel ByRegexp: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel ByNames override 1 (byNames): unit "ms" does not fit targets[0]: its values are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms)',
      'panel ByNamesExclude override 1 (byNames): unit "percentunit" does not fit targets[0]: its values are seconds, and unit "percentunit" shows them as a share',
      'panel ByNamesExclude: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration',
      'panel ByRegexpOrNames override 1 (byRegexpOrNames): unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size',
      'panel ByTypeNumber override 1 (byType number): unit "percentunit" does not fit targets[0]: its values are seconds, and unit "percentunit" shows them as a share',
    ]);
  });

  it('stays quiet where the matcher or the names cannot be told', () => {
    expect(messages([
      sdk('ByValue', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byValue', options: { reducer: 'mean', op: 'gte', value: 1 } }, properties: unit('percentunit') }] }),
      sdk('ByNameOnLabels', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: unit('percentunit') }] }, '{{route}}', '{{code}}'),
      sdk('DefaultDisplayName', { defaults: { unit: 's', displayName: 'errors' }, overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: unit('percentunit') }] }, 'p90', 'latency'),
      sdkPanel({
        type: 'xychart', title: 'SdkTransformed', fieldConfig: { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: unit('percentunit') }] },
        transformations: [{ id: 'renameByRegex', options: { regex: 'latency', renamePattern: 'errors' } }],
        targets: targets('p90', 'latency').map((t, i) => ({ refId: 'AB'[i]!, ...t })),
      }),
    ])).toEqual([]);
  });
});
