import { UsageError } from '../../diagnostic.js';

/** How long the definitions may take to load by default: a large repository loads in about a second. */
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

/** The environment variable that sets the limit when --load-timeout is not given (seconds). */
export const LOAD_TIMEOUT_ENV = 'TOTEM_MON_LOAD_TIMEOUT';

/** `--load-timeout SECONDS`, else $TOTEM_MON_LOAD_TIMEOUT, else the default; in ms. A bad value is a usage error. */
export function loadTimeoutMs(option: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [given, from] = option !== undefined ? [option, '--load-timeout'] : [env[LOAD_TIMEOUT_ENV], LOAD_TIMEOUT_ENV];
  // An empty variable is an unset one; an empty --load-timeout is a mistake.
  if (given === undefined || (given === '' && option === undefined)) return DEFAULT_LOAD_TIMEOUT_MS;
  const seconds = /^\d+(\.\d+)?$/.test(given.trim()) ? Number(given) : NaN;
  if (!(seconds > 0) || seconds > 86_400) {
    throw new UsageError(`${from}: "${given}" is not a number of seconds`, 2, 'give the time the definitions may take to load in seconds, e.g. --load-timeout 60 (default 30)');
  }
  return Math.round(seconds * 1000);
}
