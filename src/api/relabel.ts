/**
 * Relabeling rules (`relabel_configs`, `metric_relabel_configs`), typed by action: each action
 * takes the fields Prometheus reads for it. `T` is the target label, so that the labels a scrape
 * job adds are known to the types (`ScrapeAddedLabel`).
 */

interface FromLabels {
  /** Labels whose values, joined by `separator` (default `;`), the regex is matched against. */
  sourceLabels: readonly string[];
  separator?: string;
}

/** Sets `targetLabel` to `replacement` (default `$1`) when `regex` (default `(.*)`) matches the joined source labels. */
export interface ReplaceRule<T extends string = string> extends Partial<FromLabels> {
  action?: 'replace';
  regex?: string;
  targetLabel: T;
  replacement?: string;
}

/** Keeps (`keep`) or drops (`drop`) the target or series when `regex` matches the joined source labels. */
export interface KeepDropRule extends FromLabels {
  action: 'keep' | 'drop';
  regex: string;
}

/** Keeps (`keepequal`) or drops (`dropequal`) when the joined source labels equal `targetLabel`'s value (Prometheus 2.41). */
export interface KeepDropEqualRule extends FromLabels {
  action: 'keepequal' | 'dropequal';
  targetLabel: string;
}

/** Sets `targetLabel` to the joined source labels in lower or upper case (Prometheus 2.36). */
export interface CaseRule<T extends string = string> extends FromLabels {
  action: 'lowercase' | 'uppercase';
  targetLabel: T;
}

/** Sets `targetLabel` to a hash of the joined source labels modulo `modulus` (sharding targets). */
export interface HashmodRule<T extends string = string> extends FromLabels {
  action: 'hashmod';
  modulus: number;
  targetLabel: T;
}

/** Copies every label whose name matches `regex` to the name `replacement` (default `$1`) gives. */
export interface LabelmapRule {
  action: 'labelmap';
  regex: string;
  replacement?: string;
}

/** Removes (`labeldrop`) or keeps only (`labelkeep`) the labels whose names match `regex`. */
export interface LabelDropKeepRule {
  action: 'labeldrop' | 'labelkeep';
  regex: string;
}

export type RelabelRule<T extends string = string> =
  | ReplaceRule<T>
  | KeepDropRule
  | KeepDropEqualRule
  | CaseRule<T>
  | HashmodRule<T>
  | LabelmapRule
  | LabelDropKeepRule;

export type RelabelAction = NonNullable<RelabelRule['action']>;

/**
 * The target labels a reader of the definition can name: not Prometheus's internal `__…` labels
 * (`__address__`, `__param_target`, removed before storage) and not names built from the regex's
 * groups (`$1`, `${1}_x`).
 */
export type ScrapeAddedLabel<T extends string> = T extends `__${string}` | `${string}$${string}` ? never : T;
