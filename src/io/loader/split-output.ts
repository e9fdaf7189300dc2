import { NEXT_LOAD } from './protocol.js';

/**
 * Text of one pipe, split at NEXT_LOAD: `take(index, text)` gets each part for the load it belongs to.
 * A marker split across two chunks is found: the end of a chunk that may start one waits for the next.
 */
export function splitAtNextLoad(take: (index: number, text: string) => void, advanced: (index: number) => void) {
  let index = 0;
  let pending = '';
  return {
    push(chunk: string): void {
      pending += chunk;
      for (let at = pending.indexOf(NEXT_LOAD); at >= 0; at = pending.indexOf(NEXT_LOAD)) {
        take(index, pending.slice(0, at));
        pending = pending.slice(at + NEXT_LOAD.length);
        advanced(++index);
      }
      let keep = 0;
      for (let n = Math.min(NEXT_LOAD.length - 1, pending.length); n > 0 && keep === 0; n--) if (NEXT_LOAD.startsWith(pending.slice(-n))) keep = n;
      take(index, pending.slice(0, pending.length - keep));
      pending = pending.slice(pending.length - keep);
    },
    flush(): void {
      take(index, pending);
      pending = '';
    },
    get index() {
      return index;
    },
  };
}
