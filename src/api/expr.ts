/**
 * A PromQL expression as the builders write it: a plain string at run time, typed by the labels its
 * result keeps. `rate(requests)` keeps the metric's labels, `sumBy(['service'], …)` only `service`,
 * so a `by` list, a selector on a recorded series or a legend that names a label the expression
 * dropped is a type error. A hand-written string is an `Expr` of any label (`Expr<string>`).
 */
declare const keptLabels: unique symbol;

export type Expr<L extends string = string> = string & { readonly [keptLabels]?: L };

/** A builder's argument: a typed expression, or any PromQL string (then every label is allowed). */
export type ExprInput<L extends string = string> = Expr<L> | string;

/** Marks a string the builders wrote as keeping labels `L` (types only; the value is unchanged). */
export const typedExpr = <L extends string>(text: string): Expr<L> => text as Expr<L>;
