/**
 * An import started early, while the loader process runs, to be awaited later: running a module
 * of the bundle (the stages, the report: their libraries set up schemas and parser tables) overlaps
 * the wait for the config's and the definitions' replies instead of following it. A failure surfaces where it is awaited, not as an unhandled
 * rejection meanwhile.
 */
export function importing<T>(module: Promise<T>): Promise<T> {
  module.catch(() => {});
  return module;
}
