import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

/** Two SLOs with one service and name record the same series: each rule overwrites the other's. */
export const sloDuplicate: Check = {
  id: 'slo/duplicate',
  severity: 'error',
  description: 'Two SLOs with the same service and name (their recorded series would collide).',
  run({ model }, report) {
    const seen = new Map<string, (typeof model.slos)[number]>();
    for (const slo of model.slos) {
      const key = `${slo.service}\u0000${slo.name}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, slo);
        continue;
      }
      report({
        message: `SLO ${slo.name} of service ${slo.service} is declared twice${first.source ? ` (first at ${first.source.file}:${first.source.line})` : ''}: their recorded series (labels service, slo) would collide`,
        hint: 'give each SLO of a service its own name',
        ...locatedAt(slo, 'name'),
      });
    }
  },
};
