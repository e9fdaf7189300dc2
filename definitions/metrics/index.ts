import * as application from './application.js';
import * as business from './business.js';
import * as system from './system.js';

export { application, business, system };

/** The whole catalogue, in the order of the monitoring document. */
export const catalogue = [...Object.values(application), ...Object.values(business), ...Object.values(system)];
