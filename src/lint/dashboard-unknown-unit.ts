import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels } from '../model/dashboard.js';
import { closest } from '../suggest.js';
import { panelUnits } from '../model/panel-units.js';
import { GRAFANA_CUSTOM_UNIT, GRAFANA_UNITS } from './grafana-units.js';

const KNOWN: ReadonlySet<string> = new Set(GRAFANA_UNITS);
/** Words people write for a unit, and Grafana's id for it. */
const SYNONYMS: Record<string, string> = {
  seconds: 's', second: 's', sec: 's', secs: 's', milliseconds: 'ms', millisecond: 'ms', minutes: 'm', hours: 'h', days: 'd',
  percentage: 'percent', '%': 'percent', ratio: 'percentunit', byte: 'bytes', B: 'bytes', requests: 'reqps', rps: 'reqps',
  count: 'short', number: 'none', celcius: 'celsius', us: '\u00b5s', 'μs': '\u00b5s',
};

export const dashboardUnknownUnit: Check = {
  id: 'dashboard/unknown-unit',
  severity: 'error',
  description: "A panel's unit (and its overrides') is one of Grafana's unit ids (or a custom suffix:/prefix:/si:/count:/currency:/time:/bool: unit).",
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        // The panel's unit and each override's (a series shown in another unit), an SDK panel's too.
        for (const { unit, what, field } of panelUnits(panel)) {
          if (KNOWN.has(unit) || GRAFANA_CUSTOM_UNIT.test(unit)) continue;
          const suggestion = SYNONYMS[unit] ?? closest(unit, GRAFANA_UNITS);
          report({
            message: `panel ${panel.title}${what}: unit ${JSON.stringify(unit)} is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
            hint: "use a Grafana unit id (s, ms, bytes, percent, percentunit, reqps, ops, short, …) or a custom unit written 'suffix: tickets'",
            ...locatedAt(panel, ...field),
          });
        }
      }
    }
  },
};
