import { describe, expect, it } from 'vitest';
import { isCI } from '../../src/ci.js';
import { progress } from '../../src/report/progress.js';
import { binaryPolicy } from '../helpers/tools.js';

describe('what counts as CI (#12)', () => {
  it('any non-empty CI but false or 0, as vitest reads it', () => {
    for (const value of ['true', '1', 'yes', 'TRUE', 'github']) expect(isCI({ CI: value }), value).toBe(true);
    for (const value of [undefined, '', 'false', 'FALSE', '0', ' ']) expect(isCI(value === undefined ? {} : { CI: value }), String(value)).toBe(false);
  });

  it('CI=1 makes a missing binary a failure, not a skip; a present one always runs', () => {
    const none = () => undefined;
    expect(binaryPolicy(['promtool'], { CI: '1' }, none)).toEqual({ action: 'fail', missing: ['promtool'] });
    expect(binaryPolicy(['promtool', 'amtool'], { CI: 'yes' }, (b) => (b === 'amtool' ? '/bin/amtool' : undefined))).toEqual({ action: 'fail', missing: ['promtool'] });
    expect(binaryPolicy(['promtool'], { CI: 'false' }, none)).toEqual({ action: 'skip', missing: ['promtool'] });
    expect(binaryPolicy(['promtool'], {}, none)).toEqual({ action: 'skip', missing: ['promtool'] });
    expect(binaryPolicy(['promtool'], { CI: '1' }, () => '/usr/bin/promtool')).toEqual({ action: 'run' });
  });

  it('CI=1 silences the progress line as CI=true does', () => {
    const stream = { isTTY: true, write: () => true } as unknown as NodeJS.WriteStream;
    expect(progress(stream, { CI: '1' })).toBeUndefined();
    expect(progress(stream, { CI: 'false' })).toBeDefined();
  });
});
