/**
 * provisioning/datasources/{loki,tempo,jaeger}.yml: the logs and traces data sources, each linked to
 * the others as the model's settings say (src/model/datasources.ts). Field names are Grafana's
 * provisioning ones: Loki's `derivedFields`, Tempo's and Jaeger's `tracesToLogsV2`.
 */
import type { Model } from '../../model/types.js';
import type { TraceToLogsSettings } from '../../model/datasources.js';
import { headerLines, yamlFile, type OutputFile } from '../output.js';
import { PROVISIONING_DIR } from './datasource.js';

/**
 * Grafana expands environment variables (`$NAME`, `${NAME}`) in every value of a provisioning
 * file; `$$` is a literal `$`. Grafana's own link variables (`${__value.raw}`) must be written so.
 */
export const literalDollars = (text: string): string => text.replaceAll('$', '$$$$');

/** The button a trace link shows in Grafana. */
export const TRACE_LINK_LABEL = 'View trace';

/** A regex that finds `"<field>": "<id>"` in a JSON log line (whatever the spacing) and captures the id. */
export function jsonFieldMatcher(field: string): string {
  return `"${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}":\\s*"(\\w+)"`;
}

function traceToLogs(t: TraceToLogsSettings) {
  return {
    datasourceUid: t.datasource.uid,
    tags: t.tags.map((x) => ({ key: x.key, value: x.value })),
    filterByTraceID: t.filterByTraceId,
    filterBySpanID: t.filterBySpanId,
    spanStartTimeShift: t.spanStartTimeShift,
    spanEndTimeShift: t.spanEndTimeShift,
    customQuery: false,
  };
}

function datasourceFile(model: Model, kind: 'loki' | 'tempo' | 'jaeger', entry: { name: string; uid: string; url: string }, jsonData: Record<string, unknown>, what: string): OutputFile {
  return yamlFile(
    `${PROVISIONING_DIR}/datasources/${kind}.yml`,
    { apiVersion: 1, datasources: [{ name: entry.name, uid: entry.uid, type: kind, access: 'proxy', url: entry.url, isDefault: false, editable: false, jsonData }] },
    [...headerLines(model.entry, `Grafana data source: ${what}`), 'Mount this folder at /etc/grafana/provisioning/datasources.'],
  );
}

/** The configured logs and traces data sources, one file each. */
export function logsTracesDatasources(model: Model): OutputFile[] {
  const { loki, tempo, jaeger } = model.grafana;
  const files: OutputFile[] = [];
  if (loki) {
    const jsonData: Record<string, unknown> = {};
    if (loki.maxLines !== undefined) jsonData['maxLines'] = loki.maxLines;
    if (loki.traceLinks) {
      jsonData['derivedFields'] = [
        {
          name: 'TraceID',
          matcherType: 'regex',
          matcherRegex: jsonFieldMatcher(loki.traceLinks.field),
          datasourceUid: loki.traceLinks.datasource.uid,
          url: literalDollars('${__value.raw}'),
          urlDisplayLabel: TRACE_LINK_LABEL,
        },
      ];
    }
    const what = loki.traceLinks ? `logs; the ${loki.traceLinks.field} of a log line links to its trace` : 'logs';
    files.push(datasourceFile(model, 'loki', loki, jsonData, what));
  }
  if (tempo) {
    const jsonData: Record<string, unknown> = {};
    if (tempo.traceToLogs) jsonData['tracesToLogsV2'] = traceToLogs(tempo.traceToLogs);
    if (tempo.serviceMap) {
      jsonData['serviceMap'] = { datasourceUid: model.grafana.datasource.uid };
      jsonData['nodeGraph'] = { enabled: true };
    }
    files.push(datasourceFile(model, 'tempo', tempo, jsonData, tempo.traceToLogs ? 'traces; a span links to its logs' : 'traces'));
  }
  if (jaeger) {
    const jsonData: Record<string, unknown> = {};
    if (jaeger.traceToLogs) jsonData['tracesToLogsV2'] = traceToLogs(jaeger.traceToLogs);
    files.push(datasourceFile(model, 'jaeger', jaeger, jsonData, jaeger.traceToLogs ? 'traces; a span links to its logs' : 'traces'));
  }
  return files;
}
