/**
 * `import.meta.resolve` with a parent (`--experimental-import-meta-resolve`), for the built loader,
 * whose entry (boot.cts) is CommonJS: imported only when a definition imports a package or names
 * `meta` (vm-modules.ts), so that Node's ES module loader starts only then.
 */
export const resolvePackage = (specifier: string, parentUrl: string): string => import.meta.resolve(specifier, parentUrl);
