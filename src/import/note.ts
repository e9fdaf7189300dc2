/**
 * What the Alertmanager and Grafana importers say about one piece of their input: converted as
 * is, converted by a guess the user should review, kept raw through an escape hatch, a secret left
 * out (with the file to fill), or not converted and why. Never holds a secret's value: only where
 * it was and where it goes. `noteItems` makes them the import report's items.
 */
import type { ImportItem, ImportStatus } from './report.js';

export type NoteStatus = 'converted' | 'guessed' | 'raw' | 'secret' | 'not-converted';

export interface ImportNote {
  status: NoteStatus;
  /** Where in the input, as a path: `receivers[team-a].email_configs[0].auth_password`. */
  path: string;
  /** What happened and why (for `secret`: the secretFile path to fill). */
  message: string;
}

const STATUS: Record<NoteStatus, ImportStatus> = { converted: 'converted', guessed: 'guessed', raw: 'raw', secret: 'secret', 'not-converted': 'unsupported' };

/** The notes as report items of one input file; `what` names the thing they are about. */
export function noteItems(notes: readonly ImportNote[], file: string, what: string): ImportItem[] {
  return notes.map((n) => ({ status: STATUS[n.status], file, path: [n.path], what, reason: n.message }));
}
