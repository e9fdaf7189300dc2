/**
 * oxc's native transform, as oxc-transform would load it. That package's entry is an ES module that
 * picks the binary for the platform; required from CommonJS (the loader's bundle) it starts Node's
 * ES module loader first (require of an ES module) and then runs its choice: ~5–10 ms of every
 * loader start, more than the binary's own loading. Where the choice is plain (Linux with glibc on
 * x64 or arm64, told as oxc tells it: /usr/bin/ldd does not name musl) the binary's own package, the
 * optional dependency oxc-transform itself requires there, is required directly: the very module
 * (test/loader/oxc-binding.test.ts). Anywhere else, when that fails, or when one of napi-rs's
 * overrides is set, through oxc-transform.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type OxcTransform = typeof import('oxc-transform');

/** The binary's package oxc-transform would require on this machine, when the choice is plain. */
export function plainBinding(): string | undefined {
  if (Object.keys(process.env).some((name) => name.startsWith('NAPI_RS_'))) return undefined;
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'arm64')) return undefined;
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? undefined : `@oxc-transform/binding-linux-${process.arch}-gnu`;
  } catch {
    return undefined;
  }
}

export function loadOxcTransform(): OxcTransform {
  const require = createRequire(import.meta.url);
  const binding = plainBinding();
  if (binding !== undefined) {
    try {
      return require(binding) as OxcTransform;
    } catch {
      // Not installed as expected: oxc-transform finds what there is.
    }
  }
  return require('oxc-transform') as OxcTransform;
}
