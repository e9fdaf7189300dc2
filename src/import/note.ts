/**
 * What an importer says about one piece of its input: converted as is, converted by a guess the
 * user should review, a secret left out (with the file to fill), or not converted and why. Never
 * holds a secret's value: only where it was and where it goes.
 */
export type NoteStatus = 'converted' | 'guessed' | 'secret' | 'not-converted';

export interface ImportNote {
  status: NoteStatus;
  /** Where in the input, as a path: `receivers[team-a].email_configs[0].auth_password`. */
  path: string;
  /** What happened and why (for `secret`: the secretFile path to fill). */
  message: string;
}
