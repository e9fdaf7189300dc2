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
