/**
 * The library as its users get it (README "Installation"): the packed tarball, installed into a fresh AWS CDK app
 * and a fresh CDKTF app in temporary directories outside the repository, each with only its own engine, runs the
 * README's snippets exactly as README.md shows them (extracted between `<!-- snippet: NAME -->` markers, so the
 * README cannot drift). And the Python wheel of the jsii Python target, built and installed into a virtual
 * environment.
 *
 * npm installs with --prefer-offline: the packages come from the npm cache that the repository's `npm ci` filled
 * (the same versions as the repository's dev dependencies); only package metadata missing from the cache is asked
 * of the npm registry.
 *
 * Slow (compile if stale, pack, two installs, two synths, the wheel): about 2-4 minutes on 2 cores.
 */
import { execFileSync, ExecFileSyncOptions, spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { requireTool } from '../support/tools';

const ROOT = path.resolve(__dirname, '..', '..');
const TIMEOUT = 600_000;
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** The versions the repository is developed and tested with (its dev dependencies), so the npm cache has them. */
const version = (name: string): string => rootPackage.devDependencies[name];

/** Run a packaging step; a failure carries its output. */
function run(cmd: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', maxBuffer: 64 * 1024 * 1024, ...options }) as string;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** The code block that follows `<!-- snippet: NAME -->` in a README. */
function snippet(readme: string, name: string): string {
  const marker = `<!-- snippet: ${name} -->\n\`\`\`ts\n`;
  const start = readme.indexOf(marker);
  if (start < 0) throw new Error(`no "<!-- snippet: ${name} -->" followed by a \`\`\`ts block`);
  const end = readme.indexOf('\n```', start + marker.length);
  return readme.slice(start + marker.length, end + 1);
}

/** The code without comments or blank lines: README.ja.md's snippets differ from README.md's in comments only. */
function code(text: string): string {
  return text.split('\n').map((l) => l.replace(/\s*\/\/.*$/, '')).filter((l) => l.trim() !== '').join('\n');
}

function installedPackages(app: string): string[] {
  const modules = path.join(app, 'node_modules');
  return fs.readdirSync(modules).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : [n]));
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SNIPPETS = ['blueprint', 'cdk', 'tf'];

let work: string;
let tarball: string;
let packed: string[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-package-'));
  // The same step as `npx projen package:js`: a fresh clone has no lib/ or .jsii yet.
  run('node', ['scripts/compile-if-stale.js'], { cwd: ROOT });
  const [result] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT }));
  tarball = path.join(work, result.filename);
  packed = result.files.map((f: { path: string }) => f.path);
}, TIMEOUT);

afterAll(() => {
  if (work && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball ships only lib/ (compiled JavaScript and declarations), .jsii, API.md, the READMEs, LICENSE, package.json and the bundled dependencies', () => {
  const allowedTopLevel = new Set(['lib', '.jsii', 'API.md', 'README.md', 'README.ja.md', 'LICENSE', 'package.json']);
  // Bundled dependencies (package.json "bundledDependencies": the CLI's commander, the diagram's dagre, the workbook's
  // write-excel-file) ship in node_modules/ with their own dependencies, and nothing else there.
  const bundled: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bundledDependencies ?? [];
  const closure = new Set<string>();
  const add = (name: string): void => {
    if (closure.has(name)) return;
    closure.add(name);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    Object.keys(manifest.dependencies ?? {}).forEach(add);
  };
  bundled.forEach(add);
  const isBundled = (f: string) => [...closure].some((b) => f.startsWith(`node_modules/${b}/`));
  expect(packed.filter((f) => !allowedTopLevel.has(f.split('/')[0]) && !isBundled(f))).toEqual([]);
  for (const b of bundled) expect(packed).toContain(`node_modules/${b}/package.json`);
  expect(packed.filter((f) => f.startsWith('lib/') && !/\.(js|d\.ts)$/.test(f))).toEqual([]);
  for (const required of ['.jsii', 'API.md', 'README.md', 'README.ja.md', 'LICENSE', 'package.json', 'lib/index.js', 'lib/index.d.ts', 'lib/cdk/index.js', 'lib/cdktf/index.js', 'lib/cli/bin.js']) {
    expect(packed).toContain(required);
  }
});

test('the engine-neutral code (src/model, src/plan, src/guard) imports neither engine: only its own modules and Node built-ins', () => {
  const builtins = new Set(builtinModules);
  const outside: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) { visit(file); continue; }
      if (!file.endsWith('.ts')) continue;
      // TypeScript's own pre-processor: every import, export ... from, require() and import() specifier.
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith('.') && !builtins.has(fileName.replace(/^node:/, ''))) outside.push(`${path.relative(ROOT, file)}: ${fileName}`);
      }
    }
  };
  for (const dir of ['model', 'plan', 'guard']) visit(path.join(ROOT, 'src', dir));
  expect(outside).toEqual([]);
});

test('README.ja.md shows the same snippets as README.md (comments aside)', () => {
  const ja = fs.readFileSync(path.join(ROOT, 'README.ja.md'), 'utf8');
  for (const name of SNIPPETS) expect(code(snippet(ja, name))).toBe(code(snippet(readme, name)));
});

describe('a fresh app outside the repository, with one engine', () => {
  function freshApp(name: string, tsconfig: object, deps: string[]): string {
    const app = path.join(work, name);
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name, version: '0.0.0', private: true }));
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...deps], { cwd: app });
    return app;
  }

  /** Writes the README's snippets verbatim, compiles them with the repository's TypeScript, and runs main.js. */
  function synthReadme(app: string, main: string, env: NodeJS.ProcessEnv = {}): void {
    fs.writeFileSync(path.join(app, 'blueprint.ts'), snippet(readme, 'blueprint'));
    fs.writeFileSync(path.join(app, 'main.ts'), snippet(readme, main));
    run('node', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: app });
    run('node', ['main.js'], { cwd: app, env: { ...process.env, ...env } });
  }

  function requireFrom(app: string, id: string): void {
    run('node', ['-e', `require(${JSON.stringify(id)})`], { cwd: app });
  }

  const compilerOptions = { target: 'ES2022', strict: true, skipLibCheck: true, types: [] as string[], outDir: '.' };

  test('AWS CDK only: no cdktf installed; the README snippets synthesize, the guard passes with AP-5 acknowledged', () => {
    // Node 16 resolution: the subpath `jichitai-network/cdk` comes from package.json "exports".
    const app = freshApp('cdk-app', { compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16' }, files: ['main.ts'] },
      [`aws-cdk-lib@${version('aws-cdk-lib')}`, `constructs@${version('constructs')}`]);
    const installed = installedPackages(app);
    expect(installed).toEqual(expect.arrayContaining(['jichitai-network', 'aws-cdk-lib', 'constructs']));
    expect(installed.filter((n) => n === 'cdktf' || n.startsWith('@cdktf/'))).toEqual([]);
    // The root entry point loads no engine until one is used.
    requireFrom(app, 'jichitai-network');
    requireFrom(app, 'jichitai-network/cdk');

    synthReadme(app, 'cdk', { CDK_OUTDIR: path.join(app, 'cdk.out') });
    const template = JSON.parse(fs.readFileSync(path.join(app, 'cdk.out', 'SampleCity.template.json'), 'utf8'));
    const types = new Set(Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type));
    expect([...types]).toEqual(expect.arrayContaining(['AWS::EC2::VPC', 'AWS::EC2::TransitGateway', 'AWS::NetworkFirewall::Firewall']));
    const report = JSON.parse(fs.readFileSync(path.join(app, 'cdk.out', 'jichitai-guard-report.SampleCity.json'), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged.map((f: { ruleId: string }) => f.ruleId)).toContain('AP-5');
    // The installed `jichitai-network` bin (package.json "bin", shebang kept by the compiler) judges the same cdk.out alike.
    const bin = path.join(app, 'node_modules', '.bin', 'jichitai-network');
    const checked = JSON.parse(run(bin, ['check', 'cdk.out', '--model', report.model, ...(report.alphaPrimeCase ? ['--case', report.alphaPrimeCase] : []), '--format', 'json'], { cwd: app }));
    expect(checked.map((r: { stack: string; violations: unknown[] }) => [r.stack, r.violations])).toEqual([['SampleCity', []]]);
  }, TIMEOUT);

  test('CDKTF only: no aws-cdk-lib installed; the README snippets synthesize Terraform JSON', () => {
    // Node 10 resolution (older CDKTF templates): the subpath `jichitai-network/tf` comes from "typesVersions".
    const app = freshApp('cdktf-app', { compilerOptions: { ...compilerOptions, module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0' }, files: ['main.ts'] },
      [`cdktf@${version('cdktf')}`, `@cdktf/provider-aws@${version('@cdktf/provider-aws')}`, `constructs@${version('constructs')}`]);
    const installed = installedPackages(app);
    expect(installed).toEqual(expect.arrayContaining(['jichitai-network', 'cdktf', '@cdktf/provider-aws', 'constructs']));
    expect(installed.filter((n) => n === 'aws-cdk-lib' || n.startsWith('@aws-cdk/'))).toEqual([]);
    requireFrom(app, 'jichitai-network');
    requireFrom(app, 'jichitai-network/tf');

    synthReadme(app, 'tf');
    const stackDir = path.join(app, 'cdktf.out', 'stacks', 'SampleCity');
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(config.resource)).toEqual(expect.arrayContaining(['aws_vpc', 'aws_ec2_transit_gateway', 'aws_networkfirewall_firewall']));
    const report = JSON.parse(fs.readFileSync(path.join(stackDir, 'jichitai-guard-report.SampleCity.json'), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged.map((f: { ruleId: string }) => f.ruleId)).toContain('AP-5');
  }, TIMEOUT);
});

describe('Python (jsii target jichitai_network)', () => {
  // Debian's python3 with python3-venv, python3-setuptools, python3-wheel and python3-pip (.ci/run installs them).
  const python = process.env.JICHITAI_PYTHON ?? '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import venv, ensurepip, setuptools, wheel'], { stdio: 'ignore' });
  const havePython = requireTool('Python with venv, setuptools and wheel', probe.status === 0,
    `${python} -c "import venv, ensurepip, setuptools, wheel" failed (Debian: apt-get install python3-venv python3-setuptools python3-wheel python3-pip); the Python wheel test was skipped`);
  const testWithPython = havePython ? test : test.skip;

  testWithPython('the wheel builds, holds the typed submodules cdk and tf and the assembly, and installs into a venv', () => {
    const dist = path.join(work, 'python');
    run('bash', ['scripts/package-python.sh', dist], { cwd: ROOT, env: { ...process.env, JICHITAI_PYTHON: python } });
    const wheels = fs.readdirSync(dist).filter((f) => f.endsWith('.whl'));
    expect(wheels).toEqual([`jichitai_network-${rootPackage.version}-py3-none-any.whl`]);
    const wheel = path.join(dist, wheels[0]);

    const listing = run(python, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel]).split('\n');
    expect(listing).toEqual(expect.arrayContaining([
      'jichitai_network/__init__.py', 'jichitai_network/py.typed', 'jichitai_network/cdk/__init__.py', 'jichitai_network/tf/__init__.py',
      `jichitai_network/_jsii/jichitai-network@${rootPackage.version}.jsii.tgz`,
    ]));

    const venv = path.join(work, 'venv');
    // Without a pip of its own (seeding one costs seconds of CPU): the interpreter's pip installs into the venv
    // (`pip --python`, pip 22.3 and later).
    run(python, ['-m', 'venv', '--without-pip', venv]);
    const vpython = path.join(venv, 'bin', 'python');
    const pip = (...args: string[]) => run(python, ['-m', 'pip', '--python', vpython, ...args]);
    // --no-deps: the dependencies (the jsii Python runtime, constructs, aws-cdk-lib, cdktf, ...) are on PyPI only.
    pip('install', '--quiet', '--no-deps', '--no-index', wheel);
    const show = pip('show', 'jichitai-network');
    expect(show).toMatch(/^Name: jichitai-network$/m);
    expect(show).toMatch(/^Requires: .*\bjsii\b/m);
    // Every generated module is valid Python for this interpreter, and the engines' classes are where users import them.
    run(vpython, ['-m', 'compileall', '-q', path.join(venv, 'lib')]);
    const check = `
import ast, pathlib, sys, sysconfig
pkg = pathlib.Path(sysconfig.get_paths()["purelib"]) / "jichitai_network"
def classes(module):
    return {n.name for n in ast.parse((pkg / module).read_text()).body if isinstance(n, ast.ClassDef)}
root, cdk, tf = classes("__init__.py"), classes("cdk/__init__.py"), classes("tf/__init__.py")
assert {"MunicipalNetwork", "TopologyGuard"} <= cdk, cdk
assert {"MunicipalNetwork", "TopologyGuard"} <= tf, tf
# examples/python/app.py imports only names the wheel defines.
app = ast.parse(pathlib.Path(sys.argv[1]).read_text())
wanted = {a.name for n in ast.walk(app) if isinstance(n, ast.ImportFrom) and n.module == "jichitai_network" for a in n.names}
missing = wanted - root - {"cdk"}
assert not missing, missing
print("ok")
`;
    expect(run(vpython, ['-c', check, path.join(ROOT, 'examples', 'python', 'app.py')]).trim()).toBe('ok');

    // Running examples/python/app.py needs the jsii Python runtime (PyPI package `jsii`), which no registry reachable
    // here (npm, Debian) provides. When it is installed, the app must synthesize and the guard refuse MN-1.
    const runtime = spawnSync(vpython, ['-c', 'import jsii, aws_cdk'], { encoding: 'utf8' });
    if (runtime.status === 0) {
      const out = run(vpython, [path.join(ROOT, 'examples', 'python', 'app.py')], { cwd: work });
      expect(out).toMatch(/refused as expected: .*MN-1 critical/);
    } else {
      const importing = spawnSync(vpython, ['-c', 'import jichitai_network'], { encoding: 'utf8' });
      expect(importing.stderr).toMatch(/ModuleNotFoundError: No module named 'jsii'/);
    }
  }, TIMEOUT);
});
