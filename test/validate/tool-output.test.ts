import { describe, expect, it } from 'vitest';
import { parseToolOutput } from '../../src/validate/tool-output.js';
import { parseVersion } from '../../src/validate/tools.js';

// Outputs captured from promtool 2.42 and amtool 0.25.
describe('parseToolOutput', () => {
  it('reads promtool check rules findings with position, group and rule', () => {
    const output = [
      'Checking rules/a.yml',
      '  FAILED:',
      'rules/a.yml: 5:15: group "g", rule 1, "A": could not parse expression: 1:14: parse error: unexpected end of input',
      'rules/a.yml: 10:5: groupname: "g" is repeated in the same file',
      '',
    ].join('\n');
    expect(parseToolOutput(output, ['rules/a.yml'], 'rules/a.yml')).toEqual([
      { file: 'rules/a.yml', line: 5, column: 15, group: 'g', ruleIndex: 0, ruleName: 'A', message: 'could not parse expression: 1:14: parse error: unexpected end of input' },
      { file: 'rules/a.yml', line: 10, column: 5, message: 'groupname: "g" is repeated in the same file' },
    ]);
  });

  it('keeps a multi-line lint block together, on the file being checked', () => {
    const output = [
      'Checking rules/a.yml',
      'Checking rules/b.yml',
      '  FAILED:',
      'lint error 1 duplicate rule(s) found.',
      'Metric: job:up:sum',
      'Label(s):',
      'Might cause inconsistency while recording expressions',
    ].join('\n');
    const [message] = parseToolOutput(output, ['rules/a.yml', 'rules/b.yml'], 'rules/a.yml');
    expect(message?.file).toBe('rules/b.yml');
    expect(message?.message.split('\n')).toHaveLength(4);
  });

  it('reads amtool check-config failures on the FAILED line', () => {
    const output = "Checking 'am.yml'  FAILED: undefined receiver \"nope\" used in route\n\namtool: error: failed to validate 1 file(s)\n";
    expect(parseToolOutput(output, ['am.yml'], 'am.yml')).toEqual([{ file: 'am.yml', message: 'undefined receiver "nope" used in route' }]);
  });

  it('ignores success lines', () => {
    expect(parseToolOutput('Checking p.yml\n  SUCCESS: 2 rule files found\n SUCCESS: p.yml is valid\n', ['p.yml'], 'p.yml')).toEqual([]);
  });
});

describe('tool helpers', () => {
  it('reads versions', () => {
    expect(parseVersion('promtool, version 2.42.0+ds (branch: debian/sid)\n  build user: x')).toBe('2.42.0+ds');
    expect(parseVersion('amtool, version 0.25.0 (branch: debian/sid, revision: 0.25.0-1+b4)')).toBe('0.25.0');
    expect(parseVersion('garbage')).toBeUndefined();
  });
});
