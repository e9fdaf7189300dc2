import { describe, expect, it } from 'vitest';
import { CHECK_RULES_BYTES_PER_PROCESS, checkRulesParts } from '../../src/validate/promtool.js';

describe('how many `promtool check rules` processes share the rule files', () => {
  it('one for rule files a second start-up would not pay for (Totem: 44 KiB)', () => {
    expect(checkRulesParts(0, 2)).toBe(1);
    expect(checkRulesParts(44 * 1024, 2)).toBe(1);
    expect(checkRulesParts(2 * CHECK_RULES_BYTES_PER_PROCESS - 1, 2)).toBe(1);
  });

  it('one more for each CHECK_RULES_BYTES_PER_PROCESS, up to one per core (the large benchmark: 4.7 MiB)', () => {
    expect(checkRulesParts(2 * CHECK_RULES_BYTES_PER_PROCESS, 2)).toBe(2);
    expect(checkRulesParts(4.7 * 1024 * 1024, 2)).toBe(2);
    expect(checkRulesParts(4.7 * 1024 * 1024, 8)).toBe(8);
    expect(checkRulesParts(3 * CHECK_RULES_BYTES_PER_PROCESS, 8)).toBe(3);
  });
});
