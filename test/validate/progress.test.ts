import { describe, expect, it } from 'vitest';
import { progress } from '../../src/report/progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream, written };
}

describe('progress line', () => {
  it('shows what runs on a terminal and erases itself at the end', () => {
    const { stream, written } = fakeStream(true);
    const step = progress(stream, {})!;
    step('promtool check rules', 'start');
    step('amtool check-config', 'start');
    step('promtool check rules', 'end');
    step('amtool check-config', 'end');
    expect(written[1]).toContain('running promtool check rules, amtool check-config…');
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('stays silent in CI and when the output is not a terminal', () => {
    expect(progress(fakeStream(true).stream, { CI: 'true' })).toBeUndefined();
    expect(progress(fakeStream(false).stream, {})).toBeUndefined();
  });
});
