/**
 * validate asks the tools their versions (`--version`, src/validate/tools.ts) while the definitions
 * load; they are the target where nothing else sets one. The stages take them where the model takes
 * its settings, once the schema check passed and the model is built: Go start-ups slower than the
 * definitions' load (a loaded machine, a tool behind a wrapper) delay the run by what is left of
 * them, not by that work too. Arriving late, they are the target all the same.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import { validate } from '../../src/app/validate.js';
import { loadDefinitions, type LoadedDefinitions } from '../../src/io/load.js';
import type { TargetVersions } from '../../src/api/versions.js';
import { FIXTURES } from '../helpers/cli.js';

const definitions = path.join(FIXTURES, 'scrape/version-gated');

/** The fixture loaded, its project behind a proxy that notes each property read (the schema check reads them all). */
async function watchedLoad(): Promise<{ loaded: LoadedDefinitions; reads: () => number }> {
  const loaded = await loadDefinitions(definitions);
  let reads = 0;
  const project = new Proxy(loaded.project as object, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { loaded: { ...loaded, project }, reads: () => reads };
}

/** Versions that settle only when `release` is called, noting how much of the project had been read when they were first awaited. */
function lateVersions(versions: TargetVersions | undefined, reads: () => number) {
  let release!: () => void;
  const settled = new Promise<TargetVersions | undefined>((resolve) => (release = () => resolve(versions)));
  const seen: { readsWhenAwaited?: number } = {};
  const thenable = {
    then<A, B>(onFulfilled?: (value: TargetVersions | undefined) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
      seen.readsWhenAwaited ??= reads();
      setTimeout(release, 20);
      return settled.then(onFulfilled, onRejected);
    },
  } as Promise<TargetVersions | undefined>;
  return { thenable, seen };
}

describe('the installed tools\' versions (validate)', () => {
  it('are awaited once the schema check has read the whole project, and still set the target when they come late', async () => {
    const { loaded, reads } = await watchedLoad();
    const late = lateVersions({ prometheus: '2.53' }, reads);
    const result = await fromDefinitions({ definitions, loaded: Promise.resolve(loaded), installedVersions: late.thenable });
    // Every read of the project came before the versions were awaited.
    expect(late.seen.readsWhenAwaited).toBeGreaterThan(0);
    expect(late.seen.readsWhenAwaited).toBe(reads());
    expect(result.model?.versions).toEqual({ prometheus: '2.53', alertmanager: '0.25', blackbox: '0.23', from: { prometheus: 'installed', alertmanager: 'default', blackbox: 'default' } });
    // 2.53 has scrape_protocols: nothing to report.
    expect(result.diagnostics.filter((d) => d.id === 'version/unsupported')).toEqual([]);
  }, 60_000);

  it('absent (a tool that said nothing readable), the default is the target', async () => {
    const { loaded, reads } = await watchedLoad();
    const late = lateVersions(undefined, reads);
    const result = await fromDefinitions({ definitions, loaded: Promise.resolve(loaded), installedVersions: late.thenable });
    expect(result.model?.versions.from).toEqual({ prometheus: 'default', alertmanager: 'default', blackbox: 'default' });
    expect(result.diagnostics.filter((d) => d.id === 'version/unsupported').map((d) => d.message)).toEqual([
      expect.stringContaining('which Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 2.49'),
    ]);
  }, 60_000);

  it('are not waited for when the definitions fail the schema check', async () => {
    const loaded = await loadDefinitions(definitions);
    const never = new Promise<TargetVersions | undefined>(() => {});
    const result = await fromDefinitions({ definitions, loaded: Promise.resolve({ ...loaded, project: { name: 42 } }), installedVersions: never });
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  }, 15_000);
});

describe('validate, when the definitions do not load', () => {
  it('reports the load and lets go of a tool look-up that failed (the versions it was asked for are not wanted)', async () => {
    const promtool = { name: 'promtool' as const, path: '/nonexistent/promtool' };
    const failed = Promise.reject(new Error('amtool could not be asked'));
    const result = await validate({
      definitions: path.join(FIXTURES, 'loader/throws'),
      offline: false,
      tools: { promtool: Promise.resolve(promtool), amtool: failed, blackbox: Promise.resolve(undefined) },
    });
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((d) => d.id)).toEqual(['load']);
  }, 15_000);
});
