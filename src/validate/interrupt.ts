import { constants } from 'node:os';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * While some work holds resources a signal would leak (validate's temporary folder, the tools'
 * process groups), SIGINT/SIGTERM/SIGHUP run `cleanup` first, then end the process as interrupted:
 * exit code 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a shell reports it.
 * Returns the function that removes the handlers again.
 */
export function onInterrupt(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    dispose();
    try {
      cleanup();
    } finally {
      process.stderr.write(`totem-mon: interrupted (${signal}); temporary files removed\n`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
  };
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return dispose;
}
