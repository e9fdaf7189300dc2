/**
 * Runs definition modules while the rest of their graph is still being read. Node (and the spec)
 * read, compile and link a whole module graph before the first module runs; on the large benchmark
 * that is ~300 ms of reading, stripping and compiling 302 files in the loader process, during
 * which totem-mon has no PromQL text to parse and one core idles. Here the graph is walked in the
 * order evaluation would take (depth first, imports in source order), and a module runs as soon as
 * the modules before it in that order have run: the modules run in the very order they would
 * otherwise, and their texts reach totem-mon while later files are still read. A cycle (Tarjan's
 * strongly connected components) runs when its first module is done; until then the modules its
 * members are done before wait too, and run with it (V8's evaluate of the cycle's first module runs
 * what has not run below it, in that order).
 *
 * The walk stops, leaving the rest to the usual link-then-evaluate of the whole graph (which skips
 * what already ran, so the order is still the same), at the first module that could tell the
 * difference: one whose text could let other work interleave between modules (an `await`, a
 * promise, a microtask, `import()`, `import.meta`, import attributes), and at the first import that
 * is not a definition module (a builtin, a package, JSON or CommonJS: Node imports those
 * asynchronously) or that cannot be read, resolved or compiled. What remains different: when a
 * module read later fails (it is missing, or it does not compile), the modules before it have run
 * (Node would run none); the error reported is the same.
 */

export interface EarlyGraph<M> {
  /** What `module` imports, in source order. */
  specifiers(module: M): readonly string[];
  /** The definition module `specifier` names in `module`, or undefined to stop the walk there. */
  dependency(module: M, specifier: string): M | undefined;
  /** Whether `module` may run before the rest of the graph is read. */
  mayRunEarly(module: M): boolean;
  /** Links `module` (its imports have run or are in its cycle) and runs it; false when it threw. */
  run(module: M): Promise<boolean>;
}

interface Frame<M> {
  module: M;
  specifiers: readonly string[];
  next: number;
}

/** Walks the graph from `entry`, running each component of it once its imports have run. */
export async function evaluateEarly<M>(entry: M, graph: EarlyGraph<M>): Promise<void> {
  const index = new Map<M, number>();
  const low = new Map<M, number>();
  const open: M[] = [];
  const isOpen = new Set<M>();
  const frames: Frame<M>[] = [];
  // Modules done but not run: members of a cycle whose first module is not done yet. While there
  // are any, nothing may run (a module done later comes after them in the order).
  let waiting = 0;
  const enter = (module: M): boolean => {
    if (!graph.mayRunEarly(module)) return false;
    index.set(module, index.size);
    low.set(module, index.get(module)!);
    open.push(module);
    isOpen.add(module);
    frames.push({ module, specifiers: graph.specifiers(module), next: 0 });
    return true;
  };
  // An explicit stack, not recursion: a long chain of imports cannot overflow it.
  if (!enter(entry)) return;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.specifiers.length) {
      const dependency = graph.dependency(frame.module, frame.specifiers[frame.next++]!);
      if (dependency === undefined) return;
      if (!index.has(dependency)) {
        if (!enter(dependency)) return;
      } else if (isOpen.has(dependency)) {
        low.set(frame.module, Math.min(low.get(frame.module)!, index.get(dependency)!));
      }
      continue;
    }
    frames.pop();
    const { module } = frame;
    const parent = frames[frames.length - 1];
    if (parent) low.set(parent.module, Math.min(low.get(parent.module)!, low.get(module)!));
    if (low.get(module) !== index.get(module)) {
      waiting++;
      continue;
    }
    // `module` is the first of its component: the component is complete.
    let member = open.pop()!;
    for (; member !== module; member = open.pop()!) {
      isOpen.delete(member);
      waiting--;
    }
    isOpen.delete(module);
    // Run now only when nothing done before it is still waiting; else it runs with those, later.
    if (waiting === 0 && !(await graph.run(module))) return;
  }
}
