import { awscdk, javascript } from 'projen';
import { JestReporter, TypescriptConfig, TypescriptConfigExtends, UpdateSnapshot } from 'projen/lib/javascript';

// Versions are pinned on purpose; see ../shared/DESIGN.md "Dependencies".
// - cdktf 0.21.0 + @cdktf/provider-aws 20.1.0: the only pair that targets hashicorp/aws 5.100.0,
//   which is the provider our machines hold as an offline Terraform filesystem mirror.
// - aws-cdk (CLI) 2.1148.x: the registry's `latest` (3.x) cannot read aws-cdk-lib 2.276 assemblies.
const CDK_VERSION = '2.276.0';
const CDKTF_VERSION = '0.21.0';
const CDKTF_PROVIDER_AWS_VERSION = '20.1.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'jichitai-network',
  description:
    'AWS CDK and CDKTF constructs for Japanese municipal networks (自治体) following the MIC three-layer separation (三層の対策): models α, α′, β and β′, with a synth-time guard.',
  keywords: ['aws-cdk', 'cdktf', 'lgwan', 'municipal', 'jichitai', 'three-layer-separation', 'security'],
  author: 'jichitai-network contributors',
  authorAddress: 'maintainers@jichitai-network.invalid',
  repositoryUrl: 'https://github.com/jichitai-network/jichitai-network.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_VERSION,
  cdkVersionPinning: false,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // Both engines are peers (jsii requires the jsii libraries whose types appear in our API to be peers), but
  // optional ones (peerDependenciesMeta below): a CDK-only app installs no cdktf, a CDKTF-only app no aws-cdk-lib.
  peerDeps: [`cdktf@${CDKTF_VERSION}`, `@cdktf/provider-aws@${CDKTF_PROVIDER_AWS_VERSION}`],
  devDeps: [
    `cdktf@${CDKTF_VERSION}`,
    `@cdktf/provider-aws@${CDKTF_PROVIDER_AWS_VERSION}`,
    'aws-cdk@~2.1148.1',
    'cdk-nag@^2.37.0',
    'fast-check@^3.23.0',
    // The CLI's tests: the official SARIF 2.1.0 schema ships in @microsoft/jest-sarif (lib/schemas/), validated
    // with ajv (the schema is draft-04, hence ajv-draft-04); junit2json is the JUnit XML parser a CI dashboard stands in for.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'ajv@^8',
    'ajv-draft-04@^1',
    'ajv-formats@^3',
    'junit2json@^4',
    // Design documents (issue 15): the workbook is read back with read-excel-file (write-excel-file's companion
    // reader, same author); the HTML report is opened in Debian's chromium through playwright-core (no browser download).
    'read-excel-file@^9',
    'playwright-core@^1.56',
  ],
  // The `jichitai-network` CLI's argument parser. Bundled, as jsii wants for a dependency that is not a jsii
  // library; commander 14 is the newest line that supports Node 20 (15 needs Node 22.12).
  // Design documents (issue 15): @dagrejs/dagre lays out the network diagram (synchronous, so it runs inside a
  // synthesis), write-excel-file writes the workbook (one dependency, fflate).
  bundledDeps: ['commander@^14.0.0', '@dagrejs/dagre@^3.1.3', 'write-excel-file@^4.1.1'],

  // There is no GitHub here; CI is `.ci/run`. Release automation would only be noise.
  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,

  docgen: true,
  eslint: true,
  // `npm test` checks and never rewrites sources; `npm run eslint:fix` (below) applies the fixes.
  // scripts/ (bench, fuzz, packaging) run from a clone only: their imports may be dev dependencies.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools', 'scripts'], commandOptions: { fix: false } },

  jestOptions: {
    // Jest 30 resolves through unrs-resolver (same registry-mirror problem as below); Jest 29 does not.
    jestVersion: '^29',
    // Snapshots must fail in CI rather than be rewritten silently; `npm run test:update` rewrites them.
    updateSnapshot: UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      // Coverage instrumentation slows the synth-heavy suite on 2 cores; run `npx jest --coverage` when wanted.
      collectCoverage: false,
      snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
      // aws-cdk-lib's CloudFormation validation off where it is pure overhead, and cdktf's token creation stacks not
      // source-mapped (see the files).
      setupFilesAfterEnv: ['<rootDir>/test/support/cfn-validation.ts', '<rootDir>/test/support/stack-traces.ts', '<rootDir>/test/support/temporary-folder.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/cdktf.out/', '/lib/'],
      testTimeout: 120_000,
      // Jest's default is one worker less than the cores: one worker on the 2-core machines this runs on, so the suites
      // ran one after another. The parent process is idle while workers run; both cores work.
      maxWorkers: '100%',
    },
  },
  // test/tsconfig.json (rootDir '..') also type-checks the examples and scripts.
  tsconfigDev: {
    compilerOptions: {},
    include: ['../examples/**/*.ts', '../scripts/**/*.ts'],
  },
  // 'node_modules' without a slash too: a worktree's node_modules symlink must not be committed (a directory pattern misses it).
  gitignore: ['/node_modules', 'cdk.out/', 'cdktf.out/', '.tmp/', 'examples/**/cdk.out/', '__pycache__/', 'examples/python/cdk.out.refused/', '.venv/', '/.npmignore'],
  // The tarball ships an allow-list (package.json "files" below) instead of a deny-list: after the quick start a
  // deny-list shipped cdk.out/ and cdktf.out/ too. test/integration/package.test.ts asserts the packed file list.
  // jsii-pacmak writes a default .npmignore when there is none; at the root it cannot override "files", so it is ignored.
  npmignoreEnabled: false,

  // jsii targets: Python is the one this machine (and CI) can build; see README "Installation" and
  // scripts/package-python.sh. Java (no jsii Java runtime or CDK jars in any reachable Maven repository), .NET and
  // Go (no toolchain) are left out rather than configured untested.
  publishToPypi: {
    distName: 'jichitai-network',
    module: 'jichitai_network',
  },
});

// examples/ and scripts/ get their own tsconfig so that eslint's project service (and editors) type-check
// them against the library sources, like test/.
for (const dir of ['examples', 'scripts']) {
  new TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
    include: ['**/*.ts'],
    exclude: ['node_modules', 'cdk.out', 'cdktf.out'],
  });
}
// eslint-import-resolver-typescript v4 pulls in unrs-resolver, whose non-Linux optional bindings are absent from
// the registry mirror our machines use, so `npm ci` rejects the lock file. v3.6 is plain JavaScript. Added after
// the eslint component so that this version wins over its unversioned default.
project.addDevDeps('eslint-import-resolver-typescript@~3.6.3');
// The ten slowest test files after every run (issue 17: the suite's cost stays visible).
project.jest?.addReporter(new JestReporter('<rootDir>/test/support/slowest-reporter.js'));
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');

// The same lint with --fix, for when a developer wants the fixes applied (`npm test` only checks).
project.addTask('eslint:fix', {
  description: 'Runs eslint against the codebase and applies its fixes (the eslint task, which `npm test` runs, only checks).',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test build-tools examples scripts projenrc .projenrc.ts',
});
// After Jest's summary, say which tests did not run because a tool is missing on this machine (test/support/tools.ts).
project.jest?.addReporter(new JestReporter('<rootDir>/test/support/skip-reporter.js'));
// `npm test` runs Jest and ESLint at the same time, each on its share of the two cores (scripts/test.js says why).
project.testTask.reset('node scripts/test.js', { receiveArgs: true });
// ts-jest, with src/index.ts's engines made lazy as in lib/index.js (test/support/lazy-engines-transform.js says why).
project.package.file.addOverride('jest.transform', { '^.+\\.[t]sx?$': ['<rootDir>/test/support/lazy-engines-transform.js', { tsconfig: 'test/tsconfig.json' }] });
// `npm test` leaves out the suites that run real programs (test/integration/); this runs them, and CI runs both.
project.addTask('test:integration', {
  description: 'The integration suites (test/integration/): real terraform offline, Squid, c-icap, Postfix, headless Chromium, the cdk CLI, '
    + 'npm pack and installs, the Python wheel. `npm test` leaves them out; CI runs both (.ci/run).',
  exec: 'node scripts/test.js --integration',
  receiveArgs: true,
});

project.addTask('synth:examples', {
  description: 'Synthesize every reference deployment in examples/ (CloudFormation via the CDK CLI).',
  exec: 'ts-node --project test/tsconfig.json scripts/synth-examples.ts',
});
project.addTask('bench', {
  description: 'Synth time with and without the topology guard, for the examples and for generated apps of 10, 50 and 100 municipalities (prints figures; fails only if something does not synthesize).',
  exec: 'ts-node --project test/tsconfig.json scripts/bench.ts',
});
project.addTask('fuzz', {
  description: 'Long fuzz runs, both engines: the guard against the independent reachability oracle (default; 100,000 cases each; --cases N --seed S), '
    + 'or with --suite blueprints the blueprint fuzz (20,000 mutated and 2,000 valid blueprints each; --cases N --valid M --seed S).',
  exec: 'ts-node --project test/tsconfig.json scripts/fuzz.ts',
  receiveArgs: true,
});
project.addTask('docs:rules', {
  description: 'Rewrite the rule tables of README.md and README.ja.md and the catalogue docs/rules.md from the guard\'s rule definitions (a test fails when one is stale); --check-sources DIR checks the quotes against the source documents.',
  exec: 'ts-node --project test/tsconfig.json scripts/rule-table.ts',
  receiveArgs: true,
});

// --- Packaging -------------------------------------------------------------------------------------------
// Only what a user needs: the compiled library, the jsii assembly (other languages' bindings and jsii-docgen
// read it), the API reference and the READMEs. npm always adds package.json and LICENSE.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'README.md', 'README.ja.md', 'LICENSE']);
// The `jichitai-network` command line (src/cli/bin.ts; README "Command line"). lib/**/*.js above ships it.
project.package.addBin({ 'jichitai-network': 'lib/cli/bin.js' });
// Each engine is optional: npm (7+) does not install an optional peer, and warns only on a wrong version.
// constructs stays required: every construct of both engines is one.
project.package.addField('peerDependenciesMeta', {
  'aws-cdk-lib': { optional: true },
  'cdktf': { optional: true },
  '@cdktf/provider-aws': { optional: true },
});
// Entry points that load one engine: `jichitai-network/cdk` and `jichitai-network/tf` (Node's "exports"
// subpaths; typesVersions gives the same paths to TypeScript projects that still resolve like Node 10).
// The root keeps the jsii submodules `cdk` and `tf` (the Python, Java, ... bindings find types through it), but
// scripts/lazy-engines.js makes them lazy getters, so `require('jichitai-network')` loads no engine by itself.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './cdk': { types: './lib/cdk/index.d.ts', default: './lib/cdk/index.js' },
  './tf': { types: './lib/cdktf/index.d.ts', default: './lib/cdktf/index.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});
project.package.addField('typesVersions', {
  '*': { cdk: ['lib/cdk/index.d.ts'], tf: ['lib/cdktf/index.d.ts'] },
});
project.compileTask.exec('node scripts/lazy-engines.js lib/index.js');
// `npx projen package:js` (and package:python) on a fresh clone: compile first when the assembly is missing or
// older than a source file, instead of failing with "Expected to find .jsii file".
const compileIfStale = 'node scripts/compile-if-stale.js';
project.tasks.tryFind('package:js')?.prependExec(compileIfStale);
// jsii-pacmak's own Python build pip-installs pinned build tools (twine, setuptools 75, build 1.5) from PyPI; this
// script generates the same code with `--code-only` and builds the wheel with the setuptools at hand, offline.
project.tasks.tryFind('package:python')?.reset(compileIfStale);
project.tasks.tryFind('package:python')?.exec('bash scripts/package-python.sh');
project.addTask('publish:npm', {
  description: 'Publish dist/js/*.tgz (from `npx projen package:js`) to the npm registry; needs an npm login with publish rights.',
  exec: 'npm publish dist/js/*.tgz --access public',
});
project.addTask('publish:pypi', {
  description: 'Upload dist/python/* (from `npx projen package:python`) to PyPI with twine; needs twine and TWINE_USERNAME/TWINE_PASSWORD (an API token).',
  exec: 'python3 -m twine upload --non-interactive dist/python/*',
});

project.synth();
