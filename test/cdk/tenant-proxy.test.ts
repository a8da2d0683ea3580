import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { exampleTemplate, refId, resourcesTagged } from './synth-cache';
import { alphaPrime, breakoutPortReason } from '../../examples/blueprints';
import { AlphaPrimeCase, Blueprint, CloudServiceCategory, cdk } from '../../src';
import { TenantProxy } from '../../src/cdk/tenant-proxy';
import { expectingCfnValidationWarnings } from '../support/console';

const t = () => exampleTemplate('alpha-prime');
const SECRET = alphaPrime.breakout!.tenantProxy!.caSecretArn;

/** Logical IDs of the LGWAN subnets with a given role tag. */
function lgwanSubnets(role: string): string[] {
  return Object.entries(resourcesTagged(t(), 'AWS::EC2::Subnet', 'LGWAN'))
    .filter(([, s]) => s.Properties.Tags.some((tag: any) => tag.Key === 'jichitai:subnet-role' && tag.Value === role))
    .map(([id]) => id)
    .sort();
}

function cidrsOf(ids: string[]): string[] {
  const subnets = t().findResources('AWS::EC2::Subnet');
  return ids.map((id) => subnets[id].Properties.CidrBlock).sort();
}

function only(type: string): any {
  const all = Object.values(t().findResources(type));
  expect(all).toHaveLength(1);
  return (all[0] as any).Properties;
}

function userData(): string {
  const data = only('AWS::EC2::LaunchTemplate').LaunchTemplateData.UserData;
  expect(typeof data['Fn::Base64']).toBe('string');
  return data['Fn::Base64'];
}

describe('α′ tenant-restriction proxy (テナントアクセス制御)', () => {
  test('an Auto Scaling group of at least two instances across both AZs\' proxy subnets', () => {
    const group = only('AWS::AutoScaling::AutoScalingGroup');
    expect(Number(group.MinSize)).toBeGreaterThanOrEqual(2);
    expect(group.VPCZoneIdentifier.map(refId).sort()).toEqual(lgwanSubnets('proxy'));
    expect(lgwanSubnets('proxy')).toHaveLength(2);
    expect(group.HealthCheckType).toBe('ELB');
  });

  test('behind an internal Network Load Balancer in the same subnets, listening on the proxy port', () => {
    const lb = only('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Type).toBe('network');
    expect(lb.Scheme).toBe('internal');
    expect(lb.Subnets.map(refId).sort()).toEqual(lgwanSubnets('proxy'));
    t().hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'TCP', Port: 3128 });
  });

  test('Amazon Linux 2023, IMDSv2 only, no key pair, encrypted disk', () => {
    const data = only('AWS::EC2::LaunchTemplate').LaunchTemplateData;
    expect(data.ImageId).toMatch(/^resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-/);
    expect(data.MetadataOptions.HttpTokens).toBe('required');
    expect(data.KeyName).toBeUndefined();
    expect(data.BlockDeviceMappings[0].Ebs.Encrypted).toBe(true);
  });

  test('the CA is read from the user\'s secret at boot; no key material is in the template', () => {
    // The ARN reaches the script only base64-encoded inside single quotes, and is checked before use.
    expect(userData()).toContain(`SECRET_ARN_BASE64='${Buffer.from(SECRET).toString('base64')}'`);
    expect(userData()).not.toContain(SECRET);
    expect(userData()).toContain('aws secretsmanager get-secret-value');
    expect(JSON.stringify(t().toJSON())).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    const policies = Object.values(t().findResources('AWS::IAM::Policy')).map((p: any) => p.Properties.PolicyDocument.Statement).flat();
    const secretReads = policies.filter((s: any) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.map((s: any) => s.Resource)).toEqual([SECRET]);
  });

  test('the boot configuration adds the blueprint\'s tenant header and deletes client copies', () => {
    const m365 = alphaPrime.breakout!.services.find((s) => s.service.id === 'microsoft-365')!;
    expect(userData()).toContain(`request_header_add sec-Restrict-Tenant-Access-Policy "${m365.tenantIds![0]}:${m365.policyId}"`);
    expect(userData()).toMatch(/request_header_access sec-Restrict-Tenant-Access-Policy deny /);
    expect(userData()).toContain('http_access deny all');
  });

  test('managed by SSM, and nothing listens for SSH', () => {
    const role = Object.values(t().findResources('AWS::IAM::Role')).find((r: any) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com')) as any;
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('AmazonSSMManagedInstanceCore');
    for (const sg of Object.values(t().findResources('AWS::EC2::SecurityGroup')) as any[]) {
      for (const rule of sg.Properties.SecurityGroupIngress ?? []) {
        expect(rule.FromPort <= 22 && rule.ToPort >= 22).toBe(false);
      }
    }
  });

  test('only LGWAN terminals (and health checks from the proxy subnets) reach the instances', () => {
    const groups = t().findResources('AWS::EC2::SecurityGroup');
    const template = only('AWS::EC2::LaunchTemplate').LaunchTemplateData;
    const instanceGroup = groups[refId(template.SecurityGroupIds[0])!].Properties;
    const sources = [...new Set(instanceGroup.SecurityGroupIngress.map((r: any) => r.CidrIp))].sort();
    expect(sources).toEqual([...cidrsOf(lgwanSubnets('terminals')), ...cidrsOf(lgwanSubnets('proxy'))].sort());
    for (const r of instanceGroup.SecurityGroupIngress) expect([r.FromPort, r.ToPort]).toEqual([3128, 3128]);
    // Out: only the proxied ports (443, and 80 for the update services).
    expect(instanceGroup.SecurityGroupEgress.map((r: any) => r.FromPort).sort((a: number, b: number) => a - b)).toEqual([80, 443]);
  });

  test('packages come through an S3 gateway endpoint that serves only the AL2023 repositories, on the proxy route tables', () => {
    const endpoint = Object.values(t().findResources('AWS::EC2::VPCEndpoint')).find((e: any) => e.Properties.VpcEndpointType === 'Gateway') as any;
    expect(JSON.stringify(endpoint.Properties.PolicyDocument)).toContain('al2023-repos-');
    expect(endpoint.Properties.PolicyDocument.Statement.map((s: any) => s.Action)).toEqual(['s3:GetObject']);
    const proxyTables = t().findResources('AWS::EC2::SubnetRouteTableAssociation');
    const expected = Object.values(proxyTables).filter((a: any) => lgwanSubnets('proxy').includes(refId(a.Properties.SubnetId)!))
      .map((a: any) => refId(a.Properties.RouteTableId)).sort();
    expect(endpoint.Properties.RouteTableIds.map(refId).sort()).toEqual(expected);
  });

  test('a Secrets Manager interface endpoint keeps the CA read inside the VPC', () => {
    t().hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.secretsmanager']] },
    });
  });

  test('case ア has no proxy, and cases イ/ウ without tenantProxy are refused (AP-3)', () => {
    const caseA = new Stack(new App(), 'CaseA');
    const updates = new cdk.MunicipalNetwork(caseA, 'Net', {
      ...alphaPrime,
      alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES,
      breakout: { services: alphaPrime.breakout!.services.filter((s) => s.service.category === CloudServiceCategory.SECURITY_UPDATE) },
    });
    cdk.TopologyGuard.acknowledge(updates.lgwan, 'AP-5', breakoutPortReason(updates.blueprint.props)!);
    Template.fromStack(caseA).resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 0);

    const noProxy = new Stack(new App(), 'NoProxy');
    expect(() => new cdk.MunicipalNetwork(noProxy, 'Net', { ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: undefined } }))
      .toThrow(/\[breakout\.tenantProxy\] is missing.*AP-3/);
    expect(noProxy.node.children).toHaveLength(0);
  });

  test('bad proxy options are all reported at once, each with its prop path', () => {
    const stack = new Stack(new App(), 'Bad');
    let message = '';
    try {
      new cdk.MunicipalNetwork(stack, 'Net', {
        ...alphaPrime,
        breakout: {
          ...alphaPrime.breakout!,
          tenantProxy: { caSecretArn: 'my-secret', minInstances: 1, port: 443, instanceType: 'large' },
        },
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const prop of ['caSecretArn', 'minInstances', 'port', 'instanceType']) {
      expect(message).toContain(`[breakout.tenantProxy.${prop}]`);
    }
  });

  test('a token ARN (a parameter, a secret of the stack) is encoded by CloudFormation, never spliced into the script as text', () => {
    const stack = new Stack(new App(), 'Token');
    const arn = new CfnParameter(stack, 'CaSecretArn').valueAsString;
    new TenantProxy(stack, 'Proxy', {
      blueprint: Blueprint.validate({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: arn } } }),
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      routeTableIds: ['rtb-0123456789abcdef0'],
    });
    // CloudFormation's lint takes a parameter named like a secret for a password (W2509); an ARN needs no NoEcho.
    const template = expectingCfnValidationWarnings(['CloudFormation-Validate::W2509'], () => Template.fromStack(stack));
    const data = (Object.values(template.findResources('AWS::EC2::LaunchTemplate'))[0] as any).Properties.LaunchTemplateData.UserData;
    const parts = data['Fn::Base64']['Fn::Join'][1];
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/\nSECRET_ARN_BASE64='$/);
    expect(parts[1]).toEqual({ 'Fn::Base64': { Ref: 'CaSecretArn' } });
    expect(parts[2]).toMatch(/^'\nSECRET_ARN=\$\(printf/);
  });

  test.each(['${aws_secretsmanager_secret.ca.arn}', '${TfToken[TOKEN.1]}'])('%s is no AWS CDK reference and is refused', (arn) => {
    expect(() => new TenantProxy(new Stack(new App(), 'Foreign'), 'Proxy', {
      blueprint: Blueprint.validate({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: arn } } }),
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      routeTableIds: ['rtb-0123456789abcdef0'],
    })).toThrow(/breakout\.tenantProxy\.caSecretArn .* is neither an ARN nor an AWS CDK token/);
  });
});
