import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { sharedTmpdir } from './shared-tmpdir';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The repository's TypeScript (src/, examples/ and the test fixtures and support files) transpiled to JavaScript under
 * `out`, with the same layout, the repository's package.json (the CLI reads its name and version) and a `node_modules`
 * link to the repository's, for the child processes the tests start (issue 17): `node <out>/examples/cdk/prefecture.js`
 * instead of `node -r ts-node/register/transpile-only examples/cdk/prefecture.ts`. ts-node transpiles every file the
 * child loads in every child (about 5 s of CPU for an example app, most of its run).
 *
 * The same transformation as ts-node's transpile-only mode: file by file (`ts.transpileModule`, no type checking),
 * with test/tsconfig.json's compiler options, as CommonJS (the package is not an ES module package). Each file's
 * output is kept in the temporary folder under the hash of the compiler's version, the options, the file's name and its
 * content, so the test files that start children share one transpilation and an edited file is transpiled again.
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
  const compilerOptions: ts.CompilerOptions = {
    ...config.options, module: ts.ModuleKind.CommonJS, inlineSourceMap: false, inlineSources: false, sourceMap: false,
  };
  delete compilerOptions.moduleResolution;
  const cache = path.join(sharedTmpdir(), `jichitai-transpiled-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(cache, { recursive: true });
  const salt = `${ts.version}\0${JSON.stringify(compilerOptions)}`;

  const visit = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        visit(file);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
        const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
        const cached = path.join(cache, `${createHash('sha256').update(`${salt}\0${file}\0${source}`).digest('hex')}.js`);
        let js: string;
        try {
          js = fs.readFileSync(cached, 'utf8');
        } catch {
          js = ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
          // Written whole, then renamed: a test file reading it at the same time never sees half of it.
          const partial = `${cached}.${process.pid}.tmp`;
          fs.writeFileSync(partial, js);
          fs.renameSync(partial, cached);
        }
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), js);
      }
    }
  };
  for (const dir of dirs) visit(dir);
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return out;
}
