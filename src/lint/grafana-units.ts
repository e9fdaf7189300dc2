/**
 * Grafana's unit ids, as data. Source: the unit list of the Grafana foundation SDK 0.0.21 (npm)
 * (dist/units/types.gen.d.ts, generated from Grafana's packages/grafana-data/src/valueFormats/
 * categories.ts; a superset of categories.ts at grafana commit 002fa1b09fd5), plus the
 * `farenheit` alias of valueFormats.ts. test/lint/dashboard-checks.test.ts keeps it equal to the SDK's list.
 * Besides these, Grafana takes custom units written `prefix:…`, `suffix:…`, `si:…`, `count:…`,
 * `currency:…`, `time:…` and `bool:…` (getValueFormat in valueFormats.ts); any other id is shown
 * as a literal suffix after the number.
 */
export const GRAFANA_UNITS: readonly string[] = [
  "none", "string", "short", "sishort", "percent", "percentunit", "humidity", "dB", "candela", "hex0x",
  "hex", "sci", "locale", "pixel", "accMS2", "accFS2", "accG", "degree", "radian", "grad", "arcmin",
  "arcsec", "areaM2", "areaF2", "areaMI2", "acres", "hectares", "flops", "mflops", "gflops", "tflops",
  "pflops", "eflops", "zflops", "yflops", "ppm", "conppb", "conngm3", "conngNm3", "con\u03bcgm3",
  "con\u03bcgNm3", "conmgm3", "conmgNm3", "congm3", "congNm3", "conmgdL", "conmmolL", "currencyUSD",
  "currencyGBP", "currencyEUR", "currencyJPY", "currencyRUB", "currencyUAH", "currencyBRL", "currencyDKK",
  "currencyISK", "currencyNOK", "currencySEK", "currencyCZK", "currencyCHF", "currencyPLN", "currencyBTC",
  "currencymBTC", "currency\u03bcBTC", "currencyZAR", "currencyINR", "currencyKRW", "currencyIDR",
  "currencyPHP", "currencyVND", "currencyTRY", "currencyMYR", "currencyXPF", "currencyBGN", "currencyPYG",
  "currencyUYU", "currencyILS", "bytes", "decbytes", "bits", "decbits", "kbytes", "deckbytes", "mbytes",
  "decmbytes", "gbytes", "decgbytes", "tbytes", "dectbytes", "pbytes", "decpbytes", "pps", "binBps", "Bps",
  "binbps", "bps", "KiBs", "Kibits", "KBs", "Kbits", "MiBs", "Mibits", "MBs", "Mbits", "GiBs", "Gibits",
  "GBs", "Gbits", "TiBs", "Tibits", "TBs", "Tbits", "PiBs", "Pibits", "PBs", "Pbits", "dateTimeAsIso",
  "dateTimeAsIsoNoDateIfToday", "dateTimeAsUS", "dateTimeAsUSNoDateIfToday", "dateTimeAsLocal",
  "dateTimeAsLocalNoDateIfToday", "dateTimeAsSystem", "dateTimeFromNow", "watt", "kwatt", "megwatt", "gwatt",
  "mwatt", "Wm2", "voltamp", "kvoltamp", "voltampreact", "kvoltampreact", "watth", "watthperkg", "kwatth",
  "kwattm", "mwatth", "amph", "kamph", "mamph", "joule", "ev", "amp", "kamp", "mamp", "volt", "kvolt",
  "mvolt", "dBm", "mohm", "ohm", "kohm", "Mohm", "farad", "\u00b5farad", "nfarad", "pfarad", "ffarad",
  "henry", "mhenry", "\u00b5henry", "lumens", "flowgpm", "flowcms", "flowcfs", "flowcfm", "litreh",
  "flowlpm", "flowmlpm", "lux", "forceNm", "forcekNm", "forceN", "forcekN", "Hs", "KHs", "MHs", "GHs", "THs",
  "PHs", "EHs", "massmg", "massg", "masslb", "masskg", "masst", "lengthmm", "lengthin", "lengthft",
  "lengthm", "lengthkm", "lengthmi", "pressurembar", "pressurebar", "pressurekbar", "pressurepa",
  "pressurehpa", "pressurekpa", "pressurehg", "pressurepsi", "radbq", "radci", "radgy", "radrad", "radsv",
  "radmsv", "radusv", "radrem", "radexpckg", "radr", "radsvh", "radmsvh", "radusvh", "rotrpm", "rothz",
  "rotkhz", "rotmhz", "rotghz", "rotrads", "rotdegs", "celsius", "fahrenheit", "kelvin", "hertz", "ns",
  "\u00b5s", "ms", "s", "m", "h", "d", "dtdurationms", "dtdurations", "dthms", "dtdhms", "timeticks",
  "clockms", "clocks", "cps", "ops", "reqps", "rps", "wps", "iops", "eps", "mps", "recps", "rowsps", "cpm",
  "opm", "reqpm", "rpm", "wpm", "epm", "mpm", "recpm", "rowspm", "velocityms", "velocitykmh", "velocitymph",
  "velocityknot", "mlitre", "litre", "m3", "Nm3", "dm3", "gallons", "bool", "bool_yes_no", "bool_on_off",
  'farenheit',
];

/** Custom unit forms: `suffix: req`, `currency:BRL`, `si:g`, … */
export const GRAFANA_CUSTOM_UNIT = /^(prefix|suffix|si|count|currency|time|bool):/;

/** Time units by what one of their values means, for checks that compare with the catalogue. */
export const SECONDS_UNITS: ReadonlySet<string> = new Set(['s', 'dtdurations', 'dthms', 'dtdhms', 'clocks']);
export const MILLISECONDS_UNITS: ReadonlySet<string> = new Set(['ms', 'dtdurationms', 'clockms']);
export const OTHER_TIME_UNITS: ReadonlySet<string> = new Set(['ns', '\u00b5s', 'm', 'h', 'd', 'timeticks']);

/**
 * What a unit with a dimension reads a value as, by family. Grafana's own categories
 * (categories.ts: Time, Date & time, Data, Data rate, Throughput, …) grouped by what a value
 * must be for the unit to tell the truth. Units without a dimension (`none`, `short`, `bool`,
 * `sci`, …, custom units) are in no family: any value may use them.
 */
export type UnitFamily = 'time' | 'date' | 'data' | 'data rate' | 'event rate' | 'share' | 'other';

const DIMENSIONLESS: ReadonlySet<string> = new Set([
  'none', 'string', 'short', 'sishort', 'sci', 'locale', 'hex', 'hex0x', 'bool', 'bool_yes_no', 'bool_on_off',
]);
const DATA_UNITS: ReadonlySet<string> = new Set([
  'bytes', 'decbytes', 'bits', 'decbits', 'kbytes', 'deckbytes', 'mbytes', 'decmbytes', 'gbytes', 'decgbytes',
  'tbytes', 'dectbytes', 'pbytes', 'decpbytes',
]);
/** Bytes or bits per second, binary or decimal, plain or with a prefix (Bps, binbps, KiBs, Mbits, …). */
const DATA_RATE_UNIT = /^(bin)?(Bps|bps)$|^[KMGTP]i?(Bs|bits)$/;
/** Counts per minute (Grafana's Throughput category: `cpm` "counts/min", `opm` "ops/min", …). */
export const PER_MINUTE_UNITS: ReadonlySet<string> = new Set(['cpm', 'opm', 'reqpm', 'rpm', 'wpm', 'epm', 'mpm', 'recpm', 'rowspm']);
/** Counts per second or per minute (Throughput), packets per second, hash rates. */
const EVENT_RATE_UNITS: ReadonlySet<string> = new Set([
  'cps', 'ops', 'reqps', 'rps', 'wps', 'iops', 'eps', 'mps', 'recps', 'rowsps', ...PER_MINUTE_UNITS, 'pps', 'Hs', 'KHs', 'MHs', 'GHs', 'THs', 'PHs', 'EHs',
]);
const SHARE_UNITS: ReadonlySet<string> = new Set(['percent', 'percentunit', 'ppm', 'humidity']);
const KNOWN_UNITS: ReadonlySet<string> = new Set(GRAFANA_UNITS);

/** The family of a Grafana unit id; undefined for units without a dimension, custom units and unknown ids. */
export function unitFamily(unit: string): UnitFamily | undefined {
  if (!KNOWN_UNITS.has(unit) || DIMENSIONLESS.has(unit)) return undefined;
  if (SECONDS_UNITS.has(unit) || MILLISECONDS_UNITS.has(unit) || OTHER_TIME_UNITS.has(unit)) return 'time';
  if (unit.startsWith('dateTime')) return 'date';
  if (DATA_UNITS.has(unit)) return 'data';
  if (DATA_RATE_UNIT.test(unit)) return 'data rate';
  if (EVENT_RATE_UNITS.has(unit)) return 'event rate';
  if (SHARE_UNITS.has(unit)) return 'share';
  return 'other';
}

/** What a unit's values are multiples of, for units of the quantities the catalogue names. */
export type UnitBase = 'seconds' | 'bytes' | 'bytes per second' | 'ratio';

const KIB = 1024;
/**
 * The size of one unit of each Grafana unit of a quantity the catalogue names, in its base: what a
 * value of 1 means (`kbytes` 1024 bytes, `deckbytes` 1000, `bits` 1/8 byte, `Kbits` 125 bytes per
 * second, `m` 60 seconds, `timeticks` 1/100 second, `percent` 0.01, `ppm` 0.000001). Sources:
 * Grafana's packages/grafana-data/src/valueFormats/categories.ts (the Data (IEC), Data (metric),
 * Data rate, Time and Misc categories: `kbytes` is "kibibytes", `deckbytes` "kilobytes", `Kbits`
 * "kilobits/sec", `timeticks` "Timeticks (s/100)") and dateTimeFormatters.ts. Within a base, the
 * first unit of a size is the one a hint suggests.
 */
export const UNIT_SIZES: ReadonlyMap<string, { base: UnitBase; size: number }> = new Map([
  ...([['ns', 1e-9], ['\u00b5s', 1e-6], ['ms', 1e-3], ['s', 1], ['m', 60], ['h', 3600], ['d', 86400],
    ['dtdurationms', 1e-3], ['dtdurations', 1], ['dthms', 1], ['dtdhms', 1], ['timeticks', 0.01], ['clockms', 1e-3], ['clocks', 1]] as const)
    .map(([unit, size]) => [unit, { base: 'seconds' as UnitBase, size }] as const),
  ...([['bits', 1 / 8], ['decbits', 1 / 8], ['bytes', 1], ['decbytes', 1], ['kbytes', KIB], ['deckbytes', 1e3],
    ['mbytes', KIB ** 2], ['decmbytes', 1e6], ['gbytes', KIB ** 3], ['decgbytes', 1e9], ['tbytes', KIB ** 4], ['dectbytes', 1e12],
    ['pbytes', KIB ** 5], ['decpbytes', 1e15]] as const)
    .map(([unit, size]) => [unit, { base: 'bytes' as UnitBase, size }] as const),
  ...([['Bps', 1], ['binBps', 1], ['bps', 1 / 8], ['binbps', 1 / 8],
    ['KBs', 1e3], ['Kbits', 1e3 / 8], ['KiBs', KIB], ['Kibits', KIB / 8], ['MBs', 1e6], ['Mbits', 1e6 / 8], ['MiBs', KIB ** 2], ['Mibits', KIB ** 2 / 8],
    ['GBs', 1e9], ['Gbits', 1e9 / 8], ['GiBs', KIB ** 3], ['Gibits', KIB ** 3 / 8], ['TBs', 1e12], ['Tbits', 1e12 / 8], ['TiBs', KIB ** 4], ['Tibits', KIB ** 4 / 8],
    ['PBs', 1e15], ['Pbits', 1e15 / 8], ['PiBs', KIB ** 5], ['Pibits', KIB ** 5 / 8]] as const)
    .map(([unit, size]) => [unit, { base: 'bytes per second' as UnitBase, size }] as const),
  ...([['percentunit', 1], ['percent', 0.01], ['humidity', 0.01], ['ppm', 1e-6]] as const)
    .map(([unit, size]) => [unit, { base: 'ratio' as UnitBase, size }] as const),
]);

/** Whether two sizes are one (a factor written `1 / 86400` strays by a rounding). */
export function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** The unit a value of this base and size fits, the first in UNIT_SIZES; undefined when Grafana has none. */
export function unitOfSize(base: UnitBase, size: number): string | undefined {
  for (const [unit, s] of UNIT_SIZES) if (s.base === base && sameSize(s.size, size)) return unit;
  return undefined;
}

/**
 * Grafana's units of events per second and per minute by what is counted (the Throughput category
 * of categories.ts, and `pps`, "packets/sec", of Data rate), and the words of a metric name that
 * say it: `node_network_receive_packets_total` counts packets, `http_requests_total` requests,
 * `node_disk_reads_completed_total` reads. Packets have no unit per minute: counts per minute.
 */
const COUNTED_UNITS: ReadonlyArray<[ReadonlySet<string>, string, string]> = [
  [new Set(['packets', 'packet', 'pkts']), 'pps', 'cpm'],
  [new Set(['requests', 'request', 'reqs', 'req']), 'reqps', 'reqpm'],
  [new Set(['reads', 'read']), 'rps', 'rpm'],
  [new Set(['writes', 'write', 'written']), 'wps', 'wpm'],
  [new Set(['io', 'ios', 'iops']), 'iops', 'opm'],
  [new Set(['ops', 'operations', 'operation', 'op']), 'ops', 'opm'],
  [new Set(['events', 'event']), 'eps', 'epm'],
  [new Set(['messages', 'message', 'msgs', 'msg']), 'mps', 'mpm'],
  [new Set(['records', 'record']), 'recps', 'recpm'],
  [new Set(['rows', 'row']), 'rowsps', 'rowspm'],
];
/**
 * Words that name what is counted when no unit of Grafana names it: `api_request_errors_total`
 * counts errors (of requests), not requests. Read from the end of the name, one of them stops the search.
 */
const OTHER_COUNTED = new Set([
  'errors', 'error', 'failures', 'failure', 'failed', 'fails', 'drops', 'dropped', 'drop', 'retries', 'retry',
  'timeouts', 'timeout', 'rejections', 'rejected', 'restarts', 'panics', 'exceptions', 'faults', 'discards', 'discarded',
  'hits', 'misses', 'evictions', 'collisions', 'overruns', 'alerts', 'notifications', 'samples', 'series', 'scrapes', 'jobs', 'tasks',
]);

/**
 * The unit of counts per second (or per minute) of what a metric counts: the last word of its name
 * (before `_total`) that says what (`pps` for packets, `reqps` for requests, …); `cps` (counts/sec)
 * or `cpm` when none does, or when none is given.
 */
export function countedUnit(metric: string | undefined, perMinute: boolean): string {
  const words = (metric ?? '').replace(/_total$/, '').toLowerCase().split('_').reverse();
  for (const word of words) {
    if (OTHER_COUNTED.has(word)) break;
    const found = COUNTED_UNITS.find(([names]) => names.has(word));
    if (found) return perMinute ? found[2] : found[1];
  }
  return perMinute ? 'cpm' : 'cps';
}
