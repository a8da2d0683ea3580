/**
 * The CDKTF reference deployments (examples/tf), proven with the real terraform and the offline AWS provider
 * mirror: each configuration initialises from the mirror only, validates, and plans (placeholder credentials, no
 * AWS call) every resource it declares for creation. The plan, as `terraform show -json` writes it, is then judged
 * by the guard (extractTerraformPlan): the verdicts must be those of the CloudFormation template of the same blueprint
 * (a differential test of the plan reader against the other engine), and the network it reads must be the one read
 * from cdk.tf.json.
 *
 * The CDKTF reference prefecture (examples/tf/prefecture.ts: the security cloud hub and a member of every model in one
 * Terraform stack) alike: it plans every resource it declares, and the guard reads its plan without an unresolved value,
 * the hub and the four members.
 *
 * The configurations are planned in one terraform run, as child modules of one root (test/support/terraform-together.ts),
 * each plan then cut out as `terraform show -json` writes it for the configuration alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { App, TerraformStack, Testing } from 'cdktf';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { REFERENCE_MEMBERS } from '../../examples/prefecture';
import { buildTfExample } from '../../examples/tf/_app';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { nodesOf } from '../../src/guard/graph';
import { NeutralNetwork, normalise } from '../../src/guard/normalise';
import { find } from '../guard/mutation-suite';
import { cdkExampleFindings, planFindings, scopeOf, verdicts } from '../support/plan-json';
import { findTerraform, findTerraformMirror, prepareTerraform } from '../support/terraform';
import { PlannedConfiguration, planTogether } from '../support/terraform-together';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the Terraform example tests need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; terraform init/validate/plan of examples/tf were skipped`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** Generous: an offline plan of a whole example takes 10-60 s depending on the machine. */
const TIMEOUT = 300_000;
/** All of them and the prefecture (the hub and four members) in one plan: 1-4 minutes. */
const PREFECTURE_TIMEOUT = 600_000;

const EXAMPLES = [...Object.keys(BLUEPRINTS), ...Object.keys(SUPPLEMENTARY_BLUEPRINTS)];
const MN_NAT = 'alpha-mn-nat';
/** The reference prefecture (examples/tf/prefecture.ts), planned in the same run (it was test/integration/terraform-prefecture.test.ts). */
const PREFECTURE = 'prefecture';
let dir: string;
/** Each configuration synthesized (or the error that stopped it), by example name, MN_NAT and PREFECTURE. */
const synthesized: Record<string, { stack: TerraformStack; config: any } | Error> = {};
let planned: Record<string, PlannedConfiguration> = {};

/** Synthesize `build`'s app into `outdir` (the guard runs: a refusal is kept as the configuration's error). */
function synthesize(name: string, build: (app: App) => { app: App; stack: TerraformStack }): void {
  try {
    const outdir = path.join(dir, name);
    const { app, stack } = build(new App({ outdir }));
    app.synth();
    synthesized[name] = { stack, config: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) };
  } catch (e) {
    synthesized[name] = e as Error;
  }
}

// All configurations are planned in one terraform run (test/support/terraform-together.ts): each plan loads the (large)
// provider schema, whatever the size of the configuration. A configuration that fails to synthesize or to plan fails
// its own test below, with its own error.
if (haveTools) {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-examples-'));
    const setup = prepareTerraform(dir, mirror!, terraform!);
    for (const name of EXAMPLES) synthesize(name, (app) => buildTfExample(name, app));
    // Synthesis runs the guard over the whole prefecture: a refusal fails the prefecture's test.
    synthesize(PREFECTURE, (app) => buildTfPrefecture(REFERENCE_MEMBERS, app));
    // The differential test can fail: a My Number → NAT gateway route added to both engines' render of one blueprint.
    try {
      const { stack, network } = buildTfExample('alpha', Testing.app());
      const subnet = find<Subnet>(network.myNumber, '/Subnet-workload-1');
      const eip = new Eip(stack, 'MutEip', { domain: 'vpc' });
      const nat = new NatGateway(stack, 'MutNat', { subnetId: subnet.id, allocationId: eip.allocationId });
      new Route(stack, 'MutRoute', { routeTableId: find<RouteTable>(network.myNumber, '/RouteTable-workload-1').id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      // Unguarded: the guard would refuse this configuration at synth, and the plan is what is under test.
      synthesized[MN_NAT] = { stack, config: JSON.parse(Testing.synth(stack, false)) };
    } catch (e) {
      synthesized[MN_NAT] = e as Error;
    }
    const configs = Object.fromEntries(Object.entries(synthesized).flatMap(([name, s]) => (s instanceof Error ? [] : [[name, s.config]])));
    planned = planTogether(setup, dir, configs);
  }, PREFECTURE_TIMEOUT);
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** The configuration's synthesis and plan; throws the error of either. */
function result(name: string): { stack: TerraformStack; config: any; plan: PlannedConfiguration } {
  const s = synthesized[name];
  if (s instanceof Error) throw s;
  const plan = planned[name];
  if (plan.error) throw plan.error;
  return { ...s, plan };
}

describeWithTerraform('CDKTF examples with the real terraform (offline)', () => {
  test.each(EXAMPLES)('%s: terraform init, validate and plan succeed offline and plan every resource', (name) => {
    const { stack, config, plan } = result(name);
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    // No separate `terraform validate`: the plan validates first and fails alike (test/support/terraform.ts).
    expect(plan.added).toBeGreaterThan(0);
    // Nothing is counted twice or left out (the configuration has no count/for_each).
    expect(plan.added).toBe(declared);
    expect(plan.output).not.toMatch(/Warning:/);

    // The same plan as terraform show -json writes it, judged by the guard.
    const json = plan.plan;
    const graph = extractTerraformPlan(json);
    expect(graph.unresolved).toEqual([]);
    expect(withPlanTimeValues(normalise(graph))).toEqual(withPlanTimeValues(normalise(extractTerraform({ stack: config }))));
    const blueprint = BLUEPRINTS[name] ?? SUPPLEMENTARY_BLUEPRINTS[name];
    const fromPlan = verdicts(planFindings(json, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase }, scopeOf(stack)));
    expect(fromPlan).toEqual(verdicts(cdkExampleFindings(name)));
  }, TIMEOUT);

  // The differential test can fail: a My Number → NAT gateway route added to both engines' render of one blueprint is
  // MN-1 in the CloudFormation template and in the plan (one example: a plan of the whole network is the slow part).
  test('alpha with a NAT gateway and a default route to it in MY_NUMBER: MN-1 in the template and in the plan', () => {
    const { stack, plan } = result(MN_NAT);
    const json = plan.plan;
    const options = { model: BLUEPRINTS.alpha.model };
    const fromPlan = planFindings(json, options, scopeOf(stack));
    const fromTemplate = cdkExampleFindings('alpha', (s, net) => {
      const cfnSubnet = find<ec2.CfnSubnet>(net.myNumber, '/Subnet-workload-1');
      const cfnEip = new ec2.CfnEIP(s, 'MutEip', { domain: 'vpc' });
      const cfnNat = new ec2.CfnNatGateway(s, 'MutNat', { subnetId: cfnSubnet.ref, allocationId: cfnEip.attrAllocationId });
      new ec2.CfnRoute(s, 'MutRoute', { routeTableId: find<ec2.CfnRouteTable>(net.myNumber, '/RouteTable-workload-1').ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: cfnNat.ref });
    });
    expect(verdicts(fromPlan)).toEqual(expect.arrayContaining([expect.stringMatching(/^MN-1 critical ×\d+$/)]));
    expect(verdicts(fromPlan)).toEqual(verdicts(fromTemplate));
    // The plan's finding names the Terraform address of the NAT gateway.
    expect(fromPlan.filter((f) => f.ruleId === 'MN-1').map((f) => f.path)).toContain('aws_nat_gateway.MutNat');
  }, TIMEOUT);
});

describeWithTerraform('the CDKTF reference prefecture with the real terraform (offline)', () => {
  test('terraform init, validate and plan succeed offline and plan every declared resource', () => {
    const { config, plan: prefecture } = result(PREFECTURE);
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    // No separate `terraform validate`: the plan validates first and fails alike (test/support/terraform.ts).
    const plan = prefecture.plan;
    const creates = plan.resource_changes.filter((r: any) => r.mode === 'managed' && r.change.actions.includes('create'));
    // Nothing counted twice or left out (the configuration has no count / for_each).
    expect(creates.length).toBe(declared);
    expect(new Set(creates.map((r: any) => r.type))).toEqual(new Set(Object.keys(config.resource)));

    // The plan as the CLI reads it (jichitai-network check plan.json): the hub and every member, nothing unresolved.
    const graph = extractTerraformPlan(plan);
    expect(graph.unresolved).toEqual([]);
    const vpcs = nodesOf(graph, 'vpc');
    expect(vpcs.filter((v) => v.hub)).toHaveLength(1);
    expect([...new Set(vpcs.flatMap((v) => (v.municipality ? [v.municipality] : [])))].sort()).toEqual(['990001', '990002', '990003', '990004']);
  }, TIMEOUT);
});

/**
 * A plan holds the region and partition the provider is configured with (ap-northeast-1, aws) where cdk.tf.json holds
 * their data sources, which the guard writes as {region} and {partition}: the same network once those are filled in.
 */
function withPlanTimeValues(n: NeutralNetwork): unknown {
  return JSON.parse(JSON.stringify(n).replace(/\{region\}/g, 'ap-northeast-1').replace(/\{partition\}/g, 'aws'));
}
