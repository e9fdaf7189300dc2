/**
 * captureSource reads a short stack first and a longer one only when the short one held no user
 * frame: the source and the builder must be what one long capture gives, however many of
 * totem-mon's own frames lie between the user's call and the capture (up to the long limit).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { captureSource } from '../../src/api/source.js';
import { ownRoot } from '../../src/own-files.js';
import { callSiteOf } from '../../src/source-sites.js';

/** A builder of totem-mon's own (its script lies under src/) that reaches captureSource through `depth` own frames. */
function ownBuilder(depth: number): () => unknown {
  let code = 'function builder0() { return capture(); }\n';
  for (let i = 1; i < depth; i++) code += `function builder${i}() { return builder${i - 1}(); }\n`;
  const make = vm.runInThisContext(`(function (capture) {\n${code}return builder${depth - 1};\n})`, { filename: path.join(ownRoot, 'api', `builder-depth-${depth}.js`) }) as (capture: () => unknown) => () => unknown;
  return make(captureSource);
}

const here = fileURLToPath(import.meta.url);

describe('captureSource', () => {
  it('finds the user frame and the outermost builder below one, two and many own frames', () => {
    const builders = [1, 2, 3, 4, 8, 11].map((depth) => ownBuilder(depth));
    // All called on one line: the same line whatever the depth.
    const sources = builders.map((build) => build() as { file: string; line: number; column: number });
    const line = sources[0]!.line;
    sources.forEach((source, i) => {
      const depth = [1, 2, 3, 4, 8, 11][i]!;
      expect(source).toMatchObject({ file: here, line });
      expect(callSiteOf(source as never)).toEqual({ absolute: here, builder: `builder${depth - 1}` });
    });
  });

  it('finds none beyond the long limit of 12 frames, as before', () => {
    expect(ownBuilder(12)()).toBeUndefined();
  });
});
