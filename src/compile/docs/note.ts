import type { Model } from '../../model/types.js';
import { headerLines } from '../output.js';

/** The generated-file header, as a Markdown comment (invisible when rendered). */
export function generatedNote(model: Pick<Model, 'entry'>): string {
  return `<!-- ${headerLines(model.entry).join(' ')} -->`;
}
