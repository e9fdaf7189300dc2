import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplateFileModel } from '../model/alertmanager.js';
import { relativizer } from './load.js';

/** Alertmanager notification templates live next to the definitions: `<definitions>/../templates/*.tmpl`. */
export function templatesDir(definitionsDir: string): string {
  return path.join(path.dirname(path.resolve(definitionsDir)), 'templates');
}

/** Reads every `*.tmpl` of the templates folder, sorted by name (none when the folder is absent). */
export function readTemplates(definitionsDir: string): TemplateFileModel[] {
  const dir = templatesDir(definitionsDir);
  if (!existsSync(dir)) return [];
  const relative = relativizer(path.resolve(definitionsDir));
  return readdirSync(dir)
    .filter((name) => name.endsWith('.tmpl'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { name, source: relative(file), content: readFileSync(file, 'utf8') };
    });
}
