/**
 * CloudFormation `Tags` written as a map of key to value (docs/guard-semantics.md §3): `AWS::EKS::Nodegroup`,
 * `AWS::Batch::ComputeEnvironment`, `AWS::MSK::Cluster`, `AWS::SSM::Parameter`… take a JSON object, not the `[{ Key,
 * Value }]` list. The reader read only the list: a map's labels were never read — no vocabulary check, no role for
 * PL-1, no conflict with a launch template's role. And the tags a Batch compute environment gives the instances it
 * launches (CloudFormation `ComputeResources.Tags`, Terraform `compute_resources.tags`) labelled nothing in either engine.
 */
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const ROLE = 'jichitai:role';
const IAM_ROLE = 'arn:aws:iam::123456789012:role/r';
/** The cluster the node groups join (a cluster outside the output would give them a group the guard cannot read). */
const CLUSTER = {
  Type: 'AWS::EKS::Cluster',
  Properties: { Name: 'c', RoleArn: IAM_ROLE, ResourcesVpcConfig: { SubnetIds: [{ Ref: 'MnSub' }], EndpointPublicAccess: false } },
};
const cfn = (extra: Record<string, unknown>, parameters?: Record<string, unknown>) => extractCloudFormation({
  s: { ...(parameters ? { Parameters: parameters } : {}), Resources: { ...myNumberAndLgwan(), Eks: CLUSTER, ...extra } } as any,
});
const tf = (extra: Record<string, unknown>) => extractTerraform({ s: { resource: { ...myNumberAndLgwanTf(), ...extra } } as TerraformJson });
const guard1 = (g: TopologyGraph) => g.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`).sort();

/** A CloudFormation node group in `subnet` with `tags`, and `more` properties. */
const nodegroup = (subnet: string, tags: unknown, more: Record<string, unknown> = {}) => ({
  Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: IAM_ROLE, Subnets: [{ Ref: subnet }], Tags: tags, ...more },
});
/** A CloudFormation compute environment in `subnet`, its instances tagged with `instanceTags`. */
const batch = (subnet: string, instanceTags: unknown, tags?: unknown) => ({
  Type: 'AWS::Batch::ComputeEnvironment',
  Properties: {
    Type: 'MANAGED',
    ComputeResources: { Type: 'EC2', MaxvCpus: 4, Subnets: [{ Ref: subnet }], InstanceRole: 'x', InstanceTypes: ['m5.large'], Tags: instanceTags },
    ...(tags !== undefined ? { Tags: tags } : {}),
  },
});

describe('CloudFormation Tags written as a map are labels', () => {
  test('a node group labelled a My Number system in an LGWAN subnet: PL-1; in the My Number subnet, none', () => {
    expect(findings(cfn({ Ng: nodegroup('LgSub', { [ROLE]: 'MY_NUMBER_SYSTEM' }) }), ['PL-1'])).toEqual([PL1_LG('Ng')]);
    expect(findings(cfn({ Ng: nodegroup('MnSub', { [ROLE]: 'MY_NUMBER_SYSTEM' }) }), ['PL-1'])).toEqual([]);
  });

  test('a misspelt label in a map (a node group, a streaming cluster, a parameter): GUARD-1, as in a list', () => {
    const g = cfn({
      Ng: nodegroup('LgSub', { [ROLE]: 'MY_NUMBER_SYTEM' }),
      Kafka: {
        Type: 'AWS::MSK::Cluster',
        Properties: {
          ClusterName: 'k',
          KafkaVersion: '3.6.0',
          NumberOfBrokerNodes: 2,
          BrokerNodeGroupInfo: { InstanceType: 'kafka.m5.large', ClientSubnets: [{ Ref: 'MnSub' }] },
          Tags: { 'jichitai:segmnet': 'MY_NUMBER' },
        },
      },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v', Tags: { 'Jichitai:Role': 'OTHER', 'Name': 'p' } } },
    });
    expect(guard1(g)).toEqual([
      'Kafka Tags (jichitai:segmnet): jichitai:segmnet is not a label key the guard knows, and the jichitai: prefix is the library\'s namespace: '
        + 'a misspelt label would leave the resource unlabelled, out of the rules that judge labels',
      'Ng Tags (jichitai:role): "MY_NUMBER_SYTEM" is not a value of the label jichitai:role: the rules that judge it would pass over the resource',
      'Param Tags (Jichitai:Role): Jichitai:Role is not a label key the guard knows, and the jichitai: prefix is the library\'s namespace: '
        + 'a misspelt label would leave the resource unlabelled, out of the rules that judge labels',
    ]);
  });

  test('a label\'s value given by a parameter in a map: GUARD-1; a map given by one: GUARD-1; another tag\'s, none', () => {
    const g = cfn({
      Ng: nodegroup('MnSub', { [ROLE]: { Ref: 'Role' } }),
      Whole: nodegroup('MnSub', { Ref: 'AllTags' }),
      Named: nodegroup('MnSub', { Name: { Ref: 'Role' } }),
    }, { Role: { Type: 'String' }, AllTags: { Type: 'String' } });
    expect(guard1(g).map((l) => l.split(':')[0])).toEqual(['Ng Tags.jichitai', 'Whole Tags']);
  });

  test('a node group\'s role and its launch template\'s instance role differ: GUARD-1 (neither picked)', () => {
    const t = cfn({
      Lt: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: { LaunchTemplateData: { ImageId: 'ami-1', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }] }] } },
      },
      Ng: nodegroup('MnSub', { [ROLE]: 'OTHER' }, { LaunchTemplate: { Id: { Ref: 'Lt' } } }),
    });
    expect(guard1(t).filter((l) => l.startsWith('Ng '))).toEqual([expect.stringMatching(/^Ng LaunchTemplate: /)]);
  });
});

describe('a Batch compute environment\'s tags for its instances label them, in its subnets', () => {
  test('CloudFormation ComputeResources.Tags: a My Number system in an LGWAN subnet, PL-1; a misspelt label, GUARD-1', () => {
    expect(findings(cfn({ Ce: batch('LgSub', { [ROLE]: 'MY_NUMBER_SYSTEM' }) }), ['PL-1'])).toEqual([PL1_LG('Ce')]);
    expect(findings(cfn({ Ce: batch('MnSub', { [ROLE]: 'MY_NUMBER_SYSTEM' }) }), ['PL-1'])).toEqual([]);
    expect(guard1(cfn({ Ce: batch('MnSub', { [ROLE]: 'MY_NUMBER_SYTEM' }) }))).toEqual([
      'Ce ComputeResources.Tags (jichitai:role): "MY_NUMBER_SYTEM" is not a value of the label jichitai:role: the rules that judge it would pass over the resource',
    ]);
  });

  test('Terraform compute_resources.tags: the same', () => {
    const ce = (subnet: string, role: string) => ({
      aws_batch_compute_environment: {
        b: {
          type: 'MANAGED',
          compute_resources: { type: 'EC2', max_vcpus: 4, instance_role: 'x', instance_type: ['m5.large'], subnets: [subnet], security_group_ids: [], tags: { [ROLE]: role } },
        },
      },
    });
    expect(findings(tf(ce('${aws_subnet.lg.id}', 'MY_NUMBER_SYSTEM')), ['PL-1'])).toEqual([PL1_LG('aws_batch_compute_environment.b')]);
    expect(findings(tf(ce('${aws_subnet.mn.id}', 'MY_NUMBER_SYSTEM')), ['PL-1'])).toEqual([]);
    expect(guard1(tf(ce('${aws_subnet.mn.id}', 'MY_NUMBER_SYTEM')))).toEqual([
      'aws_batch_compute_environment.b compute_resources.tags (jichitai:role): "MY_NUMBER_SYTEM" is not a value of the label jichitai:role: '
        + 'the rules that judge it would pass over the resource',
    ]);
  });
});
