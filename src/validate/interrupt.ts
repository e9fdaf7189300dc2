import { constants } from 'node:os';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The cleanups of the work under way (validate's tool folders: the early `test rules` run has its own). */
const cleanups = new Set<() => void>();

/** Runs (once) every cleanup under way; one that throws does not stop the others. */
function runCleanups(): void {
  const pending = [...cleanups];
  cleanups.clear();
  stopListening();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // The others still run.
    }
  }
}

/** Runs every cleanup under way, then ends the process as interrupted. */
function handler(signal: NodeJS.Signals): void {
  try {
    runCleanups();
  } finally {
    process.stderr.write(`totem-mon: interrupted (${signal}); temporary files removed\n`);
    process.exit(128 + (constants.signals[signal] ?? 0));
  }
}

function stopListening(): void {
  for (const s of SIGNALS) process.off(s, handler);
  process.off('exit', runCleanups);
}

/**
 * While some work holds resources a signal would leak (validate's temporary folders, the tools'
 * process groups), SIGINT/SIGTERM/SIGHUP run `cleanup` first (with every other cleanup registered
 * meanwhile), then end the process as interrupted: exit code 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM), as a shell reports it. A process that ends otherwise meanwhile (an
 * uncaught error, a process.exit elsewhere) runs them as it exits: they are synchronous. Returns
 * the function that removes the cleanup again (and the handlers with the last one).
 */
export function onInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) {
    for (const signal of SIGNALS) process.on(signal, handler);
    process.on('exit', runCleanups);
  }
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup) || cleanups.size > 0) return;
    stopListening();
  };
}
