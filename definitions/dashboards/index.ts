// The Totem dashboards, in the order of the monitoring document ("Dashboards").
import { overview } from './overview.js';
import { performance } from './performance.js';
import { business } from './business.js';

export const dashboards = [overview, performance, business];
