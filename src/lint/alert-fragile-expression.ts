import type { Check } from './check.js';
import { at } from './check.js';
import { alertExpressions } from './rules-select.js';
import { locatedAt } from '../model/located.js';
import { durationMs } from '../duration.js';
import { VALUE_REFERENCE } from './alert-value-label-with-for.js';

export const alertFragileExpression: Check = {
  id: 'alert/fragile-expression',
  severity: 'warning',
  description: 'No topk/bottomk in alerts (the set changes every evaluation) and no $value in alert labels (a new alert each time the value changes).',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      // The regex only where its names are: most expressions hold neither.
      const ranking = e.text.includes('topk') || e.text.includes('bottomk') ? /\b(topk|bottomk)\s*\(/.exec(e.text) : null;
      if (ranking) {
        report({
          message: `alert ${alert.name} uses ${ranking[1]}(): which series are in the top changes between evaluations, so alerts flap`,
          hint: 'alert on a threshold instead, and use topk in dashboards',
          ...at(e, ranking.index, ranking.index + ranking[1]!.length),
        });
      }
      // With a `for`, alert/value-label-with-for reports it (as an error: that alert never fires).
      if (alert.for !== undefined && (durationMs(alert.for) ?? 0) > 0) continue;
      for (const [name, value] of Object.entries(alert.labels)) {
        if (!VALUE_REFERENCE.test(value)) continue;
        report({
          message: `alert ${alert.name} puts the query value into label ${name}: every new value makes a new alert (and a new notification)`,
          hint: 'move the value into an annotation (description)',
          ...locatedAt(alert, 'labels', name),
        });
      }
    }
  },
};
