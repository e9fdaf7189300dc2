/**
 * Type-level equality for "one declaration per shape": a zod schema's output must be exactly the
 * API type it checks (a field added to one and not the other fails `npm run typecheck`).
 *
 *   type _ = Expect<SameShape<z.output<typeof panelSchema>, Panel>>;
 *
 * `SameShape` compares after `Shape<T>`: intersections flattened, every property and array
 * readonly (the API hands out readonly views, zod builds mutable copies), functions as they are.
 * Optional stays optional, required stays required, and unions are compared member by member.
 */

/** Exact equality (the identity-function trick: no assignability loopholes, `any` only equals `any`). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`. */
export type Expect<T extends true> = T;

/** Deeply readonly, intersections flattened, so a schema's output and an API type can be compared. */
export type Shape<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer E>
    ? ReadonlyArray<Shape<E>>
    : T extends object
      ? { readonly [K in keyof T]: Shape<T[K]> }
      : T;

export type SameShape<A, B> = Equal<Shape<A>, Shape<B>>;
