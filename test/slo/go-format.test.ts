// Go's %.2f and %.4g as Prometheus renders them (printf "%.2f", humanizePercentage), predicted by
// src/model/go-format.ts: checked on ties and near-ties, then against promtool itself on a sweep.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { goFixed, goG } from '../../src/model/go-format.js';
import { humanizePercentage } from '../../src/model/slo-simulate.js';
import { tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { promtoolTests } from './helpers.js';

const withPromtool = itWithBinaries(['promtool']);

describe("Go's float formatting", () => {
  it('%.2f rounds the exact binary value, half to even on exact ties (toFixed rounds ties up)', () => {
    // Exact ties in binary: 0.125, 0.375, 0.625, 0.875, 2.5 at 0 decimals.
    expect([0.125, 0.375, 0.625, 0.875, 1.125].map((v) => goFixed(v, 2))).toEqual(['0.12', '0.38', '0.62', '0.88', '1.12']);
    expect((0.125).toFixed(2)).toBe('0.13');
    expect([0.5, 1.5, 2.5].map((v) => goFixed(v, 0))).toEqual(['0', '2', '2']);
    // Not ties: the double is above or below the decimal written.
    expect([2.675, 1.005, 0.8749999999999999, 0.8750000000000001, 1.0049999999999999].map((v) => goFixed(v, 2))).toEqual(['2.67', '1.00', '0.87', '0.88', '1.00']);
    // The auditor's ties: 0.875 of a 7d SLO's 0.7× line (+25%), the 99% budget.
    expect(goFixed(0.8749999999999999, 2)).toBe('0.87');
    expect([0, -0, -1.125, 1e21, 123.456, 5e-324].map((v) => goFixed(v, 2))).toEqual(['0.00', '-0.00', '-1.12', '1000000000000000000000.00', '123.46', '0.00']);
    expect([NaN, Infinity, -Infinity].map((v) => goFixed(v, 2))).toEqual(['NaN', '+Inf', '-Inf']);
  });

  it('%.4g: four significant digits, half to even, trailing zeros dropped, an exponent below 1e-4 and from 1e4 on', () => {
    expect([12.5, 1234.5, 12345, 99995, 0.00012345, 0.000012345, 100, 0.1, 650, -650, 1e21].map((v) => goG(v, 4))).toEqual([
      '12.5', '1234', '1.234e+04', '1e+05', '0.0001234', '1.234e-05', '100', '0.1', '650', '-650', '1e+21',
    ]);
    expect([9.9995, 9.99951, 0, -0].map((v) => goG(v, 4))).toEqual(['9.999', '10', '0', '-0']);
    expect(humanizePercentage(-6.5)).toBe('-650%');
  });

  withPromtool("is what promtool renders, on ties, near-ties and a sweep of burn rates and budgets", async () => {
    const values: number[] = [0.125, 0.375, 0.625, 0.875, 2.675, 1.005, 0.8749999999999999, 0.8750000000000001, 12345, 1234.5, 99995, 0.00012345, 9.9995, -6.5, 0];
    // Burn rates as the simulation computes them: x / budget for the budgets of common objectives.
    for (const budget of [0.01, 0.005, 0.001, 0.05, 0.0005, 0.0001]) {
      for (let k = 1; k <= 40; k++) values.push(((k * 0.125 * budget) / budget), (k * 0.0125 * budget) / budget, 1 - (k * 0.01 * budget) / budget);
    }
    let seed = 7;
    for (let i = 0; i < 60; i++) {
      seed = (seed * 48271) % 2147483647;
      values.push(Number(((seed / 2147483647) * 30).toFixed(3)));
    }
    const literal = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
    const rules = {
      groups: [{ name: 'format', rules: values.map((v, i) => ({ alert: `V${i}`, expr: `vector(${literal(v)})`, annotations: { f: '{{ $value | printf "%.2f" }}', g: '{{ $value | humanizePercentage }}' } })) }],
    };
    const tests = {
      rule_files: ['format.rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [],
          alert_rule_test: values.map((v, i) => ({
            eval_time: '0m',
            alertname: `V${i}`,
            exp_alerts: [{ exp_labels: {}, exp_annotations: { f: goFixed(v, 2), g: humanizePercentage(v) } }],
          })),
        },
      ],
    };
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'format.rules.yml'), stringify(rules));
    writeFileSync(path.join(dir, 'format.test.yml'), stringify(tests));
    const r = await promtoolTests(dir, ['format.test.yml']);
    expect(r.exitCode, r.all).toBe(0);
  });
});
