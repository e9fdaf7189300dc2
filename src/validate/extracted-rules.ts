/**
 * The rule groups inside generated files that are not rule files (a PrometheusRule's
 * `spec.groups`, a Mimir/Thanos namespace's `groups`), written as rule files for
 * `promtool check rules`: what the operator or ruler loads is checked by Prometheus's own parser.
 */
import { parse } from 'yaml';
import { yamlFile, type OutputFile } from '../compile/output.js';
import { PROMETHEUS_CONFIG } from '../compile/prometheus/config.js';
import { namesCredentialFiles } from './promtool-config.js';
import type { ByHand } from './tool-diagnostics.js';

export const EXTRACTED_RULES_DIR = 'extracted-rules';

/** The fields of a rule group Prometheus 2.42's rule files have; others are the operator's or the ruler's (`partial_response_strategy`, `source_tenants`), checked by their schema. */
const PROMETHEUS_GROUP_FIELDS = ['name', 'interval', 'limit', 'rules'] as const;

function at(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** One rule file per file holding rule groups, at `extracted-rules/<its path>.yml`. */
export function extractedRuleFiles(files: readonly OutputFile[]): OutputFile[] {
  return files.flatMap((file) => {
    if (!file.ruleGroupsAt) return [];
    const groups = at(parse(file.content), file.ruleGroupsAt);
    if (!Array.isArray(groups)) return [];
    const plain = groups.map((g: Record<string, unknown>) => Object.fromEntries(PROMETHEUS_GROUP_FIELDS.filter((k) => g[k] !== undefined).map((k) => [k, g[k]])));
    return [yamlFile(`${EXTRACTED_RULES_DIR}/${file.path}.yml`, { groups: plain }, [`The rule groups of ${file.path}, as promtool reads them.`])];
  });
}

/** A shell word: as it is when it needs no quoting, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The yq filter that makes, from `source`, the rule file validate extracted from it: its groups
 * under `groups`, without the fields Prometheus's rule files do not have. Written for both yq's
 * (mikefarah's, which prints YAML, and the jq wrapper, which prints JSON: promtool reads either).
 */
export function extractionFilter(source: OutputFile): string {
  const place = source.ruleGroupsAt ?? ['groups'];
  const groups = at(parse(source.content), place);
  const extra = new Set<string>();
  if (Array.isArray(groups)) {
    for (const g of groups) if (typeof g === 'object' && g !== null) for (const k of Object.keys(g)) if (!(PROMETHEUS_GROUP_FIELDS as readonly string[]).includes(k)) extra.add(k);
  }
  return [`{"groups": .${place.join('.')}}`, ...[...extra].sort().map((k) => `del(.groups[].${k})`)].join(' | ');
}

/**
 * A tool run as the user can repeat it by hand in a generated out/ folder: its arguments shell-quoted
 * and each rule file extracted from another file (a PrometheusRule, a ruler's namespace: promtool
 * reads neither) first made from that file with yq, into a temporary file. `files`: the generated
 * files, the extracted ones among them; `extracted`: the files the command extracts rule groups from.
 */
export function byHandCommand(files: readonly OutputFile[]): (tool: string, args: readonly string[]) => { command: string; extracted: string[] } {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return (tool, args) => {
    const steps: string[] = [];
    const extracted: string[] = [];
    const words = args.map((arg) => {
      const source = arg.startsWith(`${EXTRACTED_RULES_DIR}/`) && arg.endsWith('.yml') ? byPath.get(arg.slice(EXTRACTED_RULES_DIR.length + 1, -'.yml'.length)) : undefined;
      if (source?.ruleGroupsAt === undefined) return shellWord(arg);
      extracted.push(source.path);
      const name = `r${extracted.length}`;
      steps.push(`${name}=$(mktemp)`, `yq ${shellWord(extractionFilter(source))} ${shellWord(source.path)} > "$${name}"`);
      return `"$${name}"`;
    });
    return { command: [...steps, [tool, ...words].join(' ')].join(' && '), extracted };
  };
}

/**
 * `promtool check config` as the user can repeat it by hand in out/, with the result validate's run
 * had. validate gives promtool the config with each credential and certificate file it names (they
 * live on the Prometheus host) pointed at an empty placeholder, since promtool insists they exist
 * (src/validate/promtool-config.ts); out/'s prometheus.yml names the real paths, which this machine
 * does not have. Then the command shown is `check config --syntax-only`, which does not look for
 * the files a config names (promtool 2.33 and later: commit 42628899b5 "promtool: Add
 * `--syntax-only` flag for `check config`", github.com/prometheus/prometheus; 2.42, the oldest
 * release totem-mon targets, has it), followed, when validate's run checked the rule files too
 * (`ruleFiles`), by a `check rules` of them, which --syntax-only leaves out. A promtool built
 * without Kubernetes service discovery (Debian's) was given the config without its
 * kubernetes_sd_configs (`withoutKubernetesSd`): the command makes that copy with yq into a
 * temporary file first, and checks it --syntax-only (the files it names are not beside the copy);
 * so does the command of a run that timed out before telling whether this promtool reads them
 * (`'unknown'`): a copy without them is what every promtool reads.
 * A config without either is repeated as it ran.
 */
export function checkConfigByHand(
  files: readonly OutputFile[],
  ruleFiles: readonly string[] = [],
  withoutKubernetesSd: boolean | 'unknown' = false,
): ByHand {
  const plain = byHandCommand(files);
  const credentials = namesCredentialFiles(files);
  if (!credentials && !withoutKubernetesSd) return plain;
  const why = [
    ...(credentials ? ['names credential or certificate files that live on the Prometheus host (validate gave promtool empty files in their place)'] : []),
    ...(withoutKubernetesSd === true ? ['has kubernetes_sd_configs, which this promtool cannot read (validate checked it without them, as the command does with yq)'] : []),
    ...(withoutKubernetesSd === 'unknown'
      ? ["has kubernetes_sd_configs, which Debian's promtool cannot read and validate could not learn whether this one does before its run timed out (the command checks a copy without them, made with yq, which every promtool reads; totem-mon's own checks cover them)"]
      : []),
  ];
  const note =
    ` (${PROMETHEUS_CONFIG} ${why.join(' and ')}: --syntax-only checks the config without looking for the files it names` +
    `${ruleFiles.length > 0 ? ', so the rule files it loads are checked by the `check rules` after it' : ''})`;
  return (tool, args) => {
    const at = args.indexOf('config');
    const [before, after] = at < 0 ? [args, []] : [args.slice(0, at + 1), args.slice(at + 1)];
    const steps: string[] = [];
    let configArgs = after.map(shellWord);
    if (withoutKubernetesSd) {
      steps.push('c=$(mktemp)', `yq ${shellWord('del(.scrape_configs[].kubernetes_sd_configs)')} ${shellWord(PROMETHEUS_CONFIG)} > "$c"`);
      configArgs = after.map((a) => (a === PROMETHEUS_CONFIG ? '"$c"' : shellWord(a)));
    }
    const config = [...steps, [tool, ...before.map(shellWord), '--syntax-only', ...configArgs].join(' ')].join(' && ');
    if (ruleFiles.length === 0) return { command: config, extracted: [], note };
    const rules = plain(tool, ['check', 'rules', ...ruleFiles]);
    return { command: `${config} && ${rules.command}`, extracted: rules.extracted, note };
  };
}
