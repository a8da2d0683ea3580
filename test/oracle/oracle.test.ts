/**
 * Hand-written checks of the oracle. Every expectation is derived by hand from docs/guard-semantics.md (the section is
 * named in each test), not from running the code.
 */
import { allow, deny, NetBuilder } from './build';
import { Engine, SgRule } from './network';
import { oracleVerdicts, reachSummary, runOracle } from './oracle';
import { REGRESSIONS } from './regressions';
import { renderCloudFormation } from './render-cfn';
import { renderTerraform } from './render-tf';

const verdicts = (b: NetBuilder) => [...oracleVerdicts(b.net)].sort();

/** A My Number VPC whose one subnet sends everything to the transit gateway `tgw` (attached, associated with `mn-rt`). */
function myNumberSpoke(engine: Engine = 'cloudformation', dest = '0.0.0.0/0'): NetBuilder {
  return new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16')
    .subnet('mn-a', 'mn', '10.0.1.0/24')
    .table('mn-rt-a', 'mn', ['mn-a'])
    .route('mn-rt-a', dest, { kind: 'tgw', id: 'tgw' })
    .tgw('tgw')
    .attach('att-mn', 'tgw', 'mn', ['mn-a'])
    .tgwTable('tgw-mn', 'tgw', { associations: ['att-mn'] });
}

/** An Internet-segment VPC 10.2.0.0/16 with subnet inet-a 10.2.1.0/24, attached to `tgw`. */
function withInternetVpc(b: NetBuilder): NetBuilder {
  return b.vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24').attach('att-inet', 'tgw', 'inet', ['inet-a']);
}

describe('§5 transit gateway paths to zones', () => {
  test('MN default route → TGW → table with 52.0.0.0/8 → security-cloud VPN ⇒ MN-1', () => {
    const b = myNumberSpoke().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '52.0.0.0/8', 'vpn-sc');
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('the same, 52.0.0.0/8 blackholed by both /9 halves ⇒ no MN-1; one /9 only ⇒ MN-1', () => {
    const b = myNumberSpoke().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '52.0.0.0/8', 'vpn-sc')
      .tgwRoute('tgw-mn', '52.0.0.0/9', 'blackhole');
    expect(verdicts(b)).toEqual(['MN-1']);
    b.tgwRoute('tgw-mn', '52.128.0.0/9', 'blackhole');
    expect(verdicts(b)).toEqual([]);
  });

  test('a blackhole on the same prefix as the VPN route: both winners are followed ⇒ MN-1', () => {
    const b = myNumberSpoke().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '52.0.0.0/8', 'vpn-sc').tgwRoute('tgw-mn', '52.0.0.0/8', 'blackhole');
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('an LGWAN_WAN VPN is a zone the My Number segment may reach; an untagged one is unknown ⇒ MN-1 and MN-2', () => {
    // One WAN host: not a way out (MN-1), and narrow enough for MN-3's WAN part (§10).
    const lw = myNumberSpoke().vpn('vpn-lw', 'tgw', 'LGWAN_WAN').tgwRoute('tgw-mn', '10.99.0.10/32', 'vpn-lw');
    expect(verdicts(lw)).toEqual([]);
    // Every address: still no MN-1, but a run of more than 256 WAN addresses ⇒ MN-3 (WAN part).
    lw.net.tgwRoutes[0].destination = '0.0.0.0/0';
    expect(verdicts(lw)).toEqual(['MN-3']);
    const untagged = myNumberSpoke().vpn('vpn-x', 'tgw').tgwRoute('tgw-mn', '0.0.0.0/0', 'vpn-x');
    expect(verdicts(untagged)).toEqual(['MN-1', 'MN-2']);
  });

  test('a VPN propagation may announce any prefix: followed for every destination, even past a longer blackhole', () => {
    const b = myNumberSpoke().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '0.0.0.0/0', 'blackhole');
    expect(verdicts(b)).toEqual([]);
    b.net.tgwRouteTables[0].propagations.push('vpn-sc');
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('a blackhole on half a /24 leaves the other half ⇒ MN-2; both halves ⇒ nothing', () => {
    const b = withInternetVpc(myNumberSpoke()).tgwRoute('tgw-mn', '10.2.1.0/24', 'att-inet').tgwRoute('tgw-mn', '10.2.1.0/25', 'blackhole');
    expect(verdicts(b)).toEqual(['MN-2']);
    b.tgwRoute('tgw-mn', '10.2.1.128/25', 'blackhole');
    expect(verdicts(b)).toEqual([]);
  });

  test('the default route table with default association and propagation links My Number and Internet ⇒ MN-2', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('mn-rt', 'mn', ['mn-a'])
      .route('mn-rt', '10.2.0.0/16', { kind: 'tgw', id: 'tgw' })
      .tgw('tgw', { defaultAssociation: true, defaultPropagation: true })
      .attach('att-mn', 'tgw', 'mn', ['mn-a']);
    withInternetVpc(b);
    expect(verdicts(b)).toEqual(['MN-2']);
    // Default propagation off: the default table holds no route to the Internet VPC.
    b.net.transitGateways[0].defaultPropagation = false;
    expect(verdicts(b)).toEqual([]);
  });

  test('Terraform: an attachment that turns default propagation off propagates nothing; CloudFormation has no such flag', () => {
    for (const engine of ['terraform', 'cloudformation'] as const) {
      const b = new NetBuilder(engine)
        .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('mn-rt', 'mn', ['mn-a'])
        .route('mn-rt', '10.2.0.0/16', { kind: 'tgw', id: 'tgw' })
        .tgw('tgw', { defaultAssociation: true, defaultPropagation: true })
        .attach('att-mn', 'tgw', 'mn', ['mn-a'])
        .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24')
        .attach('att-inet', 'tgw', 'inet', ['inet-a'], { noDefaultPropagation: true });
      expect(verdicts(b)).toEqual(engine === 'terraform' ? [] : ['MN-2']);
    }
  });

  test('Terraform: an attachment that turns default association off has no route table ⇒ dropped', () => {
    const b = new NetBuilder('terraform')
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('mn-rt', 'mn', ['mn-a'])
      .route('mn-rt', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' })
      .tgw('tgw', { defaultAssociation: true, defaultPropagation: true })
      .attach('att-mn', 'tgw', 'mn', ['mn-a'], { noDefaultAssociation: true, noDefaultPropagation: true })
      .vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD');
    // att-mn does not propagate either, so what enters from the security cloud (the VPN uses the default table, §5) has no
    // route back into the My Number VPC: only mn-a's own path decides.
    expect(verdicts(b)).toEqual([]);
    delete b.net.tgwAttachments[0].defaultAssociation;
    // Associated with the default table, which receives the VPN's propagation (any prefix) ⇒ the security cloud.
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('Terraform: a static route in the implicit default table', () => {
    const b = new NetBuilder('terraform')
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('lg-rt', 'lg', ['lg-a'])
      .route('lg-rt', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' })
      .tgw('tgw', { defaultAssociation: true, defaultPropagation: false })
      .attach('att-lg', 'tgw', 'lg', ['lg-a'])
      .vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD');
    expect(verdicts(b)).toEqual([]);
    b.tgwRoute(b.implicitTable('tgw'), '8.8.8.8/32', 'vpn-sc');
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('AssociationDefaultRouteTableId (Terraform: its own resource) names the table an attachment without association uses', () => {
    const b = new NetBuilder('cloudformation')
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('mn-rt', 'mn', ['mn-a'])
      .route('mn-rt', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' })
      .tgw('tgw', { defaultAssociation: true }).attach('att-mn', 'tgw', 'mn', ['mn-a']).vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD')
      .tgwTable('named', 'tgw').tgwRoute('named', '52.0.0.0/8', 'vpn-sc');
    expect(verdicts(b)).toEqual([]); // the implicit default table is empty
    b.net.transitGateways[0].associationDefaultTable = 'named';
    expect(verdicts(b)).toEqual(['MN-1']);
    // Terraform names it with aws_ec2_transit_gateway_default_route_table_association (§5, last bullet): the same table.
    b.net.engine = 'terraform';
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('CloudFormation: PropagationDefaultRouteTableId names the table every attachment propagates into', () => {
    const b = withInternetVpc(myNumberSpoke());
    b.net.transitGateways[0].defaultPropagation = true;
    expect(verdicts(b)).toEqual([]);
    b.net.transitGateways[0].propagationDefaultTable = 'tgw-mn';
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('a propagation carries every block of the VPC, secondary ones too', () => {
    const b = myNumberSpoke()
      .vpc('inet', 'INTERNET', '10.2.0.0/16', { secondary: ['100.64.0.0/20'] }).subnet('inet-x', 'inet', '100.64.1.0/24')
      .attach('att-inet', 'tgw', 'inet', ['inet-x']);
    b.net.tgwRouteTables[0].propagations.push('att-inet');
    expect(verdicts(b)).toEqual(['MN-2']);
    // Each VPC's addresses no subnet holds are the outside subnet's (§2): inet's 10.2.0.0/16 too, over the propagation.
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['inet#subnets-outside-the-output', 'inet-x', 'mn#subnets-outside-the-output', 'mn-a']);
  });

  test('a static route wins over a propagated one of the same length, not over a longer one', () => {
    const b = withInternetVpc(myNumberSpoke()).tgwRoute('tgw-mn', '10.2.0.0/16', 'blackhole');
    b.net.tgwRouteTables[0].propagations.push('att-inet');
    expect(verdicts(b)).toEqual([]);
    // A longer static blackhole on the upper half leaves inet-a (10.2.1.0/24, lower half) to the propagated route.
    b.net.tgwRoutes[0].destination = '10.2.128.0/17';
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('a route to a transit gateway the VPC has no attachment to ends unknown ⇒ MN-1 and MN-2', () => {
    const b = myNumberSpoke();
    b.net.tgwAttachments = [];
    b.net.tgwRouteTables[0].associations = [];
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });

  test('arriving from a transit gateway passes no NACL; routing on from the attachment subnet passes its outbound and the next inbound', () => {
    const b = withInternetVpc(myNumberSpoke()).tgwRoute('tgw-mn', '10.2.0.0/16', 'att-inet')
      .subnet('inet-b', 'inet', '10.2.2.0/24')
      .nacl('closed', 'inet', [], ['inet-a']);
    // inet-a denies everything, yet the packets to inet-a arrive (no NACL on arrival) ⇒ MN-2; inet-b is cut by inet-a's
    // outbound entries.
    expect(verdicts(b)).toEqual(['MN-2']);
    // (mn's addresses no subnet holds, §2: the outside subnet, delivered locally.)
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['inet-a', 'mn#subnets-outside-the-output', 'mn-a']);
    b.net.nacls[0].entries.push(allow(100, true, '0.0.0.0/0'));
    // inet-a's outbound entries open: on to inet-b and to inet's addresses no subnet holds.
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['inet#subnets-outside-the-output', 'inet-a', 'inet-b', 'mn#subnets-outside-the-output', 'mn-a']);
  });

  test('leaving for the gateway passes the source subnet\'s outbound and the attachment subnet\'s inbound entries', () => {
    const b = withInternetVpc(myNumberSpoke()).tgwRoute('tgw-mn', '10.2.0.0/16', 'att-inet')
      .subnet('mn-tgw', 'mn', '10.0.9.0/28')
      .nacl('closed-in', 'mn', [allow(100, true, '0.0.0.0/0')], ['mn-tgw']);
    b.net.tgwAttachments[0].subnets = ['mn-tgw'];
    expect(verdicts(b)).toEqual([]);
    // mn-tgw itself sends through its own attachment interface: its outbound entries on the destination and its inbound
    // entries on the source both apply (AWS Transit Gateway guide, "Network ACLs for transit gateways", "Same subnet for
    // EC2 instances and transit gateway association"), and its inbound entries let nothing in.
    b.net.subnets.find((s) => s.id === 'mn-tgw')!.routeTable = 'mn-rt-a';
    expect(verdicts(b)).toEqual([]);
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['mn#subnets-outside-the-output', 'mn-a']);
    // Its inbound entries opened to its own block: mn-tgw reaches the Internet VPC (mn-a still does not).
    b.net.nacls.find((n) => n.id === 'closed-in')!.entries.push(allow(100, false, '10.0.9.0/28'));
    expect(verdicts(b)).toEqual(['MN-2']);
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['mn#subnets-outside-the-output', 'mn-a']);
  });
});

describe('§4 route targets', () => {
  test('a network-interface target is unknown, which reaches everywhere ⇒ MN-1 and MN-2', () => {
    const b = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('rt', 'mn', ['mn-a'])
      .route('rt', '192.168.0.0/16', { kind: 'eni', eni: 'eni-0abc1234def567890' });
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });

  test('an unknown end is not narrowed by the NACL of the subnet it leaves', () => {
    const b = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['lg-a'])
      .route('rt', '0.0.0.0/0', { kind: 'eni', eni: 'eni-0abc1234def567890' })
      .nacl('closed', 'lg', [], ['lg-a']);
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('::/0 → TGW → egress VPC → egress-only internet gateway ⇒ MN-1', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16', { ipv6: '2001:db8:1::/56' }).subnet('mn-a', 'mn', '10.0.1.0/24', { ipv6: '2001:db8:1:1::/64' })
      .table('mn-rt', 'mn', ['mn-a']).route('mn-rt', '::/0', { kind: 'tgw', id: 'tgw' })
      .vpc('egress', 'INTERNET', '10.9.0.0/16', { ipv6: '2001:db8:9::/56' }).subnet('eg-a', 'egress', '10.9.1.0/24')
      .table('eg-rt', 'egress', ['eg-a']).route('eg-rt', '::/0', { kind: 'eigw', id: 'eigw' }).eigw('eigw', 'egress')
      .tgw('tgw').attach('att-mn', 'tgw', 'mn', ['mn-a']).attach('att-eg', 'tgw', 'egress', ['eg-a'])
      .tgwTable('tgw-mn', 'tgw', { associations: ['att-mn'] }).tgwRoute('tgw-mn', '::/0', 'att-eg');
    // The egress VPC's own IPv6 block is held by no subnet of the output: the outside subnet's (§2), an Internet-segment
    // subnet ⇒ MN-2 as well.
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    // A literal block outside 2000::/3 is not the internet.
    b.net.vpcs[0].ipv6Cidr = 'fd00:1::/56';
    b.net.subnets[0].ipv6Cidr = 'fd00:1:0:1::/64';
    b.net.vpcs[1].ipv6Cidr = 'fd00:9::/56';
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']); // the rest of the IPv6 space still includes 2000::/3
    b.net.tgwRoutes[0].destination = 'fc00::/7';
    // fc00::/7 holds the egress VPC's block, held by its outside subnet (§2): MN-2 only.
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('IPv6 through a NAT gateway (NAT64) is unknown ⇒ LG-1', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-nat', 'lg', '10.1.2.0/24')
      .table('rt', 'lg', ['lg-a']).route('rt', '64:ff9b::/96', { kind: 'nat', id: 'nat' }).nat('nat', 'lg-nat', true);
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('NAT → its subnet\'s table → IGW ⇒ LG-1; the NAT subnet\'s inbound NACL sees the original source', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-pub', 'lg', '10.1.2.0/24')
      .table('rt-a', 'lg', ['lg-a']).route('rt-a', '0.0.0.0/0', { kind: 'nat', id: 'nat' }).nat('nat', 'lg-pub')
      .table('rt-pub', 'lg', ['lg-pub']).route('rt-pub', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'lg');
    expect(verdicts(b)).toEqual(['LG-1']);
    // Inbound: deny the source subnet 10.1.1.0/24, allow the rest; outbound: allow all.
    b.nacl('pub', 'lg', [deny(10, false, '10.1.1.0/24'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['lg-pub']);
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(false);
    // lg-pub's own hosts still go out through the IGW ⇒ LG-1 from lg-pub.
    expect(verdicts(b)).toEqual(['LG-1']);
    expect(reachSummary(b.net).get('lg-pub')!.internet).toBe(true);
  });

  test('§2: an instance with its source/destination check off in the source subnet sends past a NACL that denies its block', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-pub', 'lg', '10.1.2.0/24')
      .table('rt-a', 'lg', ['lg-a']).route('rt-a', '0.0.0.0/0', { kind: 'nat', id: 'nat' }).nat('nat', 'lg-pub')
      .table('rt-pub', 'lg', ['lg-pub']).route('rt-pub', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'lg')
      .nacl('pub', 'lg', [deny(10, false, '10.1.1.0/24'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['lg-pub']);
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(false);
    b.forwarder('router', 'lg-a', 'interface', true);
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(true);
    // Denied by destination instead (outbound of lg-a), nothing it sends gets out.
    b.nacl('a-out', 'lg', [deny(10, true, '0.0.0.0/0'), allow(10, false, '0.0.0.0/0')], ['lg-a']);
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(false);
  });

  test('firewall → NAT → IGW chain in an inspection VPC behind the transit gateway ⇒ MN-1', () => {
    const b = myNumberSpoke().tgwRoute('tgw-mn', '0.0.0.0/0', 'att-insp')
      .vpc('insp', 'INTERNET', '10.8.0.0/16')
      .subnet('insp-tgw', 'insp', '10.8.0.0/28').subnet('insp-fw', 'insp', '10.8.0.16/28').subnet('insp-pub', 'insp', '10.8.1.0/24')
      .attach('att-insp', 'tgw', 'insp', ['insp-tgw'])
      .table('insp-rt-tgw', 'insp', ['insp-tgw']).route('insp-rt-tgw', '0.0.0.0/0', { kind: 'firewall', id: 'fw' })
      .firewall('fw', 'insp', ['insp-fw'])
      .table('insp-rt-fw', 'insp', ['insp-fw']).route('insp-rt-fw', '0.0.0.0/0', { kind: 'nat', id: 'nat' })
      .nat('nat', 'insp-pub')
      .table('insp-rt-pub', 'insp', ['insp-pub']).route('insp-rt-pub', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'insp');
    // Also reaches the inspection VPC's own subnets (Internet segment) ⇒ MN-2.
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    // Cut at the firewall subnet's outbound NACL: the NAT is never reached (but the firewall subnet itself is).
    b.nacl('fw-out', 'insp', [allow(10, false, '0.0.0.0/0')], ['insp-fw']);
    expect(reachSummary(b.net).get('mn-a')!.internet).toBe(false);
  });

  test('a GWLB endpoint is followed like a firewall endpoint', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-gw', 'lg', '10.1.2.0/24')
      .table('rt-a', 'lg', ['lg-a']).route('rt-a', '0.0.0.0/0', { kind: 'gwlb', id: 'gwlbe' }).gwlb('gwlbe', 'lg', 'lg-gw')
      .table('rt-gw', 'lg', ['lg-gw']).route('rt-gw', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw');
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('an internet gateway reaches only internet addresses (§9)', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['lg-a']).igw('igw', 'lg');
    for (const d of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '224.0.0.0/3']) {
      b.net.routes = [{ table: 'rt', destination: d, target: { kind: 'igw', id: 'igw' } }];
      expect(verdicts(b)).toEqual([]);
    }
    for (const d of ['52.0.0.0/8', '172.32.0.0/11', '100.128.0.0/9', '8.8.8.8/32']) {
      b.net.routes = [{ table: 'rt', destination: d, target: { kind: 'igw', id: 'igw' } }];
      expect(verdicts(b)).toEqual(['LG-1']);
    }
  });

  test('a virtual private gateway reaches the zone of its tag; untagged is unknown', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['lg-a'])
      .route('rt', '0.0.0.0/0', { kind: 'vgw', id: 'vgw' }).vgw('vgw', 'lg', 'LGWAN_WAN');
    expect(verdicts(b)).toEqual([]);
    b.net.vpnGateways[0].zone = 'SECURITY_CLOUD';
    expect(verdicts(b)).toEqual(['LG-1']);
    delete b.net.vpnGateways[0].zone;
    expect(verdicts(b)).toEqual(['LG-1']);
    expect(reachSummary(b.net).get('lg-a')!.unknown).toBe(true);
  });

  test('peering is not transitive', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24')
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24')
      .peering('p1', 'mn', 'lg').peering('p2', 'lg', 'inet')
      .table('mn-rt', 'mn', ['mn-a']).route('mn-rt', '10.0.0.0/8', { kind: 'pcx', id: 'p1' })
      .table('lg-rt', 'lg', ['lg-a']).route('lg-rt', '10.2.0.0/16', { kind: 'pcx', id: 'p2' });
    // mn-a reaches LGWAN's subnet (the whole of it: MN-3 path part), and the VPC addresses no subnet holds (§2), but not
    // the Internet VPC through it.
    expect(reachSummary(b.net).get('mn-a')!.subnets).toEqual(['lg#subnets-outside-the-output', 'lg-a', 'mn#subnets-outside-the-output', 'mn-a']);
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('longest prefix match: a local route beats a shorter explicit one; an explicit route of the local length replaces it', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-b', 'lg', '10.1.2.0/24')
      .table('rt', 'lg', ['lg-a']).route('rt', '10.0.0.0/8', { kind: 'eni', eni: 'eni-0123456789abcdef0' });
    // 10.1.2.x stays local; 10.0.x etc. go to the interface ⇒ unknown.
    expect(reachSummary(b.net).get('lg-a')).toEqual({ internet: false, zones: [], unknown: true, subnets: ['lg#subnets-outside-the-output', 'lg-a', 'lg-b'] });
    b.net.routes = [{ table: 'rt', destination: '10.1.0.0/16', target: { kind: 'igw', id: 'igw' } }];
    b.igw('igw');
    // The VPC block now goes to the IGW (not the internet: dropped); only the own subnet is delivered without routing.
    expect(reachSummary(b.net).get('lg-a')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['lg-a'] });
  });

  test('a destination inside the sending subnet\'s own block is delivered there without routing', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').table('rt', 'mn', ['mn-a'])
      .route('rt', '10.0.1.0/24', { kind: 'eni', eni: 'eni-0123456789abcdef0' });
    expect(verdicts(b)).toEqual([]);
  });

  test('an explicit route for the VPC\'s own block replaces the local route: to a peer VPC of the same block', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.0.0.0/16').subnet('lg-a', 'lg', '10.0.1.0/24').subnet('lg-b', 'lg', '10.0.2.0/24')
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-b', 'mn', '10.0.2.0/24')
      .peering('p', 'lg', 'mn').table('rt', 'lg', ['lg-a']).route('rt', '10.0.0.0/16', { kind: 'pcx', id: 'p' });
    // 10.0.2.0/24 is now the My Number subnet, whole ⇒ MN-3; the LGWAN subnet lg-b is no longer reached (the rest of
    // mn's block is its outside subnet's, §2).
    expect(reachSummary(b.net).get('lg-a')!.subnets).toEqual(['lg-a', 'mn#subnets-outside-the-output', 'mn-b']);
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('a route to an unattached internet gateway still reaches the internet', () => {
    const b = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['lg-a'])
      .route('rt', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw');
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('loops stop (§8)', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-b', 'lg', '10.1.2.0/24')
      .table('rt-a', 'lg', ['lg-a']).route('rt-a', '0.0.0.0/0', { kind: 'gwlb', id: 'e-b' }).gwlb('e-b', 'lg', 'lg-b')
      .table('rt-b', 'lg', ['lg-b']).route('rt-b', '0.0.0.0/0', { kind: 'nat', id: 'nat-a' }).nat('nat-a', 'lg-a');
    expect(verdicts(b)).toEqual([]);
  });
});

describe('§4 main route tables', () => {
  const lgwanMain = (engine: Engine) => new NetBuilder(engine)
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24')
    .table('lg-main', 'lg', [], { main: true }).route('lg-main', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'lg');

  test('Terraform: a route on the main table is used by a subnet without association; CloudFormation\'s main table has only local routes', () => {
    expect(verdicts(lgwanMain('terraform'))).toEqual(['LG-1']);
    expect(verdicts(lgwanMain('cloudformation'))).toEqual([]);
  });

  test('Terraform: with aws_main_route_table_association both the original and the new main table are followed', () => {
    const b = new NetBuilder('terraform')
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').subnet('lg-b', 'lg', '10.1.2.0/24')
      .table('other', 'lg', ['lg-b']).route('other', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'lg');
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(false);
    b.mainTable('lg', 'other');
    expect(reachSummary(b.net).get('lg-a')!.internet).toBe(true);
  });
});

describe('§4 route propagation from a VPN gateway', () => {
  /**
   * A My Number VPC 10.0.0.0/16 (secondary 100.64.0.0/20, IPv6 2001:db8:1::/56) with subnet m 10.0.1.0/24
   * (2001:db8:1::/64) on table rtm, subnet m2 100.64.0.0/24 on the main table, and a VPN gateway v attached to it.
   */
  const mn = (engine: Engine = 'cloudformation', zone: 'SECURITY_CLOUD' | 'LGWAN_WAN' | undefined = 'SECURITY_CLOUD') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16', { secondary: ['100.64.0.0/20'], ipv6: '2001:db8:1::/56' })
    .subnet('m', 'mn', '10.0.1.0/24', { ipv6: '2001:db8:1::/64' }).subnet('m2', 'mn', '100.64.0.0/24')
    .table('rtm', 'mn', ['m']).vgw('v', 'mn', zone);
  /** m's NACL: out to the VPC's three blocks (and `extra`), nothing in (so that what enters at v is not delivered to m). */
  const toOwnBlocks = (b: NetBuilder, extra: string[] = []) => b.nacl('n', 'mn',
    ['10.0.0.0/16', '100.64.0.0/20', '2001:db8:1::/56', ...extra].map((c, i) => allow(10 + i, true, c)), ['m']);

  test('a propagation with no static route to the gateway: every destination outside the VPC reaches its zone', () => {
    const b = mn();
    expect(reachSummary(b.net).get('m')!.zones).toEqual([]);
    b.propagate('rtm', 'v');
    // "in addition to its longest match": the local route still delivers m2.
    expect(reachSummary(b.net).get('m')).toEqual({ internet: false, zones: ['SECURITY_CLOUD'], unknown: false, subnets: ['m', 'm2', 'mn#subnets-outside-the-output'] });
    // Only the table that has the propagation: m2 (the main table) reaches no zone.
    expect(reachSummary(b.net).get('m2')!.zones).toEqual([]);
  });

  test('a My Number subnet whose inbound NACL stops what enters at the gateway: MN-1 only through the propagation', () => {
    // The NACL lets m send anywhere but lets nothing in: the SECURITY_CLOUD entry (§5) cannot arrive in m; m2 is not a
    // subnet of the VPC here, and m fills the VPC (no outside subnet to arrive in, §2).
    const b = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.1.0/24').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vgw('v', 'mn', 'SECURITY_CLOUD').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['m']);
    expect(verdicts(b)).toEqual([]);
    b.propagate('rtm', 'v');
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('inside the VPC\'s blocks (primary, secondary, IPv6) it adds nothing, even where an explicit route replaced the local one', () => {
    const b = toOwnBlocks(mn().propagate('rtm', 'v'));
    expect(reachSummary(b.net).get('m')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['m', 'm2', 'mn#subnets-outside-the-output'] });
    // The VPC's own block to an internet gateway (a non-internet destination: dropped): still no propagated route there.
    b.igw('i').route('rtm', '10.0.0.0/16', { kind: 'igw', id: 'i' });
    // (The secondary and IPv6 blocks stay local: m2 and the outside subnet's part of them, §2.)
    expect(reachSummary(b.net).get('m')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['m', 'm2', 'mn#subnets-outside-the-output'] });
    // One address outside: the propagated route takes it.
    const out = toOwnBlocks(mn().propagate('rtm', 'v'), ['8.8.8.8/32']);
    expect(reachSummary(out.net).get('m')!.zones).toEqual(['SECURITY_CLOUD']);
    // IPv6 outside the VPC's IPv6 block too.
    const out6 = toOwnBlocks(mn().propagate('rtm', 'v'), ['2001:db8:2::/64']);
    expect(reachSummary(out6.net).get('m')!.zones).toEqual(['SECURITY_CLOUD']);
  });

  test('a static route does not hide it: the longest match and the gateway are both followed', () => {
    const b = mn().igw('i', 'mn').route('rtm', '0.0.0.0/0', { kind: 'igw', id: 'i' }).propagate('rtm', 'v');
    const s = reachSummary(b.net).get('m')!;
    expect([s.internet, s.zones]).toEqual([true, ['SECURITY_CLOUD']]);
  });

  test('the leaving subnet\'s outbound NACL applies to a labelled gateway (§6)', () => {
    const b = mn().propagate('rtm', 'v').nacl('closed', 'mn', [], ['m']);
    expect(reachSummary(b.net).get('m')!.zones).toEqual([]);
  });

  test('an unlabelled gateway\'s propagation ends unknown, not narrowed by the leaving subnet\'s NACL ⇒ MN-1 and MN-2', () => {
    const b = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vgw('v', 'mn').nacl('closed', 'mn', [], ['m']);
    expect(verdicts(b)).toEqual([]);
    b.propagate('rtm', 'v');
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });

  test('a propagation from an LGWAN_WAN gateway: every WAN destination outside the VPC, a run of more than 256 ⇒ MN-3', () => {
    // Closed inbound NACL on m so that what enters from the WAN (§5) does not decide MN-3 by itself; m2 moved out. The VPC
    // is m's block: addresses no subnet holds would be the outside subnet's (§2), whose default NACL lets the gateway's
    // entry in, a /28 of them whole (§10) ⇒ MN-3 by itself.
    const b = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.1.0/24').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vgw('v', 'mn', 'LGWAN_WAN').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['m']);
    expect(verdicts(b)).toEqual([]);
    b.propagate('rtm', 'v');
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('CloudFormation cannot name the main table; Terraform can, and a subnet without association then uses it', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      const b = mn(engine).table('main', 'mn', [], { main: true }).propagate('main', 'v');
      expect(reachSummary(b.net).get('m2')!.zones).toEqual(engine === 'terraform' ? ['SECURITY_CLOUD'] : []);
      expect(reachSummary(b.net).get('m')!.zones).toEqual([]);
    }
  });

  test('Terraform: a table made main by aws_main_route_table_association carries its propagation to the subnets on the main table', () => {
    const b = mn('terraform').table('other', 'mn', []).propagate('other', 'v');
    expect(reachSummary(b.net).get('m2')!.zones).toEqual([]);
    b.mainTable('mn', 'other');
    expect(reachSummary(b.net).get('m2')!.zones).toEqual(['SECURITY_CLOUD']);
  });

  test('a packet routed on from a transit attachment subnet uses that subnet\'s table, propagation included', () => {
    // m → 52.0.0.0/8 → gateway → tgw-mn → att-inet, entering at ia; ia's table has only the local route and a propagation
    // from the Internet VPC's SECURITY_CLOUD gateway vi ⇒ the security cloud (MN-1). What enters at vi arrives in the
    // Internet segment only.
    const b = myNumberSpoke('cloudformation', '52.0.0.0/8').tgwRoute('tgw-mn', '52.0.0.0/8', 'att-inet')
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('ia', 'inet', '10.2.1.0/24').table('rti', 'inet', ['ia'])
      .attach('att-inet', 'tgw', 'inet', ['ia']).vgw('vi', 'inet', 'SECURITY_CLOUD');
    expect(verdicts(b)).toEqual([]);
    b.propagate('rti', 'vi');
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('explain: the reason names the propagated gateway', () => {
    const b = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vgw('v', 'mn', 'SECURITY_CLOUD').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['m']).propagate('rtm', 'v');
    expect(runOracle(b.net, { explain: true }).reasons.join('\n')).toMatch(/MN-1: m reaches SECURITY_CLOUD \(.*vgw v \(propagated\) → SECURITY_CLOUD/);
  });
});

describe('§4 route propagation from a VPC Route Server', () => {
  /** A My Number VPC 10.0.0.0/16 with subnet m 10.0.1.0/24 on table rtm, NACL closed both ways, and route server rs. */
  const mn = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .nacl('closed', 'mn', [], ['m']).routeServer('rs', 'mn');

  test('a table with a propagation ends unknown, not narrowed by the leaving subnet\'s NACL ⇒ MN-1 and MN-2', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      const b = mn(engine);
      // The server alone (associated, no propagation) puts nothing into any table.
      expect(verdicts(b)).toEqual([]);
      b.serverPropagate('rtm', 'rs');
      expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    }
  });

  test('besides the longest match: the local route and a static route are still followed', () => {
    const b = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').subnet('b', 'lg', '10.1.2.0/24')
      .table('rt', 'lg', ['a']).igw('i', 'lg').route('rt', '0.0.0.0/0', { kind: 'igw', id: 'i' }).routeServer('rs', 'lg')
      .serverPropagate('rt', 'rs');
    expect(reachSummary(b.net).get('a')).toEqual({ internet: true, zones: [], unknown: true, subnets: ['a', 'b', 'lg#subnets-outside-the-output'] });
    // Only the table that has the propagation: b (the main table) has only its local route.
    expect(reachSummary(b.net).get('b')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['a', 'b', 'lg#subnets-outside-the-output'] });
  });

  /**
   * An Internet-segment subnet i (10.2.1.0/24) routes `dest` over transit gateway t (table tt, associated with i's
   * attachment) to the LGWAN VPC's attachment, entering at la (10.1.9.0/28), whose table rtl has only its local route.
   */
  const intoLgwan = (dest: string) => new NetBuilder()
    .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').table('rti', 'inet', ['i'])
    .route('rti', dest, { kind: 'tgw', id: 't' })
    .vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: '2001:db8:1::/56' }).subnet('la', 'lg', '10.1.9.0/28').table('rtl', 'lg', ['la'])
    .tgw('t').attach('ai', 't', 'inet', ['i']).attach('al', 't', 'lg', ['la'])
    .tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', dest, 'al');

  test('inside the VPC\'s own blocks too (unlike a VPN gateway\'s propagation): what enters la for 10.1.3.x ends unknown', () => {
    // Without it, 10.1.3.x matches the local route 10.1.0.0/16 and no subnet of the output holds it: the outside
    // subnet's (§2), an arrival, not unknown.
    const none = intoLgwan('10.1.3.0/24');
    expect(reachSummary(none.net).get('i')!.unknown).toBe(false);
    // An unlabelled VPN gateway's propagation adds nothing inside the VPC's blocks.
    const vgw = intoLgwan('10.1.3.0/24').vgw('v', 'lg').propagate('rtl', 'v');
    expect(reachSummary(vgw.net).get('i')!.unknown).toBe(false);
    // A route server's may carry the VPC's own prefixes: unknown (§9: MN-2 for i; la's own walk gives LG-1).
    const rs = intoLgwan('10.1.3.0/24').routeServer('rs', 'lg').serverPropagate('rtl', 'rs');
    expect(reachSummary(rs.net).get('i')!.unknown).toBe(true);
    expect(verdicts(rs)).toEqual(['LG-1', 'MN-2']);
    // But a destination in la's own block is delivered there without routing (§4; as regressions.ts pins for a static route
    // of that block): the propagation is never looked up.
    const own = intoLgwan('10.1.9.4/32').routeServer('rs', 'lg').serverPropagate('rtl', 'rs');
    expect(reachSummary(own.net).get('i')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['i', 'inet#subnets-outside-the-output', 'la'] });
  });

  test('CloudFormation cannot name the main table; Terraform can, and a subnet without association then uses it', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
        .table('main', 'mn', [], { main: true }).routeServer('rs', 'mn').serverPropagate('main', 'rs');
      expect(verdicts(b)).toEqual(engine === 'terraform' ? ['MN-1', 'MN-2'] : []);
    }
  });

  test('what enters from the security cloud at an attachment subnet with a propagation ends unknown ⇒ MN-1 (a My Number subnet is present)', () => {
    // vpn-sc's table sends the Internet VPC's block to its attachment, entering at ia; ia's table propagates from rs.
    // mn-a is not connected to anything.
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('ia', 'inet', '10.2.9.0/28').table('rti', 'inet', ['ia'])
      .tgw('t').attach('ai', 't', 'inet', ['ia']).vpn('vpn-sc', 't', 'SECURITY_CLOUD')
      .tgwTable('tsc', 't', { associations: ['vpn-sc'] }).tgwRoute('tsc', '10.2.0.0/16', 'ai');
    expect(verdicts(b)).toEqual([]);
    b.routeServer('rs', 'inet').serverPropagate('rti', 'rs');
    // ia's own unknown end: MN-2 (an Internet-segment subnet); what enters from SECURITY_CLOUD: MN-1.
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });

  test('explain: the reason names the route server', () => {
    const b = mn().serverPropagate('rtm', 'rs');
    expect(runOracle(b.net, { explain: true }).reasons.join('\n')).toMatch(/MN-1: m reaches unknown \(.*route server rs \(propagated/);
  });
});

describe('§6 NACLs', () => {
  const lgwanIgw = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['lg-a'])
    .route('rt', '0.0.0.0/0', { kind: 'igw', id: 'igw' }).igw('igw', 'lg');

  test('an outbound deny cuts an internet gateway path; a deny of TCP alone does not', () => {
    const b = lgwanIgw().nacl('n', 'lg', [deny(10, true, '0.0.0.0/0'), allow(20, true, '0.0.0.0/0'), allow(10, false, '0.0.0.0/0')], ['lg-a']);
    expect(verdicts(b)).toEqual([]);
    b.net.nacls[0].entries[0] = deny(10, true, '0.0.0.0/0', 'tcp', [0, 65535]);
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('rule order decides, not list order; no match denies; inbound entries play no part toward the IGW', () => {
    const b = lgwanIgw().nacl('n', 'lg', [allow(200, true, '0.0.0.0/0'), deny(100, true, '0.0.0.0/0')], ['lg-a']);
    expect(verdicts(b)).toEqual([]);
    b.net.nacls[0].entries = [deny(100, false, '0.0.0.0/0'), allow(200, true, '8.8.8.0/24')];
    expect(verdicts(b)).toEqual(['LG-1']);
    b.net.nacls[0].entries = [allow(200, true, '10.0.0.0/8')];
    expect(verdicts(b)).toEqual([]);
  });

  test('CloudFormation: entries added to the default NACL come in addition to its allow-all rule 100', () => {
    const b = lgwanIgw('cloudformation').defaultNacl('lg', [deny(110, true, '0.0.0.0/0')]);
    expect(verdicts(b)).toEqual(['LG-1']);
    b.defaultNacl('lg', [deny(90, true, '0.0.0.0/0')]);
    expect(verdicts(b)).toEqual([]);
  });

  test('Terraform: aws_default_network_acl replaces the default entries', () => {
    const b = lgwanIgw('terraform').defaultNacl('lg', []);
    expect(verdicts(b)).toEqual([]);
    b.defaultNacl('lg', [allow(500, true, '0.0.0.0/0')]);
    expect(verdicts(b)).toEqual(['LG-1']);
    b.defaultNacl('lg', [deny(110, true, '0.0.0.0/0')]);
    expect(verdicts(b)).toEqual([]);
  });

  test('an ICMP entry matches ICMP only; a protocol other than TCP, UDP and ICMP is matched by -1 entries only', () => {
    const b = lgwanIgw().nacl('n', 'lg', [deny(10, true, '0.0.0.0/0', 'tcp', [0, 65535]), deny(20, true, '0.0.0.0/0', 'udp', [0, 65535]),
      allow(30, true, '0.0.0.0/0', 'icmp')], ['lg-a']);
    expect(verdicts(b)).toEqual(['LG-1']); // ICMP gets out
    b.net.nacls[0].entries[2] = deny(30, true, '0.0.0.0/0', 'icmp');
    expect(verdicts(b)).toEqual([]); // other protocols: no entry matches ⇒ denied
    b.net.nacls[0].entries.push(allow(40, true, '0.0.0.0/0'));
    expect(verdicts(b)).toEqual(['LG-1']); // GRE etc. via the -1 entry
  });

  test('IPv6 packets are matched by IPv6 entries only', () => {
    const b = new NetBuilder()
      .vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: '2001:db8:1::/56' }).subnet('lg-a', 'lg', '10.1.1.0/24', { ipv6: '2001:db8:1:1::/64' })
      .table('rt', 'lg', ['lg-a']).route('rt', '::/0', { kind: 'eigw', id: 'e' }).eigw('e', 'lg')
      .nacl('n', 'lg', [allow(10, true, '0.0.0.0/0')], ['lg-a']);
    expect(verdicts(b)).toEqual([]);
    b.net.nacls[0].entries.push(allow(20, true, '2600::/12'));
    expect(verdicts(b)).toEqual(['LG-1']);
  });
});

describe('§10 MN-3, path part', () => {
  const peered = () => new NetBuilder()
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24')
    .peering('p', 'mn', 'lg')
    .table('mn-rt', 'mn', ['mn-a']).route('mn-rt', '10.1.1.0/24', { kind: 'pcx', id: 'p' });

  test('a whole-subnet route toward LGWAN ⇒ MN-3; a host route ⇒ none', () => {
    expect(verdicts(peered())).toEqual(['MN-3']);
    const host = peered();
    host.net.routes[0].destination = '10.1.1.20/32';
    expect(verdicts(host)).toEqual([]);
  });

  test('the whole-subnet route cut to hosts by a NACL ⇒ no MN-3', () => {
    const b = peered().nacl('n', 'mn', [allow(10, true, '10.1.1.20/32'), allow(10, false, '0.0.0.0/0')], ['mn-a']);
    expect(verdicts(b)).toEqual([]);
  });

  test('a NACL narrowing the protocol or port does not help: one port covering the whole block is enough', () => {
    const b = peered().nacl('n', 'lg', [allow(10, false, '10.0.0.0/8', 'tcp', [443, 443]), allow(10, true, '0.0.0.0/0')], ['lg-a']);
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('a NACL narrowing the source to one host still leaves that host covering the block', () => {
    const b = peered().nacl('n', 'lg', [allow(10, false, '10.0.1.7/32'), allow(10, true, '0.0.0.0/0')], ['lg-a']);
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('both directions: LGWAN toward a whole My Number subnet', () => {
    const b = peered();
    b.net.routes = [];
    b.table('lg-rt', 'lg', ['lg-a']).route('lg-rt', '10.0.0.0/16', { kind: 'pcx', id: 'p' });
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('two halves through different paths together cover the block', () => {
    const b = peered();
    b.net.routes[0].destination = '10.1.1.0/25';
    expect(verdicts(b)).toEqual([]);
    b.route('mn-rt', '10.1.1.128/25', { kind: 'pcx', id: 'p' });
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('the IPv6 block of the target counts too', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16', { ipv6: '2001:db8:1::/56' }).subnet('mn-a', 'mn', '10.0.1.0/24', { ipv6: '2001:db8:1:1::/64' })
      .vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: '2001:db8:2::/56' }).subnet('lg-a', 'lg', '10.1.1.0/24', { ipv6: '2001:db8:2:1::/64' })
      .peering('p', 'mn', 'lg')
      .table('mn-rt', 'mn', ['mn-a']).route('mn-rt', '2001:db8:2:1::/64', { kind: 'pcx', id: 'p' });
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('unknown is not an arrival for MN-3 (it reaches everywhere for the critical rules only)', () => {
    const b = peered();
    b.net.routes[0].target = { kind: 'eni', eni: 'eni-0123456789abcdef0' };
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });
});

describe('§10 MN-3, WAN part (My Number ↔ LGWAN WAN), with no declared flow', () => {
  /**
   * My Number VPC 10.0.0.0/16: subnet mn-a 10.0.1.0/24 (table mn-rt) and the attachment subnet mn-tgw 10.0.9.0/28 (the
   * CloudFormation main table: local routes only); transit gateway tgw with table tgw-mn (mn's attachment) and tgw-wan
   * (the WAN VPN vpn-lw's), no default association or propagation.
   */
  const wan = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').subnet('mn-tgw', 'mn', '10.0.9.0/28')
    .table('mn-rt', 'mn', ['mn-a'])
    .tgw('tgw').attach('att-mn', 'tgw', 'mn', ['mn-tgw']).vpn('vpn-lw', 'tgw', 'LGWAN_WAN')
    .tgwTable('tgw-mn', 'tgw', { associations: ['att-mn'] }).tgwTable('tgw-wan', 'tgw', { associations: ['vpn-lw'] });
  /** mn-a routes `dest` to the gateway, whose table tgw-mn sends it to the WAN VPN. */
  const toWan = (dest: string, engine: Engine = 'cloudformation') => wan(engine)
    .route('mn-rt', dest, { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-mn', dest, 'vpn-lw');

  test('a /16 of the WAN ⇒ MN-3; a /32 or exactly 256 addresses (a /24) ⇒ none; a /23 ⇒ MN-3', () => {
    expect(verdicts(toWan('10.99.0.0/16'))).toEqual(['MN-3']);
    expect(verdicts(toWan('10.99.0.10/32'))).toEqual([]);
    expect(verdicts(toWan('10.99.0.0/24'))).toEqual([]);
    expect(verdicts(toWan('10.99.0.0/23'))).toEqual(['MN-3']);
  });

  test('a run is counted over all the subnet\'s arrivals at the zone: two adjacent /24s by two VPNs ⇒ MN-3; apart ⇒ none', () => {
    const b = toWan('10.99.0.0/24').vpn('vpn-lw2', 'tgw', 'LGWAN_WAN')
      .route('mn-rt', '10.99.1.0/24', { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-mn', '10.99.1.0/24', 'vpn-lw2');
    expect(verdicts(b)).toEqual(['MN-3']);
    b.net.routes[1].destination = '10.99.2.0/24';
    b.net.tgwRoutes[1].destination = '10.99.2.0/24';
    expect(verdicts(b)).toEqual([]);
  });

  test('a blackhole or a NACL that leaves at most 256 addresses of the run ⇒ none', () => {
    const hole = toWan('10.99.0.0/23').tgwRoute('tgw-mn', '10.99.1.0/25', 'blackhole');
    expect(verdicts(hole)).toEqual([]);
    const nacl = toWan('10.99.0.0/16')
      .nacl('n', 'mn', [allow(10, true, '10.99.3.0/24'), allow(10, false, '0.0.0.0/0')], ['mn-a']);
    expect(verdicts(nacl)).toEqual([]);
  });

  test('a VPN propagation of the WAN may announce any prefix: every destination reaches the zone ⇒ MN-3', () => {
    const b = wan().route('mn-rt', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-mn', '10.99.0.10/32', 'vpn-lw');
    expect(verdicts(b)).toEqual([]);
    b.net.tgwRouteTables[0].propagations.push('vpn-lw');
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('a route to a VPN gateway labelled LGWAN_WAN reaches the zone (§4): 0.0.0.0/0 ⇒ MN-3, a /32 ⇒ none', () => {
    // mn-a's NACL lets nothing in, so that the gateway's own entry into the VPC (§5) delivers nothing there; mn-a fills
    // the VPC, so that no outside subnet (§2, default NACL) receives it either.
    const b = (dest: string) => new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.1.0/24').subnet('mn-a', 'mn', '10.0.1.0/24').table('mn-rt', 'mn', ['mn-a'])
      .nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['mn-a'])
      .vgw('v', 'mn', 'LGWAN_WAN').route('mn-rt', dest, { kind: 'vgw', id: 'v' });
    expect(verdicts(b('0.0.0.0/0'))).toEqual(['MN-3']);
    expect(verdicts(b('10.99.0.10/32'))).toEqual([]);
  });

  test('entering from the WAN: a transit table routing the whole My Number subnet back ⇒ MN-3; one host ⇒ none', () => {
    // tgw-wan → att-mn: the packets enter at mn-tgw (no NACL on arrival) and go local to mn-a (mn-tgw's outbound and
    // mn-a's inbound NACL: the default NACL, allow all).
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn'))).toEqual(['MN-3']);
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.0.0/8', 'att-mn'))).toEqual(['MN-3']);
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.1.10/32', 'att-mn'))).toEqual([]);
    // No association: the VPN uses no table (default association off) ⇒ dropped.
    const unassociated = wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn');
    unassociated.net.tgwRouteTables[1].associations = [];
    expect(verdicts(unassociated)).toEqual([]);
  });

  test('entering from the WAN: a NACL that lets one source address in still leaves the whole block for it ⇒ MN-3; none ⇒ nothing', () => {
    const one = wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn')
      .nacl('n', 'mn', [allow(10, false, '10.99.0.7/32'), allow(10, true, '0.0.0.0/0')], ['mn-a']);
    expect(verdicts(one)).toEqual(['MN-3']);
    const closed = wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['mn-a']);
    expect(verdicts(closed)).toEqual([]);
    // Half the block by destination (outbound of mn-tgw): no one source reaches the whole block.
    const half = wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn')
      .nacl('n', 'mn', [allow(10, true, '10.0.1.0/25'), allow(10, false, '0.0.0.0/0')], ['mn-tgw']);
    expect(verdicts(half)).toEqual([]);
  });

  test('entering from the WAN into the attachment subnet itself: its own block, delivered without a NACL ⇒ MN-3', () => {
    const b = wan().tgwRoute('tgw-wan', '10.0.9.0/28', 'att-mn').nacl('n', 'mn', [], ['mn-tgw']);
    expect(verdicts(b)).toEqual(['MN-3']);
  });

  test('a VPN gateway labelled LGWAN_WAN attached to a My Number VPC is an entry: every subnet of the VPC is whole ⇒ MN-3', () => {
    const mn = () => new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24');
    expect(verdicts(mn().vgw('v', 'mn', 'LGWAN_WAN'))).toEqual(['MN-3']);
    // Another zone, or no label: not an entry from LGWAN_WAN (and no route leads to it). Labelled SECURITY_CLOUD it is an
    // entry from the security cloud, delivered in mn-a: MN-1 (§10), not MN-3.
    expect(verdicts(mn().vgw('v', 'mn', 'SECURITY_CLOUD'))).toEqual(['MN-1']);
    expect(verdicts(mn().vgw('v', 'mn'))).toEqual([]);
    // The subnet's inbound NACL applies (§5, §6): closed ⇒ nothing; open to one WAN source ⇒ MN-3. Closed, the VPC's
    // addresses no subnet holds still take everything through the default NACL: the outside subnet (§2), a /28 of it
    // whole (§10) ⇒ MN-3; with mn-a filling the VPC there is none.
    expect(verdicts(mn().vgw('v', 'mn', 'LGWAN_WAN').nacl('n', 'mn', [], ['mn-a']))).toEqual(['MN-3']);
    const filled = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.1.0/24').subnet('mn-a', 'mn', '10.0.1.0/24');
    expect(verdicts(filled.vgw('v', 'mn', 'LGWAN_WAN').nacl('n', 'mn', [], ['mn-a']))).toEqual([]);
    expect(verdicts(mn().vgw('v', 'mn', 'LGWAN_WAN').nacl('n', 'mn', [allow(10, false, '10.99.0.7/32')], ['mn-a']))).toEqual(['MN-3']);
    // Attached to an LGWAN VPC: LG-3's concern, not MN-3's.
    expect(verdicts(new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').vgw('v', 'lg', 'LGWAN_WAN'))).toEqual([]);
  });

  test('security groups: all traffic, or every port to one address, toward a WAN address My Number reaches ⇒ MN-3', () => {
    // Terraform: a group has exactly its listed rules. mn-a reaches the WAN host 10.99.0.10 only.
    const sg = (egress: SgRule[], ingress: SgRule[] = []) => verdicts(toWan('10.99.0.10/32', 'terraform').sg('sg', 'mn', ingress, egress));
    expect(sg([{ protocol: '-1', cidr: '10.99.0.0/16' }])).toEqual(['MN-3']);
    expect(sg([], [{ protocol: '-1', cidr: '10.99.0.10/32' }])).toEqual(['MN-3']);
    expect(sg([{ protocol: 'tcp', fromPort: 1, toPort: 65535, cidr: '10.99.0.10/32' }])).toEqual(['MN-3']);
    expect(sg([{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.99.0.0/16' }])).toEqual([]);
    // No whole-subnet part: a port toward a whole /24 of the WAN is not too wide.
    expect(sg([{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.99.0.0/24' }])).toEqual([]);
    // Addresses My Number does not reach are not the other side.
    expect(sg([{ protocol: '-1', cidr: '10.98.0.0/16' }])).toEqual([]);
  });

  test('security groups: without any WAN arrival there is no other side; CloudFormation\'s implicit egress counts', () => {
    expect(verdicts(wan('terraform').sg('sg', 'mn', [], [{ protocol: '-1', cidr: '0.0.0.0/0' }]))).toEqual([]);
    expect(verdicts(toWan('10.99.0.10/32', 'terraform').sg('sg', 'mn', [], [{ protocol: '-1', cidr: '0.0.0.0/0' }]))).toEqual(['MN-3']);
    expect(verdicts(toWan('10.99.0.10/32', 'cloudformation').sg('sg', 'mn', [], []))).toEqual(['MN-3']);
    expect(verdicts(toWan('10.99.0.10/32', 'terraform').sg('sg', 'mn', [], []))).toEqual([]);
  });

  test('groups of LGWAN VPCs toward the WAN are LG-3\'s, not MN-3\'s', () => {
    const b = toWan('10.99.0.10/32', 'terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .sg('sg', 'lg', [], [{ protocol: '-1', cidr: '10.99.0.0/16' }]);
    expect(verdicts(b)).toEqual([]);
  });

  test('explain: the reasons name the subnet and the run, and the entry and the whole block', () => {
    const run = runOracle(toWan('10.99.0.0/16').net, { explain: true }).reasons;
    expect(run).toEqual([expect.stringMatching(/^MN-3: mn-a reaches LGWAN_WAN at 65536 consecutive addresses 10\.99\.0\.0–10\.99\.255\.255/)]);
    const entry = runOracle(wan().tgwRoute('tgw-wan', '10.0.1.0/24', 'att-mn').net, { explain: true }).reasons;
    expect(entry).toEqual([expect.stringMatching(/^MN-3: LGWAN_WAN \(entering, §5\) reaches the whole block of mn-a/)]);
  });

  test('from the WAN into the VPC\'s addresses no subnet holds: any smallest subnet AWS allows there (/28) whole ⇒ MN-3', () => {
    // §2 / §10: the outside subnet holds 10.0.0.0/16 less mn-a and mn-tgw; a subnet created there may be a /28.
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.200.0/24', 'att-mn'))).toEqual(['MN-3']);
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.200.16/28', 'att-mn'))).toEqual(['MN-3']);
    const why = runOracle(wan().tgwRoute('tgw-wan', '10.0.200.0/24', 'att-mn').net, { explain: true }).reasons;
    expect(why).toEqual([expect.stringMatching(/^MN-3: LGWAN_WAN \(entering, §5\) reaches the whole block of mn#subnets-outside-the-output \(10\.0\.200\.0\/28\)/)]);
    // Narrower than any subnet: a /29, a host.
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.200.0/29', 'att-mn'))).toEqual([]);
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.200.5/32', 'att-mn'))).toEqual([]);
    // A /27 that mn-tgw (10.0.9.0/28) cuts in half leaves the other /28 whole; a /28 held by mn-tgw is that subnet's.
    expect(verdicts(wan().tgwRoute('tgw-wan', '10.0.9.0/27', 'att-mn'))).toEqual(['MN-3']);
    expect(runOracle(wan().tgwRoute('tgw-wan', '10.0.9.0/27', 'att-mn').net, { explain: true }).reasons)
      .toEqual([expect.stringMatching(/whole block of (mn-tgw \(10\.0\.9\.0\/28\)|mn#subnets-outside-the-output \(10\.0\.9\.16\/28\))/)]);
  });
});

describe('§10 LG-1, the Internet segment ↔ the LGWAN WAN (every model)', () => {
  /**
   * Internet VPC 10.2.0.0/16: subnet inet-a 10.2.1.0/24 (table inet-rt) and the attachment subnet inet-tgw 10.2.9.0/28 (the
   * CloudFormation main table: local routes only); transit gateway tgw with table tgw-inet (inet's attachment) and tgw-wan
   * (the LGWAN_WAN VPN vpn-lw's), no default association or propagation.
   */
  const inet = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24').subnet('inet-tgw', 'inet', '10.2.9.0/28')
    .table('inet-rt', 'inet', ['inet-a'])
    .tgw('tgw').attach('att-inet', 'tgw', 'inet', ['inet-tgw']).vpn('vpn-lw', 'tgw', 'LGWAN_WAN')
    .tgwTable('tgw-inet', 'tgw', { associations: ['att-inet'] }).tgwTable('tgw-wan', 'tgw', { associations: ['vpn-lw'] });

  test('an Internet subnet routing a WAN address to the gateway, whose table sends it to the LGWAN_WAN VPN ⇒ LG-1', () => {
    // One host is enough: any arrival at the zone counts, unlike MN-3's run of more than 256 addresses.
    const b = inet().route('inet-rt', '10.99.0.10/32', { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-inet', '10.99.0.10/32', 'vpn-lw');
    expect(verdicts(b)).toEqual(['LG-1']);
    expect(verdicts(inet('terraform').route('inet-rt', '10.99.0.0/16', { kind: 'tgw', id: 'tgw' })
      .tgwRoute('tgw-inet', '10.99.0.0/16', 'vpn-lw'))).toEqual(['LG-1']);
  });

  test('the same without the transit route (or without the VPC route) ⇒ dropped ⇒ no LG-1', () => {
    expect(verdicts(inet().route('inet-rt', '10.99.0.10/32', { kind: 'tgw', id: 'tgw' }))).toEqual([]);
    expect(verdicts(inet().tgwRoute('tgw-inet', '10.99.0.10/32', 'vpn-lw'))).toEqual([]);
  });

  test('the Internet subnet\'s outbound NACL denying the WAN host ⇒ no LG-1 (§6)', () => {
    const b = inet().route('inet-rt', '10.99.0.10/32', { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-inet', '10.99.0.10/32', 'vpn-lw')
      .nacl('n', 'inet', [deny(10, true, '10.99.0.0/16'), allow(20, true, '0.0.0.0/0'), allow(10, false, '0.0.0.0/0')], ['inet-a']);
    expect(verdicts(b)).toEqual([]);
  });

  test('an Internet subnet routing to a VPN labelled SECURITY_CLOUD is not LG-1 (nor to an LGWAN_WAN VPN the table does not name)', () => {
    const b = inet().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD')
      .route('inet-rt', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' }).tgwRoute('tgw-inet', '0.0.0.0/0', 'vpn-sc');
    expect(verdicts(b)).toEqual([]);
  });

  test('a route to a VPN gateway labelled LGWAN_WAN reaches the zone (§4) ⇒ LG-1; labelled SECURITY_CLOUD ⇒ none', () => {
    // inet-a's NACL lets nothing in, so that the gateway's own entry into the VPC (§5) delivers nothing there.
    const b = (zone: 'LGWAN_WAN' | 'SECURITY_CLOUD') => new NetBuilder()
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24').table('inet-rt', 'inet', ['inet-a'])
      .nacl('n', 'inet', [allow(10, true, '0.0.0.0/0')], ['inet-a'])
      .vgw('v', 'inet', zone).route('inet-rt', '10.99.0.10/32', { kind: 'vgw', id: 'v' });
    expect(verdicts(b('LGWAN_WAN'))).toEqual(['LG-1']);
    expect(verdicts(b('SECURITY_CLOUD'))).toEqual([]);
  });

  test('entering from the WAN: the WAN VPN\'s table routing the Internet VPC\'s block to its attachment ⇒ LG-1', () => {
    // tgw-wan → att-inet: the packets enter at inet-tgw (no NACL on arrival, §6) and go local to inet-a.
    expect(verdicts(inet().tgwRoute('tgw-wan', '10.2.0.0/16', 'att-inet'))).toEqual(['LG-1']);
    // One host of inet-a is an arrival too (no whole-block condition here, unlike LG-3 and MN-3).
    expect(verdicts(inet().tgwRoute('tgw-wan', '10.2.1.10/32', 'att-inet'))).toEqual(['LG-1']);
    // Into the attachment subnet itself: delivered there without a NACL.
    expect(verdicts(inet().tgwRoute('tgw-wan', '10.2.9.0/28', 'att-inet').nacl('n', 'inet', [], ['inet-tgw']))).toEqual(['LG-1']);
    // Toward an address no subnet of the output holds: the outside subnet's (§2), where a subnet created later receives
    // it ⇒ LG-1 (the guard once dropped it).
    expect(verdicts(inet().tgwRoute('tgw-wan', '10.2.200.0/24', 'att-inet'))).toEqual(['LG-1']);
    // Outside every block of the VPC: dropped.
    expect(verdicts(inet().tgwRoute('tgw-wan', '10.3.0.0/24', 'att-inet'))).toEqual([]);
    // No association: the VPN uses no table (default association off) ⇒ dropped.
    const unassociated = inet().tgwRoute('tgw-wan', '10.2.0.0/16', 'att-inet');
    unassociated.net.tgwRouteTables[1].associations = [];
    expect(verdicts(unassociated)).toEqual([]);
  });

  test('entering from the WAN: inet-a\'s inbound NACL closed ⇒ none; open to one WAN source ⇒ LG-1', () => {
    const closed = inet().tgwRoute('tgw-wan', '10.2.1.0/24', 'att-inet').nacl('n', 'inet', [allow(10, true, '0.0.0.0/0')], ['inet-a']);
    expect(verdicts(closed)).toEqual([]);
    const one = inet().tgwRoute('tgw-wan', '10.2.1.0/24', 'att-inet')
      .nacl('n', 'inet', [allow(10, false, '10.99.0.7/32'), allow(10, true, '0.0.0.0/0')], ['inet-a']);
    expect(verdicts(one)).toEqual(['LG-1']);
  });

  test('a SECURITY_CLOUD VPN\'s table routing into the Internet VPC is not an entry from the WAN ⇒ none', () => {
    const b = inet().vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwTable('tgw-sc', 'tgw', { associations: ['vpn-sc'] })
      .tgwRoute('tgw-sc', '10.2.0.0/16', 'att-inet');
    expect(verdicts(b)).toEqual([]);
  });

  test('a VPN gateway labelled LGWAN_WAN attached to an Internet VPC is an entry into every subnet of it ⇒ LG-1', () => {
    const vpc = () => new NetBuilder().vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24');
    expect(verdicts(vpc().vgw('v', 'inet', 'LGWAN_WAN'))).toEqual(['LG-1']);
    // Another zone, or no label: not an entry from LGWAN_WAN (and no route leads to it).
    expect(verdicts(vpc().vgw('v', 'inet', 'SECURITY_CLOUD'))).toEqual([]);
    expect(verdicts(vpc().vgw('v', 'inet'))).toEqual([]);
    // The subnet's inbound NACL applies (§5, §6); the VPC's addresses no subnet holds are the outside subnet's (§2),
    // behind the default NACL.
    expect(verdicts(vpc().vgw('v', 'inet', 'LGWAN_WAN').nacl('n', 'inet', [], ['inet-a']))).toEqual(['LG-1']);
    expect(verdicts(vpc().vgw('v', 'inet', 'LGWAN_WAN').nacl('n', 'inet', [], ['inet-a']).defaultNacl('inet', [deny(10, false, '0.0.0.0/0')]))).toEqual([]);
    // Attached to an LGWAN VPC: LG-3's concern, not LG-1's.
    expect(verdicts(new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').vgw('v', 'lg', 'LGWAN_WAN'))).toEqual([]);
  });

  test('what enters from the WAN and passes through the Internet VPC without delivery there is not an arrival', () => {
    // tgw-wan sends the LGWAN block to the Internet attachment; inet-tgw's table sends it back to the gateway, whose
    // tgw-inet table delivers it in the LGWAN VPC: the packets pass the Internet VPC but arrive in LGWAN (LG-3's concern).
    const b = inet('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').attach('att-lg', 'tgw', 'lg', ['l'])
      .table('inet-rt-tgw', 'inet', ['inet-tgw']).route('inet-rt-tgw', '10.1.0.0/16', { kind: 'tgw', id: 'tgw' })
      .tgwRoute('tgw-wan', '10.1.0.0/16', 'att-inet').tgwRoute('tgw-inet', '10.1.0.0/16', 'att-lg');
    expect(verdicts(b)).toEqual([]);
  });

  test('an unknown end of what enters from the WAN reaches every subnet (§9): LG-1 when an Internet subnet exists', () => {
    // tgw-wan sends 192.0.2.0/24 to an untagged VPN: unknown (§5).
    const b = inet().vpn('vpn-x', 'tgw').tgwRoute('tgw-wan', '192.0.2.0/24', 'vpn-x');
    expect(verdicts(b)).toEqual(['LG-1']);
    const noInternet = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .tgw('tgw').vpn('vpn-lw', 'tgw', 'LGWAN_WAN').vpn('vpn-x', 'tgw')
      .tgwTable('tgw-wan', 'tgw', { associations: ['vpn-lw'] }).tgwRoute('tgw-wan', '192.0.2.0/24', 'vpn-x');
    expect(verdicts(noInternet)).toEqual([]);
    // Entering at the Internet attachment subnet, whose table sends it to a network interface: unknown too.
    const eni = inet('terraform').table('inet-rt-tgw', 'inet', ['inet-tgw'])
      .route('inet-rt-tgw', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000007' }).tgwRoute('tgw-wan', '192.0.2.0/24', 'att-inet');
    // inet-tgw itself (a source, §2) reaches the unknown end too: MN-2's finding, and LG-1 from the WAN's entry.
    expect(verdicts(eni)).toEqual(['LG-1', 'MN-2']);
  });

  test('an unknown end of an Internet subnet is MN-2\'s finding, not LG-1\'s (§10)', () => {
    expect(verdicts(inet().route('inet-rt', '0.0.0.0/0', { kind: 'eni', eni: 'eni-0abc0000000000008' }))).toEqual(['MN-2']);
  });

  test('explain: the reasons name the Internet subnet and its path to the zone, and the entry and the Internet subnet reached', () => {
    const out = runOracle(inet().route('inet-rt', '10.99.0.10/32', { kind: 'tgw', id: 'tgw' })
      .tgwRoute('tgw-inet', '10.99.0.10/32', 'vpn-lw').net, { explain: true }).reasons;
    expect(out).toEqual([expect.stringMatching(/^LG-1: Internet subnet inet-a reaches LGWAN_WAN \(inet-a → tgw tgw → tgw-inet → vpn vpn-lw → LGWAN_WAN/)]);
    const entry = runOracle(inet().tgwRoute('tgw-wan', '10.2.1.0/24', 'att-inet').net, { explain: true }).reasons;
    expect(entry).toEqual([expect.stringMatching(/^LG-1: LGWAN_WAN \(entering, §5\) reaches Internet subnet inet-a \(LGWAN_WAN → vpn vpn-lw → tgw-wan/)]);
  });
});

describe('§10 what enters from the security cloud (MN-1, LG-1) and unknown ends of what enters from a zone (§9)', () => {
  /**
   * My Number VPC 10.0.0.0/16 (mn-a 10.0.1.0/24 on table mn-rt, attachment subnet mn-tgw 10.0.9.0/28) and LGWAN VPC
   * 10.1.0.0/16 (l 10.1.1.0/24 on table lg-rt, attachment subnet lg-tgw 10.1.9.0/28), both attached to tgw (no default
   * association or propagation); the SECURITY_CLOUD VPN vpn-sc uses table tgw-sc. No subnet routes anywhere itself.
   */
  const sc = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24').subnet('mn-tgw', 'mn', '10.0.9.0/28')
    .table('mn-rt', 'mn', ['mn-a'])
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').subnet('lg-tgw', 'lg', '10.1.9.0/28')
    .table('lg-rt', 'lg', ['l'])
    .tgw('tgw').attach('att-mn', 'tgw', 'mn', ['mn-tgw']).attach('att-lg', 'tgw', 'lg', ['lg-tgw'])
    .vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwTable('tgw-sc', 'tgw', { associations: ['vpn-sc'] });

  test('the security cloud\'s table routing the My Number VPC block to its attachment ⇒ MN-1; one host is an arrival too', () => {
    // Enters at mn-tgw (no NACL on arrival, §6), local to mn-a: an arrival at a My Number subnet (§10 MN-1).
    expect(verdicts(sc().tgwRoute('tgw-sc', '10.0.0.0/16', 'att-mn'))).toEqual(['MN-1']);
    expect(verdicts(sc('terraform').tgwRoute('tgw-sc', '10.0.1.10/32', 'att-mn'))).toEqual(['MN-1']);
    // mn-a's inbound NACL closed: nothing delivered ⇒ none.
    expect(verdicts(sc().tgwRoute('tgw-sc', '10.0.1.0/24', 'att-mn').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['mn-a']))).toEqual([]);
    // The VPN associated with no table (default association off): dropped ⇒ none.
    const unassociated = sc().tgwRoute('tgw-sc', '10.0.0.0/16', 'att-mn');
    unassociated.net.tgwRouteTables[0].associations = [];
    expect(verdicts(unassociated)).toEqual([]);
  });

  test('the same for the LGWAN VPC ⇒ LG-1 (every model)', () => {
    expect(verdicts(sc().tgwRoute('tgw-sc', '10.1.0.0/16', 'att-lg'))).toEqual(['LG-1']);
    expect(verdicts(sc('terraform').tgwRoute('tgw-sc', '10.1.1.0/24', 'att-lg'))).toEqual(['LG-1']);
    // Both ⇒ both.
    expect(verdicts(sc().tgwRoute('tgw-sc', '10.0.0.0/15', 'att-mn').tgwRoute('tgw-sc', '10.1.0.0/16', 'att-lg'))).toEqual(['LG-1', 'MN-1']);
  });

  test('a VPN gateway labelled SECURITY_CLOUD attached to a My Number or LGWAN VPC is an entry into its subnets (§5)', () => {
    const one = (seg: 'MY_NUMBER' | 'LGWAN' | 'INTERNET') => new NetBuilder().vpc('v', seg, '10.0.0.0/16').subnet('s', 'v', '10.0.1.0/24')
      .vgw('g', 'v', 'SECURITY_CLOUD');
    expect(verdicts(one('MY_NUMBER'))).toEqual(['MN-1']);
    expect(verdicts(one('LGWAN'))).toEqual(['LG-1']);
    // Into the Internet segment: the security cloud's own business (SC-2, SC-3), none of the compared rules.
    expect(verdicts(one('INTERNET'))).toEqual([]);
    // s's inbound NACL closed (§5, §6): still the VPC's addresses no subnet holds (§2), behind the default NACL ⇒ MN-1;
    // that closed too ⇒ none.
    expect(verdicts(one('MY_NUMBER').nacl('n', 'v', [], ['s']))).toEqual(['MN-1']);
    expect(verdicts(one('MY_NUMBER').nacl('n', 'v', [], ['s']).defaultNacl('v', [deny(10, false, '0.0.0.0/0')]))).toEqual([]);
  });

  test('the security cloud\'s table 0.0.0.0/0 → an untagged VPN: unknown, which reaches every subnet (§9) ⇒ MN-1 and LG-1 when present', () => {
    const unknownEnd = (b: NetBuilder) => b.tgw('tgw').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').vpn('vpn-x', 'tgw')
      .tgwTable('tgw-sc', 'tgw', { associations: ['vpn-sc'] }).tgwRoute('tgw-sc', '0.0.0.0/0', 'vpn-x');
    const mn = () => new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24');
    const lg = () => new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24');
    const inet = () => new NetBuilder().vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24');
    expect(verdicts(unknownEnd(mn()))).toEqual(['MN-1']);
    expect(verdicts(unknownEnd(lg()))).toEqual(['LG-1']);
    expect(verdicts(unknownEnd(mn().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')))).toEqual(['LG-1', 'MN-1']);
    // Only an Internet subnet: no rule compared here reads the security cloud's reach into it.
    expect(verdicts(unknownEnd(inet()))).toEqual([]);
    // The same route in the table of a VPN labelled LGWAN_WAN with only an LGWAN subnet: LG-3's concern (not critical) ⇒ none.
    const wanOnly = lg().tgw('tgw').vpn('vpn-lw', 'tgw', 'LGWAN_WAN').vpn('vpn-x', 'tgw')
      .tgwTable('tgw-wan', 'tgw', { associations: ['vpn-lw'] }).tgwRoute('tgw-wan', '0.0.0.0/0', 'vpn-x');
    expect(verdicts(wanOnly)).toEqual([]);
  });

  test('an unknown end after entering: the security cloud into the My Number attachment subnet, whose table sends it to an interface ⇒ MN-1 and LG-1', () => {
    // 192.0.2.0/24 enters at mn-tgw and its table sends it to a network interface: unknown (§4), reaching every subnet (§9).
    // mn-tgw (a source, §2) reaches that unknown end itself as well: MN-1, MN-2 (no Internet subnet needed, §10 MN-2);
    // no MN-4, since the LGWAN subnets it thereby reaches have no way out of their own. LG-1 from the security cloud's entry.
    const b = sc('terraform').table('mn-rt-tgw', 'mn', ['mn-tgw'])
      .route('mn-rt-tgw', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000009' }).tgwRoute('tgw-sc', '192.0.2.0/24', 'att-mn');
    expect(verdicts(b)).toEqual(['LG-1', 'MN-1', 'MN-2']);
    const reasons = runOracle(b.net, { explain: true }).reasons;
    expect(reasons).toContainEqual(expect.stringMatching(/^MN-1: SECURITY_CLOUD \(entering, §5\) reaches unknown, which reaches every My Number subnet/));
    expect(reasons).toContainEqual(expect.stringMatching(/^LG-1: SECURITY_CLOUD \(entering, §5\) reaches unknown, which reaches every LGWAN subnet/));
  });

  test('the WAN VPN\'s table → an untagged VPN with a My Number subnet present ⇒ MN-3 (§10 MN-3, WAN part), flows or not', () => {
    const b = (withInternet: boolean) => {
      const n = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
        .tgw('tgw').vpn('vpn-lw', 'tgw', 'LGWAN_WAN').vpn('vpn-x', 'tgw')
        .tgwTable('tgw-wan', 'tgw', { associations: ['vpn-lw'] }).tgwRoute('tgw-wan', '192.0.2.0/24', 'vpn-x');
      return withInternet ? n.vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24') : n;
    };
    expect(verdicts(b(false))).toEqual(['MN-3']);
    // An Internet subnet besides: LG-1 as well (§10 LG-1, from LGWAN_WAN).
    expect(verdicts(b(true))).toEqual(['LG-1', 'MN-3']);
    expect(runOracle(b(false).net, { explain: true }).reasons)
      .toEqual([expect.stringMatching(/^MN-3: LGWAN_WAN \(entering, §5\) reaches unknown, which may carry every My Number subnet whole/)]);
  });
});

describe('§10 MN-3, security-group part', () => {
  const twoSides = (engine: Engine = 'terraform') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24');

  test('tcp 1-32767 + 32768-65535 toward an LGWAN host ⇒ MN-3; one port ⇒ none', () => {
    const split = twoSides().sg('sg', 'mn', [], [
      { protocol: 'tcp', fromPort: 1, toPort: 32767, cidr: '10.1.1.20/32' },
      { protocol: 'tcp', fromPort: 32768, toPort: 65535, cidr: '10.1.1.20/32', separate: true },
    ]);
    expect(verdicts(split)).toEqual(['MN-3']);
    const narrow = twoSides().sg('sg', 'mn', [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.1.1.20/32' }]);
    expect(verdicts(narrow)).toEqual([]);
  });

  test('the split ranges toward different hosts are narrow; a gap at one port is narrow', () => {
    const b = twoSides().sg('sg', 'mn', [], [
      { protocol: 'tcp', fromPort: 1, toPort: 32767, cidr: '10.1.1.20/32' },
      { protocol: 'tcp', fromPort: 32768, toPort: 65535, cidr: '10.1.1.21/32' },
    ]);
    expect(verdicts(b)).toEqual([]);
    const gap = twoSides().sg('sg', 'mn', [], [
      { protocol: 'udp', fromPort: 1, toPort: 32766, cidr: '10.1.1.20/32' },
      { protocol: 'udp', fromPort: 32768, toPort: 65535, cidr: '10.1.1.20/31' },
    ]);
    expect(verdicts(gap)).toEqual([]);
  });

  test('all protocols toward the other side ⇒ MN-3; toward elsewhere ⇒ none', () => {
    expect(verdicts(twoSides().sg('sg', 'lg', [{ protocol: '-1', cidr: '10.0.0.0/8' }], []))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'lg', [{ protocol: '-1', cidr: '10.2.0.0/16' }], []))).toEqual([]);
  });

  test('one port, peer CIDRs other than /0 covering a whole subnet of the other side ⇒ MN-3', () => {
    expect(verdicts(twoSides().sg('sg', 'mn', [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.1.0.0/16' }]))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.1.1.0/25' },
      { protocol: 'tcp', fromPort: 400, toPort: 500, cidr: '10.1.1.128/25' },
    ]))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0' }]))).toEqual([]);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [{ protocol: 'icmp', fromPort: -1, toPort: -1, cidr: '10.1.1.0/24' }]))).toEqual(['MN-3']);
  });

  test('one port toward the other VPC\'s addresses no subnet holds: any /28 among them counts as a whole subnet (§2, §10) ⇒ MN-3', () => {
    // The LGWAN VPC 10.1.0.0/16 holds one subnet, 10.1.1.0/24: 10.1.200.0/24 is held by none.
    const rule = (cidr: string) => ({ protocol: 'tcp' as const, fromPort: 443, toPort: 443, cidr });
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.200.0/24')]))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.200.0/29')]))).toEqual([]);
    // Two /29 halves of one aligned /28 together; two /29 of different /28s not.
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.200.0/29'), rule('10.1.200.8/29')]))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.200.8/29'), rule('10.1.200.16/29')]))).toEqual([]);
    // A /24 straddling the held subnet's end: 10.1.1.128/25 is held, 10.1.2.0/25 is not and holds a /28.
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.1.128/25'), rule('10.1.2.0/25')]))).toEqual(['MN-3']);
    expect(verdicts(twoSides().sg('sg', 'mn', [], [rule('10.1.1.128/25')]))).toEqual([]);
  });

  test('a peer group of the other side with every port ⇒ MN-3', () => {
    const b = twoSides().sg('lg-sg', 'lg', [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.9.0.0/16' }])
      .sg('mn-sg', 'mn', [{ protocol: 'tcp', fromPort: 0, toPort: 65535, peerGroup: 'lg-sg' }], []);
    expect(verdicts(b)).toEqual(['MN-3']);
    b.net.securityGroups[1].ingress[0].toPort = 1024;
    expect(verdicts(b)).toEqual([]);
  });

  test('CloudFormation\'s implicit allow-all egress counts for a group without egress rules; not in Terraform; not for the default group', () => {
    expect(verdicts(twoSides('cloudformation').sg('sg', 'mn', [], []))).toEqual(['MN-3']);
    expect(verdicts(twoSides('terraform').sg('sg', 'mn', [], []))).toEqual([]);
    expect(verdicts(twoSides('cloudformation').sg('sg', 'mn', [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '10.1.1.9/32' }], [], { isDefault: true })))
      .toEqual([]);
    // Explicit egress replaces the implicit rule.
    expect(verdicts(twoSides('cloudformation').sg('sg', 'mn', [], [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '52.0.0.0/8' }]))).toEqual([]);
  });

  test('groups in Internet-segment VPCs, or with no other side, are not read', () => {
    const b = new NetBuilder('terraform').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24')
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i-a', 'inet', '10.2.1.0/24')
      .sg('sg', 'mn', [{ protocol: '-1', cidr: '0.0.0.0/0' }], []).sg('sg2', 'inet', [{ protocol: '-1', cidr: '0.0.0.0/0' }], []);
    expect(verdicts(b)).toEqual([]);
  });
});

describe('§10 MN-1 structural part', () => {
  const mn = () => new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24');
  test('an internet gateway attached to a My Number VPC, even without a route', () => {
    expect(verdicts(mn().igw('igw', 'mn'))).toEqual(['MN-1']);
    expect(verdicts(mn().igw('igw'))).toEqual([]);
  });
  test('an egress-only gateway, a NAT gateway (even private) in a My Number subnet, a public-IP subnet', () => {
    expect(verdicts(mn().eigw('e', 'mn'))).toEqual(['MN-1']);
    expect(verdicts(mn().nat('n', 'mn-a', true))).toEqual(['MN-1']);
    expect(verdicts(new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('mn-a', 'mn', '10.0.1.0/24', { mapPublic: true }))).toEqual(['MN-1']);
  });
});

describe('§10 LG-1 structural part', () => {
  test('an LGWAN subnet that maps public IPs, in every model; the Internet segment\'s may', () => {
    expect(verdicts(new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24', { mapPublic: true }))).toEqual(['LG-1']);
    expect(verdicts(new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('lg-a', 'lg', '10.1.1.0/24'))).toEqual([]);
    expect(verdicts(new NetBuilder().vpc('in', 'INTERNET', '10.2.0.0/16').subnet('in-a', 'in', '10.2.1.0/24', { mapPublic: true }))).toEqual([]);
  });

  /**
   * An LGWAN VPC (10.1.0.0/16 and the IPv6 block `v6`) whose subnet lg-a holds the /64 at the start of `v6`; no routes but
   * the local ones, so no path leaves it: whatever LG-1 says comes from its structural part. IPv6 has no NAT: an internet
   * gateway attached to the VPC delivers to the subnet's global addresses whatever the routes (§10 LG-1).
   */
  const lgwanV6 = (v6: string, sub6: string) => new NetBuilder()
    .vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: v6 })
    .subnet('lg-a', 'lg', '10.1.1.0/24', { ipv6: sub6 });
  const both = (b: NetBuilder) => [[...oracleVerdicts(b.net, 'ALPHA')].sort(), [...oracleVerdicts(b.net, 'ALPHA_PRIME')].sort()];

  test('a global IPv6 block (inside 2000::/3) in an LGWAN VPC with an attached internet gateway ⇒ LG-1, in every model, with or without a route to it', () => {
    expect(both(lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').igw('igw', 'lg'))).toEqual([['LG-1'], ['LG-1']]);
    // A route ::/0 → the gateway is a way out too (LG-1's outbound part, α only); in α′ the structural part alone holds.
    const routed = lgwanV6('2600:1f18:1::/56', '2600:1f18:1::/64').igw('igw', 'lg').table('rt', 'lg', ['lg-a'])
      .route('rt', '::/0', { kind: 'igw', id: 'igw' });
    expect(both(routed)).toEqual([['LG-1'], ['LG-1']]);
    const why = runOracle(lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').igw('igw', 'lg').net, { model: 'ALPHA_PRIME' }).reasons;
    expect(why).toEqual([expect.stringMatching(/^LG-1: LGWAN subnet lg-a holds global IPv6 addresses \(2001:db8:1::\/64\) in VPC lg/)]);
  });

  test('a unique local block (fd00::/8), or no IPv6 block on the subnet (it holds no address yet), with the gateway ⇒ nothing', () => {
    expect(both(lgwanV6('fd00:1::/56', 'fd00:1::/64').igw('igw', 'lg'))).toEqual([[], []]);
    const noBlock = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: '2001:db8:1::/56' }).subnet('lg-a', 'lg', '10.1.1.0/24').igw('igw', 'lg');
    expect(both(noBlock)).toEqual([[], []]);
  });

  test('no internet gateway attached to the LGWAN VPC ⇒ nothing: none, an unattached one, one on another VPC, an egress-only one', () => {
    expect(both(lgwanV6('2001:db8:1::/56', '2001:db8:1::/64'))).toEqual([[], []]);
    expect(both(lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').igw('igw'))).toEqual([[], []]);
    const elsewhere = lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').vpc('in', 'INTERNET', '10.2.0.0/16', { ipv6: '2001:db8:2::/56' })
      .subnet('in-a', 'in', '10.2.1.0/24', { ipv6: '2001:db8:2::/64' }).igw('igw', 'in');
    expect(both(elsewhere)).toEqual([[], []]);
    // An egress-only gateway lets no connection in (and §10 names an internet gateway): not this part of LG-1.
    expect(both(lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').eigw('e', 'lg'))).toEqual([[], []]);
  });

  test('only the LGWAN subnet holding the global block is named; another LGWAN subnet of the VPC without one is not', () => {
    const b = lgwanV6('2001:db8:1::/56', '2001:db8:1::/64').subnet('lg-b', 'lg', '10.1.2.0/24').igw('igw', 'lg');
    const why = runOracle(b.net).reasons;
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/LGWAN subnet lg-a holds/);
  });

  test('an Internet-segment subnet with a global block and a gateway is not LG-1; a My Number one is MN-1 (the gateway), not LG-1', () => {
    const inet = new NetBuilder().vpc('in', 'INTERNET', '10.2.0.0/16', { ipv6: '2001:db8:2::/56' })
      .subnet('in-a', 'in', '10.2.1.0/24', { ipv6: '2001:db8:2::/64' }).igw('igw', 'in');
    expect(both(inet)).toEqual([[], []]);
    const mn = new NetBuilder().vpc('mn', 'MY_NUMBER', '10.0.0.0/16', { ipv6: '2001:db8:3::/56' })
      .subnet('mn-a', 'mn', '10.0.1.0/24', { ipv6: '2001:db8:3::/64' }).igw('igw', 'mn');
    expect(both(mn)).toEqual([['MN-1'], ['MN-1']]);
  });
});

describe('§10 MN-4', () => {
  /**
   * My Number subnet m routes one LGWAN host (10.1.1.10) over a peering; the LGWAN subnet l is given a way out (or not) by
   * the caller; l2 is another LGWAN subnet on its own table.
   */
  const peer = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').subnet('l2', 'lg', '10.1.2.0/24')
    .table('rtl', 'lg', ['l']).table('rtl2', 'lg', ['l2'])
    .peering('p', 'mn', 'lg').route('rtm', '10.1.1.10/32', { kind: 'pcx', id: 'p' });

  test('an LGWAN subnet the My Number segment reaches, with its own internet route ⇒ MN-4 (and LG-1); without ⇒ nothing', () => {
    expect(verdicts(peer())).toEqual([]);
    expect(verdicts(peer('terraform').igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' }))).toEqual(['LG-1', 'MN-4']);
  });

  test('a way out of another LGWAN subnet, which the My Number segment does not reach, is LG-1 only', () => {
    expect(verdicts(peer().igw('i', 'lg').route('rtl2', '0.0.0.0/0', { kind: 'igw', id: 'i' }))).toEqual(['LG-1']);
  });

  test('whatever firewalls the path passes: l → firewall endpoint in l2 → internet gateway ⇒ MN-4', () => {
    const b = peer().firewall('fw', 'lg', ['l2']).route('rtl', '0.0.0.0/0', { kind: 'firewall', id: 'fw' })
      .igw('i', 'lg').route('rtl2', '0.0.0.0/0', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['LG-1', 'MN-4']);
  });

  test('SECURITY_CLOUD counts as a way out, the LGWAN WAN does not', () => {
    const sc = peer().vgw('v', 'lg', 'SECURITY_CLOUD').route('rtl', '52.0.0.0/8', { kind: 'vgw', id: 'v' });
    expect(verdicts(sc)).toEqual(['LG-1', 'MN-4']);
    const wan = peer().vgw('v', 'lg', 'LGWAN_WAN').route('rtl', '0.0.0.0/0', { kind: 'vgw', id: 'v' });
    expect(verdicts(wan)).toEqual([]);
  });

  test('an unknown end of the LGWAN subnet counts as a way out', () => {
    expect(verdicts(peer().route('rtl', '0.0.0.0/0', { kind: 'eni', eni: 'eni-0abc0000000000003' }))).toEqual(['LG-1', 'MN-4']);
  });

  test('no arrival when the LGWAN subnet\'s inbound NACL stops the My Number packets: LG-1 only', () => {
    const b = peer().igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' })
      .nacl('n', 'lg', [deny(10, false, '10.0.0.0/16'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['l']);
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('an unknown end of a My Number subnet reaches every subnet (§9): every LGWAN subnet with a way out ⇒ MN-4', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .route('rtm', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000004' })
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l']);
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    b.igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['LG-1', 'MN-1', 'MN-2', 'MN-4']);
  });

  test('an Internet-segment subnet is not MN-4\'s (the segment is excluded; MN-2 judges it)', () => {
    const b = new NetBuilder()
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('x', 'inet', '10.2.1.0/24').table('rtx', 'inet', ['x'])
      .peering('p', 'mn', 'inet').route('rtm', '10.2.1.10/32', { kind: 'pcx', id: 'p' })
      .igw('i', 'inet').route('rtx', '0.0.0.0/0', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('explain: the reason names the My Number subnet, the reached subnet and both paths', () => {
    const b = peer().igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' });
    const reasons = runOracle(b.net, { explain: true }).reasons.filter((r) => r.startsWith('MN-4'));
    expect(reasons).toEqual([expect.stringMatching(/^MN-4: m reaches LGWAN subnet l \(m → peering p to l \[.*10\.1\.1\.\d+.*\]\), which itself reaches the internet \(l → igw i → internet/)]);
  });
});

describe('§10 SC-1 (path part): one member municipality reaches another', () => {
  /** Two Internet-segment VPCs of members 131016 (x) and 131024 (y), peered; x routes y's one host over the peering. */
  const members = (codeY: string | null = '131024') => new NetBuilder()
    .vpc('vx', 'INTERNET', '10.0.0.0/16', { municipality: '131016' }).subnet('x', 'vx', '10.0.1.0/24').table('rtx', 'vx', ['x'])
    .vpc('vy', 'INTERNET', '10.1.0.0/16', codeY === null ? {} : { municipality: codeY }).subnet('y', 'vy', '10.1.1.0/24')
    .table('rty', 'vy', ['y'])
    .peering('p', 'vx', 'vy').route('rtx', '10.1.1.10/32', { kind: 'pcx', id: 'p' });

  test('a host route over a peering into the other member, same segment ⇒ SC-1 (arrivals within the own segment count)', () => {
    expect(verdicts(members())).toEqual(['SC-1']);
  });

  test('the same code on both VPCs, or no code on the other: no second member ⇒ no SC-1', () => {
    expect(verdicts(members('131016'))).toEqual([]);
    expect(verdicts(members(null))).toEqual([]);
  });

  test('y\'s inbound NACL denies x\'s block (§6) ⇒ nothing delivered ⇒ no SC-1', () => {
    const b = members().nacl('n', 'vy', [deny(10, false, '10.0.0.0/16'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['y']);
    expect(verdicts(b)).toEqual([]);
  });

  test('an unknown end of a member reaches every other member (§9), even with no path to it; without a second code, only MN-2', () => {
    const b = members().route('rtx', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000006' });
    b.net.routes = b.net.routes.filter((r) => r.target.kind !== 'pcx');
    expect(verdicts(b)).toEqual(['MN-2', 'SC-1']);
    delete b.net.vpcs[1].municipality;
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('through a NAT gateway of a third, uncoded VPC: the packet still counts for the member it came from (§4 NAT row, §5)', () => {
    // x → t (table tx) → vz at z → NAT nz in zn (source becomes zn's block) → t (table tz) → vy, delivered in y.
    const b = new NetBuilder()
      .vpc('vx', 'INTERNET', '10.0.0.0/16', { municipality: '131016' }).subnet('x', 'vx', '10.0.1.0/24').table('rtx', 'vx', ['x'])
      .vpc('vz', 'INTERNET', '10.2.0.0/16').subnet('z', 'vz', '10.2.1.0/24').subnet('zn', 'vz', '10.2.2.0/24')
      .table('rtz', 'vz', ['z']).table('rtzn', 'vz', ['zn']).nat('nz', 'zn', true)
      .vpc('vy', 'INTERNET', '10.1.0.0/16', { municipality: '131024' }).subnet('y', 'vy', '10.1.1.0/24')
      .tgw('t').attach('ax', 't', 'vx', ['x']).attach('az', 't', 'vz', ['z']).attach('ay', 't', 'vy', ['y'])
      .tgwTable('tx', 't', { associations: ['ax'] }).tgwTable('tz', 't', { associations: ['az'] }).tgwRoute('tx', '10.1.0.0/16', 'az')
      .route('rtx', '10.1.0.0/16', { kind: 'tgw', id: 't' }).route('rtz', '10.1.0.0/16', { kind: 'nat', id: 'nz' })
      .route('rtzn', '10.1.0.0/16', { kind: 'tgw', id: 't' });
    // tz has no route yet: the packet dies after the NAT.
    expect(verdicts(b)).toEqual([]);
    b.tgwRoute('tz', '10.1.0.0/16', 'ay');
    expect(verdicts(b)).toEqual(['SC-1']);
  });
});

describe('§10 the prefecture hub: its subnets are the security cloud (MN-1, LG-1, MN-4, SC-1)', () => {
  /**
   * A hub VPC (tagged jichitai:security-cloud = hub, no segment) 10.200.0.0/16 with subnet h 10.200.1.0/24 on table rth,
   * attached (ah) to transit gateway t, whose table th is the hub attachment's.
   */
  const hub = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24').table('rth', 'hub', ['h'])
    .tgw('t').attach('ah', 't', 'hub', ['h']).tgwTable('th', 't', { associations: ['ah'] });
  /** A My Number VPC 10.0.0.0/16, subnet m 10.0.1.0/24 on table rtm, attached (am, table tm). */
  const withMyNumber = (b: NetBuilder) => b.vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .attach('am', 't', 'mn', ['m']).tgwTable('tm', 't', { associations: ['am'] });
  /** An LGWAN VPC 10.1.0.0/16, subnet l 10.1.1.0/24 on table rtl, attached (al, table tl). */
  const withLgwan = (b: NetBuilder) => b.vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l'])
    .attach('al', 't', 'lg', ['l']).tgwTable('tl', 't', { associations: ['al'] });
  /** An Internet-segment VPC 10.2.0.0/16, subnet i 10.2.1.0/24 on table rti, attached (ai, table ti). */
  const withInternet = (b: NetBuilder) => b.vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').table('rti', 'inet', ['i'])
    .attach('ai', 't', 'inet', ['i']).tgwTable('ti', 't', { associations: ['ai'] });
  const models = ['ALPHA', 'ALPHA_PRIME', 'BETA', 'BETA_PRIME'] as const;
  const inModel = (b: NetBuilder, model: (typeof models)[number]) => [...oracleVerdicts(b.net, model)].sort();

  test('the hub → a My Number subnet, one way (nothing comes back) ⇒ MN-1, in every model; without the transit route ⇒ nothing', () => {
    const b = withMyNumber(hub()).route('rth', '10.0.1.0/24', { kind: 'tgw', id: 't' });
    expect(verdicts(b)).toEqual([]);
    b.tgwRoute('th', '10.0.1.0/24', 'am');
    for (const model of models) expect(inModel(b, model)).toEqual(['MN-1']);
    const reasons = runOracle(b.net, { explain: true }).reasons;
    expect(reasons).toEqual([expect.stringMatching(/^MN-1: hub subnet h reaches My Number subnet m \(h → tgw t → th → attachment am at m → delivered in m/)]);
  });

  test('a My Number subnet → the hub ⇒ MN-1 (an arrival at a hub subnet), not MN-4 (a hub subnet is no T)', () => {
    // §10 MN-4: h is the Internet side; My Number arriving there is MN-1's, though h arrives at a hub subnet (itself).
    const b = withMyNumber(hub()).route('rtm', '10.200.1.10/32', { kind: 'tgw', id: 't' }).tgwRoute('tm', '10.200.1.10/32', 'ah');
    for (const model of models) expect(inModel(b, model)).toEqual(['MN-1']);
    // A NACL on h denying m's block does not stop them: arriving from a transit gateway at the attachment subnet passes
    // no NACL (§6).
    b.nacl('hn', 'hub', [deny(10, false, '10.0.0.0/16'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['h']);
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('crossing the hub is not arriving there: My Number → the hub\'s attachment subnet → routed on to an Internet subnet ⇒ MN-2 only', () => {
    // m's host route → tm → ah, entering at h (not h's block: not delivered) → rth → t → th → ai → delivered in i.
    const b = withInternet(withMyNumber(hub())).route('rtm', '10.2.1.10/32', { kind: 'tgw', id: 't' }).tgwRoute('tm', '10.2.1.10/32', 'ah')
      .route('rth', '10.2.1.10/32', { kind: 'tgw', id: 't' }).tgwRoute('th', '10.2.1.10/32', 'ai');
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('an LGWAN subnet → the hub ⇒ LG-1 in α, β and β′, not in α′ (only the inbound part applies there)', () => {
    const b = withLgwan(hub()).route('rtl', '10.200.0.0/16', { kind: 'tgw', id: 't' }).tgwRoute('tl', '10.200.0.0/16', 'ah');
    expect(inModel(b, 'ALPHA')).toEqual(['LG-1']);
    expect(inModel(b, 'BETA')).toEqual(['LG-1']);
    expect(inModel(b, 'BETA_PRIME')).toEqual(['LG-1']);
    expect(inModel(b, 'ALPHA_PRIME')).toEqual([]);
  });

  test('the hub → an LGWAN subnet ⇒ LG-1 in every model (α′ included); over a peering too', () => {
    const b = withLgwan(hub()).route('rth', '10.1.1.0/24', { kind: 'tgw', id: 't' }).tgwRoute('th', '10.1.1.0/24', 'al');
    for (const model of models) expect(inModel(b, model)).toEqual(['LG-1']);
    const p = withLgwan(hub()).peering('p', 'hub', 'lg').route('rth', '10.1.1.10/32', { kind: 'pcx', id: 'p' });
    for (const model of models) expect(inModel(p, model)).toEqual(['LG-1']);
  });

  test('the hub reaching only the Internet segment (and the internet), and the Internet segment reaching the hub ⇒ nothing', () => {
    const b = withInternet(hub()).route('rth', '10.2.1.0/24', { kind: 'tgw', id: 't' }).tgwRoute('th', '10.2.1.0/24', 'ai')
      .route('rti', '10.200.1.0/24', { kind: 'tgw', id: 't' }).tgwRoute('ti', '10.200.1.0/24', 'ah')
      .igw('hi', 'hub').route('rth', '0.0.0.0/0', { kind: 'igw', id: 'hi' });
    for (const model of models) expect(inModel(b, model)).toEqual([]);
    // With My Number and LGWAN subnets present that nothing reaches: still nothing.
    withLgwan(withMyNumber(b));
    for (const model of models) expect(inModel(b, model)).toEqual([]);
  });

  test('an unknown end of a hub subnet reaches every subnet (§9): MN-1 and LG-1 (every model) when such subnets are present', () => {
    const b = hub().route('rth', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000007' });
    expect(verdicts(b)).toEqual([]);
    withMyNumber(b);
    expect(verdicts(b)).toEqual(['MN-1']);
    withLgwan(b);
    for (const model of models) expect(inModel(b, model)).toEqual(['LG-1', 'MN-1']);
  });

  test('MN-4: an LGWAN subnet My Number reaches, which itself reaches the hub ⇒ MN-4 (and LG-1 but in α′)', () => {
    // m → host 10.1.1.10 over the gateway (tm → al, delivered in l); l → the hub's block (tl → ah, delivered in h).
    const b = withLgwan(withMyNumber(hub())).route('rtm', '10.1.1.10/32', { kind: 'tgw', id: 't' }).tgwRoute('tm', '10.1.1.10/32', 'al');
    expect(verdicts(b)).toEqual([]);
    b.route('rtl', '10.200.1.0/24', { kind: 'tgw', id: 't' }).tgwRoute('tl', '10.200.1.0/24', 'ah');
    expect(inModel(b, 'ALPHA')).toEqual(['LG-1', 'MN-4']);
    expect(inModel(b, 'ALPHA_PRIME')).toEqual(['MN-4']);
  });

  test('Terraform: the same verdicts (the hub reaches My Number through the implicit default table)', () => {
    const b = new NetBuilder('terraform')
      .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24').table('rth', 'hub', ['h'])
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
      .tgw('t', { defaultAssociation: true, defaultPropagation: true }).attach('ah', 't', 'hub', ['h']).attach('am', 't', 'mn', ['m'])
      .route('rth', '10.0.0.0/8', { kind: 'tgw', id: 't' });
    // The default table holds both attachments' propagations: h → 10.0.1.x reaches m; m routes nothing to the gateway.
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('SC-1 with a hub: it applies with one member code; the hub belongs to no member', () => {
    // One member's Internet-segment VPC (131016) and the hub, peered both ways.
    const b = hub().vpc('va', 'INTERNET', '10.3.0.0/16', { municipality: '131016' }).subnet('a', 'va', '10.3.1.0/24').table('rta', 'va', ['a'])
      .peering('p', 'va', 'hub').route('rta', '10.200.1.0/24', { kind: 'pcx', id: 'p' }).route('rth', '10.3.1.0/24', { kind: 'pcx', id: 'p' });
    expect(verdicts(b)).toEqual([]);
    // An unknown end of a's: every other member (§9), with a hub even when a is the only member; MN-2 for the segment.
    b.route('rta', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000008' });
    expect(verdicts(b)).toEqual(['MN-2', 'SC-1']);
    // Without the hub tag (and a segment instead), one code: SC-1 does not apply.
    Object.assign(b.net.vpcs[0], { securityCloud: undefined, segment: 'INTERNET' });
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('SC-1: member A → the hub → member B is delivered in B ⇒ SC-1; into the hub only ⇒ none', () => {
    // a (131016) → t (ta) → ah, entering at h (not its block) → rth → t (th) → ab → delivered in b (131024).
    const b = hub().vpc('va', 'INTERNET', '10.3.0.0/16', { municipality: '131016' }).subnet('a', 'va', '10.3.1.0/24').table('rta', 'va', ['a'])
      .vpc('vb', 'INTERNET', '10.4.0.0/16', { municipality: '131024' }).subnet('bb', 'vb', '10.4.1.0/24')
      .attach('aa', 't', 'va', ['a']).attach('ab', 't', 'vb', ['bb']).tgwTable('ta', 't', { associations: ['aa'] })
      .route('rta', '10.0.0.0/8', { kind: 'tgw', id: 't' }).tgwRoute('ta', '10.0.0.0/8', 'ah');
    expect(verdicts(b)).toEqual([]);
    b.route('rth', '10.4.0.0/16', { kind: 'tgw', id: 't' }).tgwRoute('th', '10.4.0.0/16', 'ab');
    expect(verdicts(b)).toEqual(['SC-1']);
  });
});

describe('§5 attachments other resources make, VPCs outside the output, default tables of their own', () => {
  /** My Number m 10.0.1.0/24 and Internet i 10.2.1.0/24, attached to t (am, ai); nothing routes anywhere. */
  const twoVpcs = (engine: Engine) => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
    .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24')
    .tgw('t').attach('am', 't', 'mn', ['m']).attach('ai', 't', 'inet', ['i']);

  test('an entry that joins the default tables meets its own any-prefix propagation there: unknown, which reaches My Number', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      // Default association and propagation on, one implicit table: d's own propagation is a candidate for every destination.
      const b = twoVpcs(engine).dx('d', 't');
      Object.assign(b.net.transitGateways[0], { defaultAssociation: true, defaultPropagation: true });
      expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
      // Without a My Number or LGWAN subnet an unknown end counts for nothing (§10 GUARD-1).
      b.net.vpcs[0].segment = 'INTERNET';
      expect(verdicts(b)).toEqual([]);
    }
  });

  test('an attachment of a VPC outside the output: its subnets are none of the network\'s, so a static route to it ends unknown', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      const b = twoVpcs(engine).table('rti', 'inet', ['i']).route('rti', '0.0.0.0/0', { kind: 'tgw', id: 't' })
        .outsideAttach('x', 't', 'vpc-0123456789abcdef0', ['subnet-0123456789abcdef0']).tgwTable('ti', 't', { associations: ['ai'] });
      expect(verdicts(b)).toEqual([]);
      b.tgwRoute('ti', '192.0.2.0/24', 'x');
      expect(reachSummary(b.net).get('i')!.unknown).toBe(true);
      expect(verdicts(b)).toEqual(['MN-2']);
    }
  });

  test('CloudFormation has no accepter: the same network without it; Terraform\'s accepter joins every gateway\'s default table', () => {
    const build = (engine: Engine) => {
      const b = twoVpcs(engine).accepter('acc', 'tgw-attach-0aaaabbbbccccdddd')
        .tgw('t2', { defaultAssociation: true }).attach('am2', 't2', 'mn', ['m']).tgwTable('td2', 't2', { propagations: ['am2'] })
        .defaultTables('t2', { association: 'td2' });
      return b;
    };
    expect(verdicts(build('terraform'))).toEqual(['GUARD-1/unplaced']);
    expect(verdicts(build('cloudformation'))).toEqual([]);
  });

  test('an accepter\'s gateway is unknown: each gateway\'s own default decides whether it joins that gateway\'s table', () => {
    // t: default association on, its implicit table routes m's block to am; t2: default association off.
    const b = twoVpcs('terraform').accepter('acc', 'tgw-attach-0aaaabbbbccccdddd').tgw('t2');
    b.net.transitGateways[0].defaultAssociation = true;
    b.tgwRoute(b.implicitTable('t'), '10.0.1.0/24', 'am');
    expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
    b.net.transitGateways[0].defaultAssociation = false;
    expect(verdicts(b)).toEqual([]);
  });

  test('an accepter of an attachment of the output is no entry of its own', () => {
    // am, accepted, joins t's default association table, which routes 10.2.1.0/24 → ai: the Internet subnet i is reached
    // only from where m sends (m routes nothing), and no unplaced entry is added ⇒ nothing.
    const b = twoVpcs('terraform').accepter('acc', 'am', { defaultAssociation: true });
    b.net.transitGateways[0].defaultAssociation = true;
    b.tgwRoute(b.implicitTable('t'), '10.2.1.0/24', 'ai');
    expect(verdicts(b)).toEqual([]);
    // m routing to t: the accepted attachment's table takes it to i ⇒ MN-2.
    b.table('rtm', 'mn', ['m']).route('rtm', '10.2.0.0/16', { kind: 'tgw', id: 't' });
    expect(verdicts(b)).toEqual(['MN-2']);
  });

  test('explain: the reasons name the new entries and next hops', () => {
    // x does not propagate (Terraform switch), so d's propagation is the one candidate for what is not 10.0.0.0/16.
    const b = twoVpcs('terraform').dx('d', 't')
      .outsideAttach('x', 't', 'vpc-0123456789abcdef0', ['subnet-0123456789abcdef0'], { noDefaultPropagation: true })
      .tgwTable('tx', 't', { associations: ['x'], propagations: ['am'] });
    Object.assign(b.net.transitGateways[0], { defaultPropagation: true, propagationDefaultTable: 'tx' });
    const reasons = runOracle(b.net, { explain: true }).reasons.join('\n');
    expect(reasons).toMatch(/attachment x of vpc-0123456789abcdef0 \(outside the output\)/);
    expect(reasons).toMatch(/→ tx → Direct Connect gateway association d \[/);
  });
});

describe('§5 entries through sharing: VPC peerings with a VPC outside the output, shared transit gateways', () => {
  const mn = (engine: Engine) => new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
    .subnet('m2', 'mn', '10.0.2.0/24');
  const closed = [allow(100, true, '0.0.0.0/0'), deny(100, false, '0.0.0.0/0')];

  test('a peering with an outside VPC enters every subnet of the output\'s VPC through its inbound NACL, either side', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      for (const side of ['requester', 'accepter'] as const) {
        const b = mn(engine).outsidePeering('x', 'mn', 'vpc-0123456789abcdef0', side);
        expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
        // One subnet closed: the other is still entered; both closed: the VPC's addresses no subnet holds (§2), behind
        // the default NACL; that closed too: nothing.
        b.nacl('n', 'mn', closed, ['m']);
        expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
        b.net.subnets[1].nacl = 'n';
        expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
        b.defaultNacl('mn', [deny(10, false, '0.0.0.0/0')]);
        expect(verdicts(b)).toEqual([]);
      }
    }
  });

  test('a peering with an outside VPC enters only its own VPC: the LGWAN segment counts, the Internet segment does not', () => {
    const b = new NetBuilder().vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').outsidePeering('x', 'inet', 'vpc-0123456789abcdef0');
    expect(verdicts(b)).toEqual([]);
    b.outsidePeering('y', 'lg', 'vpc-0fedcba987654321f');
    expect(verdicts(b)).toEqual(['GUARD-1/unplaced']);
  });

  test('a route to a peering with an outside VPC ends unknown (§4), whatever the leaving subnet\'s NACL', () => {
    const b = mn('cloudformation').nacl('n', 'mn', [deny(100, true, '0.0.0.0/0'), deny(100, false, '0.0.0.0/0')], ['m', 'm2'])
      .outsidePeering('x', 'mn', 'vpc-0123456789abcdef0').table('rt', 'mn', ['m']).route('rt', '192.0.2.0/24', { kind: 'pcx', id: 'x' });
    expect(reachSummary(b.net).get('m')!.unknown).toBe(true);
    // (And the peering enters the VPC's addresses no subnet holds, behind the default NACL, §2: GUARD-1.)
    expect(verdicts(b)).toEqual(['GUARD-1/unplaced', 'MN-1', 'MN-2']);
  });

  test('a shared gateway\'s stand-in joins the default association table and is an entry; RAM or auto-accept; not `disable`', () => {
    for (const engine of ['cloudformation', 'terraform'] as const) {
      // td is t's default association table (default propagation off) and routes m's block to am (whose subnet is m).
      const build = () => mn(engine).tgw('t', { defaultAssociation: true }).attach('am', 't', 'mn', ['m'])
        .tgwTable('ta', 't', { associations: ['am'] }).tgwTable('td', 't').defaultTables('t', { association: 'td' })
        .tgwRoute('td', '10.0.1.0/24', 'am');
      expect(verdicts(build())).toEqual([]);
      expect(verdicts(build().share('t', { ram: 'ref' }))).toEqual(['GUARD-1/unplaced']);
      expect(verdicts(build().share('t', { autoAccept: true }))).toEqual(['GUARD-1/unplaced']);
      expect(verdicts(build().share('t', { autoAccept: false }))).toEqual([]);
      // Both defaults off: no stand-in.
      const off = build().share('t', { ram: 'join' });
      off.net.transitGateways[0].defaultAssociation = false;
      expect(verdicts(off)).toEqual([]);
    }
  });

  test('a shared gateway\'s stand-in propagates any prefix into the default propagation table: an unknown next hop', () => {
    // am explicitly associated with td, t's default propagation table; default association off: the stand-in is no entry.
    const b = mn('terraform').table('rt', 'mn', ['m']).route('rt', '10.9.0.0/16', { kind: 'tgw', id: 't' })
      .tgw('t', { defaultPropagation: true }).attach('am', 't', 'mn', ['m']).tgwTable('td', 't', { associations: ['am'] })
      .defaultTables('t', { propagation: 'td' });
    expect(verdicts(b)).toEqual([]);
    b.share('t', { ram: 'sub' });
    expect(reachSummary(b.net).get('m')!.unknown).toBe(true);
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    // Default association on as well, into td: the stand-in enters td and meets its own propagation ⇒ GUARD-1 too.
    Object.assign(b.net.transitGateways[0], { defaultAssociation: true, associationDefaultTable: 'td' });
    expect(verdicts(b)).toEqual(['GUARD-1/unplaced', 'MN-1', 'MN-2']);
  });

  test('explain: the reasons name the peering and the stand-in', () => {
    const b = mn('cloudformation').outsidePeering('x', 'mn', 'vpc-0123456789abcdef0')
      .tgw('t', { defaultAssociation: true, defaultPropagation: true }).share('t', { autoAccept: true });
    const reasons = runOracle(b.net, { explain: true }).reasons.join('\n');
    expect(reasons).toMatch(/peering x with vpc-0123456789abcdef0 \(outside the output\) → delivered in m/);
    // A few reasons per rule: the peering's three deliveries (m, m2 and the outside subnet, §2) fill them; the stand-in alone.
    const shared = mn('cloudformation').tgw('t', { defaultAssociation: true, defaultPropagation: true }).share('t', { autoAccept: true });
    expect(runOracle(shared.net, { explain: true }).reasons.join('\n'))
      .toMatch(/the attachments other accounts make to shared t → t#default → t#shared-attachments/);
  });
});

describe('renderers: the spellings the pinned regressions name', () => {
  const tf = (name: string) => JSON.stringify(renderTerraform(REGRESSIONS.find((r) => r.name === name)!.net));
  test('Direct Connect associations, accepters and the implicit table\'s attribute', () => {
    expect(tf('unplaced-a-direct-connect-gateway-association-in-terraform (aws_dx_gateway_association, a literal DX gateway id)'))
      .toMatch(/"aws_dx_gateway_association":\{"d":\{"dx_gateway_id":"5f294f92/);
    expect(tf('unplaced-a-direct-connect-gateway-association-in-terraform (aws_dx_gateway_association_proposal)')).toMatch(/aws_dx_gateway_association_proposal/);
    expect(tf('unplaced-a-direct-connect-gateway-association-in-terraform (aws_dx_gateway_association of an aws_dx_gateway)'))
      .toMatch(/"dx_gateway_id":"\$\{aws_dx_gateway\.d\.id\}"/);
    expect(tf('what-names-the-accepter-names-its-attachment (terraform, the association names the accepter)'))
      .toMatch(/"transit_gateway_attachment_id":"\$\{aws_ec2_transit_gateway_vpc_attachment_accepter\.acc\.id\}","transit_gateway_route_table_id"/);
    expect(tf('what-names-the-accepter-names-its-attachment (terraform, the association names the attachment)'))
      .not.toMatch(/"transit_gateway_attachment_id":"\$\{aws_ec2_transit_gateway_vpc_attachment_accepter\.acc\.id\}","transit_gateway_route_table_id"/);
    const shared = JSON.parse(tf('unplaced-a-transit-gateway-shared-by-ram-enters-my-number-through-its-default-table (terraform, aws_ram_resource_association)'));
    expect(shared.resource.aws_ram_resource_association.t.resource_arn).toBe('${aws_ec2_transit_gateway.t.arn}');
    expect(shared.resource.aws_ram_resource_share.t).toBeDefined();
    expect(JSON.parse(tf('unplaced-a-transit-gateway-auto-accepting-shared-attachments (terraform)')).resource.aws_ec2_transit_gateway.t
      .auto_accept_shared_attachments).toBe('enable');
    const accepter = JSON.parse(tf('unplaced-a-vpc-peering-with-a-vpc-outside-the-output-enters-my-number (terraform, the output\'s VPC as accepter)'));
    expect(accepter.resource.aws_vpc_peering_connection.x).toMatchObject({ vpc_id: 'vpc-0123456789abcdef0', peer_vpc_id: '${aws_vpc.mn.id}' });
    for (const attr of ['association_default_route_table_id', 'propagation_default_route_table_id']) {
      const text = JSON.parse(tf(`the-implicit-table-keeps-its-name-when-a-resource-replaces-it (terraform, ${attr})`));
      expect(text.resource.aws_ec2_transit_gateway_route.tgw_route0.transit_gateway_route_table_id).toBe(`\${aws_ec2_transit_gateway.t.${attr}}`);
      expect(text.resource.aws_ec2_transit_gateway_default_route_table_association.t.transit_gateway_route_table_id)
        .toBe('${aws_ec2_transit_gateway_route_table.tx.id}');
    }
  });
});

test('renderers: CloudFormation RAM shares name the gateway in the four spellings; a peering puts the output\'s VPC on either side', () => {
  const cfn = (name: string) => renderCloudFormation(REGRESSIONS.find((r) => r.name === name)!.net).Resources;
  const arn = (ram: string) => (cfn(`unplaced-a-transit-gateway-shared-by-ram-enters-my-number-through-its-default-table (cloudformation, ${ram})`)
    .RamShareT.Properties.ResourceArns as unknown[])[0];
  expect(arn('ref')).toEqual({ Ref: 'TgwT' });
  expect(arn('getatt')).toEqual({ 'Fn::GetAtt': ['TgwT', 'TransitGatewayArn'] });
  expect(JSON.stringify(arn('sub'))).toMatch(/"Fn::Sub":"arn:.*:transit-gateway\/\$\{TgwT\}"/);
  expect(JSON.stringify(arn('join'))).toMatch(/"Fn::Join":\["",\[.*\{"Ref":"TgwT"\}\]\]/);
  expect(cfn('unplaced-a-transit-gateway-auto-accepting-shared-attachments (cloudformation)').TgwT.Properties.AutoAcceptSharedAttachments).toBe('enable');
  expect(cfn('a-transit-gateway-saying-disable-is-not-shared (cloudformation)').TgwT.Properties.AutoAcceptSharedAttachments).toBe('disable');
  for (const side of ['requester', 'accepter'] as const) {
    const p = cfn(`unplaced-a-vpc-peering-with-a-vpc-outside-the-output-enters-my-number (cloudformation, the output's VPC as ${side})`).PeeringX.Properties;
    expect(side === 'requester' ? [p.VpcId, p.PeerVpcId] : [p.PeerVpcId, p.VpcId]).toEqual([{ Ref: 'VpcMn' }, 'vpc-0123456789abcdef0']);
  }
});

describe('regressions.ts: the oracle alone gives each pinned verdict', () => {
  // The guard's replay (test/guard/oracle-regressions.test.ts) checks both against `expected`; this catches an oracle
  // change that drifts from a hand-derived expectation without running the guard.
  test.each(REGRESSIONS.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    expect([...oracleVerdicts(r.net)].sort()).toEqual([...r.expected].sort());
  });
});

/**
 * §2: "So are the subnets of a VPC that the output does not hold (created elsewhere, later or by hand) wherever the VPC's
 * main route table routes anywhere but inside the VPC (an explicit route, a gateway endpoint, a propagation), or the VPC
 * has addresses that no subnet of the output holds: they use the main route table(s) (§4) and the default network ACL, their segment is the VPC's, and one subnet stands for them
 * all, named `<vpc>#subnets-outside-the-output` in findings; it holds (receives at, and sends from) the VPC's addresses
 * that no subnet of the output holds … with any IPv6 source as below." §4: "In CloudFormation
 * the main route table holds only the local routes".
 */
describe('§2 the subnets of a VPC that the output does not hold', () => {
  /** An LGWAN VPC `cidr` whose one subnet l has its own table (local routes only); the main table routes 0.0.0.0/0 to i. */
  const lgwanWithMainRoute = (engine: Engine, cidr = '10.1.0.0/16', subnetCidr = '10.1.1.0/24') => new NetBuilder(engine)
    .vpc('lg', 'LGWAN', cidr)
    .subnet('l', 'lg', subnetCidr)
    .table('rtl', 'lg', ['l'])
    .table('rtmain', 'lg', [], { main: true })
    .igw('i', 'lg')
    .route('rtmain', '0.0.0.0/0', { kind: 'igw', id: 'i' });

  test('Terraform: a main-table route no subnet of the output uses is followed from the outside subnet ⇒ LG-1', () => {
    const b = lgwanWithMainRoute('terraform');
    expect(verdicts(b)).toEqual(['LG-1']);
    const s = reachSummary(b.net);
    expect(s.get('lg#subnets-outside-the-output')!.internet).toBe(true);
    expect(s.get('l')!.internet).toBe(false);
  });

  test('CloudFormation: the main table holds only the local routes, so the outside subnet reaches only its VPC ⇒ nothing', () => {
    const b = lgwanWithMainRoute('cloudformation');
    expect(verdicts(b)).toEqual([]);
    expect(reachSummary(b.net).get('lg#subnets-outside-the-output')).toEqual({ internet: false, zones: [], unknown: false, subnets: ['l', 'lg#subnets-outside-the-output'] });
  });

  test('a main table of local routes only: an outside subnet only where the VPC has addresses no subnet holds', () => {
    const b = lgwanWithMainRoute('terraform');
    b.net.routes = [];
    expect(verdicts(b)).toEqual([]);
    expect(reachSummary(b.net).get('lg#subnets-outside-the-output')!.internet).toBe(false);
    // Every address held (two halves fill the block): none.
    const full = lgwanWithMainRoute('terraform', '10.1.0.0/23', '10.1.0.0/24').subnet('l2', 'lg', '10.1.1.0/24');
    full.net.routes = [];
    expect(reachSummary(full.net).has('lg#subnets-outside-the-output')).toBe(false);
    // An IPv6 block no subnet holds is free too.
    const v6 = lgwanWithMainRoute('terraform', '10.1.0.0/24', '10.1.0.0/24');
    v6.net.routes = [];
    v6.net.vpcs[0].ipv6Cidr = '2001:db8:1::/56';
    expect(reachSummary(v6.net).has('lg#subnets-outside-the-output')).toBe(true);
  });

  test('the subnets of the output hold every IPv4 address of the VPC: the outside subnet sends no IPv4 packet ⇒ nothing', () => {
    // it still sends IPv6 from any source address, but the main table routes IPv4 only
    const b = lgwanWithMainRoute('terraform', '10.1.0.0/24', '10.1.0.0/24');
    expect(verdicts(b)).toEqual([]);
    expect(reachSummary(b.net).get('lg#subnets-outside-the-output')!.internet).toBe(false);
  });

  test('any IPv6 source: a main-table ::/0 route to the internet gateway ⇒ LG-1, even with every IPv4 address held', () => {
    const b = lgwanWithMainRoute('terraform', '10.1.0.0/24', '10.1.0.0/24').route('rtmain', '::/0', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['LG-1']);
  });

  test('the outside subnet uses the default NACL: a default NACL that lets nothing out ⇒ nothing', () => {
    const b = lgwanWithMainRoute('terraform').defaultNacl('lg', []);
    expect(verdicts(b)).toEqual([]);
  });

  test('it receives at the VPC\'s addresses no subnet holds: a My Number subnet peered with the VPC delivers there', () => {
    // mn routes 10.1.0.0/16 over the peering; 10.1.1.0/24 is delivered to l, and 10.1.2.0 (no subnet of the output) to
    // the outside subnet, both through the default NACL's inbound entry (§6).
    const b = lgwanWithMainRoute('terraform').defaultNacl('lg', [allow(10, false, '0.0.0.0/0')])
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .peering('p', 'mn', 'lg').route('rtm', '10.1.0.0/16', { kind: 'pcx', id: 'p' });
    expect(reachSummary(b.net).get('m')!.subnets).toEqual(['l', 'lg#subnets-outside-the-output', 'm', 'mn#subnets-outside-the-output']);
  });

  /**
   * Whatever the main table routes: another segment's VPC routing into the addresses of a VPC that no subnet of the
   * output holds arrives at the outside subnet, where a subnet created later receives it. An Internet VPC (subnet i)
   * routes `dest` over transit gateway t to the My Number VPC's attachment (subnet ma 10.0.9.0/28, local routes only).
   */
  const intoMyNumber = (engine: Engine, dest: string, mnCidr = '10.0.0.0/16') => new NetBuilder(engine)
    .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').table('rti', 'inet', ['i'])
    .route('rti', dest, { kind: 'tgw', id: 't' })
    .vpc('mn', 'MY_NUMBER', mnCidr).subnet('ma', 'mn', '10.0.9.0/28').table('rtm', 'mn', ['ma'])
    .tgw('t').attach('ai', 't', 'inet', ['i']).attach('am', 't', 'mn', ['ma'])
    .tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', dest, 'am');

  test.each(['cloudformation', 'terraform'] as const)('%s: a route into a VPC\'s addresses no subnet holds arrives there ⇒ MN-2', (engine) => {
    // The guard once dropped it: no subnet node held 10.0.128.0/17.
    expect(verdicts(intoMyNumber(engine, '10.0.128.0/17'))).toEqual(['MN-2']);
    expect(reachSummary(intoMyNumber(engine, '10.0.128.0/17').net).get('i')!.subnets).toEqual(['i', 'inet#subnets-outside-the-output', 'mn#subnets-outside-the-output']);
    // The default NACL lets nothing in (§6): none.
    expect(verdicts(intoMyNumber(engine, '10.0.128.0/17').defaultNacl('mn', [deny(10, false, '0.0.0.0/0')]))).toEqual([]);
    // A VPC its subnets fill: nothing is left to arrive at; a destination outside the VPC's blocks is dropped.
    expect(verdicts(intoMyNumber(engine, '10.0.9.0/28', '10.0.9.0/28').nacl('n', 'mn', [], ['ma']))).toEqual(['MN-2']);
    expect(verdicts(intoMyNumber(engine, '10.0.128.0/17', '10.0.9.0/28'))).toEqual([]);
  });
});

describe('§2 and §10 SC-1: the member of the subnet outside the output', () => {
  // "A subnet's member is its own code tag, else its VPC's": the outside subnet has no tag of its own.
  const twoMembers = (onSubnets: boolean) => {
    const b = new NetBuilder('terraform')
      .vpc('a', 'INTERNET', '10.2.0.0/16', { municipality: '131016' })
      .subnet('sa', 'a', '10.2.1.0/24')
      .table('rta', 'a', ['sa'])
      .table('rtmain', 'a', [], { main: true })
      .route('rtmain', '0.0.0.0/0', { kind: 'eni', eni: 'eni-0123456789abcdef0' })
      .vpc('b', 'INTERNET', '10.3.0.0/16', { municipality: '131024' })
      .subnet('sb', 'b', '10.3.1.0/24');
    b.net.vpcs[0].municipalityOnSubnets = onSubnets;
    return b;
  };
  test('the code on the VPC: the outside subnet is of member 131016 and reaches unknown ⇒ SC-1 (and MN-2)', () => {
    expect(verdicts(twoMembers(false))).toEqual(['MN-2', 'SC-1']);
  });
  test('the code on the subnets: the outside subnet is of no member ⇒ MN-2 only', () => {
    expect(verdicts(twoMembers(true))).toEqual(['MN-2']);
  });
});

describe('§4 and §5 routes to prefix lists', () => {
  // A My Number subnet m whose table rtm sends 0.0.0.0/0 over a peering with another My Number VPC (10.5.0.0/16): an
  // internet destination is dropped there (§4: not in the peer's blocks), so only what else rtm routes decides MN-1. The
  // internet gateway is attached to no VPC (§4: not checked; an attached one in a My Number VPC would be MN-1 by itself).
  const peered = (engine: Engine = 'cloudformation') => new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .vpc('mn2', 'MY_NUMBER', '10.5.0.0/16').subnet('m2', 'mn2', '10.5.1.0/24')
    .peering('p', 'mn', 'mn2').route('rtm', '0.0.0.0/0', { kind: 'pcx', id: 'p' }).igw('i');

  test.each(['cloudformation', 'terraform'] as const)('%s: a list of the output is one route per entry, in the longest match', (engine) => {
    // 8.8.8.0/24 → igw: the longest match for 8.8.8.x ⇒ MN-1
    expect(verdicts(peered(engine).prefixList('pl', 4, ['8.8.8.0/24']).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' }))).toEqual(['MN-1']);
    // a non-internet entry: the gateway reaches nothing (§9) ⇒ none
    expect(verdicts(peered(engine).prefixList('pl', 4, ['10.9.0.0/16']).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' }))).toEqual([]);
    // two entries, each its own route ⇒ MN-1 through the second
    expect(verdicts(peered(engine).prefixList('pl', 4, ['10.9.0.0/16', '52.0.0.0/8'], { separateEntries: true })
      .routeToList('rtm', 'pl', { kind: 'igw', id: 'i' }))).toEqual(['MN-1']);
  });

  test('an entry loses to a longer route and beats a shorter one', () => {
    // 0.0.0.0/0 → igw, and the list's two /1 halves → the peering: every internet address takes a /1 ⇒ dropped ⇒ none
    const b = new NetBuilder('terraform')
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .vpc('mn2', 'MY_NUMBER', '10.5.0.0/16').subnet('m2', 'mn2', '10.5.1.0/24').peering('p', 'mn', 'mn2').igw('i')
      .route('rtm', '0.0.0.0/0', { kind: 'igw', id: 'i' })
      .prefixList('halves', 4, ['0.0.0.0/1', '128.0.0.0/1']).routeToList('rtm', 'halves', { kind: 'pcx', id: 'p' });
    expect(verdicts(b)).toEqual([]);
    // a /32 to the gateway is longer than a /1 ⇒ MN-1
    b.route('rtm', '8.8.8.8/32', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('an entry of the same prefix as another route: both are followed', () => {
    // §4 "Two explicit routes with the same destination in one table are both followed"
    const b = peered().prefixList('pl', 4, ['0.0.0.0/0']).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' });
    expect(verdicts(b)).toEqual(['MN-1']);
  });

  test('an entry of the VPC\'s own block replaces the local route, as a literal route does', () => {
    // 10.0.0.0/16 → a network interface: 10.0.2.x (not m's own block) ends unknown ⇒ MN-1 and MN-2
    const b = peered().prefixList('pl', 4, ['10.0.0.0/16']).routeToList('rtm', 'pl', { kind: 'eni', eni: 'eni-0123456789abcdef0' });
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
  });

  test.each(['cloudformation', 'terraform'] as const)('%s: a literal pl- id, or a list of the output without entries, matches every destination', (engine) => {
    // besides the longest match (the peering, which drops internet destinations) ⇒ MN-1
    expect(verdicts(peered(engine).routeToList('rtm', 'pl-0123456789abcdef0', { kind: 'igw', id: 'i' }))).toEqual(['MN-1']);
    expect(verdicts(peered(engine).prefixList('pl', 4, []).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' }))).toEqual(['MN-1']);
  });

  test('a list the guard cannot read is followed inside the VPC\'s blocks too, beside the local route', () => {
    // 10.0.2.x (in the VPC, no subnet's) goes local (dropped: no subnet holds it) and to the interface (unknown) ⇒ MN-1, MN-2
    const b = new NetBuilder('cloudformation').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .prefixList('pl', 6, []).routeToList('rtm', 'pl', { kind: 'eni', eni: 'eni-0123456789abcdef0' });
    expect(verdicts(b)).toEqual(['MN-1', 'MN-2']);
    const s = reachSummary(b.net).get('m')!;
    expect(s.unknown).toBe(true);
  });

  test('explain: the reason names the list', () => {
    const r = runOracle(peered().routeToList('rtm', 'pl-0123456789abcdef0', { kind: 'igw', id: 'i' }).net, { explain: true });
    expect(r.reasons.join('\n')).toContain('prefix list pl-0123456789abcdef0');
  });

  describe('§5 Terraform transit gateway prefix list references', () => {
    test('to a list of the output with entries: one static route per entry, in the longest match', () => {
      // the My Number spoke sends everything to the gateway; its table: 0.0.0.0/0 → the security-cloud VPN, and a list of
      // both /1 halves → blackhole (longer) ⇒ dropped ⇒ none; one half only ⇒ MN-1 through the other
      const both = myNumberSpoke('terraform').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '0.0.0.0/0', 'vpn-sc')
        .prefixList('pl', 4, ['0.0.0.0/1', '128.0.0.0/1']).tgwRouteToList('tgw-mn', 'pl', 'blackhole');
      expect(verdicts(both)).toEqual([]);
      const half = myNumberSpoke('terraform').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '0.0.0.0/0', 'vpn-sc')
        .prefixList('pl', 4, ['0.0.0.0/1']).tgwRouteToList('tgw-mn', 'pl', 'blackhole');
      expect(verdicts(half)).toEqual(['MN-1']);
    });

    test('entries are static routes: they win over a propagated block of the same length', () => {
      // the Internet VPC 10.2.0.0/16 propagates into the spoke's table; the list's 10.2.0.0/16 → blackhole wins ⇒ none
      const b = withInternetVpc(myNumberSpoke('terraform', '10.2.0.0/16'));
      b.net.tgwRouteTables.find((t) => t.id === 'tgw-mn')!.propagations.push('att-inet');
      expect(verdicts(b)).toEqual(['MN-2']);
      b.prefixList('pl', 4, ['10.2.0.0/16']).tgwRouteToList('tgw-mn', 'pl', 'blackhole');
      expect(verdicts(b)).toEqual([]);
    });

    test('to a literal id or a list without entries: a candidate for every destination beside the longest match', () => {
      // the only route: 10.0.0.0/8 → blackhole; the reference to the security-cloud VPN still takes every destination ⇒ MN-1
      for (const list of ['pl-0123456789abcdef0', 'pl']) {
        const b = myNumberSpoke('terraform').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '0.0.0.0/0', 'blackhole')
          .prefixList('pl', 4, []).tgwRouteToList('tgw-mn', list, 'vpn-sc');
        expect(verdicts(b)).toEqual(['MN-1']);
      }
    });

    test('a blackhole reference the guard cannot read drops nothing', () => {
      const b = myNumberSpoke('terraform').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '0.0.0.0/0', 'vpn-sc')
        .tgwRouteToList('tgw-mn', 'pl-0123456789abcdef0', 'blackhole');
      expect(verdicts(b)).toEqual(['MN-1']);
    });

    test('CloudFormation has no transit gateway prefix list reference: neither written nor read', () => {
      const b = myNumberSpoke('cloudformation').vpn('vpn-sc', 'tgw', 'SECURITY_CLOUD').tgwRouteToList('tgw-mn', 'pl-0123456789abcdef0', 'vpn-sc');
      expect(verdicts(b)).toEqual([]);
      expect(JSON.stringify(renderCloudFormation(b.net))).not.toContain('pl-0123456789abcdef0');
    });
  });

  test('rendering: CloudFormation AWS::EC2::PrefixList and DestinationPrefixListId; Terraform entry blocks or entry resources', () => {
    const b = peered('cloudformation').prefixList('pl', 4, ['52.0.0.0/8']).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' })
      .prefixList('empty', 6, []).routeToList('rtm', 'empty', { kind: 'igw', id: 'i' });
    const cfn = renderCloudFormation(b.net).Resources;
    expect(cfn.PrefixListPl).toMatchObject({ Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', Entries: [{ Cidr: '52.0.0.0/8' }] } });
    expect(cfn.PrefixListEmpty.Properties).toMatchObject({ AddressFamily: 'IPv6', MaxEntries: 5 });
    expect(cfn.PrefixListEmpty.Properties.Entries ?? []).toEqual([]);
    expect(Object.values(cfn).filter((r) => r.Type === 'AWS::EC2::Route').map((r) => r.Properties.DestinationPrefixListId).filter(Boolean)).toHaveLength(2);
    b.net.engine = 'terraform';
    b.net.prefixLists![0].separateEntries = true;
    const tf = renderTerraform(b.net).resource;
    expect(tf.aws_ec2_managed_prefix_list.pl.entry).toBeUndefined();
    expect(tf.aws_ec2_managed_prefix_list_entry.pl_entry0).toEqual({
      cidr: '52.0.0.0/8', description: 'pl 52.0.0.0/8', prefix_list_id: '${aws_ec2_managed_prefix_list.pl.id}',
    });
    expect(tf.aws_ec2_managed_prefix_list.empty).not.toHaveProperty('entry');
  });
});

describe('§3 labels a Terraform tag resource sets', () => {
  /** m → the gateway, whose table sends 52.0.0.0/8 to VPN v: SECURITY_CLOUD by its own tag (or as the test changes it). */
  const toVpn = (engine: Engine = 'terraform') => myNumberSpoke(engine).vpn('v', 'tgw', 'SECURITY_CLOUD').tgwRoute('tgw-mn', '52.0.0.0/8', 'v');

  test('a zone only a tag resource sets is the connection\'s label (by id or ARN); the same value both ways is that value', () => {
    for (const arn of [false, true]) {
      const b = toVpn().omitOwnTag('vpn', 'v', 'jichitai:zone').tagResource('t', { kind: 'vpn', id: 'v', arn }, 'jichitai:zone', 'SECURITY_CLOUD');
      expect(verdicts(b)).toEqual(['MN-1']);
      const tf = renderTerraform(b.net).resource;
      expect(tf.aws_vpn_connection.v.tags).toEqual({ Name: 'v' });
      expect(tf.aws_ec2_tag.t).toEqual({ resource_id: `\${aws_vpn_connection.v.${arn ? 'arn' : 'id'}}`, key: 'jichitai:zone', value: 'SECURITY_CLOUD' });
    }
    expect(verdicts(toVpn().tagResource('t', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'SECURITY_CLOUD'))).toEqual(['MN-1']);
    // Two tag resources of one value, without an own tag: that value (LGWAN_WAN: no way out; 52.0.0.0/8 is a run of more than
    // 256 WAN addresses ⇒ MN-3's WAN part, §10).
    expect(verdicts(toVpn().omitOwnTag('vpn', 'v', 'jichitai:zone').tagResource('t1', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN')
      .tagResource('t2', { kind: 'vpn', id: 'v', arn: true }, 'jichitai:zone', 'LGWAN_WAN'))).toEqual(['MN-3']);
  });

  test('two values (own tag and tag resource, or two tag resources): GUARD-1 at each tag resource, and the label read as absent', () => {
    // An unlabelled VPN: unknown next hop (§5) ⇒ MN-1 and MN-2, as the untagged one of the §5 test above.
    const own = toVpn().tagResource('t', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN');
    expect(verdicts(own)).toEqual(['GUARD-1/label t', 'MN-1', 'MN-2']);
    const two = toVpn().omitOwnTag('vpn', 'v', 'jichitai:zone').tagResource('t1', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'SECURITY_CLOUD')
      .tagResource('t2', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN');
    expect(verdicts(two)).toEqual(['GUARD-1/label t1', 'GUARD-1/label t2', 'MN-1', 'MN-2']);
    // The own tag and a tag resource of the same value, beside one of another: all three values count, both tag resources reported.
    const three = toVpn().tagResource('t1', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'SECURITY_CLOUD')
      .tagResource('t2', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN');
    expect(verdicts(three)).toEqual(['GUARD-1/label t1', 'GUARD-1/label t2', 'MN-1', 'MN-2']);
  });

  test('CloudFormation has no resource that tags another: the own tags are all', () => {
    const b = toVpn('cloudformation').tagResource('t', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN');
    expect(verdicts(b)).toEqual(['MN-1']);
    expect(JSON.stringify(renderCloudFormation(b.net))).not.toContain('LGWAN_WAN');
  });

  test('a label on a target the guard cannot tie to the output is GUARD-1 at the tag resource and labels nothing; a Name tag is nothing', () => {
    const literal = toVpn().tagResource('t', { untied: { literal: 'vpc-0a1b2c3d4e5f60718' } }, 'jichitai:segment', 'INTERNET');
    expect(verdicts(literal)).toEqual(['GUARD-1/label t', 'MN-1']);
    // transit_gateway_attachment_id is what AWS makes with the connection, not the connection: its label stays SECURITY_CLOUD.
    const attr = toVpn().tagResource('t', { untied: { kind: 'vpn', id: 'v', attr: 'transit_gateway_attachment_id' } }, 'jichitai:zone', 'LGWAN_WAN');
    expect(verdicts(attr)).toEqual(['GUARD-1/label t', 'MN-1']);
    expect(renderTerraform(attr.net).resource.aws_ec2_tag.t.resource_id).toBe('${aws_vpn_connection.v.transit_gateway_attachment_id}');
    const name = toVpn().tagResource('n1', { untied: { literal: 'subnet-0a1b2c3d4e5f60718' } }, 'Name', 'x')
      .tagResource('n2', { kind: 'vpn', id: 'v' }, 'Name', 'y');
    expect(verdicts(name)).toEqual(['MN-1']);
  });

  test('a VPC\'s segment and a subnet\'s: only by a tag resource; a subnet\'s ambiguous one is read as absent, so it takes its VPC\'s', () => {
    const moved = toVpn().omitOwnTag('vpc', 'mn', 'jichitai:segment').tagResource('t', { kind: 'vpc', id: 'mn', arn: true }, 'jichitai:segment', 'MY_NUMBER');
    expect(verdicts(moved)).toEqual(['MN-1']);
    expect(renderTerraform(moved.net).resource.aws_vpc.mn.tags).toEqual({ Name: 'mn' });
    const sub = toVpn().tagResource('t', { kind: 'subnet', id: 'mn-a' }, 'jichitai:segment', 'INTERNET');
    sub.net.subnets[0].segmentTag = 'MY_NUMBER';
    expect(verdicts(sub)).toEqual(['GUARD-1/label t', 'MN-1']);
    expect(renderTerraform(sub.net).resource.aws_subnet.mn_a.tags).toMatchObject({ 'jichitai:segment': 'MY_NUMBER' });
  });

  test('a member\'s code: by a tag resource alone it is the VPC\'s; two values make it no member', () => {
    const members = (engine: Engine = 'terraform') => new NetBuilder(engine)
      .vpc('a', 'INTERNET', '10.0.0.0/16', { municipality: '131016' }).subnet('sa', 'a', '10.0.1.0/24').table('rta', 'a', ['sa'])
      .route('rta', '10.1.0.0/16', { kind: 'pcx', id: 'p' })
      .vpc('b', 'INTERNET', '10.1.0.0/16', { municipality: '131024' }).subnet('sb', 'b', '10.1.1.0/24').peering('p', 'a', 'b');
    const base = members();
    base.net.vpcs.forEach((v) => { v.municipalityOnSubnets = false; });
    expect(verdicts(base)).toEqual(['SC-1']);
    const moved = members().omitOwnTag('vpc', 'b', 'jichitai:municipality').tagResource('t', { kind: 'vpc', id: 'b' }, 'jichitai:municipality', '131024');
    moved.net.vpcs.forEach((v) => { v.municipalityOnSubnets = false; });
    expect(verdicts(moved)).toEqual(['SC-1']);
    const ambiguous = members().tagResource('t', { kind: 'vpc', id: 'b' }, 'jichitai:municipality', '131032');
    ambiguous.net.vpcs.forEach((v) => { v.municipalityOnSubnets = false; });
    // b is no member: a's arrival there is no other member's (§10 SC-1: two codes present no more).
    expect(verdicts(ambiguous)).toEqual(['GUARD-1/label t']);
  });
});

describe('§3 and §7 the role a launch template gives its instances (PL-1, α)', () => {
  const twoSegments = (engine: Engine) => new NetBuilder(engine).vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
    .subnet('l2', 'lg', '10.1.2.0/24').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24');
  // The model's templates and launchers name no security group: what they launch uses its VPC's default group (§10), which is
  // MN-3 toward the other segment here; judged below, not with the labels.
  const labels = (b: NetBuilder) => verdicts(b).filter((v) => v !== 'MN-3');

  test.each(['cloudformation', 'terraform'] as const)('§10: instances launched from a template naming no group use their VPC\'s default group (%s)', (engine) => {
    for (const kind of ['asg', 'instance', 'fleet'] as const) {
      expect(verdicts(twoSegments(engine).launchTemplate('t').launcher('x', kind, 't', ['m']))).toEqual(['MN-3']);
      expect(verdicts(twoSegments(engine).launchTemplate('t').launcher('x', kind, 't', ['l']))).toEqual(['MN-3']);
      // Placed nowhere the output holds (the default VPC): no default group of the output used.
      expect(verdicts(twoSegments(engine).launchTemplate('t').launcher('x', kind, 't', []))).toEqual([]);
    }
  });

  test.each(['cloudformation', 'terraform'] as const)('a template\'s role is placed at each launcher\'s subnets (%s)', (engine) => {
    // A business system (LGWAN in α) launched in LGWAN: nothing; in My Number: PL-1.
    expect(labels(twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('g', 'asg', 't', ['l', 'l2']))).toEqual([]);
    expect(labels(twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('i', 'instance', 't', ['m'], { byName: true })))
      .toEqual(['PL-1']);
    // A tag specification for volumes is no label.
    expect(labels(twoSegments(engine).launchTemplate('t', undefined, { volumeRole: 'MY_NUMBER_SYSTEM' }).launcher('g', 'asg', 't', ['l'])))
      .toEqual([]);
    // OTHER is no role PL-1 judges.
    expect(labels(twoSegments(engine).launchTemplate('t', 'OTHER').launcher('g', 'asg', 't', ['m']))).toEqual([]);
  });

  test.each(['cloudformation', 'terraform'] as const)('what cannot be placed: no subnets (the default VPC), no launcher (%s)', (engine) => {
    expect(labels(twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('g', 'asg', 't', []))).toEqual(['PL-1']);
    expect(labels(twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('i', 'instance', 't', []))).toEqual(['PL-1']);
    expect(labels(twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM'))).toEqual(['PL-1']);
    expect(labels(twoSegments(engine).launchTemplate('t'))).toEqual([]);
  });

  test.each(['cloudformation', 'terraform'] as const)('the launcher\'s own role: the same value is that value; another is GUARD-1 at the launcher (%s)', (engine) => {
    const same = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('g', 'asg', 't', ['m'], { role: 'MY_NUMBER_SYSTEM' });
    expect(labels(same)).toEqual([]);
    // Own MY_NUMBER_SYSTEM in My Number (fine), the template's BUSINESS_SYSTEM not picked for its instances: only GUARD-1.
    const other = twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('g', 'asg', 't', ['m'], { role: 'MY_NUMBER_SYSTEM' });
    expect(labels(other)).toEqual(['GUARD-1/label g']);
    // The launcher's own label stays its own: a business system in My Number ⇒ PL-1 as well.
    const wrong = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('i', 'instance', 't', ['m'], { role: 'BUSINESS_SYSTEM' });
    expect(labels(wrong)).toEqual(['GUARD-1/label i', 'PL-1']);
  });

  test.each(['cloudformation', 'terraform'] as const)('a fleet and a group\'s mixed instances policy launch the template too (%s)', (engine) => {
    const fleet = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('f', 'fleet', 't', ['m']);
    expect(labels(fleet)).toEqual([]);
    expect(labels(twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('f', 'fleet', 't', [], { byName: true }))).toEqual(['PL-1']);
    // A fleet's own tags for its instances and its template's are each judged (no GUARD-1); Terraform's fleet has none.
    const own = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('f', 'fleet', 't', ['m'], { role: 'BUSINESS_SYSTEM' });
    expect(labels(own)).toEqual(engine === 'cloudformation' ? ['PL-1'] : []);
    const mixed = twoSegments(engine).launchTemplate('t', 'BUSINESS_SYSTEM').launcher('g', 'asg', 't', ['m'], { byName: true });
    mixed.net.launchers![0].mixed = true;
    expect(labels(mixed)).toEqual(['PL-1']);
  });

  test.each(['cloudformation', 'terraform'] as const)('a template named by a literal name, a misspelt role (%s)', (engine) => {
    // §10: a literal name names a template outside the output (a bridge, GUARD-1 at the launcher); the template of the output then
    // is launched by nothing of the output ⇒ PL-1 (it cannot be placed).
    const literal = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYSTEM').launcher('g', 'asg', 't', ['m']);
    literal.net.launchers![0].literalName = true;
    expect(labels(literal)).toEqual(['GUARD-1/label g', 'PL-1']);
    // §10 "Network bridges": "Attachments only in the Internet segment or the prefecture hub are not reported".
    const inInternet = new NetBuilder(engine).vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('s', 'inet', '10.2.1.0/24').launchTemplate('t')
      .launcher('i', 'instance', 't', ['s'], { role: 'OTHER' });
    inInternet.net.launchers![0].literalName = true;
    expect(labels(inInternet)).toEqual([]);
    // §3 vocabulary: GUARD-1 at the template; read as written, it is no role PL-1 judges, and another value than the launcher's own.
    const misspelt = twoSegments(engine).launchTemplate('t', 'MY_NUMBER_SYTEM').launcher('g', 'asg', 't', ['m'])
      .launcher('i', 'instance', 't', ['l'], { role: 'BUSINESS_SYSTEM' });
    expect(labels(misspelt)).toEqual(['GUARD-1/label i', 'GUARD-1/label t']);
    // "wherever the label comes from (its own tags, …)": a launcher's own misspelt role too, whatever else sets the key.
    const own = twoSegments(engine).launchTemplate('t').launcher('i', 'instance', 't', ['l'], { role: 'MY_NUMBER_SYTEM' });
    expect(labels(own)).toEqual(['GUARD-1/label i']);
    if (engine === 'terraform') {
      own.net.launchers![0].tagResourceRole = 'BUSINESS_SYSTEM';
      expect(labels(own)).toEqual(['GUARD-1/label i', 'GUARD-1/label i-tag']);
    }
  });

  test('Terraform: a group\'s role from aws_autoscaling_group_tag is read with its own tag blocks', () => {
    const byTag = twoSegments('terraform').launchTemplate('t').launcher('g', 'asg', 't', ['l'], { tagResourceRole: 'MY_NUMBER_SYSTEM' });
    expect(labels(byTag)).toEqual(['PL-1']);
    const ambiguous = twoSegments('terraform').launchTemplate('t').launcher('g', 'asg', 't', ['l'], { role: 'BUSINESS_SYSTEM', tagResourceRole: 'MY_NUMBER_SYSTEM' });
    expect(labels(ambiguous)).toEqual(['GUARD-1/label g-tag']);
    // Read as absent, the group takes its template's role for its instances.
    const withTemplate = twoSegments('terraform').launchTemplate('t', 'BUSINESS_TERMINALS')
      .launcher('g', 'asg', 't', ['m'], { role: 'BUSINESS_SYSTEM', tagResourceRole: 'MY_NUMBER_SYSTEM', tagResourceByName: true });
    expect(labels(withTemplate)).toEqual(['GUARD-1/label g-tag', 'PL-1']);
    // An instance's role from an aws_ec2_tag naming it (by id or ARN), read with its own tags.
    for (const tagResourceByName of [false, true]) {
      const inst = twoSegments('terraform').launchTemplate('t').launcher('i', 'instance', 't', ['l'], { tagResourceRole: 'MY_NUMBER_SYSTEM', tagResourceByName });
      expect(labels(inst)).toEqual(['PL-1']);
      expect(renderTerraform(inst.net).resource.aws_ec2_tag.i_role.resource_id).toBe(`\${aws_instance.i.${tagResourceByName ? 'arn' : 'id'}}`);
    }
    expect(labels(twoSegments('terraform').launchTemplate('t').launcher('i', 'instance', 't', ['l'], { role: 'OTHER', tagResourceRole: 'OTHER' })))
      .toEqual([]);
    // CloudFormation has no such resource.
    const cfn = twoSegments('cloudformation').launchTemplate('t').launcher('g', 'asg', 't', ['l'], { tagResourceRole: 'MY_NUMBER_SYSTEM' });
    expect(labels(cfn)).toEqual([]);
  });
});
