/**
 * The CDKTF reference prefecture (examples/tf/prefecture.ts: the security cloud hub and a member of every model in one
 * Terraform stack) proven with the real terraform and the offline AWS provider mirror (the harness of
 * test/integration/terraform.test.ts): the configuration initialises from the mirror only, validates, and plans every
 * resource it declares (placeholder credentials, no AWS call). The plan, as `terraform show -json` writes it, is read by
 * the guard without an unresolved value, and holds the hub and the four members.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { REFERENCE_MEMBERS } from '../../examples/prefecture';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { nodesOf } from '../../src/guard/graph';
import { planJson } from '../support/plan-json';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the Terraform prefecture test needs terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; the CDKTF reference prefecture was not validated or planned`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** An offline plan of the hub and four members takes 30-120 s depending on the machine. */
const TIMEOUT = 600_000;

describeWithTerraform('the CDKTF reference prefecture with the real terraform (offline)', () => {
  let dir: string;
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('terraform init, validate and plan succeed offline and plan every declared resource', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-prefecture-'));
    const { app, stack } = buildTfPrefecture(REFERENCE_MEMBERS, new App({ outdir: path.join(dir, 'out') }));
    // Synthesis runs the guard over the whole prefecture: a refusal throws here.
    app.synth();

    const cwd = path.join(dir, 'out', 'stacks', stack.node.id);
    const config = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.tf.json'), 'utf8'));
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const setup = prepareTerraform(dir, mirror!, terraform!);
    runTerraform(setup, cwd, ['init', '-input=false']);
    // No separate `terraform validate`: the plan below validates first and fails alike (test/support/terraform.ts).
    const plan: any = planJson(setup, cwd);
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
