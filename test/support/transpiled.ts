import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The repository's TypeScript (src/, examples/ and the test fixtures and support files) transpiled once to JavaScript
 * under `out`, with the same layout and a `node_modules` link to the repository's, for the child processes a test
 * starts again and again (issue 17): `node <out>/examples/cdk/prefecture.js` instead of
 * `node -r ts-node/register/transpile-only examples/cdk/prefecture.ts`. ts-node transpiles every file the child loads
 * in every child (about 5 s of CPU for an example app, most of its run); this transpiles each file once.
 *
 * The same transformation as ts-node's transpile-only mode: file by file (`ts.transpileModule`, no type checking),
 * with test/tsconfig.json's compiler options, as CommonJS (the package is not an ES module package).
 *
 * @returns `out`
 */
export function transpileRepository(out: string, dirs: readonly string[] = ['src', 'examples', 'test/fixtures', 'test/support']): string {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'test', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!config) throw new Error('test/tsconfig.json could not be read');
  // Source maps only serve a debugger here; without them the output is smaller and quicker to load.
  const compilerOptions: ts.CompilerOptions = { ...config.options, module: ts.ModuleKind.CommonJS, inlineSourceMap: false, inlineSources: false, sourceMap: false };
  delete compilerOptions.moduleResolution;
  const visit = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        visit(file);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
        const { outputText } = ts.transpileModule(fs.readFileSync(path.join(ROOT, file), 'utf8'), { compilerOptions, fileName: file });
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
      }
    }
  };
  for (const dir of dirs) visit(dir);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return out;
}
