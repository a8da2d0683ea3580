/**
 * Network features AWS added that the CloudFormation reader did not read (outside tester, red team 49), each of which let a
 * forbidden path pass: static NAT on a transit gateway attachment (AWS::EC2::TransitGatewayAttachmentNatConfiguration:
 * translated sources, routes for the NAT blocks installed by the transit gateway), and an IPAM prefix list resolver target
 * (AWS::EC2::IPAMPrefixListResolverTarget), which fills a prefix list with whatever blocks IPAM selects, so that the
 * entries a template writes are not the list's. (An ODB peering connection, the third, is a bridge: bridges.test.ts.)
 * Terraform: the AWS provider has neither resource; the awscc provider's are refused as Cloud Control resources of a
 * service the guard reads (extract-terraform.ts `cloudControl`).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { jaOrEn } from '../../src/guard/ja-engine';
import { Finding, formatFinding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { notJapanese } from '../support/japanese';

const R = (id: string) => ({ Ref: id });
const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];

/** A VPC `n` of segment `seg` (10.`octet`.0.0/16, DNS off) with one subnet and its route table. */
function vpc(n: string, seg: string, octet: number): Record<string, any> {
  return {
    [`${n}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `10.${octet}.0.0/16`, EnableDnsSupport: false, Tags: tag(seg) } },
    [`${n}Sub`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: R(`${n}Vpc`), CidrBlock: `10.${octet}.0.0/24` } },
    [`${n}Rt`]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: R(`${n}Vpc`) } },
    [`${n}Assoc`]: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: R(`${n}Rt`), SubnetId: R(`${n}Sub`) } },
  };
}

/**
 * A My Number VPC and an Internet VPC on one transit gateway (and an LGWAN VPC, which MN-3 judges security groups toward), each attachment in a table of its own; the My Number table
 * routes 10.1.0.0/16 to the Internet attachment (a path the My Number VPC's own routes must not take).
 */
const network = (): Record<string, any> => ({
  ...vpc('Mn', 'MY_NUMBER', 0),
  ...vpc('In', 'INTERNET', 1),
  ...vpc('Lg', 'LGWAN', 2),
  Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
  MnAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: R('Tgw'), VpcId: R('MnVpc'), SubnetIds: [R('MnSub')] } },
  InAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: R('Tgw'), VpcId: R('InVpc'), SubnetIds: [R('InSub')] } },
  MnTable: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: R('Tgw') } },
  MnTableAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: R('MnTable'), TransitGatewayAttachmentId: R('MnAtt') } },
  ToIn: { Type: 'AWS::EC2::TransitGatewayRoute', Properties: { TransitGatewayRouteTableId: R('MnTable'), DestinationCidrBlock: '10.1.0.0/16', TransitGatewayAttachmentId: R('InAtt') } },
});

function cfn(extra: Record<string, any>): readonly Finding[] {
  return checkTopology(extractCloudFormation({ S: { Resources: { ...network(), ...extra } } } as any), { model: NetworkModel.ALPHA });
}

const at = (found: readonly Finding[], path: string, rule: string) => found.filter((f) => f.path === path && f.ruleId === rule).map(formatFinding);

/** The awscc provider's resource `type`, alone in a configuration: its GUARD-1 findings. */
function awscc(type: string, body: Record<string, unknown>): string[] {
  const found = checkTopology(extractTerraform({ t: { resource: { [type]: { x: body } } } } as any), { model: NetworkModel.ALPHA });
  return at(found, `${type}.x`, 'GUARD-1');
}

describe('static NAT on a transit gateway attachment', () => {
  const nat = (support: unknown) => ({
    Nat: {
      Type: 'AWS::EC2::TransitGatewayAttachmentNatConfiguration',
      Properties: {
        TransitGatewayAttachmentId: R('MnAtt'),
        NatGatewaySupport: support,
        NatSystemRouteSupport: 'enable',
        NatGatewayRules: [{ MatchSourceCidr: '10.0.0.0/24', NatCidr: '100.64.0.0/24', RuleNumber: 1 }],
      },
    },
  });

  test('enabled, or a value the guard cannot read: GUARD-1 (translated addresses, routes the transit gateway installs), worded in Japanese too', () => {
    for (const support of ['enable', { Ref: 'Support' }, 'Disable']) {
      expect(at(cfn(nat(support)), 'Nat', 'GUARD-1')).toEqual([expect.stringMatching(new RegExp('^\\[Nat\\] GUARD-1 critical \\(三層の対策\\): NatGatewayRules could not be resolved: it translates '
        + 'the addresses of what crosses a transit gateway attachment and may install routes for the NAT blocks in the transit gateway\'s route tables, which the '
        + 'guard does not model\\. Fix: remove the NAT configuration \\(or set NatGatewaySupport to disable\\)'))]);
    }
    const graph = extractCloudFormation({ S: { Resources: { ...network(), ...nat('enable') } } } as any);
    for (const u of graph.unresolved.filter((x) => x.node === 'Nat')) {
      expect(notJapanese(jaOrEn(u.reason))).toBeUndefined();
      expect(notJapanese(jaOrEn(u.fix!))).toBeUndefined();
    }
  });

  test('staged only (NatGatewaySupport disable): nothing translates, no finding', () => {
    expect(at(cfn(nat('disable')), 'Nat', 'GUARD-1')).toEqual([]);
  });

  test('Terraform: the awscc provider\'s resource is refused (the AWS provider has none)', () => {
    expect(awscc('awscc_ec2_transit_gateway_attachment_nat_configuration', {
      transit_gateway_attachment_id: 'tgw-attach-0123', nat_gateway_support: 'enable', nat_gateway_rules: [{ match_source_cidr: '10.0.0.0/24', nat_cidr: '100.64.0.0/24', rule_number: 1 }],
    })).toEqual([expect.stringMatching(/is a resource of the awscc provider \(AWS Cloud Control\) of a service whose resources the guard reads/)]);
  });
});

describe('a prefix list an IPAM prefix list resolver fills', () => {
  /** The My Number subnet routes only the list `Pl` (written as 10.9.0.0/16, nothing of the Internet VPC) to the transit gateway. */
  const routed = (target: Record<string, unknown> | undefined) => cfn({
    Pl: { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', MaxEntries: 10, PrefixListName: 'p', Entries: [{ Cidr: '10.9.0.0/16' }] } },
    MnToTgw: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: R('MnRt'), DestinationPrefixListId: { 'Fn::GetAtt': ['Pl', 'PrefixListId'] }, TransitGatewayId: R('Tgw') } },
    Resolver: { Type: 'AWS::EC2::IPAMPrefixListResolver', Properties: { AddressFamily: 'IPv4', IpamId: 'ipam-0123456789abcdef0' } },
    ...target ? { Target: { Type: 'AWS::EC2::IPAMPrefixListResolverTarget', Properties: { IpamPrefixListResolverId: R('Resolver'), PrefixListRegion: 'ap-northeast-1', TrackLatestVersion: true, ...target } } } : {},
  });

  test('a route to it carries whatever IPAM selects (every destination): the My Number subnet reaches the Internet VPC (MN-2); without the target, its entries', () => {
    expect(at(routed(undefined), 'MnSub', 'MN-2')).toEqual([]);
    expect(at(routed({ PrefixListId: R('Pl') }), 'MnSub', 'MN-2')).toEqual([expect.stringMatching(/a My Number subnet reaches subnet InSub \(10\.1\.0\.0\/24\)/)]);
    expect(at(routed({ PrefixListId: { 'Fn::GetAtt': ['Pl', 'PrefixListId'] } }), 'MnSub', 'MN-2')).toHaveLength(1);
  });

  test('a security group rule naming it is judged for every address', () => {
    const group = (target: boolean) => cfn({
      Pl: { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', MaxEntries: 10, PrefixListName: 'p', Entries: [{ Cidr: '10.0.0.0/24' }] } },
      // Written as the My Number subnet's own block: nothing toward the LGWAN segment.
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          VpcId: R('MnVpc'),
          GroupDescription: 'g',
          SecurityGroupIngress: [{ IpProtocol: '-1', SourcePrefixListId: R('Pl') }],
          SecurityGroupEgress: [{ IpProtocol: '-1', DestinationPrefixListId: R('Pl') }],
        },
      },
      ...target ? { Target: { Type: 'AWS::EC2::IPAMPrefixListResolverTarget', Properties: { IpamPrefixListResolverId: 'ipam-prefix-list-resolver-0123', PrefixListId: R('Pl'), PrefixListRegion: 'ap-northeast-1', TrackLatestVersion: true } } } : {},
    });
    expect(at(group(false), 'Sg', 'MN-3')).toEqual([]);
    expect(at(group(true), 'Sg', 'MN-3').length).toBeGreaterThan(0);
  });

  test('a target naming a list the guard cannot tie to one of the template (an import, a parameter): GUARD-1; a literal id (a list outside the output): none', () => {
    const imported = at(routed({ PrefixListId: { 'Fn::ImportValue': 'SharedList' } }), 'Target', 'GUARD-1');
    expect(imported).toEqual([expect.stringMatching(/it fills prefix list \{"Fn::ImportValue":"SharedList"\} with the blocks an IPAM prefix list resolver selects/)]);
    expect(notJapanese(jaOrEn(imported[0].replace(/^.*could not be resolved: /, '').replace(/\. Fix: .*$/, '')))).toBeUndefined();
    expect(at(routed({ PrefixListId: R('ListParameter') }), 'Target', 'GUARD-1')).toHaveLength(1);
    expect(at(routed({ PrefixListId: 'pl-0123456789abcdef0' }), 'Target', 'GUARD-1')).toEqual([]);
  });

  test('Terraform: the awscc provider\'s resource is refused (the AWS provider has none)', () => {
    expect(awscc('awscc_ec2_ipam_prefix_list_resolver_target', { ipam_prefix_list_resolver_id: 'r', prefix_list_id: 'pl-0123456789abcdef0', prefix_list_region: 'ap-northeast-1', track_latest_version: true }))
      .toEqual([expect.stringMatching(/is a resource of the awscc provider \(AWS Cloud Control\)/)]);
  });
});
