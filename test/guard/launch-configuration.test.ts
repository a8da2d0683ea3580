/**
 * An Auto Scaling group launching from a launch configuration (aws-cdk-lib's `AutoScalingGroup` makes one unless the
 * feature flag @aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig is set; Terraform
 * `aws_autoscaling_group.launch_configuration`). Found trying a CDK app of L2 workloads on the α example: the group
 * was read as naming a launch template by a missing value — GUARD-1 (critical) on every such group — and the launch
 * configuration's boot script was never read, so a forward proxy it starts was one the proxy rules did not see.
 */
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { nodesOf, TopologyGraph } from '../../src/guard/graph';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const SQUID = '#!/bin/bash\ncat > /etc/squid/squid.conf <<EOF\nhttp_port 3128\nEOF\n';

function cfn(group: Record<string, unknown>): Record<string, any> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'workers', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
      Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-12345678', InstanceType: 't3.micro', SecurityGroups: [{ Ref: 'Sg' }], UserData: { 'Fn::Base64': SQUID } } },
      Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'MnSub' }], ...group } },
    },
  };
}

function tf(group: Record<string, unknown>): TerraformJson {
  return {
    resource: {
      ...myNumberAndLgwanTf(),
      aws_security_group: { sg: { vpc_id: '${aws_vpc.mn.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] } },
      aws_launch_configuration: { lc: { image_id: 'ami-12345678', instance_type: 't3.micro', security_groups: ['${aws_security_group.sg.id}'], user_data: SQUID } },
      aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.mn.id}'], ...group } },
    },
  } as TerraformJson;
}

/** The group's launch template reference and the boot scripts read, as `[id, resource type, groups, holds http_port]`. */
function read(graph: TopologyGraph): { group: unknown; scripts: unknown[] } {
  const [asg] = nodesOf(graph, 'auto-scaling-group');
  return {
    group: asg.launchTemplate,
    scripts: nodesOf(graph, 'user-data').map((u) => [u.id, u.resourceType, u.securityGroups, /http_port 3128/.test(u.text)]),
  };
}

describe('an Auto Scaling group launching from a launch configuration', () => {
  test('CloudFormation: no GUARD-1; the group names the configuration, whose boot script and groups are read', () => {
    const graph = extractCloudFormation({ s: cfn({ LaunchConfigurationName: { Ref: 'Lc' } }) });
    expect(findings(graph, ['GUARD-1'])).toEqual([]);
    expect(read(graph)).toEqual({
      group: { kind: 'node', id: 'Lc' },
      scripts: [['Lc', 'launch-template', [{ kind: 'node', id: 'Sg' }], true]],
    });
  });

  test('Terraform: the same', () => {
    const graph = extractTerraform({ s: tf({ launch_configuration: '${aws_launch_configuration.lc.name}' }) });
    expect(findings(graph, ['GUARD-1'])).toEqual([]);
    expect(read(graph)).toEqual({
      group: { kind: 'node', id: 'aws_launch_configuration.lc' },
      scripts: [['aws_launch_configuration.lc', 'launch-template', [{ kind: 'node', id: 'aws_security_group.sg' }], true]],
    });
  });

  test('control: a group naming neither a template nor a configuration still cannot be read (GUARD-1)', () => {
    expect(findings(extractCloudFormation({ s: cfn({}) }), ['GUARD-1'])).toEqual([
      expect.stringMatching(/^GUARD-1 Asg: LaunchTemplate could not be resolved/),
    ]);
    expect(findings(extractTerraform({ s: tf({}) }), ['GUARD-1'])).toEqual([
      expect.stringMatching(/^GUARD-1 aws_autoscaling_group\.asg: launch_template could not be resolved/),
    ]);
  });
});
