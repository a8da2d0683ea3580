/**
 * Terraform without CDKTF: plain-HCL networks (test/fixtures/hcl, a local child module and no registry module) planned
 * offline with the real terraform and the provider mirror, converted with `terraform show -json`, and judged by the guard
 * (extractTerraformPlan + checkTopology) as the αモデル: the compliant one passes, each forbidden one is refused by its
 * rule, named by the Terraform address of the offending resource.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORBIDDEN_COLOUR } from '../../src/docs/diagram';
import { checkTopology } from '../../src/guard/check';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { nodesOf } from '../../src/guard/graph';
import { Finding, Severity } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { cli } from '../cli/support';
import { parseCsv } from '../docs/support';
import { planDeployedTogether } from '../support/deployed-state';
import { planJson } from '../support/plan-json';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform, TerraformSetup } from '../support/terraform';
import { PlannedConfiguration, planFoldersTogether } from '../support/terraform-together';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the plain-HCL plan tests need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; test/fixtures/hcl was not planned`);
const describeWithTerraform = haveTools ? describe : describe.skip;

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hcl');
const FIXTURE_NAMES = ['alpha-compliant', 'alpha-workloads', 'default-tags-after-apply', 'mn-nat', 'mn5-provider-alias', 'plan-hidden-narrowing', 'tgw-default-table',
  'unicode-module'];
/** An offline plan of a small network takes 5-30 s. */
const TIMEOUT = 300_000;

describeWithTerraform('plain-HCL networks planned with the real terraform (offline), judged from terraform show -json', () => {
  let dir: string;
  let setup: TerraformSetup;
  let together: Record<string, PlannedConfiguration> | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-hcl-'));
    setup = prepareTerraform(dir, mirror!, terraform!);
    // The fixtures refer to ../modules: the copy keeps the layout (and keeps .terraform out of the repository).
    fs.cpSync(FIXTURES, path.join(dir, 'hcl'), { recursive: true });
    // The three fixtures planned in one terraform run, as child modules of one root (test/support/terraform-together.ts):
    // terraform loads the AWS provider's schema once instead of once per fixture and command. When the joint run
    // fails, each test plans its fixture alone (below) and fails with its own error.
    try {
      together = planFoldersTogether(setup, dir, Object.fromEntries(FIXTURE_NAMES.map((f) => [f, `./hcl/${f}`])));
    } catch (e) {
      process.stderr.write(`the joint plan of the fixtures failed; each is planned alone\n${String((e as Error).message).slice(0, 2000)}\n`);
    }
  }, TIMEOUT);
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Each fixture's plan JSON as a file, for the command line (the last test). */
  const planFiles: Record<string, string> = {};

  /**
   * The fixture's plan JSON, from the joint run or else planned alone: init (from the mirror), plan -out (which
   * validates), show -json. The findings of the plan as the α model.
   */
  /** The account a fixture deploys to, given as a user of an offline plan gives it (`--account`): the plan cannot say (MN-5). */
  const ACCOUNTS: Record<string, string> = { 'alpha-workloads': '111122223333' };

  function check(fixture: string): { findings: Finding[]; plan: unknown } {
    const cwd = path.join(dir, 'hcl', fixture);
    let plan = together?.[fixture]?.plan;
    if (!plan) {
      runTerraform(setup, cwd, ['init', '-input=false']);
      // No separate `terraform validate`: the plan below validates first and fails alike (test/support/terraform.ts).
      plan = planJson(setup, cwd);
    }
    planFiles[fixture] = path.join(dir, `${fixture}.plan.json`);
    fs.writeFileSync(planFiles[fixture], JSON.stringify(plan));
    return { plan, findings: checkTopology(extractTerraformPlan(plan, { account: ACCOUNTS[fixture] }), { model: NetworkModel.ALPHA }) };
  }
  const blocking = (findings: Finding[]) => findings.filter((f) => f.severity !== Severity.WARNING).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);

  test('alpha-compliant: the three segments, a transit gateway with per-segment tables, the security cloud: no blocking finding', () => {
    const { findings, plan } = check('alpha-compliant');
    expect(blocking(findings)).toEqual([]);
    // Not trivially empty: the graph holds the network, by Terraform address, with every value resolved.
    const graph = extractTerraformPlan(plan);
    expect(graph.unresolved).toEqual([]);
    expect(nodesOf(graph, 'vpc').map((v) => [v.id, v.segment])).toEqual([
      ['module.network.module.internet.aws_vpc.this', 'INTERNET'],
      ['module.network.module.lgwan.aws_vpc.this', 'LGWAN'],
      ['module.network.module.my_number.aws_vpc.this', 'MY_NUMBER'],
    ]);
    expect(nodesOf(graph, 'subnet').map((s) => s.id)).toContain('module.network.module.my_number.aws_subnet.this[1]');
    expect(nodesOf(graph, 'transit-route-table').filter((t) => !t.default).map((t) => [t.id, t.associations.length, t.routes.length])).toEqual([
      ['module.network.aws_ec2_transit_gateway_route_table.internet', 1, 1],
      ['module.network.aws_ec2_transit_gateway_route_table.lgwan', 1, 1],
      ['module.network.aws_ec2_transit_gateway_route_table.my_number', 1, 1],
      ['module.network.aws_ec2_transit_gateway_route_table.security_cloud', 1, 1],
    ]);
  }, TIMEOUT);

  test('mn-nat: a My Number default route to a NAT gateway is refused with MN-1', () => {
    const { findings } = check('mn-nat');
    const mn1 = findings.filter((f) => f.ruleId === 'MN-1');
    expect(mn1.map((f) => f.severity)).toContain(Severity.CRITICAL);
    expect(mn1.map((f) => f.path)).toEqual(expect.arrayContaining(['aws_nat_gateway.my_number', 'module.network.module.my_number.aws_subnet.this[0]']));
    // The path goes through the NAT gateway the fixture adds, hop by hop.
    const path0 = mn1.find((f) => f.path === 'module.network.module.my_number.aws_subnet.this[0]')!;
    expect(path0.hops.map((h) => h.label).join(' → ')).toMatch(/0\.0\.0\.0\/0 → nat aws_nat_gateway\.my_number/);
  }, TIMEOUT);

  test('mn5-provider-alias: an endpoint policy holding to an account read through a provider alias is refused with MN-5; the default provider\'s passes', () => {
    const { findings, plan } = check('mn5-provider-alias');
    expect(findings.filter((f) => f.ruleId === 'MN-5').map((f) => `${f.path}: ${f.message}`))
      .toEqual([expect.stringMatching(/^aws_vpc_endpoint\.theirs: .*lets principals of other accounts act .*data\.aws_caller_identity\.them\.account_id/)]);
    // The policies are templates resolved at apply (what makes the alias matter): the plan leaves them unknown.
    const changes = (plan as any).resource_changes.filter((rc: any) => rc.type === 'aws_vpc_endpoint');
    expect(changes.map((rc: any) => [rc.address, rc.change.after_unknown.policy])).toEqual([['aws_vpc_endpoint.own', true], ['aws_vpc_endpoint.theirs', true]]);
  }, TIMEOUT);

  test('plan-hidden-narrowing: a NACL over slice() of a list, dynamic inline entries beside a deny rule, a prefix list with entries both ways: GUARD-1', () => {
    const { findings, plan } = check('plan-hidden-narrowing');
    expect(findings.filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^aws_network_acl\.first_only: .*subnet_ids holds 1 value known only after apply, but its expression refers to 2 resources/),
      expect.stringMatching(/^aws_network_acl_rule\.deny_internet: .*the network ACL lists its egress entries inline/),
      expect.stringMatching(/^aws_ec2_managed_prefix_list_entry\.internet: .*the prefix list lists its entries inline \(entry blocks\) too/),
    ]));
    // What makes them hidden: the plan's configuration records no expression for the dynamic block, and the set whole.
    const config = (plan as any).configuration.root_module.resources.find((r: any) => r.address === 'aws_network_acl.dynamic');
    expect(Object.keys(config.expressions).sort()).toEqual(['vpc_id']);
    const acl = (plan as any).resource_changes.find((rc: any) => rc.address === 'aws_network_acl.first_only');
    expect(acl.change.after_unknown.subnet_ids).toBe(true);
  }, TIMEOUT);

  test('unicode-module: the provisioners of a module called by a Japanese name are GUARD-1, the file provisioner\'s too', () => {
    const { findings } = check('unicode-module');
    expect(findings.filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^module\.基盤\.terraform_data\.hook: .*local-exec provisioner runs commands at apply time/),
      expect.stringMatching(/^module\.基盤\.terraform_data\.cron: .*file provisioner writes files on a remote host at apply time/),
    ]));
  }, TIMEOUT);

  test('deposed-association: a deposed object in the state does not hide the association planned at its address (MN-2)', () => {
    // Planned alone: the state beside the configuration holds the deposed object.
    const { findings, plan } = check('deposed-association');
    const changes = (plan as any).resource_changes.filter((rc: any) => rc.address === 'aws_route_table_association.extra');
    expect(changes.map((rc: any) => [rc.deposed ?? null, rc.change.actions])).toEqual([[null, ['create']], ['00000001', ['delete']]]);
    expect(findings.filter((f) => f.ruleId === 'MN-2').map((f) => f.path)).toContain('aws_subnet.extra');
  }, TIMEOUT);

  test('tgw-default-table: a transit gateway default route table joining My Number and Internet is refused (SEG-1, MN-2)', () => {
    const { findings } = check('tgw-default-table');
    expect(findings.filter((f) => f.ruleId === 'SEG-1').map((f) => f.path)).toContain('aws_ec2_transit_gateway.shared');
    const mn2 = findings.filter((f) => f.ruleId === 'MN-2');
    expect(mn2.map((f) => f.severity)).toContain(Severity.CRITICAL);
    expect(mn2.map((f) => f.path)).toContain('module.network.module.my_number.aws_subnet.this[0]');
  }, TIMEOUT);

  test('alpha-workloads: the workloads an integrator adds (instances, an Auto Scaling group, a database, a function, EFS, an endpoint, an internal load balancer, ECS) pass', async () => {
    const { findings, plan } = check('alpha-workloads');
    // No finding at all: each is one a user would meet on a compliant network (before: GUARD-1 for every planned
    // aws_instance's launch_template: [], and for a load balancer's subnets from a module output).
    expect(findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    // The endpoint policy's literal account is the own account only because the account is given (MN-5: an offline plan
    // reads no caller identity): without it, MN-5 refuses, and so does the command line until --account says it.
    expect(checkTopology(extractTerraformPlan(plan), { model: NetworkModel.ALPHA }).map((f) => `${f.ruleId} ${f.path}`)).toEqual(['MN-5 aws_vpc_endpoint.mn_ssm']);
    expect((await cli('check', '--model', 'α', planFiles['alpha-workloads'])).code).toBe(1);
    expect((await cli('check', '--model', 'α', '--account', '111122223333', planFiles['alpha-workloads'])).code).toBe(0);
    const graph = extractTerraformPlan(plan, { account: '111122223333' });
    expect(graph.unresolved).toEqual([]);
    // Read, not skipped: the roles are placed in the My Number subnets, and the same plan with the database made public
    // is refused (the reading of the workloads is live).
    const roles = nodesOf(graph, 'role-label').map((l) => [l.resource, l.role, l.subnets.map((s) => (s.kind === 'node' ? s.id : s.kind))]);
    expect(roles).toEqual([
      ['aws_autoscaling_group.mn_app', 'MY_NUMBER_SYSTEM', ['module.network.module.my_number.aws_subnet.this[0]', 'module.network.module.my_number.aws_subnet.this[1]']],
      ['aws_instance.mn_batch', 'MY_NUMBER_SYSTEM', ['module.network.module.my_number.aws_subnet.this[0]']],
    ]);
    const exposed = JSON.parse(JSON.stringify(plan));
    const db = (p: any) => p.planned_values.root_module.resources.find((r: any) => r.address === 'aws_db_instance.mn');
    db(exposed).values.publicly_accessible = true;
    expect(checkTopology(extractTerraformPlan(exposed, { account: '111122223333' }), { model: NetworkModel.ALPHA }).filter((f) => f.severity !== Severity.WARNING).map((f) => `${f.ruleId} ${f.path}`))
      .toEqual(['GUARD-1 aws_db_instance.mn']);
  }, TIMEOUT);

  test('default-tags-after-apply: default tags known only after apply, which the plan leaves out of tags_all, are GUARD-1 at the provider', () => {
    const { findings, plan } = check('default-tags-after-apply');
    // The real plan's shape: the instance's tags_all is known and holds only its own tags; the default_tags map is
    // recorded as its references only.
    const change = (plan as any).resource_changes.find((r: any) => r.address === 'aws_instance.app').change;
    expect(change.after.tags_all).toEqual({ Name: 'app' });
    expect(change.after.launch_template).toEqual([]);
    const guard = findings.filter((f) => f.ruleId === 'GUARD-1');
    expect(guard.map((f) => f.path)).toEqual(['provider.aws.labelled']);
    expect(guard[0].message).toMatch(/default_tags.*cannot be read from the plan, and the provider gives them to aws_instance\.app, whose tags_all in the plan lacks them/);
    // An instance's `launch_template: []` (every aws_instance of a plan has one) names no template.
    expect(findings.filter((f) => f.path === 'aws_instance.app')).toEqual([]);
  }, TIMEOUT);

  /**
   * The fixtures deployed (`planDeployedTogether`): not mn5-provider-alias, whose caller identity a plan against a state
   * reads from AWS (no network here); deposed-association, which has a state of its own; plan-hidden-narrowing, whose
   * hidden entries a deployed plan shows only through the refresh an offline plan skips.
   */
  const DEPLOYED = ['alpha-compliant', 'alpha-workloads', 'default-tags-after-apply', 'mn-nat', 'tgw-default-table', 'unicode-module'];

  test('the plans of the deployed fixtures (ids where a new deployment\'s plan has references) are judged as the new deployments\' plans', async () => {
    const { fresh, deployed } = planDeployedTogether(setup, path.join(dir, 'deployed'), Object.fromEntries(DEPLOYED.map((f) => [f, `../hcl/${f}`])));
    const judged = (fixture: string, plan: unknown) => checkTopology(extractTerraformPlan(plan, { account: ACCOUNTS[fixture] }),
      { model: NetworkModel.ALPHA })
      .map((f) => `${f.ruleId} ${f.severity} ${f.path}`).sort();
    for (const fixture of DEPLOYED) {
      // Deployed: nothing to create or replace.
      const made = deployed[fixture].resource_changes.filter((rc: any) => rc.change.actions.includes('create') || rc.change.actions.includes('delete'));
      expect([fixture, made.map((rc: any) => rc.address)]).toEqual([fixture, []]);
    }
    // Where the new deployment's plan has a reference, the deployed one has the id (what the guard must resolve).
    const subnets = deployed['alpha-compliant'].planned_values.root_module.child_modules[0].child_modules
      .flatMap((m: any) => m.resources).filter((r: any) => r.type === 'aws_subnet');
    expect(subnets.map((r: any) => r.values.vpc_id)).toEqual(subnets.map(() => expect.stringMatching(/^vpc-[0-9a-f]{17}$/)));
    expect(fresh['alpha-compliant'].resource_changes.find((rc: any) => rc.type === 'aws_subnet').change.after_unknown.vpc_id).toBe(true);
    // The same verdicts; and where the new deployment's plan could not read a label (default tags known only after apply:
    // GUARD-1 at the provider), the deployed plan reads it and finds what it hid: the instance the label places in the My
    // Number segment runs with its VPC's default security group, whose egress allows everything toward the LGWAN segment.
    const verdicts = Object.fromEntries(DEPLOYED.map((f) => [f, judged(f, fresh[f])]));
    expect(verdicts['default-tags-after-apply']).toEqual(['GUARD-1 critical provider.aws.labelled']);
    expect(Object.fromEntries(DEPLOYED.map((f) => [f, judged(f, deployed[f])]))).toEqual({
      ...verdicts,
      'default-tags-after-apply': ['MN-3 critical module.network.module.my_number.aws_vpc.this#default-security-group'],
    });
    expect(extractTerraformPlan(deployed['alpha-compliant']).unresolved).toEqual([]);
    // The command line likewise: the deployed compliant network passes, the deployed My Number → NAT one is refused.
    const file = (f: string) => {
      const out = path.join(dir, `${f}.deployed.plan.json`);
      fs.writeFileSync(out, JSON.stringify(deployed[f]));
      return out;
    };
    expect((await cli('check', '--model', 'α', file('alpha-compliant'))).code).toBe(0);
    const refused = await cli('check', '--model', 'α', file('mn-nat'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/MN-1/);
  }, TIMEOUT * 2);

  test('through the command line: the compliant plan exits 0, the My Number → NAT plan exits 1 with MN-1, diff names what the NAT opens', async () => {
    expect(Object.keys(planFiles).sort()).toEqual([...FIXTURE_NAMES, 'deposed-association'].sort());
    const ok = await cli('check', '--model', 'α', planFiles['alpha-compliant']);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    const refused = await cli('check', '--model', 'alpha', '--format', 'sarif', planFiles['mn-nat']);
    expect(refused.code).toBe(1);
    const sarif = JSON.parse(refused.stdout);
    const mn1 = sarif.runs[0].results.filter((r: any) => r.ruleId === 'MN-1');
    expect(mn1.map((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName))
      .toEqual(expect.arrayContaining(['module.network.module.my_number.aws_subnet.this[0]']));
    // The change opens only My Number → internet (directly from the NAT's subnet, and for the other My Number subnets
    // through the NAT, whose address the internet sees); it closes nothing.
    const diff = await cli('diff', '--format', 'json', planFiles['alpha-compliant'], planFiles['mn-nat']);
    expect(diff.code).toBe(1);
    const changes = JSON.parse(diff.stdout).flatMap((r: any) => r.changes);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.map((c: any) => [c.change, c.from, c.to])).toEqual(changes.map(() => ['opens', 'MY_NUMBER', 'internet']));
    expect(changes.flatMap((c: any) => c.fromBlocks)).toEqual(['10.0.255.0/28']);
    expect((await cli('diff', planFiles['alpha-compliant'], planFiles['alpha-compliant'])).stdout).toMatch(/^no change in reachability/);
  }, TIMEOUT);

  test('design documents from a plan: written for the refused plan too (exit 1), its 対応表 FAIL for MN-1 and the path in red', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-plan-docs-'));
    const r = await cli('docs', '--model', 'α', '--out-dir', out, '--format', 'html,csv', planFiles['mn-nat']);
    expect(r.code).toBe(1);
    const stacks = fs.readdirSync(out).filter((f) => f.endsWith('.design.html'));
    expect(stacks.length).toBe(1);
    const base = stacks[0].replace(/\.design\.html$/, '');
    const rows = parseCsv(fs.readFileSync(path.join(out, `${base}.design`, 'compliance.csv'), 'utf8').slice(1));
    expect(rows.find((row) => row[0] === 'MN-1')![rows[0].indexOf('結果')]).toBe('FAIL（不適合）');
    const html = fs.readFileSync(path.join(out, stacks[0]), 'utf8');
    // The subnet the NAT route leaves from is in the parameter sheet, and the diagram draws the forbidden path.
    expect(html).toContain('10.0.255.0/28');
    expect(html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))).toContain(FORBIDDEN_COLOUR);
    fs.rmSync(out, { recursive: true, force: true });
  }, TIMEOUT);
});
