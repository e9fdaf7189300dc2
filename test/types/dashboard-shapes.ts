// Compile-time (npm run typecheck): the dashboard schema accepts exactly the API's shapes.
// A field added to src/api/{dashboard,panels}.ts without its schema (or the reverse) fails here.
import type { z } from 'zod';
import type { Dashboard } from '../../src/api/dashboard.js';
import type { Variable } from '../../src/api/variables.js';
import type { Panel, Row } from '../../src/api/panels.js';
import type { dashboardSchema, panelSchema, rowSchema, variableSchema } from '../../src/model/schema/dashboard.js';
import type { Expect, SameShape } from './equal.js';

export type DashboardShapes = [
  Expect<SameShape<z.output<typeof dashboardSchema>, Dashboard>>,
  Expect<SameShape<z.output<typeof panelSchema>, Panel>>,
  Expect<SameShape<z.output<typeof rowSchema>, Row>>,
  Expect<SameShape<z.output<typeof variableSchema>, Variable>>,
];

// The helper can fail: an extra field, a missing one, an optional made required, a wider type.
export type HelperFails = [
  // @ts-expect-error a field the schema lacks
  Expect<SameShape<Panel & { extra: string }, Panel>>,
  // @ts-expect-error a field the API lacks
  Expect<SameShape<Omit<Panel, 'description'>, Panel>>,
  // @ts-expect-error optional vs required
  Expect<SameShape<Panel & { description: string }, Panel>>,
  // @ts-expect-error a wider field type
  Expect<SameShape<Omit<Panel, 'unit'> & { unit?: string | number }, Panel>>,
];
