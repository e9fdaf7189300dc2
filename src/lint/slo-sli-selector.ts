import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { parseSelector } from '../model/slo-series.js';
import { sliTestSeries } from '../model/slo-sli.js';
import { syntaxOf } from '../model/promql-table.js';

/**
 * The SLI's errors, good and total are selectors of one counter each (the rate and the window are
 * added per window), and they must tell the counted events apart: the generated tests write one
 * series the errors (or good) selector takes and one only the total takes.
 */
export const sloSliSelector: Check = {
  id: 'slo/sli-selector',
  severity: 'error',
  description: "An SLO's SLI parts are plain selectors, and a test can write series that tell errors (or good events) from the total.",
  run({ model }, report) {
    // The selectors' parses: the run's (src/model/promql-table.ts), as the model's SLO rules had them.
    const syntax = (text: string) => syntaxOf(model, text);
    for (const slo of model.slos) {
      const sli = slo.sli;
      const parts: Array<[string, string]> =
        sli.kind === 'errors' ? [['errors', sli.errors], ['total', sli.total]] : sli.kind === 'good' ? [['good', sli.good], ['total', sli.total]] : [['latency', sli.selector]];
      let plain = true;
      for (const [field, text] of parts) {
        const parsed = parseSelector(text, syntax);
        if (!('problem' in parsed)) continue;
        plain = false;
        report({
          message: `SLO ${slo.name}: sli.${field} ${JSON.stringify(text)} is not a plain selector: ${parsed.problem}`,
          hint: "give the counter (errors) or a selector on it (errors.select({ code: re('5..') })): totem-mon writes sum(rate(…[window])) for each window",
          ...locatedAt(slo, 'sli', field),
        });
      }
      if (!plain) continue;
      const series = sliTestSeries(sli, syntax);
      if ('problem' in series) {
        report({
          message: `SLO ${slo.name}: no test can be generated for its alerts: ${series.problem}`,
          hint: 'make the errors (or good) selector take events the total takes without it, e.g. errors: requests.select({ code: re(\'5..\') }), total: requests',
          ...locatedAt(slo, 'sli'),
        });
      }
    }
  },
};
