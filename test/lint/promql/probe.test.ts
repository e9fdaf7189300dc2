import { it } from 'vitest';
import { alert, record } from '../../../src/index.js';
import { shop, findings, basics } from './shop.js';
const exprs: Array<[string, string]> = JSON.parse(process.env.PROBE!);
it('probe', () => {
  for (const [id, expr] of exprs) {
    const rules = expr.split(' ;; ').map((x, i) => x.startsWith('record:') ? record({ record: x.split('=')[0]!.slice(7), expr: x.slice(x.indexOf('=') + 1) }) : alert({ ...basics, alert: `A${i}`, expr: x }));
    const f = findings(id, shop({ rules }));
    console.log(`\n## ${id}: ${expr}`);
    for (const d of f) console.log(JSON.stringify({ sev: d.severity, msg: d.message, hint: d.hint, path: d.path?.join('/'), span: d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined }, null, 1));
  }
});
