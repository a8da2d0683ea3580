import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { TerraformStack, Testing } from 'cdktf';
// Declares the cdktf matchers (toHaveResourceWithProperties...) for the type checker; Testing.setupJest registers them.
import 'cdktf/lib/testing/adapters/jest';
import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase, Blueprint, CloudServiceCategory } from '../../src';
import { TenantProxy } from '../../src/cdktf/tenant-proxy';

Testing.setupJest();

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];

function synth(props = alphaPrime): { json: string; config: any } {
  const stack = new TerraformStack(Testing.app(), 'proxy');
  new TenantProxy(stack, 'Proxy', { blueprint: Blueprint.validate(props), vpcId: 'vpc-0123456789abcdef0', subnetIds: SUBNETS, routeTableIds: ['rtb-0123456789abcdef0'] });
  const json = Testing.synth(stack);
  return { json, config: JSON.parse(json) };
}

const only = (config: any, type: string) => {
  const all = Object.values(config.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0] as any;
};

describe('CDKTF tenant-restriction proxy (テナントアクセス制御)', () => {
  test('an Auto Scaling group of at least two instances in the proxy subnets, behind an internal NLB on the proxy port', () => {
    const { json } = synth();
    expect(json).toHaveResourceWithProperties(AutoscalingGroup, { min_size: 2, vpc_zone_identifier: SUBNETS, health_check_type: 'ELB' });
    expect(json).toHaveResourceWithProperties(Lb, { internal: true, load_balancer_type: 'network', subnets: SUBNETS });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 3128, protocol: 'TCP' });
  });

  test('AL2023 from the public parameter, IMDSv2 only, no key pair', () => {
    const { json, config } = synth();
    expect(json).toHaveResource(LaunchTemplate);
    const template = only(config, 'aws_launch_template');
    expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template.image_id).toMatch(/^resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-/);
    expect(template.key_name).toBeUndefined();
  });

  test('the user data is the boot script that reads the user\'s secret; no key material in the configuration', () => {
    const { json, config } = synth();
    const script = Buffer.from(only(config, 'aws_launch_template').user_data, 'base64').toString('utf8');
    expect(script).toContain(`SECRET_ARN_BASE64='${Buffer.from(alphaPrime.breakout!.tenantProxy!.caSecretArn).toString('base64')}'`);
    const m365 = alphaPrime.breakout!.services.find((s) => s.service.id === 'microsoft-365')!;
    expect(script).toContain(`request_header_add sec-Restrict-Tenant-Access-Policy "${m365.tenantIds![0]}:${m365.policyId}"`);
    expect(json).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    const policy = only(config, 'aws_iam_role_policy').policy as string;
    expect(policy).toContain('secretsmanager:GetSecretValue');
    expect(policy).toContain(alphaPrime.breakout!.tenantProxy!.caSecretArn);
  });

  test('a secret created in the same stack (a cdktf token) reaches the user data only through Terraform\'s base64encode', () => {
    const stack = new TerraformStack(Testing.app(), 'proxy');
    const secret = new SecretsmanagerSecret(stack, 'Ca', { name: 'proxy-ca' });
    new TenantProxy(stack, 'Proxy', {
      blueprint: Blueprint.validate({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: secret.arn } } }),
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: SUBNETS,
      routeTableIds: ['rtb-0123456789abcdef0'],
    });
    const config = JSON.parse(Testing.synth(stack));
    const userData: string = only(config, 'aws_launch_template').user_data;
    expect(userData).toMatch(/^\$\{base64encode\(join\("", \[base64decode\("[A-Za-z0-9+\/=]+"\), base64encode\(aws_secretsmanager_secret\.Ca\.arn\), base64decode\("[A-Za-z0-9+\/=]+"\)\]\)\)\}$/);
    const literal = [...userData.matchAll(/base64decode\("([A-Za-z0-9+\/=]+)"\)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
    expect(literal[0]).toMatch(/SECRET_ARN_BASE64='$/);
    expect(literal[1]).toMatch(/^'\n/);
    expect(literal.join('')).toContain('request_header_add sec-Restrict-Tenant-Access-Policy');
  });

  test('${aws_secretsmanager_secret.<name>.arn} written as text becomes a Terraform reference, not escaped text', () => {
    const { json } = synth({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: '${aws_secretsmanager_secret.proxy_ca.arn}' } } });
    expect(json).toContain('base64encode(aws_secretsmanager_secret.proxy_ca.arn)');
    expect(json).toContain('\\"Resource\\" = aws_secretsmanager_secret.proxy_ca.arn');
    expect(json).not.toContain('$${aws_secretsmanager_secret');
  });

  test('an AWS CDK token is no Terraform reference and is refused', () => {
    expect(() => synth({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: '${Token[TOKEN.12]}' } } }))
      .toThrow(/breakout\.tenantProxy\.caSecretArn .* is neither an ARN nor a CDKTF token or Terraform reference/);
  });

  test('instances accept the proxy port from the LGWAN workload and proxy subnets only, and nothing on 22', () => {
    const { config } = synth();
    const plan = Blueprint.validate(alphaPrime);
    const groups = Object.values(config.resource.aws_security_group) as any[];
    const instances = groups.find((g) => g.description.startsWith('Tenant-restriction proxy instances'));
    const ingress = instances.ingress as any[];
    expect(ingress.every((r) => r.from_port === 3128 && r.to_port === 3128)).toBe(true);
    expect(ingress.flatMap((r) => r.cidr_blocks).every((c: string) => c.startsWith(plan.segmentCidr('LGWAN' as any).split('.').slice(0, 2).join('.')))).toBe(true);
    for (const g of groups) for (const r of g.ingress) expect(r.from_port <= 22 && r.to_port >= 22).toBe(false);
  });

  test('case ア has no proxy to build', () => {
    expect(() => synth({
      ...alphaPrime,
      alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES,
      breakout: { services: alphaPrime.breakout!.services.filter((s) => s.service.category === CloudServiceCategory.SECURITY_UPDATE) },
    })).toThrow(/has no tenant-restriction proxy/);
  });
});
