import type { Check } from './check.js';
import { at, ownerName } from './check.js';

const REGEX_META = /[.*+?()[\]{}|\\^$]/;

export const promqlRegexMatcher: Check = {
  id: 'promql/regex-matcher',
  severity: 'warning',
  description: 'Regex matchers are used for regexes: `=~"x"` without metacharacters is `="x"`, and `=~".*"` matches everything.',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.context === 'panel') continue; // Grafana multi-value variables need =~ with plain values
      for (const s of e.analysis.selectors) {
        for (const m of s.matchers) {
          if (m.op !== '=~' && m.op !== '!~') continue;
          if (m.value === '.*' && m.op === '=~') {
            report({ message: `${ownerName(e)}: ${m.label}=~".*" matches every series; it does nothing`, hint: 'remove the matcher', ...at(e, m.from, m.to) });
          } else if (!REGEX_META.test(m.value)) {
            const plain = m.op === '=~' ? '=' : '!=';
            report({
              message: `${ownerName(e)}: ${m.label}${m.op}"${m.value}" has no regex in it`,
              hint: `write ${m.label}${plain}"${m.value}" (cheaper, and says what it means)`,
              ...at(e, m.from, m.to),
            });
          }
        }
      }
    }
  },
};
