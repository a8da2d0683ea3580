/**
 * The CDKTF `SecurityCloud` hub proven with the real terraform and the offline AWS provider mirror (the harness of
 * test/integration/terraform*.test.ts): the synthesized configuration initialises from the mirror only, validates, and
 * plans every resource it declares (placeholder credentials, no AWS call); the user data Terraform computes for the
 * proxy and relay fleets is byte for byte the plan's boot scripts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { tf } from '../../src';
import { planSecurityCloud } from '../../src/plan/security-cloud';
import { hubProps } from '../security-cloud/fixtures';
import { planJson } from '../support/plan-json';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the security cloud's Terraform test needs terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; the CDKTF hub was not validated or planned`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** An offline plan of the hub takes 10-60 s depending on the machine. */
const TIMEOUT = 300_000;

describeWithTerraform('CDKTF SecurityCloud with the real terraform (offline)', () => {
  let dir: string;
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('terraform init, validate and plan succeed offline, plan every resource, and compute the plan\'s user data', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-hub-'));
    const app = new App({ outdir: path.join(dir, 'out') });
    const stack = new TerraformStack(app, 'hub');
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: 'true' });
    // The CDN option too, so that CloudFront and the second Shield protection are validated.
    const base = hubProps();
    const props = {
      ...base,
      publicWeb: {
        ...base.publicWeb!,
        cdn: true,
        cdnWebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/pref-cdn/12345678-1234-1234-1234-123456789012',
        cdnCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      },
    };
    new tf.SecurityCloud(stack, 'Hub', props);
    app.synth();

    const cwd = path.join(dir, 'out', 'stacks', 'hub');
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

    const planned = planSecurityCloud(props);
    const userData = creates.filter((r: any) => r.type === 'aws_launch_template').map((r: any) => Buffer.from(r.change.after.user_data, 'base64').toString('utf8'));
    expect(userData.sort()).toEqual([planned.proxy.userData, planned.mailRelay.userData].sort());
    // The Resolver's fixed addresses reach the plan as written (members forward to them).
    const endpoint = creates.find((r: any) => r.type === 'aws_route53_resolver_endpoint');
    expect(endpoint.change.after.ip_address.map((a: any) => a.ip).sort()).toEqual(planned.dns.inboundAddresses.map((a) => a.ip).sort());
  }, TIMEOUT);
});
