/**
 * What enters a transit gateway from a network the guard cannot place (docs/guard-semantics.md §5, §10 GUARD-1): a VPN
 * without a zone label, a transit gateway peering attachment, an attachment named by id whose route tables carry no zone
 * label. Before, no walk started there: a My Number subnet that such an entry's table reached passed with SEG-1 at most
 * (an error, acknowledgeable). Now what enters counts as anything, the internet included: a GUARD-1 finding (critical)
 * per My Number or LGWAN subnet reached, in both engines.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFinding, formatFindingIn } from '../../src/guard/rule';
import { GuardLanguage } from '../../src/model/guard-options';
import { NetworkModel } from '../../src/model/network-model';
import { englishRun } from '../support/japanese';

const SEG = 'jichitai:segment';

/** A My Number VPC and an Internet VPC on a transit gateway without default tables; `table` propagates `propagated`; `entry` is associated with it. */
function cfn(entry: Record<string, unknown>, propagated: 'Mn' | 'In' = 'Mn', tableTags: Record<string, string> = {}): TopologyGraph {
  const vpc = (p: string, cidr: string, segment: string) => ({
    [`${p}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: cidr, Tags: [{ Key: SEG, Value: segment }] } },
    [`${p}Sub`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${p}Vpc` }, CidrBlock: cidr.replace('/16', '/24') } },
    [`${p}Att`]: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: `${p}Vpc` }, SubnetIds: [{ Ref: `${p}Sub` }] } },
  });
  return extractCloudFormation({
    S: {
      Resources: {
        Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
        ...vpc('Mn', '10.0.0.0/16', 'MY_NUMBER'),
        ...vpc('In', '10.2.0.0/16', 'INTERNET'),
        Table: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: { Ref: 'Tgw' }, Tags: Object.entries(tableTags).map(([Key, Value]) => ({ Key, Value })) } },
        Prop: { Type: 'AWS::EC2::TransitGatewayRouteTablePropagation', Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: { Ref: `${propagated}Att` } } },
        ...entry,
      },
    },
  });
}

const associate = (attachment: unknown) => ({ Assoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: attachment } } });
const vpn = (zone?: string) => ({
  Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { TransitGatewayId: { Ref: 'Tgw' }, CustomerGatewayId: 'cgw-0123456789abcdef0', Type: 'ipsec.1', Tags: zone ? [{ Key: 'jichitai:zone', Value: zone }] : [] } },
  ...associate({ Ref: 'Vpn' }),
});

const OUTSIDE = '#subnets-outside-the-output';
/**
 * The findings of one rule at the subnets of the output. What enters reaches the VPC's addresses no subnet of the output
 * holds too (the subnet outside the output, semantics §2), a finding of its own that the first test checks; the others
 * are about the entry and the subnet it names (test/guard/unheld-vpc-addresses.test.ts covers the outside subnet).
 */
const findings = (g: TopologyGraph, rule: string) => checkTopology(g, { model: NetworkModel.ALPHA })
  .filter((f) => f.ruleId === rule && !f.path.endsWith(OUTSIDE)).map(formatFinding);

describe('unplaced transit gateway entries (GUARD-1)', () => {
  test('a VPN without a zone label whose table reaches a My Number subnet: refused, naming the entry and the path', () => {
    expect(findings(cfn(vpn()), 'GUARD-1')).toEqual([expect.stringMatching(new RegExp('^\\[MnSub\\] GUARD-1 critical \\(三層の対策\\): traffic entering through VPN Vpn '
      + '\\(no known jichitai:zone label\\) reaches this My Number subnet \\(10\\.0\\.0\\.0/24\\)\\. attachment Vpn \\(unplaced\\) → Table 10\\.0\\.0\\.0/16 \\(propagated\\) '
      + '→ attachment MnAtt → subnet MnSub \\(10\\.0\\.0\\.0/24\\)\\. Fix: tag the VPN connection'))]);
    // And on from MnSub, locally, to the VPC's addresses no subnet of the output holds (semantics §2).
    expect(checkTopology(cfn(vpn()), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && f.path.endsWith(OUTSIDE)).map(formatFinding))
      .toEqual([expect.stringMatching(/^\[MnVpc#subnets-outside-the-output\] GUARD-1 critical .*traffic entering through VPN Vpn .*→ subnet MnSub \(10\.0\.0\.0\/24\) → MnVpc#main-route-table 10\.0\.0\.0\/16 local → subnet MnVpc#subnets-outside-the-output\./)]);
  });

  test('labelled, the same VPN is a zone: MN-1 judges it, not GUARD-1; an unknown label is no label, and refused itself (the label vocabulary)', () => {
    const labelled = cfn(vpn('SECURITY_CLOUD'));
    expect(findings(labelled, 'GUARD-1')).toEqual([]);
    expect(findings(labelled, 'MN-1')).toEqual([expect.stringMatching(/traffic entering from the security cloud/)]);
    expect(findings(cfn(vpn('SOMEWHERE')), 'GUARD-1')).toEqual([
      expect.stringMatching(/^\[MnSub\] GUARD-1 .*traffic entering through VPN Vpn/),
      expect.stringMatching(/^\[Vpn\] GUARD-1 .*Tags \(jichitai:zone\) could not be resolved: "SOMEWHERE" is not a value of the label jichitai:zone/),
    ]);
  });

  test('an entry whose table reaches only the Internet segment, or that no table holds: no finding', () => {
    expect(findings(cfn(vpn(), 'In'), 'GUARD-1')).toEqual([]);
    expect(findings(cfn({ Vpn: vpn().Vpn }), 'GUARD-1')).toEqual([]);
  });

  test('an attachment by id whose table carries no zone label, and a peering attachment: refused; the table labelled: a zone', () => {
    expect(findings(cfn(associate('tgw-attach-0123456789abcdef0')), 'GUARD-1'))
      .toEqual([expect.stringMatching(/traffic entering through transit gateway attachment tgw-attach-0123456789abcdef0 \(outside the synthesized output; its route tables carry no one zone label\) reaches this My Number subnet/)]);
    expect(findings(cfn(associate('tgw-attach-0123456789abcdef0'), 'Mn', { 'jichitai:zone': 'LGWAN_WAN' }), 'GUARD-1')).toEqual([]);
    const peering = { Peer: { Type: 'AWS::EC2::TransitGatewayPeeringAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, PeerTransitGatewayId: 'tgw-0fedcba9876543210', PeerAccountId: '111122223333', PeerRegion: 'ap-northeast-3' } } };
    expect(findings(cfn({ ...peering, ...associate({ Ref: 'Peer' }) }), 'GUARD-1'))
      .toEqual([expect.stringMatching(/traffic entering through transit gateway peering attachment Peer \(the peer gateway's networks\) reaches this My Number subnet/)]);
  });

  test('Terraform: a VPN connection on the transit gateway without a zone label', () => {
    const graph = (tags: Record<string, string>) => extractTerraform({
      t: {
        resource: {
          aws_ec2_transit_gateway: { tgw: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
          aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
          aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
          aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] } },
          aws_ec2_transit_gateway_route_table: { t: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
          aws_ec2_transit_gateway_route_table_propagation: { p: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}' } },
          aws_vpn_connection: { v: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', customer_gateway_id: 'cgw-0123456789abcdef0', type: 'ipsec.1', tags } },
          aws_ec2_transit_gateway_route_table_association: { v: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: '${aws_vpn_connection.v.transit_gateway_attachment_id}' } },
        },
      },
    });
    expect(findings(graph({}), 'GUARD-1')).toEqual([expect.stringMatching(/^\[aws_subnet\.mn\] GUARD-1 critical .*traffic entering through VPN aws_vpn_connection\.v \(no known jichitai:zone label\) reaches this My Number subnet/)]);
    expect(findings(graph({ 'jichitai:zone': 'LGWAN_WAN' }), 'GUARD-1')).toEqual([]);
  });
});

describe('attachments that other resources make, and default tables named by their own resources (GUARD-1)', () => {
  /** A My Number VPC on a gateway `gateway` (Terraform arguments), its attachment with `mnAttachment`, and `more` resources. */
  type Args = Record<string, unknown>;
  const tf = (gateway: Args, more: Record<string, Args>, mnAttachment: Args = {}) => extractTerraform({
    t: {
      resource: {
        aws_ec2_transit_gateway: { tgw: gateway },
        aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
        aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'], ...mnAttachment } },
        ...more,
      },
    },
  });
  const DEFAULTS_ON = {};
  const dx = { aws_dx_gateway_association: { dx: { dx_gateway_id: 'a1b2c3d4-0000-0000-0000-000000000000', associated_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } } };
  const REACHES_MN = /^\[aws_subnet\.mn\] GUARD-1 critical .*reaches this My Number subnet \(10\.0\.1\.0\/24\)/;

  test('a Direct Connect gateway association joins the default association table: its networks reach My Number (both engines)', () => {
    expect(findings(tf(DEFAULTS_ON, dx), 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[aws_subnet\.mn\] GUARD-1 critical .*traffic entering through Direct Connect gateway association aws_dx_gateway_association\.dx \(the networks behind the Direct Connect gateway\) reaches this My Number subnet/));
    // Without it, nothing enters: no GUARD-1 (SEG-1 judges the default tables, acknowledgeable).
    expect(findings(tf(DEFAULTS_ON, {}), 'GUARD-1')).toEqual([]);
    // With default association off, the association joins no table: nothing enters.
    expect(findings(tf({ default_route_table_association: 'disable' }, dx), 'GUARD-1')).toEqual([]);
    // A proposal in the transit gateway owner's account is the same association; one with a VPN gateway is that gateway's business.
    expect(findings(tf(DEFAULTS_ON, { aws_dx_gateway_association_proposal: { p: { ...dx.aws_dx_gateway_association.dx, dx_gateway_owner_account_id: '111122223333' } } }), 'GUARD-1'))
      .toContainEqual(expect.stringMatching(/Direct Connect gateway association aws_dx_gateway_association_proposal\.p .* reaches this My Number subnet/));
    expect(findings(tf(DEFAULTS_ON, { aws_dx_gateway_association: { dx: { dx_gateway_id: 'x', associated_gateway_id: 'vgw-0123456789abcdef0' } } }), 'GUARD-1')).toEqual([]);

    const cfnDx = extractCloudFormation({
      S: {
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: SEG, Value: 'MY_NUMBER' }] } },
          Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
          Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
          Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: 'Vpc' }, SubnetIds: [{ Ref: 'Sub' }] } },
          Dx: { Type: 'AWS::DirectConnect::DirectConnectGatewayAssociation', Properties: { DirectConnectGatewayId: 'a1b2c3d4-0000-0000-0000-000000000000', AssociatedGatewayId: { Ref: 'Tgw' } } },
        },
      },
    });
    expect(findings(cfnDx, 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[Sub\] GUARD-1 critical .*traffic entering through Direct Connect gateway association Dx .*reaches this My Number subnet/));
  });

  test('Terraform: a default association table named by its own resource is where an attachment without an association goes', () => {
    // My Number propagates into `shared` only; the gateway's default propagation is off, so its implicit table is empty.
    const shared = (named: boolean) => tf({ default_route_table_propagation: 'disable' }, {
      ...dx,
      aws_ec2_transit_gateway_route_table: { shared: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
      aws_ec2_transit_gateway_route_table_propagation: {
        p: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.shared.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}' },
      },
      ...(named ? {
        aws_ec2_transit_gateway_default_route_table_association: {
          d: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.shared.id}' },
        },
      } : {}),
    }, { transit_gateway_default_route_table_association: false });
    expect(findings(shared(false), 'GUARD-1')).toEqual([]);
    expect(findings(shared(true), 'GUARD-1')).toEqual([expect.stringMatching(REACHES_MN)]);
  });

  test('Terraform: an accepter of another account\'s attachment is an entry on any gateway of the output; of one in the output, it sets its switches', () => {
    const accepter = (attachment: string, association?: boolean) => ({
      aws_ec2_transit_gateway_vpc_attachment_accepter: {
        a: {
          transit_gateway_attachment_id: attachment,
          ...(association === undefined ? {} : { transit_gateway_default_route_table_association: association }),
        },
      },
    });
    expect(findings(tf(DEFAULTS_ON, accepter('tgw-attach-0123456789abcdef0')), 'GUARD-1')).toContainEqual(expect.stringMatching(
      /^\[aws_subnet\.mn\] GUARD-1 critical .*traffic entering through transit gateway VPC attachment aws_ec2_transit_gateway_vpc_attachment_accepter\.a \(its VPC is outside the synthesized output\) reaches this My Number subnet/));
    expect(findings(tf(DEFAULTS_ON, accepter('tgw-attach-0123456789abcdef0', false)), 'GUARD-1')).toEqual([]);
    // Accepting the output's own attachment: the accepter stands for it, and its switch keeps it out of the default table.
    const own = (association: boolean) => tf(DEFAULTS_ON, accepter('${aws_ec2_transit_gateway_vpc_attachment.mn.id}', association)).nodes.get('aws_ec2_transit_gateway.tgw#default-route-table') as any;
    expect(own(true).associations).toEqual([{ kind: 'node', id: 'aws_ec2_transit_gateway_vpc_attachment.mn' }]);
    expect(own(false).associations).toEqual([]);
    // Accepting something that is no attachment cannot be placed: unresolved, not dropped.
    expect(findings(tf(DEFAULTS_ON, accepter('${aws_vpc.mn.id}')), 'GUARD-1')).toContainEqual(expect.stringMatching(
      /^\[aws_ec2_transit_gateway_vpc_attachment_accepter\.a\] GUARD-1 critical .*transit_gateway_attachment_id could not be resolved: aws_vpc\.mn is a vpc, not a transit-attachment/));
  });

  test('a VPC attachment whose VPC the output does not hold is an unplaced entry', () => {
    const other = { Other: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: 'vpc-0123456789abcdef0', SubnetIds: ['subnet-0123456789abcdef0'] } } };
    expect(findings(cfn({ ...other, ...associate({ Ref: 'Other' }) }), 'GUARD-1')).toEqual([expect.stringMatching(
      /^\[MnSub\] GUARD-1 critical .*traffic entering through transit gateway VPC attachment Other \(its VPC is outside the synthesized output\) reaches this My Number subnet/)]);
    expect(findings(cfn(other), 'GUARD-1')).toEqual([]);
  });
});

describe('a transit gateway shared with other accounts (GUARD-1)', () => {
  const shared = (gateway: Record<string, unknown>, share: 'ram' | 'auto' | 'none') => extractCloudFormation({
    S: {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: SEG, Value: 'MY_NUMBER' }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
        Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { ...gateway, ...(share === 'auto' ? { AutoAcceptSharedAttachments: 'enable' } : {}) } },
        Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: 'Vpc' }, SubnetIds: [{ Ref: 'Sub' }] } },
        ...(share === 'ram' ? {
          Share: {
            Type: 'AWS::RAM::ResourceShare',
            Properties: { Name: 'tgw', Principals: ['111122223333'], ResourceArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:transit-gateway/${Tgw}' }] },
          },
        } : {}),
      },
    },
  });
  const SHARED = /^\[Sub\] GUARD-1 critical .*traffic entering through the attachments other accounts make on transit gateway Tgw \(shared by (Share|Tgw)\) reaches this My Number subnet/;

  test('with the default tables on, what other accounts attach joins them: refused, shared by a RAM share or by accepting automatically', () => {
    expect(findings(shared({}, 'ram'), 'GUARD-1')).toContainEqual(expect.stringMatching(SHARED));
    expect(findings(shared({}, 'auto'), 'GUARD-1')).toContainEqual(expect.stringMatching(SHARED));
    // Not shared: the template is the account's whole truth (SEG-1 judges the default tables).
    expect(findings(shared({}, 'none'), 'GUARD-1')).toEqual([]);
    // Shared without default tables: another account's attachment joins only a table that associates it by id (read as such).
    expect(findings(shared({ DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' }, 'ram'), 'GUARD-1')).toEqual([]);
  });

  test('Terraform: a RAM resource association naming the gateway\'s ARN', () => {
    const graph = (shareIt: boolean) => extractTerraform({
      t: {
        resource: {
          aws_ec2_transit_gateway: { tgw: {} },
          aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
          aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
          aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] } },
          aws_ram_resource_share: { s: { name: 'tgw' } },
          ...(shareIt ? { aws_ram_resource_association: { a: { resource_arn: '${aws_ec2_transit_gateway.tgw.arn}', resource_share_arn: '${aws_ram_resource_share.s.arn}' } } } : {}),
        },
      },
    });
    expect(findings(graph(true), 'GUARD-1')).toContainEqual(expect.stringMatching(
      /^\[aws_subnet\.mn\] GUARD-1 critical .*the attachments other accounts make on transit gateway aws_ec2_transit_gateway\.tgw \(shared by aws_ram_resource_association\.a\) reaches this My Number subnet/));
    expect(findings(graph(false), 'GUARD-1')).toEqual([]);
  });
});

describe('a VPC peering with a VPC outside the output (GUARD-1)', () => {
  const peered = (peer: unknown, segment = 'MY_NUMBER', acl = false) => extractCloudFormation({
    S: {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: SEG, Value: segment }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
        Peer: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'Vpc' }, PeerVpcId: peer, PeerOwnerId: '111122223333' } },
        ...(acl ? {
          Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
          AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { NetworkAclId: { Ref: 'Acl' }, SubnetId: { Ref: 'Sub' } } },
        } : {}),
      },
    },
  });

  test('what the peer sends is delivered by the local route: refused where it reaches a My Number or LGWAN subnet, with the fix', () => {
    expect(findings(peered('vpc-0123456789abcdef0'), 'GUARD-1')).toEqual([expect.stringMatching(new RegExp('^\\[Sub\\] GUARD-1 critical .*traffic entering through VPC peering Peer '
      + '\\(the peer VPC vpc-0123456789abcdef0 is outside the synthesized output\\) reaches this My Number subnet \\(10\\.0\\.1\\.0/24\\)\\. peering Peer → subnet Sub .*Fix: remove the peering'))]);
    expect(findings(peered('vpc-0123456789abcdef0', 'LGWAN'), 'GUARD-1')).toEqual([expect.stringMatching(/reaches this LGWAN subnet/)]);
    expect(findings(peered('vpc-0123456789abcdef0', 'INTERNET'), 'GUARD-1')).toEqual([]);
    // A custom NACL without entries denies what enters: nothing arrives.
    expect(findings(peered('vpc-0123456789abcdef0', 'MY_NUMBER', true), 'GUARD-1')).toEqual([]);
  });
});

describe('an association naming what is no transit gateway attachment the guard models (GUARD-1)', () => {
  const CORE = 'core-network-0123456789abcdef0';
  const cloudWan = { Peering: { Type: 'AWS::NetworkManager::TransitGatewayPeering', Properties: { CoreNetworkId: CORE, TransitGatewayArn: { 'Fn::Sub': 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:transit-gateway/${Tgw}' } } } };
  const byPeering = { ...cloudWan, ...associate({ 'Fn::GetAtt': ['Peering', 'TransitGatewayPeeringAttachmentId'] }) };
  const all = (g: TopologyGraph) => checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && !f.path.endsWith(OUTSIDE));

  test('a Cloud WAN peering of the transit gateway: what the core network sends reaches My Number, named, in Japanese too', () => {
    expect(findings(cfn(byPeering), 'GUARD-1')).toEqual([expect.stringMatching(new RegExp('^\\[MnSub\\] GUARD-1 critical .*traffic entering through Cloud WAN transit gateway peering Peering '
      + `\\(the networks of core network ${CORE}\\) reaches this My Number subnet \\(10\\.0\\.0\\.0/24\\)\\. attachment Peering \\(unplaced\\) → Table 10\\.0\\.0\\.0/16`))]);
    expect(findings(cfn(byPeering), 'GUARD-1')).toEqual([expect.stringMatching(/Fix: associate the transit gateway route table only with attachments the guard reads/)]);
    const ja = formatFindingIn(all(cfn(byPeering))[0], GuardLanguage.JAPANESE);
    expect(ja).toMatch(new RegExp(`Cloud WAN の Transit Gateway ピアリング Peering（コアネットワーク ${CORE} の先のネットワーク）から入る通信が`));
    expect(englishRun(ja)).toBeUndefined();
    // Its table reaching only the Internet segment: nothing to report. A zone label on the table does not place a resource of the output.
    expect(findings(cfn(byPeering, 'In'), 'GUARD-1')).toEqual([]);
    expect(findings(cfn(byPeering, 'Mn', { 'jichitai:zone': 'LGWAN_WAN' }), 'GUARD-1')).toEqual([expect.stringMatching(/^\[MnSub\] .*Cloud WAN transit gateway peering Peering/)]);
  });

  test('a propagation from the Cloud WAN peering, routed to from My Number, leads where the guard cannot follow (MN-1); no value is unresolved', () => {
    const g = cfn({
      ...byPeering,
      MnAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: { Ref: 'MnAtt' } } },
      PeeringProp: {
        Type: 'AWS::EC2::TransitGatewayRouteTablePropagation',
        Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: { 'Fn::GetAtt': ['Peering', 'TransitGatewayPeeringAttachmentId'] } },
      },
      MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } } },
      MnRtAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
      MnDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: { Ref: 'Tgw' } } },
    });
    expect(findings(g, 'MN-1')).toContainEqual(expect.stringMatching(
      new RegExp(`may reach everywhere: Cloud WAN transit gateway peering Peering leads to core network ${CORE}, where the guard cannot follow`)));
    expect(g.unresolved).toEqual([]);
  });

  test('a resource the guard does not read, one of another type, a value it cannot resolve: each an unplaced entry, in Japanese too', () => {
    const unread = { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...unread, ...associate({ 'Fn::GetAtt': ['Topic', 'TopicArn'] }) }, /traffic entering through Topic \(a resource the guard does not read, associated as a transit gateway attachment\) reaches this My Number subnet/],
      [associate({ Ref: 'MnVpc' }), /traffic entering through MnVpc \(a vpc, associated as a transit gateway attachment\) reaches this My Number subnet/],
      [associate({ 'Fn::ImportValue': 'Other-AttachmentId' }),
        /traffic entering through a transit gateway attachment the guard cannot resolve \(Fn::ImportValue "Other-AttachmentId" names no export of the stacks the guard was given\) reaches this My Number subnet/],
    ];
    for (const [entry, reaches] of cases) {
      const found = all(cfn(entry));
      expect(found.filter((f) => f.path === 'MnSub').map(formatFinding)).toEqual([expect.stringMatching(reaches)]);
      for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
    }
    // Named by a VPN gateway's id (another type), the entry is no gateway of the VPC: the fix is the association's, not detaching the gateway.
    const vgw = { Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } }, ...associate({ Ref: 'Vgw' }) };
    expect(findings(cfn(vgw), 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[MnSub\] .*traffic entering through Vgw \(a vpn-gateway, associated as a transit gateway attachment\).*Fix: associate the transit gateway route table only/));
    // The value that names another type or cannot be resolved is reported where it is read, as before (once per property).
    expect(findings(cfn(associate({ Ref: 'MnVpc' })), 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[Table\] GUARD-1 .*MnVpc is a vpc, not a transit-attachment/));
    expect(findings(cfn(associate({ 'Fn::ImportValue': 'Other-AttachmentId' })), 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[Assoc\] GUARD-1 .*TransitGatewayAttachmentId could not be resolved/));
  });

  test('Cloud WAN\'s own association of a transit route table with the peering (a route table attachment, the table by ARN): the same entry', () => {
    const byArn = (arn: unknown) => ({
      ...cloudWan,
      CwRtAtt: { Type: 'AWS::NetworkManager::TransitGatewayRouteTableAttachment', Properties: { PeeringId: { Ref: 'Peering' }, TransitGatewayRouteTableArn: arn } },
    });
    const reaches = new RegExp(`^\\[MnSub\\] GUARD-1 critical .*traffic entering through Cloud WAN transit gateway peering Peering \\(the networks of core network ${CORE}\\) reaches this My Number subnet`);
    for (const arn of [
      { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:transit-gateway-route-table/${Table}' },
      { 'Fn::Join': ['', ['arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway-route-table/', { Ref: 'Table' }]] },
    ]) expect(findings(cfn(byArn(arn)), 'GUARD-1')).toContainEqual(expect.stringMatching(reaches));
    // A table the guard cannot tell: unresolved where it is read.
    expect(findings(cfn(byArn({ 'Fn::ImportValue': 'TableArn' })), 'GUARD-1')).toContainEqual(expect.stringMatching(/^\[CwRtAtt\] GUARD-1 .*TransitGatewayRouteTableArn could not be resolved/));
  });

  test('control: an association with a VPC attachment the guard models is no entry', () => {
    expect(findings(cfn(associate({ Ref: 'InAtt' })), 'GUARD-1')).toEqual([]);
    expect(findings(cfn(associate({ Ref: 'MnAtt' })), 'GUARD-1')).toEqual([]);
  });

  test('Terraform: a Cloud WAN peering, a resource the guard does not read; the VPC attachment as control', () => {
    const graph = (attachment: string | undefined, more: Record<string, unknown> = {}) => extractTerraform({
      t: {
        resource: {
          aws_ec2_transit_gateway: { tgw: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
          aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
          aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
          aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] } },
          aws_networkmanager_transit_gateway_peering: { p: { core_network_id: CORE, transit_gateway_arn: '${aws_ec2_transit_gateway.tgw.arn}' } },
          aws_sns_topic: { r: {} },
          aws_ec2_transit_gateway_route_table: { t: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
          aws_ec2_transit_gateway_route_table_propagation: { p: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}' } },
          ...(attachment !== undefined ? {
            aws_ec2_transit_gateway_route_table_association: { a: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: attachment } },
          } : {}),
          ...more,
        },
      },
    });
    expect(findings(graph('${aws_networkmanager_transit_gateway_peering.p.transit_gateway_peering_attachment_id}'), 'GUARD-1')).toEqual([expect.stringMatching(new RegExp(
      `^\\[aws_subnet\\.mn\\] GUARD-1 critical .*traffic entering through Cloud WAN transit gateway peering aws_networkmanager_transit_gateway_peering\\.p \\(the networks of core network ${CORE}\\) reaches this My Number subnet`))]);
    expect(findings(graph('${aws_sns_topic.r.arn}'), 'GUARD-1')).toEqual([expect.stringMatching(
      /^\[aws_subnet\.mn\] GUARD-1 critical .*traffic entering through aws_sns_topic\.r \(a resource the guard does not read, associated as a transit gateway attachment\)/)]);
    // Cloud WAN's own association of the table with the peering (a transit gateway route table attachment): the same entry.
    const byCloudWan = { aws_networkmanager_transit_gateway_route_table_attachment: { r: { peering_id: '${aws_networkmanager_transit_gateway_peering.p.id}', transit_gateway_route_table_arn: '${aws_ec2_transit_gateway_route_table.t.arn}' } } };
    // (And what it propagates into the table leads back into the core network, where the guard cannot follow.)
    expect(findings(graph(undefined, byCloudWan), 'GUARD-1')).toContainEqual(expect.stringMatching(new RegExp(
      `^\\[aws_subnet\\.mn\\] GUARD-1 critical .*traffic entering through Cloud WAN transit gateway peering aws_networkmanager_transit_gateway_peering\\.p \\(the networks of core network ${CORE}\\) reaches this My Number subnet`)));
    expect(findings(graph(undefined), 'GUARD-1')).toEqual([]);
    expect(findings(graph('${aws_ec2_transit_gateway_vpc_attachment.mn.id}'), 'GUARD-1')).toEqual([]);
  });
});

describe('a VPC attachment to a transit gateway the output does not hold (outside auditor, red team 38)', () => {
  /** A My Number VPC attached to transit gateway `gateway` (a literal id: shared from another account, or one of the output). */
  const found = (gateway: 'literal' | 'own') => {
    const tgw = gateway === 'literal' ? 'tgw-0123456789abcdef0' : { Ref: 'Tgw' };
    const resources: Record<string, unknown> = {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: tgw, VpcId: { Ref: 'Vpc' }, SubnetIds: [{ Ref: 'Sub' }] } },
      ...gateway === 'own' ? { Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} } } : {},
    };
    return checkTopology(extractCloudFormation({ S: { Resources: resources } as any }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1' && f.message.startsWith('traffic entering through') && !f.path.endsWith(OUTSIDE));
  };

  test('whatever that gateway\'s tables send enters the My Number VPC: GUARD-1, in English and in Japanese', () => {
    const entering = found('literal');
    expect(entering.map((f) => f.message)).toEqual([expect.stringMatching(
      /^traffic entering through transit gateway VPC attachment Att \(the networks on transit gateway tgw-0123456789abcdef0, outside the synthesized output\) reaches/)]);
    expect(englishRun(formatFindingIn(entering[0], GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('control: attached to a transit gateway of the output, with nothing else on it, nothing enters', () => {
    expect(found('own')).toEqual([]);
  });
});
