/**
 * This thread's young generation, kept at 2 × 8 MiB once it has grown to that. V8 starts it small
 * and doubles it (up to 2 × 16 MiB by default) each time enough has survived its scavenges; the
 * checks' context on the large benchmark grows it to the full 32 MiB, which stays resident for the
 * rest of the run, beside the compile worker. Only a start-up flag sets its maximum, but V8 reads
 * the growth factor (`--semi-space-growth-factor`) at each growth: at 1 it grows no more (the same
 * CPU time: README, Benchmarks). Every new isolate sets a factor below 2 back to 2 as it configures
 * its heap, so this is called once the last one (the compile worker) exists: see
 * src/app/compile-prestart.ts. The factor is the process's, so it holds the worker's young
 * generation too, which is at its own maximum by then.
 */
import v8 from 'node:v8';

/** The size (both semi-spaces) from which the young generation is kept as it is. */
export const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;

/** This thread's young generation (both semi-spaces), in bytes. */
export function youngGenerationSize(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Stops the young generation from growing when it has reached YOUNG_GENERATION_CAP (or more); a
 * smaller one is left to grow (kept small it would be collected too often). True when it stopped it.
 */
export function capYoungGeneration(): boolean {
  if (youngGenerationSize() < YOUNG_GENERATION_CAP) return false;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
