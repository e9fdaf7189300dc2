/**
 * An imported value tree evaluated to what its TypeScript evaluates to: each call is the public
 * API's builder of that name, each code reference a constant declared before. One tree gives both
 * the definitions file (src/import/ts-source.ts prints it) and the project to run the stages on in
 * memory, so what is checked is what is written.
 */
import * as api from '../index.js';
import { isCall, isCode, type TsValue } from './ts-source.js';

type Builder = (...args: unknown[]) => unknown;

export function evaluate(value: TsValue, refs: ReadonlyMap<string, unknown> = new Map()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly TsValue[]).map((v) => evaluate(v, refs));
  if (isCode(value)) {
    if (!refs.has(value.code)) throw new Error(`imported value refers to ${value.code}, which is not declared`);
    return refs.get(value.code);
  }
  if (isCall(value)) {
    const { callee, args } = value;
    const builder = (api as unknown as Record<string, unknown>)[callee];
    if (typeof builder !== 'function') throw new Error(`imported value calls ${callee}, which the API does not export`);
    return (builder as Builder)(...args.map((a) => evaluate(a, refs)));
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, TsValue>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, evaluate(v, refs)]),
  );
}
