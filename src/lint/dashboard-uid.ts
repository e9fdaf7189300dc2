import type { Check } from './check.js';
import { UID_MAX_LENGTH } from '../model/build-dashboards.js';
import { locatedAt } from '../model/located.js';

// What Grafana accepts in a uid (it refuses the dashboard otherwise); the uid is also the file name.
const UID_CHARS = /^[A-Za-z0-9_-]+$/;

export const dashboardUid: Check = {
  id: 'dashboard/uid',
  severity: 'error',
  description: `Dashboard uids are unique, at most ${UID_MAX_LENGTH} characters, and only letters, digits, "-" and "_".`,
  run({ model }, report) {
    const seen = new Map<string, string>();
    for (const d of model.dashboards) {
      const where = locatedAt(d, 'uid');
      if (d.uid.length > UID_MAX_LENGTH) {
        report({
          message: `dashboard ${d.title} has uid "${d.uid}" of ${d.uid.length} characters; Grafana allows at most ${UID_MAX_LENGTH}`,
          hint: 'give a shorter uid, or leave it out to derive one from the title',
          ...where,
        });
      }
      if (!UID_CHARS.test(d.uid)) {
        report({
          message: `dashboard ${d.title} has uid "${d.uid}" with characters other than letters, digits, "-" and "_"`,
          hint: 'use a slug such as "service-overview"',
          ...where,
        });
      }
      const other = seen.get(d.uid);
      if (other !== undefined) {
        report({
          message: `dashboards ${other} and ${d.title} have the same uid "${d.uid}"; Grafana keeps only one of them`,
          hint: 'give one of them its own uid (titles that differ only in accents or punctuation derive the same uid)',
          ...where,
        });
      } else seen.set(d.uid, d.title);
    }
  },
};
