/**
 * The loader loads oxc's binary without oxc-transform's ES module entry where the choice is plain
 * (src/io/loader/oxc-binding.ts): it must be the very module oxc-transform gives, the same binary
 * and functions, wherever it is taken directly, and oxc-transform's choice wherever it is not.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadOxcTransform, plainBinding } from '../../src/io/loader/oxc-binding.js';

describe("oxc's native transform, loaded by the loader", () => {
  it('is the one oxc-transform loads: the same functions', async () => {
    const oxc = await import('oxc-transform');
    const loaded = loadOxcTransform();
    expect(loaded.transformSync).toBe(oxc.transformSync);
    expect(typeof loaded.transformSync).toBe('function');
  });

  it("goes through oxc-transform when one of napi-rs's overrides is set", () => {
    vi.stubEnv('NAPI_RS_NATIVE_LIBRARY_PATH', '/nowhere/transform.node');
    try {
      expect(plainBinding()).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
