/**
 * `jichitai-network check` (issue 14), run in-process on synthesized reference deployments: verdicts and exit codes,
 * every output format read the way its consumer reads it, segments from a mapping instead of tags, acknowledgements.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { addMyNumberNat, cli, copyCdkOut, logicalIds, parseJunit, readJson, sarifErrors, stripSegmentTags, synthExample, tempDir, templateFile, writeJson } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
import { ALL_RULES } from '../../src/guard/rules';
import { NetworkModel } from '../../src/model/network-model';
import { transpileRepository } from '../support/transpiled';

const STACK = 'SampleCity-alpha';
let work: string;
let compliant: string;
let mutated: string;

beforeAll(() => {
  work = tempDir('check');
  compliant = synthExample('alpha', path.join(work, 'alpha.out'));
  mutated = copyCdkOut(compliant, path.join(work, 'mutated.out'));
  addMyNumberNat(mutated, STACK);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const ALPHA_RULES = ALL_RULES.filter((r) => r.models.includes(NetworkModel.ALPHA)).map((r) => r.id);

describe('verdicts and exit codes', () => {
  test('the compliant α example exits 0, whatever the spelling of the model', async () => {
    for (const model of ['α', 'alpha', 'ALPHA']) {
      const r = await cli('check', compliant, '--model', model);
      expect({ model, code: r.code, stderr: r.stderr }).toEqual({ model, code: 0, stderr: '' });
      expect(r.stdout).toContain(`${STACK} (${compliant}, αモデル): compliant`);
    }
  });

  test('My Number → NAT gateway is refused with MN-1 (exit 1) in every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown']) {
      const r = await cli('check', mutated, '--model', 'α', '--format', format);
      expect({ format, code: r.code }).toEqual({ format, code: 1 });
      expect(r.stdout).toContain('MN-1');
    }
    const [report] = JSON.parse((await cli('check', mutated, '--model', 'α', '--format', 'json')).stdout);
    expect(report.stack).toBe(STACK);
    expect(report.violations.map((f: { ruleId: string }) => f.ruleId)).toContain('MN-1');
    // The JSON is the report written at synth: the same keys as jichitai-guard-report.<stack>.json.
    expect(Object.keys(report)).toEqual(Object.keys(readJson(path.join(compliant, `jichitai-guard-report.${STACK}.json`))));
  });

  test('the JSON report of a compliant cdk.out is the one the guard wrote at synth', async () => {
    const blueprint = path.join(work, 'alpha-report.blueprint.json');
    writeJson(blueprint, BLUEPRINTS.alpha);
    const r = await cli('check', compliant, '--blueprint', blueprint, '--format', 'json');
    expect(JSON.parse(r.stdout)).toEqual([readJson(path.join(compliant, `jichitai-guard-report.${STACK}.json`))]);
  });

  test('every reference example: the JSON of check with the blueprint is the report the guard wrote at synth, acknowledgements made in code included', async () => {
    for (const [name, blueprint] of Object.entries(BLUEPRINTS)) {
      const out = name === 'alpha' ? compliant : synthExample(name, path.join(work, `${name}.out`));
      const file = path.join(work, `${name}.blueprint.json`);
      writeJson(file, blueprint);
      const r = await cli('check', out, '--blueprint', file, '--format', 'json');
      const stack = `SampleCity-${name}`;
      expect({ name, code: r.code }).toEqual({ name, code: 0 });
      expect(JSON.parse(r.stdout)).toEqual([readJson(path.join(out, `jichitai-guard-report.${stack}.json`))]);
      // Without it, the model's rules run without the declared flows: the relays and screen transfer between LGWAN and the
      // Internet segment (if the example has them) are warnings that ask for the declarations (LG-2), never a pass.
      const blind = await cli('check', out, '--model', blueprint.model, ...(blueprint.alphaPrimeCase ? ['--case', blueprint.alphaPrimeCase] : []), '--format', 'json');
      expect({ name, code: blind.code }).toEqual({ name, code: 0 });
      const report = JSON.parse(blind.stdout)[0];
      expect(report.violations).toEqual([]);
      const crossing = (blueprint.flows ?? []).some((f) => ['SANITIZATION', 'SCREEN_TRANSFER'].includes(f.kind));
      expect({ name, lg2: report.warnings.some((w: any) => w.ruleId === 'LG-2' && /with no flow declared/.test(w.message)) }).toEqual({ name, lg2: crossing });
    }
  });

  test('--stack picks stacks by name; a pattern that names none is an error (2)', async () => {
    expect((await cli('check', mutated, '--model', 'α', '--stack', 'SampleCity-*')).code).toBe(1);
    const none = await cli('check', mutated, '--model', 'α', '--stack', 'OtherCity-*');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--stack OtherCity-* names no stack');
  });

  test('one template file and the manifest file are read too', async () => {
    expect((await cli('check', templateFile(mutated), '--model', 'α')).code).toBe(1);
    expect((await cli('check', path.join(compliant, 'manifest.json'), '--model', 'α')).code).toBe(0);
    expect((await cli('check', templateFile(compliant), '--model', 'α')).code).toBe(0);
  });

  test('unusable input exits 2 with what to do: missing, empty dir, empty or garbage JSON, an empty plan or state, nothing to check', async () => {
    const empty = tempDir('empty');
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(empty, name), text);
      return path.join(empty, name);
    };
    const cases: [string, string][] = [
      [path.join(work, 'nope'), 'cannot read it'],
      [empty, 'neither a manifest.json'],
      [file('empty.json', '{}'), 'not a kind check reads'],
      [file('garbage.json', 'Resources: [not json'), 'not valid JSON'],
      [file('array.json', '[]'), 'not an object'],
      [file('no-resources.template.json', '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}'), 'holds no VPC and no subnet'],
      [file('bucket.template.json', '{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}'), 'holds no VPC and no subnet'],
      // A plan that plans nothing is nothing to check; a plan of another format version is refused; state is no plan.
      [file('plan.json', '{"format_version":"1.2","terraform_version":"1.11.0","planned_values":{"root_module":{}}}'), 'holds no VPC and no subnet'],
      [file('plan2.json', '{"format_version":"2.0","terraform_version":"9.0.0","planned_values":{"root_module":{}}}'), 'format 2.0'],
      [file('state.json', '{"format_version":"1.0","terraform_version":"1.11.0","values":{"root_module":{}}}'), 'not a kind check reads'],
      [file('main.tf.json', '{"resource":{}}'), 'holds no VPC and no subnet'],
      // A repeated key: JSON.parse keeps the last, Terraform applies both blocks (the first could hold a way out).
      [file('repeated.tf.json', '{"resource":{"aws_internet_gateway":{"g":{}}},"resource":{"aws_vpc":{"v":{}}}}'), 'names the same key twice (resource)'],
      [file('repeated.template.json', '{"Resources":{"A":{"Type":"AWS::S3::Bucket"},"\\u0041":{"Type":"AWS::EC2::VPC"}}}'), 'names the same key twice (Resources.A)'],
    ];
    for (const [input, message] of cases) {
      const r = await cli('check', input, '--model', 'α');
      expect({ input, code: r.code, stdout: r.stdout }).toEqual({ input, code: 2, stdout: '' });
      expect(r.stderr).toContain(message);
    }
    fs.rmSync(empty, { recursive: true, force: true });
  });

  test('bad flags exit 2: no model, an unknown model or format, a case for a model other than α′', async () => {
    expect((await cli('check', compliant)).code).toBe(2);
    const unknown = await cli('check', compliant, '--model', 'gamma');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('use α, α′, β, β′');
    expect((await cli('check', compliant, '--model', 'α', '--format', 'html')).code).toBe(2);
    const wrongCase = await cli('check', compliant, '--model', 'α', '--case', 'ア');
    expect(wrongCase.code).toBe(2);
    expect(wrongCase.stderr).toContain('--case applies to model α′ only');
    expect((await cli('check', compliant, '--model', 'α′', '--case', 'エ')).code).toBe(2);
  });

  test('--help for the program and for check, --version from package.json', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
    const checkHelp = await cli('check', '--help');
    expect(checkHelp.code).toBe(0);
    for (const flag of ['--model', '--case', '--mapping', '--segment', '--format', '--output']) expect(checkHelp.stdout).toContain(flag);
    const version = await cli('--version');
    expect(version.stdout.trim()).toBe(readJson(path.resolve(__dirname, '..', '..', 'package.json')).version);
  });

  test('--output writes the report atomically (no temporary file left) and prints one line', async () => {
    const out = path.join(work, 'reports', 'guard.sarif');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = await cli('check', mutated, '--model', 'α', '--format', 'sarif', '--output', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/blocking finding/);
    expect(readJson(out).version).toBe('2.1.0');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['guard.sarif']);
    const unwritable = await cli('check', compliant, '--model', 'α', '--output', path.join(work, 'no-such-dir', 'x.txt'));
    expect(unwritable.code).toBe(2);
  });
});

describe('formats a pipeline reads', () => {
  test('SARIF validates against the 2.1.0 schema and carries rules, logical locations and the path as a code flow', async () => {
    const log = JSON.parse((await cli('check', mutated, '--model', 'α', '--format', 'sarif')).stdout);
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('jichitai-network');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ALPHA_RULES);
    const mn1Rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MN-1');
    expect(mn1Rule.defaultConfiguration.level).toBe('error');
    // The guideline citation (catalogue.ts) is in the rule's help.
    expect(mn1Rule.help.text).toContain('Source: ');
    const mn1 = run.results.filter((r: { ruleId: string }) => r.ruleId === 'MN-1');
    // The same findings as the JSON report, each located where the report says.
    const [report] = JSON.parse((await cli('check', mutated, '--model', 'α', '--format', 'json')).stdout);
    const paths = report.violations.filter((f: { ruleId: string }) => f.ruleId === 'MN-1').map((f: { path: string }) => f.path);
    expect(mn1.map((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(paths);
    expect(paths.length).toBeGreaterThan(0);
    const lines = fs.readFileSync(templateFile(mutated), 'utf8').split('\n');
    for (const result of mn1) {
      expect(result.level).toBe('error');
      const where = result.locations[0];
      expect(where.physicalLocation.artifactLocation.uri).toMatch(/SampleCity-alpha\.template\.json$/);
      // The line names the finding's resource (the hand-added resources have no construct path: their logical ID is the name).
      const name = where.logicalLocations[0].fullyQualifiedName;
      const logicalId = name.startsWith('Mut') ? name : logicalIds(mutated)[name];
      expect(lines[where.physicalLocation.region.startLine - 1].trim()).toBe(`"${logicalId}": {`);
    }
    // The path finding (the subnet that reaches the internet) carries its hops as a code flow, in order.
    const withPath = mn1.filter((r: any) => r.codeFlows);
    expect(withPath.map((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName)).toEqual(['MutPublicSubnet']);
    const flow = withPath[0].codeFlows[0].threadFlows[0].locations;
    expect(flow.map((l: any) => l.location.logicalLocations[0].fullyQualifiedName)).toEqual(['MutPublicSubnet', 'MutPublicRoute', 'MutIgw']);
    expect(flow.map((l: any) => l.executionOrder)).toEqual([1, 2, 3]);
  });

  test('JUnit: one suite per stack, one test case per rule of the model, a failure per blocking finding', async () => {
    const parsed = parseJunit((await cli('check', mutated, '--model', 'α', '--format', 'junit')).stdout);
    expect(parsed.testsuite.map((s: { name: string }) => s.name)).toEqual([STACK]);
    const cases = parsed.testsuite[0].testcase;
    expect(cases.map((c: { name: string }) => c.name.split(' ')[0])).toEqual(ALPHA_RULES);
    const failing = cases.filter((c: { failure?: unknown[] }) => c.failure);
    expect(failing.map((c: { name: string }) => c.name.split(' ')[0])).toContain('MN-1');
    const mn1 = cases.find((c: { name: string }) => c.name.startsWith('MN-1 '));
    expect(mn1.failure[0].inner).toContain('MN-1 critical');
    // The compliant example: every rule passes, and a dashboard shows them all.
    const clean = parseJunit((await cli('check', compliant, '--model', 'α', '--format', 'junit')).stdout);
    expect(clean.testsuite[0].testcase).toHaveLength(ALPHA_RULES.length);
    expect(clean.testsuite[0].testcase.filter((c: { failure?: unknown }) => c.failure)).toEqual([]);
  });

  test('Markdown: a summary table and the findings for a pull-request comment', async () => {
    const md = (await cli('check', mutated, '--model', 'α', '--format', 'markdown')).stdout;
    expect(md).toContain('| Stack | Artifact | Verdict | Blocking | Warnings | Acknowledged |');
    expect(md).toMatch(new RegExp(`\\| ${STACK} \\| .* \\| ❌ refused \\| [1-9]`));
    expect(md).toMatch(/\| MN-1 \| critical \|/);
  });
});

describe('segments without retagging, and acknowledgements from the mapping file', () => {
  let stripped: string;
  let ids: Record<string, string>;
  beforeAll(() => {
    stripped = copyCdkOut(mutated, path.join(work, 'stripped.out'));
    stripSegmentTags(templateFile(stripped));
    ids = logicalIds(stripped);
  });

  const mappingFile = (name: string, doc: unknown) => {
    const file = path.join(work, name);
    writeJson(file, doc);
    return file;
  };

  test('untagged and unmapped: nothing labelled is unusable input (2), never a pass', async () => {
    const r = await cli('check', stripped, '--model', 'α');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no VPC or subnet has a segment');
  });

  test('mapped by CIDR, by logical ID or by construct path: the same verdict as the tags gave (MN-1)', async () => {
    const tagged = JSON.parse((await cli('check', mutated, '--model', 'α', '--format', 'json')).stdout);
    const byCidr = ['MY_NUMBER=cidr:10.0.0.0/18', 'LGWAN=10.0.64.0/18', 'INTERNET=cidr:10.0.128.0/18'];
    const byId = ['MY_NUMBER', 'Lgwan', 'Internet'].map((s, i) => `${['MY_NUMBER', 'LGWAN', 'INTERNET'][i]}=id:${ids[`${STACK}/Network/${s === 'MY_NUMBER' ? 'MyNumber' : s}/Vpc`]}`);
    const byPath = [`MY_NUMBER=path:${STACK}/Network/MyNumber`, 'LGWAN=path:*/Network/Lgwan', `INTERNET=${STACK}/**/Internet/Vpc`];
    for (const flags of [byCidr, byId, byPath]) {
      const r = await cli('check', stripped, '--model', 'α', '--format', 'json', ...flags.flatMap((f) => ['--segment', f]));
      expect({ flags, code: r.code, stderr: r.stderr }).toEqual({ flags, code: 1, stderr: '' });
      expect(JSON.parse(r.stdout)).toEqual(tagged);
    }
    const file = mappingFile('by-cidr.json', { segments: { MY_NUMBER: ['cidr:10.0.0.0/18'], LGWAN: ['cidr:10.0.64.0/18'], INTERNET: ['cidr:10.0.128.0/18'] } });
    const fromFile = await cli('check', stripped, '--model', 'α', '--format', 'json', '--mapping', file);
    expect(JSON.parse(fromFile.stdout)).toEqual(tagged);
  });

  test('a mapping that disagrees with a tag, or matches nothing, or maps one VPC twice is an error (2)', async () => {
    const disagree = await cli('check', compliant, '--model', 'α', '--segment', 'LGWAN=cidr:10.0.0.0/18');
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toContain('tag says MY_NUMBER but --segment LGWAN=cidr:10.0.0.0/18');
    const nothing = await cli('check', stripped, '--model', 'α', '--segment', 'MY_NUMBER=cidr:192.168.0.0/16', '--segment', 'LGWAN=id:NoSuchVpc');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('--segment MY_NUMBER=cidr:192.168.0.0/16 matches no VPC or subnet');
    expect(nothing.stderr).toContain('--segment LGWAN=id:NoSuchVpc matches no VPC or subnet');
    const twice = await cli('check', stripped, '--model', 'α', '--segment', 'MY_NUMBER=cidr:10.0.0.0/16', '--segment', 'LGWAN=cidr:10.0.64.0/18');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('belongs to one segment');
  });

  test('the mapping file is validated: every problem at once, naming the key and the fix', async () => {
    const file = mappingFile('bad.json', {
      segment: {},
      segments: { MYNUMBER: ['cidr:10.0.0.0/18'], LGWAN: 'cidr:10.0.64.0/18', INTERNET: ['cidr:10.0.0.999/18', 42, ''] },
      acknowledgements: [{ rule: 'AP-5', scope: '', reason: 'ok' }, { rule: 'NOPE-1', scope: '', reason: 'a reason that is long enough to read' }, { rule: 'LOG-1' }],
    });
    const r = await cli('check', stripped, '--model', 'α', '--mapping', file);
    expect(r.code).toBe(2);
    for (const key of ['segment:', 'segments.MYNUMBER:', 'segments.LGWAN:', 'segments.INTERNET[0]:', 'segments.INTERNET[1]:', 'segments.INTERNET[2]:',
      'acknowledgements[0]: the reason for acknowledging AP-5', 'acknowledgements[1]: "NOPE-1" is not a guard rule', 'acknowledgements[2].scope:', 'acknowledgements[2].reason:']) {
      expect(r.stderr).toContain(`  - ${key}`);
    }
  });

  test('acknowledgements from the file: a non-critical rule with a reason is accepted (SARIF suppression); a critical one is refused (2)', async () => {
    const reason = 'the log bucket is replicated to the prefecture SIEM by the shared-services account';
    // The α example judged as β: LOG-1 (flow logs not to a SIEM) and PL-1 (terminals in LGWAN), both errors.
    const beta = await cli('check', compliant, '--model', 'β', '--format', 'json');
    expect(beta.code).toBe(1);
    expect([...new Set(JSON.parse(beta.stdout)[0].violations.map((f: { ruleId: string }) => f.ruleId))].sort()).toEqual(['LOG-1', 'PL-1']);
    const file = mappingFile('acks.json', {
      acknowledgements: [
        { rule: 'LOG-1', scope: '', reason },
        { rule: 'PL-1', scope: `${STACK}/Network/Lgwan`, reason: 'terminals move to the Internet segment in the next phase of the migration' },
        // Without --blueprint the relay and screen-transfer groups are LG-2 warnings (no flow declared); a warning is acknowledged too.
        { rule: 'LG-2', scope: '', reason: 'the flows are declared in the design document 通信要件一覧 v3, reviewed by the CISO' },
      ],
    });
    const acked = await cli('check', compliant, '--model', 'β', '--format', 'sarif', '--mapping', file);
    expect(acked.code).toBe(0);
    const results = JSON.parse(acked.stdout).runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r: any) => r.suppressions?.[0]?.kind === 'external')).toBe(true);
    expect(results.find((r: any) => r.ruleId === 'LOG-1').suppressions[0].justification).toBe(reason);

    const critical = mappingFile('critical.json', { acknowledgements: [{ rule: 'MN-1', scope: '', reason: 'the NAT gateway is only used for patching the servers' }] });
    const refused = await cli('check', mutated, '--model', 'α', '--mapping', critical);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('MN-1 is critical');
  });
});

test('the bin: the compiled file keeps its shebang, and runs as a process with the exit code', () => {
  const source = fs.readFileSync(path.resolve(__dirname, '..', '..', 'src', 'cli', 'bin.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  expect(js.startsWith('#!/usr/bin/env node\n')).toBe(true);
  const root = path.resolve(__dirname, '..', '..');
  // The repository's code as JavaScript transpiled once (test/support/transpiled.ts, shared with other test files), not ts-node.
  const compiled = transpileRepository(fs.mkdtempSync(path.join(work, 'js-')), ['src']);
  const r = spawnSync(process.execPath, [path.join(compiled, 'src', 'cli', 'bin.js'), 'check', mutated, '--model', 'alpha', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout)[0].violations.map((f: { ruleId: string }) => f.ruleId)).toContain('MN-1');
});
