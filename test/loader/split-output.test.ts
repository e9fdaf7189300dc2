/**
 * One loader process loads totem-mon.config.ts and then the definitions; what each printed is told
 * apart at the NEXT_LOAD marker the process writes between them, wherever the pipe's chunks cut it.
 */
import { describe, expect, it } from 'vitest';
import { NEXT_LOAD } from '../../src/io/loader/protocol.js';
import { splitAtNextLoad } from '../../src/io/loader/split-output.js';

function split(chunks: string[]): { parts: string[]; advanced: number[] } {
  const parts: string[] = [];
  const advanced: number[] = [];
  const splitter = splitAtNextLoad(
    (index, text) => (parts[index] = (parts[index] ?? '') + text),
    (index) => advanced.push(index),
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return { parts, advanced };
}

describe('the output of one load is told apart from the next', () => {
  const text = `config line\npartial${NEXT_LOAD}definitions\n\u0000not a marker${NEXT_LOAD}${NEXT_LOAD}last`;
  const expected = ['config line\npartial', 'definitions\n\u0000not a marker', '', 'last'];

  it('in one chunk', () => {
    expect(split([text])).toEqual({ parts: expected, advanced: [1, 2, 3] });
  });

  it('cut anywhere, also inside a marker', () => {
    for (let at = 0; at <= text.length; at++) {
      for (const step of [1, 3]) {
        const chunks = [text.slice(0, at), ...Array.from({ length: Math.ceil((text.length - at) / step) }, (_, i) => text.slice(at + i * step, at + (i + 1) * step))];
        expect(split(chunks), `cut at ${at}, then every ${step}`).toEqual({ parts: expected, advanced: [1, 2, 3] });
      }
    }
  });

  it('a marker never finished is text of the last load', () => {
    const cut = NEXT_LOAD.slice(0, 5);
    expect(split(['a', cut])).toEqual({ parts: [`a${cut}`], advanced: [] });
  });
});
