import { describe, expect, it } from 'vitest';
import { lineStartsOf } from '../../src/io/property-locations.js';

/** The definition: a line starts at 0 and after every `\n` (a test per character). */
function reference(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

describe('lineStartsOf: the line starts of a definition file, found newline to newline', () => {
  const texts = [
    '',
    '\n',
    '\n\n\n',
    'one line',
    'a\nb',
    'a\nb\n',
    '\nleading',
    'crlf\r\nlines\r\n\r\nend',
    "ação\n'ünïcødé' 🚀\n\u2028not a newline\u2029\nlast",
    ['export const x = alert({', "  alert: 'X',", '  expr: `', '    rate(x[5m]) > 1`,', '});', ''].join('\n'),
  ];
  it.each(texts.map((t) => [JSON.stringify(t), t]))('%s: the same starts as a test per character', (_name, text) => {
    expect(lineStartsOf(text)).toEqual(reference(text));
  });

  it('a large generated file: the same starts', () => {
    let text = '';
    for (let i = 0; i < 5000; i++) text += `${'x'.repeat(i % 97)}${i % 13 === 0 ? '\r' : ''}\n${i % 7 === 0 ? '\n' : ''}`;
    expect(lineStartsOf(text)).toEqual(reference(text));
  });
});
