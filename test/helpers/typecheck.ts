import path from 'node:path';
import ts from 'typescript';
import { REPO } from './cli.js';

/**
 * Type-checks a definitions folder against the public API as a user's editor would ('totem-mon'
 * resolved to the package's source), with the compiler options `init` writes; returns the errors.
 */
export function typecheckDefinitions(dir: string): string[] {
  const files = ts.sys.readDirectory(dir, ['.ts']);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [path.join(REPO, 'node_modules/@types')],
    baseUrl: REPO,
    paths: { 'totem-mon': [path.join(REPO, 'src/index.ts')] },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const where = d.file && d.start !== undefined ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}
