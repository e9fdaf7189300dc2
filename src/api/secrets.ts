import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';

/**
 * A value that looks like a secret and is not one (a public demo token, a documented example):
 * listed in `defineProject({ secrets: { allow: [notSecret(value, reason)] } })`. The reason is for
 * the reviewer; an entry that matches nothing is reported, so the list stays honest.
 */
export interface NotSecret {
  readonly kind: 'notSecret';
  /** The value as written in the definition, or the part of it that holds the flagged text. */
  readonly value: string;
  /** Why it is not a secret (at least a few words). */
  readonly reason: string;
  readonly source?: SourceRef;
}

export function notSecret(value: string, reason: string): NotSecret {
  return { kind: 'notSecret', value, reason, source: captureSource() };
}

export interface SecretsOptions {
  /** Values the secret scan would refuse that are not secrets, each with its reason. */
  allow?: readonly NotSecret[];
}
