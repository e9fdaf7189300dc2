import { pathToFileURL } from 'node:url';
import { loadOxcTransform, type OxcTransform } from './oxc-binding.js';
import { PROGRESS } from './protocol.js';
import { untracked } from './reads.js';

/**
 * TypeScript → JavaScript for the definitions: oxc strips the types (a native transform, ~0.3 ms per
 * file, so no cache is kept). oxc reformats the code; its source map's `mappings` go with the code
 * (vm-modules.ts hands them to loader-process.ts), which maps stack traces and builder call sites back.
 */


/** A TypeScript file that does not parse; the stack names the file and position, like a thrown error's. */
export class TranspileError extends SyntaxError {
  constructor(message: string, file: string, line: number, column: number) {
    super(message);
    this.name = 'SyntaxError';
    this.stack = `SyntaxError: ${message}\n    at ${pathToFileURL(file).href}:${line}:${column}`;
  }
}

/** 1-based line and column of a UTF-8 byte offset (oxc reports byte offsets). */
function position(source: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(source, 'utf8').subarray(0, byteOffset).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export interface StripOptions {
  /** Report the module's start and end to the loader (definitions only, not totem-mon's own files). */
  progress: boolean;
}

export interface Stripped {
  code: string;
  /** Source map `mappings` from `code` back to the TypeScript (one source, no names). */
  mappings: string;
}

/** Loaded on the first file (oxc-binding.ts). */
let oxc: OxcTransform | undefined;

/** The module's JavaScript and the way back to the TypeScript. Throws TranspileError. */
export function stripTypes(source: string, file: string, options: StripOptions): Stripped {
  const result = (oxc ??= untracked(loadOxcTransform)).transformSync(file, source, { lang: 'ts', sourceType: 'module', sourcemap: true });
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) {
    const at = position(source, error.labels[0]?.start ?? 0);
    throw new TranspileError(`${error.message}${error.helpMessage ? ` (${error.helpMessage})` : ''}`, file, at.line, at.column);
  }
  let code = result.code;
  let mappings = result.map!.mappings;
  // The start marker takes a line of its own above the code, so every mapping moves down one line
  // (a leading `;` in the mappings); the end marker goes below the code and moves nothing.
  if (options.progress && !code.startsWith('#!')) {
    const report = `globalThis[Symbol.for(${JSON.stringify(PROGRESS)})]?.`;
    code = `${report}(0, import.meta.url);\n${code}\n${report}(1, import.meta.url);\n`;
    mappings = `;${mappings}`;
  }
  return { code, mappings };
}
