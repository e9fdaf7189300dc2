/**
 * Type-level equality of a zod schema's output and the API type it validates, so that a field added
 * to one and not the other fails the typecheck (`npm test` runs it). Exact: a field only one side
 * has, optional on one side and required on the other, or a different type, are all a mismatch.
 *
 * Both sides are first reduced to the data a definition carries: `readonly` dropped (the API's
 * arrays are readonly, zod's are not), methods dropped (catalogue metrics carry `select`, …), the
 * `[key: string]: unknown` of a loose zod object dropped, and an open string union such as
 * `'critical' | (string & {})` (an editor hint) read as `string`.
 */

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Method = Function;

/** The data of a type, as a schema sees it (distributes over unions). */
export type Shape<T> = T extends string
  ? string extends T
    ? string
    : T
  : T extends Primitive
    ? T
    : T extends Method
      ? never
      : T extends readonly (infer E)[]
        ? Shape<E>[]
        : { -readonly [K in keyof T as DataKey<T, K>]: Shape<T[K]> };

// Methods, the `[key: string]: unknown` a loose object (a metric, with its methods) has, and a field
// that may only be absent (a schema refuses it with a hint, e.g. a notifier Alertmanager 0.25 lacks).
type DataKey<T, K extends keyof T> = T[K] extends Method
  ? never
  : string extends K
    ? unknown extends T[K]
      ? never
      : K
    : [T[K]] extends [undefined]
      ? never
      : K;

/** true when X and Y are the same type (not merely assignable both ways: optional fields count). */
export type Identical<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

/** true when the schema's output and the API type carry the same data. */
export type SameShape<SchemaOutput, Api> = Identical<Shape<SchemaOutput>, Shape<Api>>;

/** Compiles only for `true`: `type _ = Expect<SameShape<…>>`. */
export type Expect<T extends true> = T;
