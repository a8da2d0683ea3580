/**
 * The CDKTF reference deployments (examples/tf), proven with the real terraform and the offline AWS provider
 * mirror: each configuration initialises from the mirror only, validates, and plans (placeholder credentials, no
 * AWS call) every resource it declares for creation. The plan, as `terraform show -json` writes it, is then judged
 * by the guard (extractTerraformPlan): the verdicts must be those of the CloudFormation template of the same blueprint
 * (a differential test of the plan reader against the other engine), and the network it reads must be the one read
 * from cdk.tf.json.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { App, Testing } from 'cdktf';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { buildTfExample } from '../../examples/tf/_app';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NeutralNetwork, normalise } from '../../src/guard/normalise';
import { find } from '../guard/mutation-suite';
import { cdkExampleFindings, planFindings, planJson, scopeOf, verdicts } from '../support/plan-json';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform, TerraformSetup } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the Terraform example tests need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; terraform init/validate/plan of examples/tf were skipped`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** Generous: an offline plan of a whole example takes 10-60 s depending on the machine. */
const TIMEOUT = 300_000;

describeWithTerraform('CDKTF examples with the real terraform (offline)', () => {
  let dir: string;
  let setup: TerraformSetup;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-examples-'));
    setup = prepareTerraform(dir, mirror!, terraform!);
  });
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  // One example after the other: each plan loads the (large) provider. The case ウ example (ICAP sanitizer) too.
  test.each([...Object.keys(BLUEPRINTS), ...Object.keys(SUPPLEMENTARY_BLUEPRINTS)])('%s: terraform init, validate and plan succeed offline and plan every resource', (name) => {
    const outdir = path.join(dir, name);
    fs.mkdirSync(outdir);
    const { app, stack } = buildTfExample(name, new App({ outdir }));
    app.synth();
    const cwd = path.join(outdir, 'stacks', stack.node.id);
    const config = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.tf.json'), 'utf8'));
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);

    runTerraform(setup, cwd, ['init', '-input=false']);
    // No separate `terraform validate`: the plan below validates first and fails alike (test/support/terraform.ts).
    const plan = runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=plan.bin']);
    const summary = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(plan);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    // Nothing is counted twice or left out (the configuration has no count/for_each).
    expect(Number(summary![1])).toBe(declared);
    expect(plan).not.toMatch(/Warning:/);

    // The same plan as terraform show -json writes it, judged by the guard.
    const json = showJson(cwd);
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
    const cwd = path.join(dir, 'alpha-mn-nat');
    fs.mkdirSync(cwd);
    const { stack, network } = buildTfExample('alpha', Testing.app());
    const subnet = find<Subnet>(network.myNumber, '/Subnet-workload-1');
    const eip = new Eip(stack, 'MutEip', { domain: 'vpc' });
    const nat = new NatGateway(stack, 'MutNat', { subnetId: subnet.id, allocationId: eip.allocationId });
    new Route(stack, 'MutRoute', { routeTableId: find<RouteTable>(network.myNumber, '/RouteTable-workload-1').id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    // Unguarded: the guard would refuse this configuration at synth, and the plan is what is under test.
    fs.writeFileSync(path.join(cwd, 'cdk.tf.json'), Testing.synth(stack, false));
    runTerraform(setup, cwd, ['init', '-input=false']);
    const json = planJson(setup, cwd);
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

  /** `terraform show -json` of the plan just made: stdout alone (runTerraform joins stdout and stderr). */
  function showJson(cwd: string): unknown {
    return JSON.parse(execFileSync(terraform!, ['show', '-json', 'plan.bin'], { cwd, env: setup.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: TIMEOUT }));
  }
});

/**
 * A plan holds the region and partition the provider is configured with (ap-northeast-1, aws) where cdk.tf.json holds
 * their data sources, which the guard writes as {region} and {partition}: the same network once those are filled in.
 */
function withPlanTimeValues(n: NeutralNetwork): unknown {
  return JSON.parse(JSON.stringify(n).replace(/\{region\}/g, 'ap-northeast-1').replace(/\{partition\}/g, 'aws'));
}
