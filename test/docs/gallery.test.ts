// The README's Gallery is Totem's dashboards as the definitions make them (scripts/gallery.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromDefinitions } from '../../src/app/stages.js';
import { GALLERY_END, GALLERY_START, galleryMarkdown, withGallery } from '../../scripts/gallery.js';
import { REPO } from '../helpers/cli.js';

const readme = () => readFileSync(path.join(REPO, 'README.md'), 'utf8');

describe('README gallery', () => {
  it("lists each Totem dashboard's panels as the definitions make them (run `node scripts/gallery.mjs` after a change)", async () => {
    const result = await fromDefinitions({ definitions: path.join(REPO, 'definitions') });
    expect(result.model).toBeDefined();
    const text = readme();
    const expected = withGallery(text, galleryMarkdown(result.model!.dashboards));
    expect(text).toBe(expected);
    // Every dashboard and every panel title is there.
    for (const d of result.model!.dashboards) {
      expect(text).toContain(`#### ${d.title} (\`${d.uid}\`)`);
      for (const item of d.items) for (const p of item.kind === 'row' ? [item, ...item.panels] : [item]) expect(text).toContain(`**${p.title}**`);
    }
  }, 60_000);

  it('would see a renamed panel (the comparison can fail)', async () => {
    const result = await fromDefinitions({ definitions: path.join(REPO, 'definitions') });
    const [first, ...others] = result.model!.dashboards;
    const renamed = { ...first!, items: first!.items.map((i, n) => (n === 0 ? { ...i, title: `${i.title} (renamed)` } : i)) };
    expect(withGallery(readme(), galleryMarkdown([renamed, ...others]))).not.toBe(readme());
  }, 60_000);

  it('has its markers once, and refuses a README without them', () => {
    expect(readme().split(GALLERY_START)).toHaveLength(2);
    expect(readme().split(GALLERY_END)).toHaveLength(2);
    expect(() => withGallery('# no gallery', '')).toThrow('README.md has no gallery section');
  });
});
