/**
 * Kubernetes' rules for names, labels and annotations (k8s.io/apimachinery's validation), used by
 * the output profiles' schema (what the user writes) and by the resource validator (what we
 * generate), and the one way generated resource names are made from definition names.
 */
import { createHash } from 'node:crypto';
import { slug } from './names.js';

/** A DNS-1123 label: namespaces, and most names a resource refers to. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_LABEL_MAX = 63;
/** A DNS-1123 subdomain: the name of most resources (PrometheusRule, ConfigMap, …). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_SUBDOMAIN_MAX = 253;

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isDns1123Label(name: string): boolean {
  return name.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(name);
}

/** A key of a Secret's or ConfigMap's data: letters, digits, `-`, `_`, `.`, at most 253. */
export function isSecretKey(key: string): boolean {
  return key.length > 0 && key.length <= DNS1123_SUBDOMAIN_MAX && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && key !== '..';
}

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** A label value: empty, or at most 63 letters, digits, `-`, `_`, `.` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Why a label set is not one Kubernetes accepts, or undefined. */
export function labelSetProblem(labels: Readonly<Record<string, string>>): string | undefined {
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) return `label key ${JSON.stringify(key)} is not a Kubernetes qualified name`;
    if (!isLabelValue(value)) return `label ${key}'s value ${JSON.stringify(value)} is not a Kubernetes label value`;
  }
  return undefined;
}

const HASH_LENGTH = 8;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The resource name for a definition's name, a DNS-1123 label (so it also fits where a label is
 * required). A name that is one already is kept; any other is lowercased, other characters become
 * `-`, and a hash of the original is appended: names are stable (they depend on that definition's
 * name only) and two definitions never share one (`totem_alerts` → `totem-alerts-1a2b3c4d`,
 * `api-errors` stays `api-errors`, `api_errors` → `api-errors-5e6f7a8b`).
 */
export function resourceName(name: string): string {
  if (isDns1123Label(name)) return name;
  const form = slug(name, { keep: 'a-z0-9-', maxLength: DNS1123_LABEL_MAX - HASH_LENGTH - 1, fallback: 'unnamed' });
  return `${form}-${shortHash(name)}`;
}

/** What a Kubernetes name is for, so that one helper says what is wrong with each and how to fix it. */
export type KubernetesNameKind = 'namespace' | 'resource name' | 'label or annotation key' | 'label value';

const NAME_RULES: Record<KubernetesNameKind, { valid: (name: string) => boolean; rule: string; example: string }> = {
  namespace: { valid: isDns1123Label, rule: 'a DNS-1123 label: at most 63 lowercase letters, digits and -, starting and ending with a letter or digit', example: 'monitoring' },
  'resource name': { valid: isDns1123Subdomain, rule: 'a DNS-1123 subdomain: at most 253 lowercase letters, digits, - and ., each dot-separated part starting and ending with a letter or digit', example: 'shop-alerts' },
  'label or annotation key': { valid: isQualifiedName, rule: 'an optional DNS subdomain prefix and /, then at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit', example: 'app.kubernetes.io/name' },
  'label value': { valid: isLabelValue, rule: 'empty, or at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit', example: 'shop' },
};

/**
 * Why a name is not a valid Kubernetes `kind` (namespace, resource name, label key or value), or
 * undefined: the message names the value and what is wrong, the hint gives the rule. The one place
 * the schema (what the user writes) and the resource validator (what we generate) word it.
 */
export function kubernetesNameProblem(kind: KubernetesNameKind, name: string): { message: string; hint: string } | undefined {
  const rules = NAME_RULES[kind];
  if (rules.valid(name)) return undefined;
  const why =
    name === '' && kind !== 'label value'
      ? 'it is empty'
      : name.length > (kind === 'resource name' ? DNS1123_SUBDOMAIN_MAX : 63) && kind !== 'label or annotation key'
        ? `it is ${name.length} characters long`
        : (kind === 'namespace' || kind === 'resource name') && /[A-Z]/.test(name)
          ? 'Kubernetes names are lowercase'
          : 'it has a character or an ending Kubernetes refuses';
  return { message: `invalid Kubernetes ${kind} ${JSON.stringify(name)}: ${why}`, hint: `a Kubernetes ${kind} is ${rules.rule}, e.g. ${rules.example}` };
}

/**
 * The label keys and values a Kubernetes label selector string names (`app=shop,tier in (web,api),!canary`):
 * what the API server reads, each with its kind, for kubernetesNameProblem. Undefined when the text is no
 * selector at all (then nothing can be said about its parts).
 */
export function labelSelectorNames(selector: string): Array<{ kind: 'label or annotation key' | 'label value'; name: string }> | undefined {
  const names: Array<{ kind: 'label or annotation key' | 'label value'; name: string }> = [];
  // Requirements are separated by commas outside the parentheses of `in (…)`.
  const requirements = selector.split(/,(?![^(]*\))/).map((r) => r.trim());
  for (const requirement of requirements) {
    const set = /^(\S+)\s+(?:in|notin)\s*\(([^)]*)\)$/.exec(requirement);
    const compare = /^([^=!\s]+)\s*(?:==|=|!=)\s*(\S*)$/.exec(requirement);
    const exists = /^!?\s*([^=!\s()]+)$/.exec(requirement);
    if (set) names.push({ kind: 'label or annotation key', name: set[1]! }, ...set[2]!.split(',').map((v) => ({ kind: 'label value' as const, name: v.trim() })));
    else if (compare) names.push({ kind: 'label or annotation key', name: compare[1]! }, { kind: 'label value', name: compare[2]! });
    else if (exists) names.push({ kind: 'label or annotation key', name: exists[1]! });
    else return undefined;
  }
  return names;
}
