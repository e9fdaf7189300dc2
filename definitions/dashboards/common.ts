// What the Totem dashboards share: tags, the link bar between them, and the variables.
import { labelVariable, re, type DashboardLink } from 'totem-mon';
import { requests } from '../metrics/application.js';
import { nodeCpuSeconds } from '../metrics/system.js';

export const tags = ['totem'];

/** A drop-down in each dashboard's header listing the other Totem dashboards (by tag). */
export const links: DashboardLink[] = [{ title: 'Dashboards Totem', tags: ['totem'], asDropdown: true }];

/** `$job`: the API's scrape jobs. */
export const jobVariable = labelVariable({ name: 'job', metric: requests, title: 'Job' });
/** `$instance`: the hosts node exporter reports on. */
export const instanceVariable = labelVariable({ name: 'instance', metric: nodeCpuSeconds, title: 'Instância' });

/**
 * The `status` of an approved payment. The monitoring document names the label, not its values:
 * this is the one place that says which value counts as approved.
 */
export const PAYMENT_APPROVED = 'approved';

/** Matchers for the variables (multi-value, so regex matches). */
export const byJob = { job: re('$job') };
export const byInstance = { instance: re('$instance') };
