/**
 * The definitions' module graph, built in the loader's own thread (Node's `vm` modules; the loader
 * process runs with `--experimental-vm-modules`): each definition file is read, stripped of its
 * types by oxc (transform.ts) and compiled as a vm.SourceTextModule named by its file URL, so stack
 * frames and builder call sites name the file as an import would. No module-hooks thread: Node 20's
 * (module.register) took ~65 ms to start, before anything else could run, and a message round trip
 * to it per import and per module.
 *
 * What a definition imports:
 *   - `totem-mon` is the one API instance this process imported (a SyntheticModule over its
 *     namespace), so the builders are the very functions the loader listens to;
 *   - `./x.js` is `./x.ts` when only that exists, and a specifier without extension or naming a
 *     folder finds its file as TypeScript's bundler resolution would (../ts-specifiers.ts);
 *   - other TypeScript files and ES module JavaScript outside node_modules are modules of this graph;
 *   - everything else (node: builtins, packages, JSON, CommonJS) is imported by Node itself, resolved
 *     from the importing file (`import.meta.resolve` with a parent: `--experimental-import-meta-resolve`),
 *     and linked as a SyntheticModule over that real namespace.
 * Static imports, cycles, top-level await, `import()` and `import.meta` (url, filename, dirname,
 * resolve) behave as they do for Node's own modules.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { fileWithoutExtension, tsFileFor } from '../ts-specifiers.js';
import { stripTypes } from './transform.js';
import { builtinImported, untracked } from './reads.js';

type Attributes = Record<string, string | undefined>;

export interface DefinitionModulesOptions {
  /** URL of the API entry that `import 'totem-mon'` means, and its namespace (already imported). */
  selfEntry: string;
  api: object;
  /**
   * `import.meta.resolve` with a parent (an ES module's), loaded the first time a package is to be
   * resolved or a module names `meta`: Node's ES module loader starts only then (~8 ms of the
   * loader's start when the built loader's entry is CommonJS, boot.cts). And `import()` of a resolved
   * URL. The loader's entry gives both: its bundle has no import.meta, and code run from a V8 code
   * cache cannot import() on Node 20 (loader-bundle.cts).
   */
  loadPackageResolver: () => Promise<PackageResolver>;
  importModule: (url: string, options?: { with: Record<string, string> }) => Promise<object>;
  /** A definition module was stripped of its types: its source map's `mappings` (for positions). */
  transformed: (file: string, mappings: string) => void;
  /** A file the definitions load: a module of the graph, or a file Node imports for them (JSON, CommonJS; reads.ts). */
  read?: (file: string) => void;
}

/** `import.meta.resolve` with a parent. */
export type PackageResolver = (specifier: string, parentUrl: string) => string;

const TYPESCRIPT = /\.m?ts$/;
// A module that may read import.meta names `meta` (a keyword has no escapes): its source before oxc
// (which adds `import.meta.url` for the progress calls, transform.ts).
const NAMES_META = /\bmeta\b/;
const RELATIVE = /^(\.{1,2}(\/|$)|\/)/;

/** An error as Node's resolver throws it (message, code and the URL it looked for), for a file that is not there. */
function notFound(message: string, code: string, url: string): Error {
  return Object.assign(new Error(message), { code, url });
}

/** Node warns once, on the first vm module, that the API is experimental: the loader's stderr is the user's alone. */
function quietly<T>(make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).startsWith('VM Modules')) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

export class DefinitionModules {
  /** Modules by URL (JSON and other imports by URL and attributes): one instance each, as Node keeps them. */
  private readonly modules = new Map<string, vm.Module | Promise<vm.Module>>();
  /** Each module's link-and-evaluate, shared by whoever imports it dynamically. */
  private readonly readying = new WeakMap<vm.Module, Promise<void>>();
  /** `type` of the nearest package.json, by folder (whether a `.js` file is an ES module). */
  private readonly packageTypes = new Map<string, string | undefined>();
  /** Set once loaded (options.loadPackageResolver), before any specifier it resolves is resolved. */
  private packageResolver: PackageResolver | undefined;
  private packageResolverLoaded: Promise<void> | undefined;
  /** Whether a module of the graph names `meta` (its import.meta.resolve may need the package resolver). */
  private namesMeta = false;
  private readonly linker = (specifier: string, referencing: vm.Module, extra: { attributes?: Attributes }) => {
    const link = () => this.moduleFor(this.resolve(specifier, referencing.identifier), extra.attributes ?? {});
    return this.needsPackageResolver(specifier) ? this.loadPackageResolver().then(link) : link();
  };
  private readonly initializeImportMeta = (meta: ImportMeta, module: vm.SourceTextModule) => {
    const url = module.identifier;
    const filename = fileURLToPath(url);
    meta.url = url;
    meta.filename = filename;
    meta.dirname = path.dirname(filename);
    // As Node's: a file that is not there is still a URL (a package that is not there throws).
    meta.resolve = (specifier: string) => {
      try {
        return this.resolve(specifier, url);
      } catch (error) {
        const missing = (error as { url?: unknown }).url;
        if (typeof missing === 'string') return missing;
        throw error;
      }
    };
  };
  private readonly importModuleDynamically = async (specifier: string, referrer: vm.Module, attributes: Attributes) => {
    if (this.needsPackageResolver(specifier)) await this.loadPackageResolver();
    const module = await this.moduleFor(this.resolve(specifier, referrer.identifier), attributes ?? {});
    await this.ready(module);
    return module;
  };

  constructor(private readonly options: DefinitionModulesOptions) {}

  /** Runs `entry` (an absolute path) and what it imports; its namespace once its evaluation settles. */
  async import(entry: string): Promise<Record<string, unknown>> {
    const module = await this.moduleFor(pathToFileURL(entry).href, {});
    await this.ready(module);
    return module.namespace as Record<string, unknown>;
  }

  private ready(module: vm.Module): Promise<void> {
    let ready = this.readying.get(module);
    if (ready === undefined) {
      ready = (async () => {
        if (module.status === 'unlinked') await module.link(this.linker);
        if (this.namesMeta) await this.loadPackageResolver();
        await module.evaluate();
        if (module.status === 'errored') throw module.error;
      })();
      this.readying.set(module, ready);
    }
    return ready;
  }

  /** Whether `specifier` may be a package's (resolve would ask the package resolver) and that is not loaded yet. */
  private needsPackageResolver(specifier: string): boolean {
    return this.packageResolver === undefined && specifier !== 'totem-mon' && !isBuiltin(specifier) && !RELATIVE.test(specifier) && !specifier.startsWith('file:');
  }

  private loadPackageResolver(): Promise<void> {
    return (this.packageResolverLoaded ??= this.options.loadPackageResolver().then((resolver) => {
      this.packageResolver = resolver;
    }));
  }

  /** The URL a specifier means in the module `parentUrl` (a file: URL, node: for builtins). Throws as Node's resolver would. */
  resolve(specifier: string, parentUrl: string): string {
    if (specifier === 'totem-mon') return this.options.selfEntry;
    if (isBuiltin(specifier)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
    const parent = fileURLToPath(parentUrl);
    const ts = tsFileFor(specifier, parent);
    if (ts) return pathToFileURL(ts).href;
    if (!RELATIVE.test(specifier) && !specifier.startsWith('file:')) {
      if (this.packageResolver === undefined) throw new Error(`totem-mon: ${specifier} resolved before the package resolver was loaded`);
      return this.packageResolver(specifier, parentUrl);
    }
    const url = new URL(specifier, parentUrl);
    const file = fileURLToPath(url);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) return url.href;
    const found = fileWithoutExtension(specifier, parent);
    if (found) return pathToFileURL(found).href;
    if (stat?.isDirectory()) throw notFound(`Directory import '${file}' is not supported resolving ES modules imported from ${parent}`, 'ERR_UNSUPPORTED_DIR_IMPORT', url.href);
    throw notFound(`Cannot find module '${file}' imported from ${parent}`, 'ERR_MODULE_NOT_FOUND', url.href);
  }

  private moduleFor(url: string, attributes: Attributes): vm.Module | Promise<vm.Module> {
    const key = attributes.type ? `${url}\u0000${attributes.type}` : url;
    let module = this.modules.get(key);
    if (module === undefined) {
      module = url === this.options.selfEntry ? this.synthetic(url, this.options.api) : this.graphModule(url) ?? this.imported(url, attributes);
      this.modules.set(key, module);
      if (module instanceof Promise) void module.then((done) => this.modules.set(key, done), () => {});
    }
    return module;
  }

  /** A definition file as a module of this graph, or undefined when Node should import it itself. */
  private graphModule(url: string): vm.SourceTextModule | undefined {
    if (!url.startsWith('file:')) return undefined;
    const file = fileURLToPath(url);
    const typescript = TYPESCRIPT.test(file);
    if (!typescript && !this.isEsModule(file)) return undefined;
    this.options.read?.(file);
    let code = untracked(() => readFileSync(file, 'utf8'));
    this.namesMeta ||= NAMES_META.test(code);
    if (typescript) {
      const stripped = stripTypes(code, file, { progress: true });
      code = stripped.code;
      this.options.transformed(file, stripped.mappings);
    }
    return quietly(
      () =>
        new vm.SourceTextModule(code, {
          identifier: url,
          initializeImportMeta: this.initializeImportMeta,
          importModuleDynamically: this.importModuleDynamically as never,
        }),
    );
  }

  /** `.mjs`, or `.js` under a package.json of `"type": "module"`, outside node_modules: an ES module of the user's. */
  private isEsModule(file: string): boolean {
    if (file.split(path.sep).includes('node_modules')) return false;
    if (file.endsWith('.mjs')) return true;
    return file.endsWith('.js') && this.packageType(path.dirname(file)) === 'module';
  }

  private packageType(dir: string): string | undefined {
    if (this.packageTypes.has(dir)) return this.packageTypes.get(dir);
    const manifest = path.join(dir, 'package.json');
    let type: string | undefined;
    if (existsSync(manifest)) {
      try {
        type = (JSON.parse(untracked(() => readFileSync(manifest, 'utf8'))) as { type?: unknown }).type === 'module' ? 'module' : undefined;
      } catch {
        type = undefined;
      }
    } else {
      const up = path.dirname(dir);
      type = up === dir ? undefined : this.packageType(up);
    }
    this.packageTypes.set(dir, type);
    return type;
  }

  /** Imported by Node itself (builtins, packages, JSON, CommonJS), linked as its real namespace. */
  private async imported(url: string, attributes: Attributes): Promise<vm.Module> {
    if (url.startsWith('file:')) this.options.read?.(fileURLToPath(url));
    const namespace = await this.options.importModule(url, Object.keys(attributes).length > 0 ? { with: attributes as Record<string, string> } : undefined);
    // `node:fs/promises` (or a package that loaded it): its functions are watched before they are linked.
    builtinImported();
    return this.synthetic(url, namespace);
  }

  private synthetic(url: string, namespace: object): vm.Module {
    const names = Object.keys(namespace);
    const values = namespace as Record<string, unknown>;
    return quietly(
      () =>
        new vm.SyntheticModule(
          names,
          function (this: vm.SyntheticModule) {
            for (const name of names) this.setExport(name, values[name]);
          },
          { identifier: url },
        ),
    );
  }
}
