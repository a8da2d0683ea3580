/**
 * The CDKTF tenant-restriction proxy, proven with the real terraform and the offline AWS provider mirror:
 * the configuration validates and plans, and the user data Terraform computes (with the secret ARN given as a
 * reference) is byte for byte the boot script of the plan — so the instances get exactly the tested squid.conf.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import { alphaPrime } from '../../examples/blueprints';
import { Blueprint } from '../../src';
import { TenantProxy } from '../../src/cdktf/tenant-proxy';
import { planNetwork } from '../../src/plan';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool('terraform', Boolean(terraform && mirror),
  `the Terraform tests need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR)'}`);
const describeWithTerraform = haveTools ? describe : describe.skip;

const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:jichitai/proxy-ca-AbCdEf';

describeWithTerraform('CDKTF tenant proxy with the real terraform (offline)', () => {
  let dir: string;
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('validates, plans, and Terraform computes exactly the plan\'s boot script as user data', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-proxy-'));
    const app = new App({ outdir: path.join(dir, 'out') });
    const stack = new TerraformStack(app, 'proxy');
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: 'true' });
    // A reference (known at plan time) as the ARN: the user data is then assembled by Terraform, not by us.
    const secret = new TerraformVariable(stack, 'ca_secret_arn', { type: 'string', default: SECRET });
    const props = { ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: secret.stringValue } } };
    new TenantProxy(stack, 'Proxy', {
      blueprint: Blueprint.validate(props),
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      routeTableIds: ['rtb-0123456789abcdef0'],
    });
    app.synth();

    const cwd = path.join(dir, 'out', 'stacks', 'proxy');
    const setup = prepareTerraform(dir, mirror!, terraform!);
    runTerraform(setup, cwd, ['init', '-input=false']);
    // No separate `terraform validate`: the plan below validates first and fails alike (test/support/terraform.ts).
    expect(runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=plan.bin'])).toMatch(/Plan: \d+ to add/);
    const plan = JSON.parse(runTerraform(setup, cwd, ['show', '-json', 'plan.bin']));
    const template = plan.resource_changes.find((r: any) => r.type === 'aws_launch_template');
    const userData = Buffer.from(template.change.after.user_data, 'base64').toString('utf8');

    const expected = planNetwork(Blueprint.validate({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: SECRET } } }))
      .tenantProxy!.bootScript;
    expect(userData).toBe(expected);
  });
});
