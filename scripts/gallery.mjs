#!/usr/bin/env node
// Rewrites the README's Gallery section from definitions/ (see scripts/gallery.ts).
import { register } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

register('./ts-hooks.mjs', import.meta.url);
const { fromDefinitions } = await import('../src/app/stages.ts');
const { galleryMarkdown, withGallery } = await import('./gallery.ts');

const result = await fromDefinitions({ definitions: 'definitions' });
if (!result.model) {
  console.error(result.diagnostics.map((d) => d.message).join('\n'));
  process.exit(1);
}
const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withGallery(readme, galleryMarkdown(result.model.dashboards)));
console.log(`README.md: gallery of ${result.model.dashboards.length} dashboards`);
