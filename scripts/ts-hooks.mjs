// Module hooks for working on totem-mon from source (see ts-register.mjs): `./x.js` is `./x.ts`
// when only that exists, and TypeScript is stripped of its types by oxc, with an inline source map.
// The definitions' own loader (src/io/loader/vm-modules.ts) does the same and more, without hooks;
// this one only has to run src/ before it is built.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'oxc-transform';

export async function resolve(specifier, context, next) {
  if (/^\.{1,2}\/.*\.js$/.test(specifier) && context.parentURL?.startsWith('file:')) {
    const js = fileURLToPath(new URL(specifier, context.parentURL));
    const ts = `${js.slice(0, -2)}ts`;
    if (!existsSync(js) && existsSync(ts)) return { url: pathToFileURL(ts).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const result = transformSync(file, await readFile(file, 'utf8'), { lang: 'ts', sourceType: 'module', sourcemap: true });
  if (result.errors.length > 0) throw new SyntaxError(`${file}: ${result.errors[0].message}`);
  const map = Buffer.from(JSON.stringify({ ...result.map, sources: [url], sourcesContent: undefined })).toString('base64');
  return { format: 'module', source: `${result.code}\n//# sourceMappingURL=data:application/json;base64,${map}\n`, shortCircuit: true };
}
