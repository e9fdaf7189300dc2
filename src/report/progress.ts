import { isCI } from '../ci.js';

/**
 * One status line on a terminal while the tools run ("running promtool check rules, amtool
 * check-config…"), erased at the end. Nothing at all when the stream is not a TTY or in CI.
 */
export function progress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env) {
  if (!stream.isTTY || isCI(env)) return undefined;
  const running = new Set<string>();
  return (step: string, state: 'start' | 'end') => {
    if (state === 'start') running.add(step);
    else running.delete(step);
    stream.write(`\r\x1b[2K${running.size > 0 ? `running ${[...running].join(', ')}…` : ''}`);
  };
}
