import { describe, expect, it } from 'vitest';
import { profilingFlags } from '../../src/io/loader/spawn.js';

// `node --cpu-prof … bin/totem-mon.js` profiles the loader process too: its flags are passed on.
describe('profiling flags passed on to the loader process', () => {
  it('keeps a flag written with `=` as it is, and nothing else of the command line', () => {
    expect(profilingFlags(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--max-old-space-size=4096', '--heap-prof'])).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--heap-prof']);
  });

  it('takes the value of a flag written with a space along with it (alone, the value was read as the script)', () => {
    expect(profilingFlags(['--cpu-prof', '--cpu-prof-interval', '200', '--heap-prof-dir', '/tmp/h', '--trace-warnings'])).toEqual([
      '--cpu-prof',
      '--cpu-prof-interval',
      '200',
      '--heap-prof-dir',
      '/tmp/h',
    ]);
  });
});
