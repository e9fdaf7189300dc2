/** The series the PromQL analysis tests look labels up in (a catalogue's lookup, in miniature). */
export const SERIES: Record<string, readonly string[]> = {
  http_requests_total: ['route', 'code', 'job', 'instance'],
  queue_length: ['queue', 'job', 'instance'],
  build_info: ['version', 'route', 'job', 'instance'],
  latency_seconds_bucket: ['route', 'le', 'job', 'instance'],
  'odd:series': ['ab', 'c', 'a', 'bc', 'job'],
};

/** The labels of a series of SERIES (undefined for any other). */
export const seriesLookup = (name: string): readonly string[] | undefined => SERIES[name];
