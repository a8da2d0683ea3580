/**
 * Found by red team 23: a security group rule whose peer is a prefix list (`SourcePrefixListId` /
 * `DestinationPrefixListId`, `prefix_list_ids` / `prefix_list_id`). MN-3's, LG-2's and LG-3's security-group parts read
 * a rule's CIDR or peer group only: a My Number group opening all traffic to a prefix list that holds the LGWAN block was
 * no rule toward LGWAN at all, and passed (MN-3 is critical). Now a prefix list of the output is read as its entries
 * (one rule each: CloudFormation `AWS::EC2::PrefixList` `Entries`; Terraform `aws_ec2_managed_prefix_list` `entry` and
 * `aws_ec2_managed_prefix_list_entry`), and one the guard cannot read (a literal id, a parameter) as every address.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { myNumberAndLgwan } from '../support/two-segments';

const PL = 'pl-0123456789abcdef0';

/** A My Number group whose rules name `peer` (a prefix list); `entries`: the template's prefix list. */
function cfn(peer: unknown, protocol: Record<string, unknown>, entries: string[] = ['10.1.0.0/16']): Record<string, any> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      Lg: { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', MaxEntries: 5, PrefixListName: 'lg', Entries: entries.map((Cidr) => ({ Cidr })) } },
      MnSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'My Number hosts', VpcId: { Ref: 'MnVpc' }, SecurityGroupIngress: [{ ...protocol, SourcePrefixListId: peer }], SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] },
      },
      MnOut: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: { 'Fn::GetAtt': ['MnSg', 'GroupId'] }, ...protocol, DestinationPrefixListId: peer } },
    },
  };
}

/** `inline`: how many of the entries the list writes inline (`entry` blocks); the others are resources of their own. */
function tf(peer: string, protocol: Record<string, unknown>, entries: string[] = ['10.1.0.0/16'], inline = entries.length): TerraformJson {
  const [first, rest] = [entries.slice(0, inline), entries.slice(inline)];
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
      aws_ec2_managed_prefix_list: { lg: { name: 'lg', address_family: 'IPv4', max_entries: 5, ...first.length > 0 ? { entry: first.map((cidr) => ({ cidr })) } : {} } },
      aws_ec2_managed_prefix_list_entry: Object.fromEntries(rest.map((cidr, i) => [`e${i}`, { prefix_list_id: '${aws_ec2_managed_prefix_list.lg.id}', cidr }])),
      aws_security_group: {
        mn: { vpc_id: '${aws_vpc.mn.id}', ingress: [{ protocol: protocol.p, from_port: protocol.from, to_port: protocol.to, prefix_list_ids: [peer] }] },
      },
      aws_vpc_security_group_egress_rule: { out: { security_group_id: '${aws_security_group.mn.id}', ip_protocol: protocol.p, from_port: protocol.from, to_port: protocol.to, prefix_list_id: peer } },
    },
  };
}

function mn3(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3' || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}: ${f.message}`).sort();
}

const ALL = { IpProtocol: '-1' };
const HTTPS = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
const TF_ALL = { p: '-1', from: 0, to: 0 };
const TF_HTTPS = { p: 'tcp', from: 443, to: 443 };
const allTraffic = (group: string, peer: string) => [
  `MN-3 ${group}: security group ${group}: its egress rules toward the LGWAN segment allow all traffic (${peer})`,
  `MN-3 ${group}: security group ${group}: its ingress rules from the LGWAN segment allow all traffic (${peer})`,
];

describe('a security group rule toward a prefix list (MN-3 security-group part)', () => {
  test('all traffic to a prefix list of the output holding the LGWAN block: MN-3, both engines', () => {
    expect(mn3(extractCloudFormation({ s: cfn({ Ref: 'Lg' }, ALL) }))).toEqual(allTraffic('MnSg', '10.1.0.0/16'));
    expect(mn3(extractCloudFormation({ s: cfn({ 'Fn::GetAtt': ['Lg', 'PrefixListId'] }, ALL) }))).toEqual(allTraffic('MnSg', '10.1.0.0/16'));
    expect(mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_ALL) }))).toEqual(allTraffic('aws_security_group.mn', '10.1.0.0/16'));
  });

  test('every entry counts: a whole LGWAN subnet made of two entries (inline, or resources of their own in Terraform) on one port is MN-3', () => {
    const halves = ['10.1.0.0/25', '10.1.0.128/25'];
    expect(mn3(extractCloudFormation({ s: cfn({ Ref: 'Lg' }, HTTPS, halves) }))).toHaveLength(2);
    expect(mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_HTTPS, halves) }))).toHaveLength(2);
    expect(mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_HTTPS, halves, 0) }))).toHaveLength(2);
  });

  test('entries both inline and as resources of their own: terraform overwrites one set with the other, so each entry resource is GUARD-1', () => {
    // Found by red team 36 (with blackhole prefix list references): the provider documents the conflict.
    const found = mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_HTTPS, ['10.1.0.0/25', '10.1.0.128/25'], 1) }));
    expect(found.filter((f) => f.startsWith('GUARD-1'))).toEqual([
      expect.stringMatching(/^GUARD-1 aws_ec2_managed_prefix_list_entry\.e0: .*the prefix list lists its entries inline \(entry blocks\) too, and terraform overwrites/),
    ]);
  });

  test('one LGWAN host on one port through a prefix list of the output is specific communication: no finding', () => {
    expect(mn3(extractCloudFormation({ s: cfn({ Ref: 'Lg' }, HTTPS, ['10.1.0.5/32']) }))).toEqual([]);
    expect(mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_HTTPS, ['10.1.0.5/32']) }))).toEqual([]);
  });

  test('a prefix list the guard cannot read (a literal id) may hold any address: all traffic to it is MN-3', () => {
    expect(mn3(extractCloudFormation({ s: cfn(PL, ALL) }))).toEqual(allTraffic('MnSg', `prefix list ${PL}`));
    expect(mn3(extractTerraform({ s: tf(PL, TF_ALL) }))).toEqual(allTraffic('aws_security_group.mn', `prefix list ${PL}`));
  });

  test('a prefix list of the output without entries is filled from elsewhere (by hand, another configuration): read as one the guard cannot read, so all '
    + 'traffic to it is MN-3', () => {
    const cfnFindings = mn3(extractCloudFormation({ s: cfn({ Ref: 'Lg' }, ALL, []) }));
    expect(cfnFindings).toHaveLength(2);
    expect(cfnFindings.every((f) => f.startsWith('MN-3 MnSg: ') && f.includes('allow all traffic (prefix list '))).toBe(true);
    const tfFindings = mn3(extractTerraform({ s: tf('${aws_ec2_managed_prefix_list.lg.id}', TF_ALL, []) }));
    expect(tfFindings).toHaveLength(2);
    expect(tfFindings.every((f) => f.startsWith('MN-3 aws_security_group.mn: ') && f.includes('allow all traffic (prefix list '))).toBe(true);
  });
});
