/**
 * Networks replayed by test/guard/oracle-regressions.test.ts with the same comparison as the property test (the
 * guard's verdicts for MN-1, MN-2, LG-1, MN-3, MN-4 and the path parts of SC-1 and GUARD-1 must equal the oracle's).
 *
 * Every disagreement the property test or scripts/fuzz.ts ever found is kept here (`found: 'fuzz'`), shrunk, under a
 * name that says what it exercises. `found: 'pin'` entries are hand-written networks that pin a reading of
 * docs/guard-semantics.md where the text leaves room (see the note), so that a rewrite of the guard keeps it.
 */
import { NetBuilder, allow, deny } from './build';
import { emptyNetwork, Network } from './network';
import { OracleRule } from './oracle';

export interface Regression {
  readonly name: string;
  readonly found: 'fuzz' | 'pin';
  /** What it exercises, with the section of docs/guard-semantics.md. */
  readonly note: string;
  /** The verdicts both must give (worked out by hand from the semantics), so that the two cannot drift together. */
  readonly expected: readonly OracleRule[];
  readonly net: Network;
}

const lgwanWithNat = (engine: Network['engine']) => new NetBuilder(engine)
  .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').subnet('n', 'lg', '10.1.2.0/24')
  .table('rt', 'lg', ['a']).route('rt', '::/0', { kind: 'nat', id: 'nat' }).nat('nat', 'n');

/**
 * The α model's specific communication from My Number to an LGWAN server (MN-4's seed case, 001 「特定通信先のサーバーや端末も
 * インターネットとの通信ができないこと」): the My Number subnet m routes one host, 10.1.1.10/32, to the transit gateway, whose
 * table sends it to the LGWAN attachment (subnet la, on the main table: local routes only), which delivers it in l.
 * `ownWayOut` gives l's own table 0.0.0.0/0 → an internet gateway of the LGWAN VPC.
 */
const alphaLgwanPeer = (engine: Network['engine'], ownWayOut: boolean) => {
  const b = new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .route('rtm', '10.1.1.10/32', { kind: 'tgw', id: 't' })
    .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('la', 'lg', '10.1.9.0/28').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l'])
    .tgw('t').attach('am', 't', 'mn', ['m']).attach('al', 't', 'lg', ['la'])
    .tgwTable('tt', 't', { associations: ['am', 'al'] }).tgwRoute('tt', '10.1.1.10/32', 'al');
  if (ownWayOut) b.igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' });
  return b.net;
};

/**
 * Two member municipalities' Internet-segment VPCs (codes 131016, 131024) on one transit gateway (default association and
 * propagation: A's 10.0.0.0/16 → gateway reaches B's attachment subnet b, delivered there since it is b's own block).
 * `blackholeB`: a /16 blackhole for B's block in the default table, so that A's packets to B are dropped; A's 0.0.0.0/0 still
 * crosses b (routed by b's table to an internet gateway of B) on its way to the internet.
 */
const twoMembers = (engine: Network['engine'], opts: { blackholeB?: boolean; codeB?: boolean } = {}) => {
  const b = new NetBuilder(engine)
    .vpc('va', 'INTERNET', '10.0.0.0/16', { municipality: '131016' }).subnet('a', 'va', '10.0.1.0/24').table('rta', 'va', ['a'])
    .route('rta', '0.0.0.0/0', { kind: 'tgw', id: 't' })
    .vpc('vb', 'INTERNET', '10.1.0.0/16', opts.codeB === false ? {} : { municipality: '131024' }).subnet('b', 'vb', '10.1.1.0/24')
    .table('rtb', 'vb', ['b']).igw('i', 'vb').route('rtb', '0.0.0.0/0', { kind: 'igw', id: 'i' })
    .tgw('t', { defaultAssociation: true, defaultPropagation: true }).attach('aa', 't', 'va', ['a']).attach('ab', 't', 'vb', ['b']);
  if (opts.blackholeB) {
    const table = b.implicitTable('t');
    if (engine === 'cloudformation') {
      // A template cannot write into the implicit default table: name an explicit one as the gateway's default tables.
      b.tgwTable('tt', 't');
      Object.assign(b.net.transitGateways[0], { associationDefaultTable: 'tt', propagationDefaultTable: 'tt' });
      b.net.tgwRouteTables = b.net.tgwRouteTables.filter((x) => x.id !== table);
      b.tgwRoute('tt', '10.1.0.0/16', 'blackhole').tgwRoute('tt', '0.0.0.0/0', 'ab');
    } else {
      b.tgwRoute(table, '10.1.0.0/16', 'blackhole').tgwRoute(table, '0.0.0.0/0', 'ab');
    }
  }
  return b.net;
};

/**
 * The prefecture hub (§10 MN-1: a VPC tagged jichitai:security-cloud = hub, no segment; its subnets are hub subnets) 10.200.0.0/16,
 * subnet h 10.200.1.0/24 on table rth, and a My Number VPC 10.0.0.0/16 (subnet m 10.0.1.0/24, table rtm), both attached to
 * transit gateway t with a table of their own (th, tm). `way`: which one routes toward the other ('in': m → one hub host;
 * 'out': h → m's block); nothing routes back.
 */
const hubAndMyNumber = (engine: Network['engine'], way: 'in' | 'out') => {
  const b = new NetBuilder(engine)
    .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24').table('rth', 'hub', ['h'])
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
    .tgw('t').attach('ah', 't', 'hub', ['h']).attach('am', 't', 'mn', ['m'])
    .tgwTable('th', 't', { associations: ['ah'] }).tgwTable('tm', 't', { associations: ['am'] });
  if (way === 'in') b.route('rtm', '10.200.1.10/32', { kind: 'tgw', id: 't' }).tgwRoute('tm', '10.200.1.10/32', 'ah');
  else b.route('rth', '10.0.1.0/24', { kind: 'tgw', id: 't' }).tgwRoute('th', '10.0.1.0/24', 'am');
  return b;
};

/**
 * A My Number VPC 10.0.0.0/16 with subnet m 10.0.1.0/24 on table rtm (or, `main`, on the main table rtmain: Terraform
 * only) and a VPN gateway v attached to it, labelled `zone` or not, whose routes propagate into m's table (§4). m's NACL n
 * lets it send anywhere over IPv4 and lets nothing in, so that what enters at a labelled v (§5 "Entering from a zone") never
 * arrives in m: whatever m reaches, it reaches through the propagation.
 */
const myNumberWithPropagation = (engine: Network['engine'], zone: 'SECURITY_CLOUD' | undefined, opts: { main?: boolean; renderSeed?: number } = {}) => {
  const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24');
  if (opts.main) b.table('rtmain', 'mn', [], { main: true });
  else b.table('rtm', 'mn', ['m']);
  b.vgw('v', 'mn', zone).propagate(opts.main ? 'rtmain' : 'rtm', 'v').nacl('n', 'mn', [allow(10, true, '0.0.0.0/0')], ['m']);
  b.net.renderSeed = opts.renderSeed ?? 0;
  return b.net;
};

/**
 * A My Number VPC 10.0.0.0/16 with subnet m 10.0.1.0/24 on table rtm (or, `main`, on the main table rtmain: Terraform
 * only), whose NACL lets nothing out or in, and a VPC Route Server rs associated with the VPC, propagating into `into`
 * (none: no propagation; rtx: a table of the VPC no subnet uses). The renderSeeds below pick the spellings named with them
 * for exactly this shape.
 */
const myNumberWithRouteServer = (engine: Network['engine'], into: 'rtm' | 'rtmain' | 'rtx' | undefined, renderSeed = 0) => {
  const main = into === 'rtmain';
  const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24');
  if (main) b.table('rtmain', 'mn', [], { main: true });
  else b.table('rtm', 'mn', ['m']);
  if (into === 'rtx') b.table('rtx', 'mn', []);
  b.nacl('closed', 'mn', [], ['m']).routeServer('rs', 'mn');
  if (into !== undefined) b.serverPropagate(into, 'rs');
  b.net.renderSeed = renderSeed;
  return b.net;
};

/**
 * An Internet-segment subnet i 10.2.1.0/24 routes `dest` over transit gateway t (table tt, associated with i's
 * attachment, sends `dest` to the LGWAN attachment) into the LGWAN VPC 10.1.0.0/16 at its attachment subnet la
 * 10.1.9.0/28, whose table rtl has only its local route and a propagation from route server rs.
 */
const internetIntoRouteServerTable = (engine: Network['engine'], dest: string) => new NetBuilder(engine)
  .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').table('rti', 'inet', ['i'])
  .route('rti', dest, { kind: 'tgw', id: 't' })
  .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('la', 'lg', '10.1.9.0/28').table('rtl', 'lg', ['la'])
  .routeServer('rs', 'lg').serverPropagate('rtl', 'rs')
  .tgw('t').attach('ai', 't', 'inet', ['i']).attach('al', 't', 'lg', ['la'])
  .tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', dest, 'al').net;

/**
 * A My Number VPC 10.0.0.0/16 (subnet m 10.0.1.0/24, attachment am), an LGWAN VPC 10.1.0.0/16 (subnet l 10.1.1.0/24,
 * attachment al) and an Internet VPC 10.2.0.0/16 (subnet i 10.2.1.0/24, attachment ai) on transit gateway t (no default
 * association or propagation); every subnet on its VPC's main table (local routes only), so no subnet sends anything
 * across. Only what enters at the transit gateway gets anywhere.
 */
const threeSegmentsOnATransitGateway = (engine: Network['engine']) => new NetBuilder(engine)
  .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
  .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
  .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24')
  .tgw('t').attach('am', 't', 'mn', ['m']).attach('al', 't', 'lg', ['l']).attach('ai', 't', 'inet', ['i']);

/** The literal ids of a VPC outside the output and two of its subnets (§5: a VPC attachment of the output whose VPC it does not hold). */
const OUTSIDE_VPC = 'vpc-0123456789abcdef0';
const OUTSIDE_SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'];
/** Another account's attachment, accepted by the output (Terraform aws_ec2_transit_gateway_vpc_attachment_accepter). */
const THEIR_ATTACHMENT = 'tgw-attach-0aaaabbbbccccdddd';

/**
 * threeSegmentsOnATransitGateway, with default association on for t and table td (empty) named as its default association
 * table (CloudFormation AssociationDefaultRouteTableId, Terraform aws_ec2_transit_gateway_default_route_table_association):
 * an attachment without an explicit association joins td. Default propagation stays off.
 */
const threeSegmentsWithDefaultAssociationTable = (engine: Network['engine']) => {
  const b = threeSegmentsOnATransitGateway(engine).tgwTable('td', 't').defaultTables('t', { association: 'td' });
  b.net.transitGateways[0].defaultAssociation = true;
  return b;
};

/**
 * A My Number VPC 10.0.0.0/16 whose subnet m 10.0.1.0/24 sends everything to transit gateway t (default propagation on,
 * default association off), its attachment am associated with tm, which is t's default propagation table (named as in
 * threeSegmentsWithDefaultAssociationTable). Only am propagates there: m's 10.0.x goes back to m (its own VPC's block)
 * and the rest is dropped — unless something else propagates into tm.
 */
const myNumberOnADefaultPropagationTable = (engine: Network['engine']) => {
  const b = new NetBuilder(engine)
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m']).route('rtm', '0.0.0.0/0', { kind: 'tgw', id: 't' })
    .tgw('t', { defaultPropagation: true }).attach('am', 't', 'mn', ['m']).tgwTable('tm', 't', { associations: ['am'] }).defaultTables('t', { propagation: 'tm' });
  return b;
};

/**
 * Terraform: transit gateway t (default propagation on) with a My Number attachment am (m 10.0.1.0/24) and a peering
 * attachment x associated with tx, t's default propagation table (aws_ec2_transit_gateway_default_route_table_propagation).
 * A peering attachment propagates nothing, so tx holds am's block exactly when am propagates by default: what enters at x
 * then reaches m. `accepter`: an accepter of am giving transit_gateway_default_route_table_propagation (or none);
 * `attachmentOff`: am's own switch false.
 */
const accepterOfMyNumber = (accepter: boolean | undefined, attachmentOff: boolean, renderSeed = 0) => {
  const b = new NetBuilder('terraform')
    .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
    .tgw('t', { defaultPropagation: true }).attach('am', 't', 'mn', ['m'], { noDefaultPropagation: attachmentOff })
    .tgwPeering('x', 't').tgwTable('tx', 't', { associations: ['x'] }).defaultTables('t', { propagation: 'tx' });
  if (accepter !== undefined) b.accepter('acc', 'am', { defaultPropagation: accepter });
  b.net.renderSeed = renderSeed;
  return b.net;
};

/**
 * Terraform: threeSegmentsOnATransitGateway (t has no defaults) and a second gateway t2 with default association on
 * (propagation off) and an attachment am2 of the My Number VPC, whose implicit default table routes m's block to am2; and
 * an accepter of another account's attachment, with its association switch `assoc` (absent: not written).
 */
const accepterOfTheirs = (assoc?: boolean) => {
  const b = threeSegmentsOnATransitGateway('terraform').accepter('acc', THEIR_ATTACHMENT, assoc === undefined ? {} : { defaultAssociation: assoc })
    .tgw('t2', { defaultAssociation: true }).attach('am2', 't2', 'mn', ['m']);
  b.tgwRoute(b.implicitTable('t2'), '10.0.1.0/24', 'am2');
  return b;
};

/** My Number VPC 10.0.0.0/16 with subnet m 10.0.1.0/24 (`denyIn`: m's NACL allows everything out and nothing in). */
const myNumberAlone = (engine: Network['engine'], denyIn = false) => {
  const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24');
  if (denyIn) b.nacl('n', 'mn', [allow(100, true, '0.0.0.0/0'), deny(100, false, '0.0.0.0/0')], ['m']);
  return b;
};

/**
 * My Number VPC 10.0.0.0/16: attachment subnet ma 10.0.9.0/28 (attachment am, kept out of the default association table) and
 * m 10.0.1.0/24 (`denyIn`: m's NACL lets nothing in). Transit gateway t, default association on, default propagation off, its
 * default association table the explicit td (CloudFormation AssociationDefaultRouteTableId, Terraform
 * aws_ec2_transit_gateway_default_route_table_association), whose one route 10.0.1.0/24 → am leads into ma, routed on locally to m.
 * Nothing is associated with td: only an attachment joining it by default gets there.
 */
const sharedGatewayIntoMyNumber = (engine: Network['engine'], denyIn = false) => {
  const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('ma', 'mn', '10.0.9.0/28').subnet('m', 'mn', '10.0.1.0/24')
    .tgw('t', { defaultAssociation: true }).attach('am', 't', 'mn', ['ma'], { noDefaultAssociation: true })
    .tgwTable('td', 't').defaultTables('t', { association: 'td' }).tgwRoute('td', '10.0.1.0/24', 'am');
  if (engine === 'cloudformation') {
    // CloudFormation has no switch to keep am out of the default table: associate it explicitly with a table of its own.
    b.net.tgwAttachments[0] = { id: 'am', tgw: 't', vpc: 'mn', subnets: ['ma'] };
    b.tgwTable('tm', 't', { associations: ['am'] });
  }
  if (denyIn) b.nacl('n', 'mn', [allow(100, true, '0.0.0.0/0'), deny(100, false, '0.0.0.0/0')], ['m']);
  return b;
};

/** §5's entries through sharing: VPC peerings with a VPC outside the output, transit gateways shared with other accounts. */
const SHARING: Regression[] = [
  ...(['cloudformation', 'terraform'] as const).flatMap((engine) => (['requester', 'accepter'] as const).flatMap((side): Regression[] => [
    {
      name: `unplaced-a-vpc-peering-with-a-vpc-outside-the-output-enters-my-number (${engine}, the output's VPC as ${side})`,
      found: 'pin',
      note: '§5: a VPC peering between mn and a VPC the output does not hold (a literal id) is an unplaced entry into mn: '
        + 'every source, protocol and port; a destination in m\'s block is delivered to m (default NACL: all in) ⇒ GUARD-1 (§10). '
        + 'Either side of the peering: the output\'s VPC as VpcId / vpc_id or as PeerVpcId / peer_vpc_id.',
      expected: ['GUARD-1/unplaced'],
      net: myNumberAlone(engine).outsidePeering('x', 'mn', OUTSIDE_VPC, side).net,
    },
    {
      name: `unplaced-a-vpc-peering-with-a-vpc-outside-the-output-behind-a-nacl-that-denies (${engine}, the output's VPC as ${side})`,
      found: 'pin',
      note: '§5, §6: what enters over the peering is delivered to m through m\'s inbound NACL, which denies everything; but the rest '
        + 'of 10.0.0.0/16, which no subnet of the output holds, is the outside subnet\'s (§2), behind the default NACL (all in) ⇒ GUARD-1.',
      expected: ['GUARD-1/unplaced'],
      net: myNumberAlone(engine, true).outsidePeering('x', 'mn', OUTSIDE_VPC, side).net,
    },
    {
      name: `a-vpc-peering-with-a-vpc-outside-the-output-behind-nacls-that-deny (${engine}, the output's VPC as ${side})`,
      found: 'pin',
      note: '§5, §6: the same, the default NACL denying every IPv4 packet in as well (its rule 10 before rule 100\'s allow in '
        + 'CloudFormation; its only entry in Terraform): neither m nor the outside subnet (§2) admits it ⇒ nothing.',
      expected: [],
      net: myNumberAlone(engine, true).defaultNacl('mn', [deny(10, false, '0.0.0.0/0')]).outsidePeering('x', 'mn', OUTSIDE_VPC, side).net,
    },
  ])),
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `unplaced-a-vpc-peering-with-a-vpc-outside-the-output-through-a-nacl-open-to-one-source (${engine})`,
      found: 'pin',
      note: '§5: packets of every source address, protocol and port: m\'s inbound NACL admitting only 192.0.2.0/24 on tcp 443 '
        + 'still admits some of them ⇒ GUARD-1.',
      expected: ['GUARD-1/unplaced'],
      net: myNumberAlone(engine).outsidePeering('x', 'mn', OUTSIDE_VPC)
        .nacl('n', 'mn', [allow(100, true, '0.0.0.0/0'), allow(100, false, '192.0.2.0/24', 'tcp', [443, 443])], ['m']).net,
    },
    {
      name: `a-vpc-peering-with-a-vpc-outside-the-output-into-the-internet-segment (${engine})`,
      found: 'pin',
      note: '§10 GUARD-1: only an arrival at a My Number or LGWAN subnet counts; the peering enters the Internet VPC only ⇒ nothing.',
      expected: [],
      net: myNumberAlone(engine).vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24')
        .outsidePeering('x', 'inet', OUTSIDE_VPC, 'accepter').net,
    },
    {
      name: `a-route-to-a-vpc-peering-with-a-vpc-outside-the-output-ends-unknown (${engine})`,
      found: 'pin',
      note: '§4: a peer VPC outside the output is unknown: m\'s 172.16.0.0/12 → the peering ⇒ MN-1 and MN-2 (unknown reaches '
        + 'everywhere, §9); not narrowed by m\'s NACL (§6), which lets nothing in, nor does the default NACL (§2: the outside '
        + 'subnet\'s), so the entry itself adds no GUARD-1.',
      expected: ['MN-1', 'MN-2'],
      net: myNumberAlone(engine, true).defaultNacl('mn', [deny(10, false, '0.0.0.0/0')]).outsidePeering('x', 'mn', OUTSIDE_VPC)
        .table('rt', 'mn', ['m']).route('rt', '172.16.0.0/12', { kind: 'pcx', id: 'x' }).net,
    },
  ]),
  ...(['ref', 'getatt', 'sub', 'join'] as const).flatMap((ram) => (['cloudformation', 'terraform'] as const)
    .filter((engine) => engine === 'cloudformation' || ram === 'sub').flatMap((engine): Regression[] => [
      {
        name: `unplaced-a-transit-gateway-shared-by-ram-enters-my-number-through-its-default-table (${engine}, ${engine === 'cloudformation' ? ram : 'aws_ram_resource_association'})`,
        found: 'pin',
        note: '§5: a RAM share naming t (CloudFormation ResourceArns by Ref, Fn::GetAtt, ${Tgw} in an Fn::Sub or a Ref in an '
          + 'Fn::Join ARN; Terraform aws_ram_resource_association resource_arn = ${aws_ec2_transit_gateway.t.arn}), default '
          + 'association on: the stand-in for other accounts\' attachments joins td, whose 10.0.1.0/24 → am leads into ma and '
          + 'locally on to m ⇒ GUARD-1.',
        expected: ['GUARD-1/unplaced'],
        net: sharedGatewayIntoMyNumber(engine).share('t', { ram }).net,
      },
      {
        name: `a-transit-gateway-shared-by-ram-behind-a-nacl-that-denies (${engine}, ${engine === 'cloudformation' ? ram : 'aws_ram_resource_association'})`,
        found: 'pin',
        note: '§5, §6: the same, m\'s inbound NACL denying everything: ma → m passes ma\'s outbound and m\'s inbound entries ⇒ nothing.',
        expected: [],
        net: sharedGatewayIntoMyNumber(engine, true).share('t', { ram }).net,
      },
    ])),
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `a-transit-gateway-not-shared-has-no-stand-in (${engine})`,
      found: 'pin',
      note: '§5: the same gateway without a share: nothing is associated with td ⇒ nothing.',
      expected: [],
      net: sharedGatewayIntoMyNumber(engine).net,
    },
    {
      name: `unplaced-a-transit-gateway-auto-accepting-shared-attachments (${engine})`,
      found: 'pin',
      note: '§5: AutoAcceptSharedAttachments / auto_accept_shared_attachments = enable shares t without a RAM share ⇒ the stand-in '
        + 'joins td ⇒ GUARD-1.',
      expected: ['GUARD-1/unplaced'],
      net: sharedGatewayIntoMyNumber(engine).share('t', { autoAccept: true }).net,
    },
    {
      name: `a-transit-gateway-saying-disable-is-not-shared (${engine})`,
      found: 'pin',
      note: '§5: AutoAcceptSharedAttachments `disable` alone shares nothing ⇒ nothing.',
      expected: [],
      net: sharedGatewayIntoMyNumber(engine).share('t', { autoAccept: false }).net,
    },
    {
      name: `a-shared-transit-gateway-with-both-defaults-off-gets-no-stand-in (${engine})`,
      found: 'pin',
      note: '§5: a shared gateway (RAM and auto-accept) whose default association and propagation are both disabled gets nothing; '
        + 'td, no longer a default table of anything, holds no attachment ⇒ nothing.',
      expected: [],
      net: (() => {
        const b = sharedGatewayIntoMyNumber(engine).share('t', { ram: 'sub', autoAccept: true });
        b.net.transitGateways[0].defaultAssociation = false;
        return b.net;
      })(),
    },
    {
      name: `a-shared-transit-gateways-stand-in-propagates-any-prefix-and-is-an-unknown-next-hop (${engine})`,
      found: 'pin',
      note: '§5: t shared by RAM, default association off, default propagation on into td (PropagationDefaultRouteTableId / '
        + 'aws_ec2_transit_gateway_default_route_table_propagation): the stand-in propagates any prefix into td, an unknown next '
        + 'hop; m\'s 0.0.0.0/0 → t → td (am\'s explicit association) → unknown ⇒ MN-1 and MN-2. The stand-in is no entry: no '
        + 'default association table ⇒ no GUARD-1.',
      expected: ['MN-1', 'MN-2'],
      net: new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rt', 'mn', ['m'])
        .route('rt', '0.0.0.0/0', { kind: 'tgw', id: 't' }).tgw('t', { defaultPropagation: true }).attach('am', 't', 'mn', ['m'])
        .tgwTable('td', 't', { associations: ['am'] }).defaultTables('t', { propagation: 'td' }).share('t', { ram: 'sub' }).net,
    },
    {
      name: `a-shared-transit-gateway-without-default-propagation-adds-no-next-hop (${engine})`,
      found: 'pin',
      note: '§5: the same with default propagation off too (both defaults off: no stand-in): td holds no route ⇒ dropped ⇒ nothing.',
      expected: [],
      net: new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rt', 'mn', ['m'])
        .route('rt', '0.0.0.0/0', { kind: 'tgw', id: 't' }).tgw('t').attach('am', 't', 'mn', ['m'])
        .tgwTable('td', 't', { associations: ['am'] }).defaultTables('t', { propagation: 'td' }).share('t', { ram: 'sub' }).net,
    },
  ]),
];

/**
 * §2: another segment's VPC routing into the addresses of a VPC that no subnet of the output holds. The guard once added the
 * outside subnet only where the main route table routes out of the VPC, so such a route arrived nowhere, though a subnet
 * created there later (main table, default NACL) receives it. Internet subnet i routes 10.0.128.0/17 over transit gateway t,
 * whose table tt sends it to the My Number attachment am (subnet ma 10.0.9.0/28, local routes only); the VPN vs
 * (SECURITY_CLOUD, table ts) reaches the LGWAN VPC's 10.1.128.0/17 over al (subnet la 10.1.9.0/28).
 */
const unheld = (engine: Network['engine']) => new NetBuilder(engine)
  .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('i', 'inet', '10.2.1.0/24').table('rti', 'inet', ['i'])
  .route('rti', '10.0.128.0/17', { kind: 'tgw', id: 't' })
  .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('ma', 'mn', '10.0.9.0/28').table('rtm', 'mn', ['ma'])
  .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('la', 'lg', '10.1.9.0/28').table('rtl', 'lg', ['la'])
  .tgw('t').attach('ai', 't', 'inet', ['i']).attach('am', 't', 'mn', ['ma']).attach('al', 't', 'lg', ['la'])
  .vpn('vs', 't', 'SECURITY_CLOUD');
const UNHELD: Regression[] = (['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
  {
    name: `a-route-into-my-number-addresses-no-subnet-holds-arrives-at-the-outside-subnet (${engine})`,
    found: 'pin',
    note: '§2: tt 10.0.128.0/17 → am enters at ma and goes local to 10.0.128.0/17, which no subnet of the output holds: the '
      + 'outside subnet mn#subnets-outside-the-output (default NACL: all in) ⇒ MN-2, although mn\'s main table routes nowhere.',
    expected: ['MN-2'],
    net: unheld(engine).tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', '10.0.128.0/17', 'am').net,
  },
  {
    name: `a-route-from-the-security-cloud-into-lgwan-addresses-no-subnet-holds (${engine})`,
    found: 'pin',
    note: '§2, §5: what enters at vs (SECURITY_CLOUD) is routed by ts, 10.1.128.0/17 → al, into the LGWAN VPC\'s addresses no '
      + 'subnet of the output holds (the outside subnet) ⇒ LG-1; i\'s own route meets no route in tt (none given) ⇒ nothing more.',
    expected: ['LG-1'],
    net: unheld(engine).tgwTable('tt', 't', { associations: ['ai'] }).tgwTable('ts', 't', { associations: ['vs'] })
      .tgwRoute('ts', '10.1.128.0/17', 'al').net,
  },
  {
    name: `a-route-into-addresses-no-subnet-holds-behind-a-default-nacl-that-denies (${engine})`,
    found: 'pin',
    note: '§2, §6: the same two routes, the default NACLs of mn and lg denying every IPv4 packet in (rule 10) and letting all '
      + 'out (rule 20): ma and la let the packets out, the outside subnets admit none ⇒ nothing.',
    expected: [],
    net: unheld(engine).tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', '10.0.128.0/17', 'am')
      .tgwTable('ts', 't', { associations: ['vs'] }).tgwRoute('ts', '10.1.128.0/17', 'al')
      .defaultNacl('mn', [deny(10, false, '0.0.0.0/0'), allow(20, true, '0.0.0.0/0')])
      .defaultNacl('lg', [deny(10, false, '0.0.0.0/0'), allow(20, true, '0.0.0.0/0')]).net,
  },
]);

export const REGRESSIONS: Regression[] = [
  ...UNHELD,
  ...(['cloudformation', 'terraform'] as const).flatMap((engine) => [
    {
      name: `sc1-a-member-reaches-another-in-the-same-segment (${engine})`,
      found: 'pin' as const,
      note: '§10 SC-1: a\'s 10.0.0.0/16 … → transit gateway → default table (both attachments propagated) → ab → delivered in b (b\'s own '
        + 'block, §4) — an Internet-segment subnet of 131016 reaches one of 131024: SC-1 counts arrivals within the own segment.',
      expected: ['SC-1'] as const,
      net: twoMembers(engine),
    },
    {
      name: `sc1-passing-through-another-member-is-not-reaching-it (${engine})`,
      found: 'pin' as const,
      note: '§10 SC-1, §9: B\'s block is blackholed (a static route wins over the propagated one of the same length, §5); '
        + 'a\'s other packets go 0.0.0.0/0 → ab, enter b without being delivered (not b\'s block) and leave through B\'s internet gateway: '
        + 'crossing B\'s attachment subnet is not an arrival in B ⇒ no SC-1 (the internet is IN-1\'s and SC-2\'s concern, not compared).',
      expected: [] as const,
      net: twoMembers(engine, { blackholeB: true }),
    },
    {
      name: `sc1-needs-two-codes (${engine})`,
      found: 'pin' as const,
      note: '§10 SC-1 applies when subnets of two codes are present, or a hub (none here): B without a code is nobody\'s member ⇒ a '
        + 'reaching b is no SC-1.',
      expected: [] as const,
      net: twoMembers(engine, { codeB: false }),
    },
    {
      name: `sc1-an-unknown-end-reaches-every-other-member (${engine})`,
      found: 'pin' as const,
      note: '§9, §10 SC-1: b\'s 192.0.2.0/24 → a network interface ends unknown, which reaches every subnet: every other member (and, from '
        + 'the Internet segment, the My Number segment: MN-2); A\'s blackholed way to B is irrelevant.',
      expected: ['MN-2', 'SC-1'] as const,
      net: (() => {
        const n = twoMembers(engine, { blackholeB: true });
        n.routes.push({ table: 'rtb', destination: '192.0.2.0/24', target: { kind: 'eni', eni: 'eni-0abc0000000000005' } });
        return n;
      })(),
    },
  ]),
  // --- found by the property test against the exact-reachability guard (42301a4) -----------------------------------
  // All four were one open question of the text (§4 NAT row + §6 last bullet): is IPv6 to a NAT gateway (NAT64) unknown
  // at the route, or after it has entered the NAT's subnet? The oracle first read it at the route, the guard after
  // entering. Settled in docs/guard-semantics.md: the packet enters N (X's outbound, N's inbound NACL), and what enters
  // is unknown — the target is known, so its NACLs apply. The oracle changed; these stay as regressions (each now
  // expects the settled verdict: a closed NACL on the way stops NAT64 too).
  {
    name: 'nat64 is narrowed by the leaving subnet\'s NACL before it becomes unknown (cloudformation)',
    found: 'fuzz',
    note: '§4 NAT row, §6: ::/0 → NAT gateway is NAT64, unknown once it has entered the NAT subnet; the source subnet\'s NACL (no '
      + 'entries) lets nothing out ⇒ no MN-2; MN-1 stays, for the NAT gateway that sits in a My Number subnet (§10, structural).',
    expected: ['MN-1'],
    net: {
      engine: 'cloudformation',
      vpcs: [{ id: 'vpc0', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24' }, { id: 'sub1', vpc: 'vpc0', cidr: '10.0.1.0/24', routeTable: 'rt1', nacl: 'nacl0' }],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rt1', vpc: 'vpc0' }],
      routes: [{ table: 'rt1', destination: '::/0', target: { kind: 'nat', id: 'nat0' } }],
      internetGateways: [],
      egressOnlyGateways: [],
      natGateways: [{ id: 'nat0', subnet: 'sub0', private: true }],
      firewalls: [],
      gwlbEndpoints: [],
      vpnGateways: [],
      transitGateways: [],
      tgwAttachments: [],
      vpnAttachments: [],
      tgwRouteTables: [],
      tgwRoutes: [],
      peerings: [],
      nacls: [{ id: 'nacl0', vpc: 'vpc0', entries: [] }],
      securityGroups: [],
      renderSeed: 0,
    },
  },
  {
    name: 'nat64 behind a closed NAT-subnet NACL reaches nothing, main-table routes (terraform)',
    found: 'fuzz',
    note: '§4 NAT row, §4 main route table (Terraform), §6: ::/0 on the main table → NAT gateway in a subnet whose NACL has no entries. '
      + 'The NAT subnet\'s inbound entries stop the IPv6 packets before NAT64 could make them unknown ⇒ no MN-2; MN-1 for the NAT '
      + 'gateway in a My Number subnet (structural).',
    expected: ['MN-1'],
    net: {
      engine: 'terraform',
      vpcs: [{ id: 'vpc0', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }],
      subnets: [
        { id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24' }, { id: 'sub1', vpc: 'vpc0', cidr: '10.0.1.0/24' },
        { id: 'sub2', vpc: 'vpc0', cidr: '10.0.2.0/24', routeTable: 'rt1', nacl: 'nacl0' },
      ],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rt1', vpc: 'vpc0' }],
      routes: [
        { table: 'rtmain0', destination: '0.0.0.0/0', target: { kind: 'nat', id: 'nat0' } },
        { table: 'rt1', destination: '0.0.0.0/0', target: { kind: 'igw', id: 'igw0' } },
        { table: 'rtmain0', destination: '::/0', target: { kind: 'nat', id: 'nat0' } },
      ],
      internetGateways: [{ id: 'igw0', vpc: 'vpc0' }],
      egressOnlyGateways: [],
      natGateways: [{ id: 'nat0', subnet: 'sub2' }],
      firewalls: [],
      gwlbEndpoints: [],
      vpnGateways: [],
      transitGateways: [{ id: 'tgw0', defaultAssociation: true, defaultPropagation: true }],
      tgwAttachments: [{ id: 'tgwatt0', tgw: 'tgw0', vpc: 'vpc0', subnets: ['sub0'] }],
      vpnAttachments: [],
      tgwRouteTables: [{ id: 'tgw0#default', tgw: 'tgw0', implicit: true, associations: [], propagations: [] }],
      tgwRoutes: [],
      peerings: [],
      nacls: [{ id: 'nacl0', vpc: 'vpc0', entries: [] }],
      securityGroups: [],
      renderSeed: 0,
    },
  },
  {
    name: 'nat64 from a subnet whose NACL denies everything reaches nothing, minimal LGWAN (terraform)',
    found: 'fuzz',
    note: 'The first two, reduced by hand: no LG-1 through NAT64 from a subnet whose NACL denies everything (§4 NAT row, §6).',
    expected: [],
    net: lgwanWithNat('terraform').nacl('closed', 'lg', [], ['a']).net,
  },
  {
    name: 'nat64 into a NAT subnet whose NACL denies everything reaches nothing, minimal LGWAN (cloudformation)',
    found: 'fuzz',
    note: 'The second, reduced by hand: no LG-1 through NAT64 into a NAT subnet whose NACL denies everything (§4 NAT row, §6).',
    expected: [],
    net: lgwanWithNat('cloudformation').nacl('closed', 'lg', [], ['n']).net,
  },

  // --- MN-4, by hand (§10 MN-4, §4, §5, §9) -------------------------------------------------------------------------
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `mn4-alpha-lgwan-peer-with-its-own-internet-route (${engine})`,
      found: 'pin',
      note: '§10 MN-4: m\'s packets to 10.1.1.10 cross the transit gateway (§5: static route to the LGWAN attachment), enter la and '
        + 'are delivered locally in l (§4), an arrival at l; l\'s own 0.0.0.0/0 → internet gateway reaches the internet (§9) ⇒ MN-4, and '
        + 'LG-1 (α). m reaches nothing else (no MN-1, MN-2); one host of l is not its whole block, and l\'s packets toward the My Number '
        + 'VPC go to the internet gateway with a non-internet destination and are dropped (no MN-3).',
      expected: ['LG-1', 'MN-4'],
      net: alphaLgwanPeer(engine, true),
    },
    {
      name: `mn4-alpha-lgwan-peer-without-a-way-out (${engine})`,
      found: 'pin',
      note: '§10 MN-4: the same arrival of m at l, but l\'s table has only the local route and la\'s (the main table) too: neither reaches '
        + 'the internet, SECURITY_CLOUD or unknown ⇒ no MN-4, no LG-1; nothing else either.',
      expected: [],
      net: alphaLgwanPeer(engine, false),
    },
  ]),

  // --- the prefecture hub (§10 MN-1, LG-1, MN-4, SC-1), by hand ------------------------------------------------------
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `hub-to-my-number-one-way (${engine})`,
      found: 'pin',
      note: '§10 MN-1: h → 10.0.1.0/24 → t (th) → am, entering at m, its own block: delivered (§4) — a hub subnet\'s arrival at a My Number '
        + 'subnet ⇒ MN-1, though nothing comes back. No SC-1: no member code, and the hub belongs to no member.',
      expected: ['MN-1'],
      net: hubAndMyNumber(engine, 'out').net,
    },
    {
      name: `my-number-to-a-hub-host-is-mn1-and-the-hub-subnet-no-mn4-T (${engine})`,
      found: 'pin',
      note: '§10 MN-1: m → 10.200.1.10/32 → t (tm) → ah, delivered in h: a My Number arrival at a hub subnet ⇒ MN-1. §10 MN-4: a hub '
        + 'subnet is no T (the Internet side: MN-1 judges the arrival), though it arrives at a hub subnet, itself (§4: its own block) ⇒ no MN-4. '
        + 'Found by the oracle when the hub came in: the guard gave MN-4 besides MN-1 (every My Number arrival at the hub was said twice).',
      expected: ['MN-1'],
      net: hubAndMyNumber(engine, 'in').net,
    },
    {
      name: `hub-to-lgwan-and-lgwan-to-hub (${engine})`,
      found: 'pin',
      note: '§10 LG-1: the hub routes one LGWAN host over a peering (delivered in l: a hub subnet\'s arrival at an LGWAN subnet, every '
        + 'model), and l routes the hub\'s block back over it (an LGWAN arrival at a hub subnet, α β β′; the guard runs α) ⇒ LG-1; no My '
        + 'Number subnet ⇒ nothing else.',
      expected: ['LG-1'],
      net: new NetBuilder(engine)
        .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24').table('rth', 'hub', ['h'])
        .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l'])
        .peering('p', 'hub', 'lg').route('rth', '10.1.1.10/32', { kind: 'pcx', id: 'p' }).route('rtl', '10.200.0.0/16', { kind: 'pcx', id: 'p' }).net,
    },
    {
      name: `sc1-with-a-hub-one-member-and-an-uncoded-vpc (${engine})`,
      found: 'pin',
      note: '§10 SC-1 applies when the graph holds a hub, whatever the codes: member 131016\'s subnet a routes 192.0.2.0/24 to a network '
        + 'interface, unknown (§9), which reaches every other member ⇒ SC-1 (and MN-2: a is in the Internet segment). The LGWAN VPC has no '
        + 'code: SC-1\'s non-path condition (with a hub, a VPC other than the hub\'s without a code), which compare.ts leaves out.',
      expected: ['MN-2', 'SC-1'],
      net: new NetBuilder(engine)
        .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24')
        .vpc('va', 'INTERNET', '10.3.0.0/16', { municipality: '131016' }).subnet('a', 'va', '10.3.1.0/24').table('rta', 'va', ['a'])
        .route('rta', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000009' })
        .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').net,
    },
    {
      name: `sc1-a-hub-and-an-uncoded-vpc-without-paths (${engine})`,
      found: 'pin',
      note: '§10 SC-1: a hub and an LGWAN VPC without a code, no route anywhere: only SC-1\'s non-path condition, which compare.ts leaves '
        + 'out (the oracle decides the path part) ⇒ nothing.',
      expected: [],
      net: new NetBuilder(engine)
        .hub('hub', '10.200.0.0/16').subnet('h', 'hub', '10.200.1.0/24')
        .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').net,
    },
  ]),

  // --- pins: readings of the text the oracle chose (the guard of 42301a4 agrees) -------------------------------------
  {
    name: 'own-block-delivery-at-a-transit-attachment-subnet',
    found: 'pin',
    note: '§4 "a destination inside the sending subnet\'s own block is delivered there without routing" applies in every subnet a packet '
      + 'is routed from, also one it entered from a transit gateway: the attachment subnet\'s route for its own block (to an interface) is '
      + 'not used ⇒ MN-3 (the whole LGWAN subnet), no unknown.',
    expected: ['MN-3'],
    net: new NetBuilder('terraform').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .route('rtm', '10.9.1.0/24', { kind: 'tgw', id: 't' })
      .vpc('x', 'LGWAN', '10.9.0.0/16').subnet('z', 'x', '10.9.1.0/24').table('rtz', 'x', ['z'])
      .route('rtz', '10.9.1.0/24', { kind: 'eni', eni: 'eni-0abc0000000000001' })
      .tgw('t', { defaultAssociation: true, defaultPropagation: true }).attach('am', 't', 'mn', ['m']).attach('az', 't', 'x', ['z']).net,
  },
  {
    name: 'vpn-propagation-is-followed-past-a-static-host-blackhole',
    found: 'pin',
    note: '§5: a VPN (BGP) propagation may announce any prefix, so it is a candidate for every destination, even one a static /32 '
      + 'blackholes ⇒ LG-1 (SECURITY_CLOUD).',
    expected: ['LG-1'],
    net: new NetBuilder('cloudformation').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['a'])
      .route('rt', '8.8.8.8/32', { kind: 'tgw', id: 't' }).tgw('t').attach('att', 't', 'lg', ['a']).vpn('v', 't', 'SECURITY_CLOUD')
      .tgwTable('tt', 't', { associations: ['att'], propagations: ['v'] }).tgwRoute('tt', '8.8.8.8/32', 'blackhole').net,
  },
  {
    name: 'tcp-port-0-is-a-port',
    found: 'pin',
    note: '§2 "every port": TCP port 0 is sent too; NACL entries that deny TCP 1-65535, UDP and ICMP but allow TCP 0-65535 let it out ⇒ LG-1.',
    expected: ['LG-1'],
    net: new NetBuilder('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['a'])
      .route('rt', '0.0.0.0/0', { kind: 'igw', id: 'i' }).igw('i')
      .nacl('n', 'lg', [deny(10, true, '0.0.0.0/0', 'tcp', [1, 65535]), deny(11, true, '0.0.0.0/0', 'udp', [0, 65535]), deny(12, true, '0.0.0.0/0', 'icmp'),
        allow(20, true, '0.0.0.0/0', 'tcp', [0, 65535])], ['a']).net,
  },
  {
    name: 'unknown-is-not-an-mn3-arrival',
    found: 'pin',
    note: '§9: an unknown end reaches everywhere "for the critical rules"; MN-3 is not one, so an LGWAN route to an interface for the '
      + 'whole My Number VPC is LG-1 only.',
    expected: ['LG-1'],
    net: new NetBuilder('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['a'])
      .route('rt', '10.0.0.0/16', { kind: 'eni', eni: 'eni-0abc0000000000002' }).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').net,
  },
  {
    name: 'cloudformation-implicit-egress-of-a-group-without-egress-rules',
    found: 'pin',
    note: '§10 MN-3 security-group part: a CloudFormation group that lists no egress rule keeps EC2\'s allow-all egress, which allows all '
      + 'protocols toward the LGWAN VPC ⇒ MN-3; its ingress rule alone (one port from one host) is narrow.',
    expected: ['MN-3'],
    net: new NetBuilder('cloudformation').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .sg('s', 'mn', [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '10.1.1.10/32', separate: true }], []).net,
  },
  {
    name: 'vgw-without-zone-is-unknown-even-behind-a-closed-nacl',
    found: 'pin',
    note: '§4 VPN gateway row and §6 last bullet: an untagged VPN gateway is unknown, and an unknown end is not narrowed by the leaving '
      + 'subnet\'s NACL ⇒ LG-1.',
    expected: ['LG-1'],
    net: new NetBuilder('cloudformation').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('a', 'lg', '10.1.1.0/24').table('rt', 'lg', ['a'])
      .route('rt', '0.0.0.0/0', { kind: 'vgw', id: 'v' }).vgw('v', 'lg').nacl('c', 'lg', [], ['a']).net,
  },
  // The guard's MN-4 missed a My Number unknown end reaching the LGWAN subnets (§9); found when MN-4 joined the oracle.
  ...(['cloudformation', 'terraform'] as const).map((engine) => ({
    name: `mn4-a-my-number-unknown-end-reaches-an-lgwan-subnet-with-a-way-out (${engine})`,
    found: 'pin' as const,
    note: '§9: an unknown end "reaches everywhere for the critical rules: the internet, the security cloud and every subnet of every '
      + 'segment"; §10: MN-4 is critical. m\'s route to a network interface ends unknown (MN-1, MN-2), so m has an arrival at the LGWAN '
      + 'subnet l, whose own 0.0.0.0/0 → internet gateway reaches the internet (LG-1) ⇒ MN-4. The guard gave MN-1, MN-2 and LG-1 '
      + 'but not MN-4 until the fix (found by the oracle property, about 2% of the generated cases).',
    expected: ['LG-1', 'MN-1', 'MN-2', 'MN-4'] as const,
    net: new NetBuilder(engine)
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .route('rtm', '192.0.2.0/24', { kind: 'eni', eni: 'eni-0abc0000000000004' })
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l'])
      .igw('i', 'lg').route('rtl', '0.0.0.0/0', { kind: 'igw', id: 'i' }).net,
  })),
  {
    name: 'mn4-a-my-number-vpc-without-attachment-to-the-transit-gateway (terraform, shrunk by the property; the guard missed MN-4 before the fix)',
    found: 'fuzz',
    note: '§5: sub0\'s 0.0.0.0/0 → transit gateway from a VPC with no attachment to it ends unknown, which reaches every subnet (§9), '
      + 'among them the LGWAN subnet sub1, whose 0.0.0.0/0 → internet gateway reaches the internet ⇒ MN-4 besides MN-1, MN-2, LG-1.',
    expected: ['LG-1', 'MN-1', 'MN-2', 'MN-4'],
    net: {
      engine: 'terraform',
      vpcs: [{ id: 'vpc0', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }, { id: 'vpc1', segment: 'LGWAN', cidr: '10.1.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24', routeTable: 'rt2' }, { id: 'sub1', vpc: 'vpc1', cidr: '10.1.0.0/24', routeTable: 'rt3' }],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rtmain1', vpc: 'vpc1', main: true }, { id: 'rt2', vpc: 'vpc0' }, { id: 'rt3', vpc: 'vpc1' }],
      routes: [
        { table: 'rt3', destination: '0.0.0.0/0', target: { kind: 'igw', id: 'igw0' } },
        { table: 'rt2', destination: '0.0.0.0/0', target: { kind: 'tgw', id: 'tgw0' } },
      ],
      internetGateways: [{ id: 'igw0', vpc: 'vpc1' }],
      egressOnlyGateways: [],
      natGateways: [],
      firewalls: [],
      gwlbEndpoints: [],
      vpnGateways: [],
      transitGateways: [{ id: 'tgw0', defaultAssociation: true, defaultPropagation: true }],
      tgwAttachments: [{ id: 'tgwatt0', tgw: 'tgw0', vpc: 'vpc1', subnets: ['sub1'] }],
      vpnAttachments: [],
      tgwRouteTables: [{ id: 'tgw0#default', tgw: 'tgw0', implicit: true, associations: [], propagations: [] }],
      tgwRoutes: [],
      peerings: [],
      nacls: [],
      securityGroups: [],
      renderSeed: 0,
    },
  },

  // --- what enters from a zone and ends unknown (§5 "Entering from a zone", §9, §10) ----------------------------------
  // The guard's LG-1 did not count an unknown end of what enters from the LGWAN WAN as reaching the Internet-segment
  // subnets; kept apart as a known guard bug until the fix (4305537), now regressions. Since §10 also makes such an end
  // MN-3 when a My Number subnet is present (MN-3, WAN part), the shrunk case expects MN-3 too.
  ...(['cloudformation', 'terraform'] as const).map((engine) => ({
    name: `lg1-what-enters-from-the-lgwan-wan-ends-unknown-with-an-internet-subnet-present (${engine})`,
    found: 'pin' as const,
    note: '§5 "Entering from a zone": what enters at the LGWAN_WAN VPN lw is routed by its table t, whose 0.0.0.0/0 goes to the '
      + 'untagged VPN x: unknown (§5). §9: an unknown end "reaches everywhere for the critical rules: ... every subnet of every '
      + 'segment"; §10: LG-1 is critical, and what enters from the LGWAN_WAN zone must not arrive at an Internet-segment subnet '
      + '(here inet-a) ⇒ LG-1. No My Number subnet, so no MN-3. The guard reported nothing until the fix (found by the oracle '
      + 'property, about 0.5% of the generated cases).',
    expected: ['LG-1'] as const,
    net: new NetBuilder(engine)
      .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('inet-a', 'inet', '10.2.1.0/24')
      .tgw('tgw').vpn('lw', 'tgw', 'LGWAN_WAN').vpn('x', 'tgw').tgwTable('t', 'tgw', { associations: ['lw'] })
      .tgwRoute('t', '0.0.0.0/0', 'x').net,
  })),
  {
    name: 'the-wan-vpn-table-sends-everything-to-an-untagged-vpn (cloudformation, shrunk by the property, seed 20261222 case 141)',
    found: 'fuzz',
    note: 'As the pin above, with a My Number and an LGWAN VPC besides: vpn1 (LGWAN_WAN) is associated with tgwrt0, whose '
      + '0.0.0.0/0 → vpn0 (no zone tag) is unknown (§5), which reaches every subnet (§9): the Internet subnet sub2 ⇒ LG-1 (§10), '
      + 'and, a My Number subnet (sub0) being present, MN-3 (§10 MN-3, WAN part: what enters from LGWAN_WAN and ends unknown). '
      + 'Nothing else holds: no subnet routes anywhere, and the security cloud has no entry. Terraform shrinks to the same network.',
    expected: ['LG-1', 'MN-3'],
    net: {
      ...emptyNetwork('cloudformation'),
      vpcs: [{ id: 'vpc0', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }, { id: 'vpc1', segment: 'LGWAN', cidr: '10.1.0.0/16', secondaryCidrs: [] }, { id: 'vpc2', segment: 'INTERNET', cidr: '10.2.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24', routeTable: 'rt3' }, { id: 'sub1', vpc: 'vpc1', cidr: '10.1.0.0/24', routeTable: 'rt4' }, { id: 'sub2', vpc: 'vpc2', cidr: '10.2.0.0/24', routeTable: 'rt5' }],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rtmain1', vpc: 'vpc1', main: true }, { id: 'rtmain2', vpc: 'vpc2', main: true }, { id: 'rt3', vpc: 'vpc0' }, { id: 'rt4', vpc: 'vpc1' }, { id: 'rt5', vpc: 'vpc2' }],
      transitGateways: [{ id: 'tgw0', defaultAssociation: false, defaultPropagation: false }],
      vpnAttachments: [{ id: 'vpn0', tgw: 'tgw0' }, { id: 'vpn1', tgw: 'tgw0', zone: 'LGWAN_WAN' }],
      tgwRouteTables: [{ id: 'tgwrt0', tgw: 'tgw0', associations: ['vpn1'], propagations: [] }],
      tgwRoutes: [{ table: 'tgwrt0', destination: '0.0.0.0/0', target: 'vpn0' }],
    },
  },

  // --- MN-3's WAN part (§10, My Number ↔ LGWAN WAN, no declared flow), found by the property -----------------------
  {
    name: 'mn3-a-vpn-gateway-labelled-lgwan-wan-on-a-my-number-vpc-enters-every-subnet-whole (cloudformation)',
    found: 'fuzz',
    note: '§5 "Entering from a zone": the VPN gateway vgw0 labelled LGWAN_WAN is an entry into vpc0; every source address to a '
      + 'destination within sub0\'s block is delivered in sub0 (the default NACL lets it in, §6), so for one source, protocol and '
      + 'port the arrivals from the WAN cover sub0\'s whole block ⇒ MN-3 (§10 MN-3, WAN part). A VPN gateway is not one of MN-1\'s '
      + 'structural gateways, and sub0 has only its local routes ⇒ nothing else.',
    expected: ['MN-3'],
    net: {
      ...emptyNetwork('cloudformation'),
      vpcs: [{ id: 'vpc0', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24', routeTable: 'rt1' }],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rt1', vpc: 'vpc0' }],
      vpnGateways: [{ id: 'vgw0', vpc: 'vpc0', zone: 'LGWAN_WAN' }],
    },
  },
  {
    name: 'mn3-two-halves-routed-back-from-the-wan-together-cover-the-subnet (terraform)',
    found: 'fuzz',
    note: '§5 "Entering from a zone": what enters at the LGWAN_WAN VPN w is routed by its table tw, whose two /25 routes send '
      + '10.1.0.0/25 and 10.1.0.128/25 to the attachment a; it enters at m, its own block, delivered without a NACL (§4, §6). The '
      + 'two halves together are m\'s whole /24 for one source, protocol and port ⇒ MN-3 (§10 MN-3, WAN part: the arrivals from '
      + 'the WAN, all together). a has no table (no association, default association off), m has only its local routes ⇒ nothing else.',
    expected: ['MN-3'],
    net: {
      ...emptyNetwork('terraform'),
      vpcs: [{ id: 'mn', segment: 'MY_NUMBER', cidr: '10.1.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'm', vpc: 'mn', cidr: '10.1.0.0/24', routeTable: 'rt' }],
      routeTables: [{ id: 'rt', vpc: 'mn' }],
      transitGateways: [{ id: 't', defaultAssociation: false, defaultPropagation: false }],
      tgwAttachments: [{ id: 'a', tgw: 't', vpc: 'mn', subnets: ['m'] }],
      vpnAttachments: [{ id: 'w', tgw: 't', zone: 'LGWAN_WAN' }],
      tgwRouteTables: [{ id: 'tw', tgw: 't', associations: ['w'], propagations: [] }],
      tgwRoutes: [{ table: 'tw', destination: '10.1.0.0/25', target: 'a' }, { table: 'tw', destination: '10.1.0.128/25', target: 'a' }],
    },
  },
  {
    name: 'mn3-two-adjacent-24s-to-the-wan-make-one-run-of-512-addresses (terraform)',
    found: 'fuzz',
    note: '§5, §9: mn-a routes 10.99.0.0/24 and 10.99.1.0/24 to the transit gateway; tgw-mn (att-mn\'s table) sends both to the '
      + 'LGWAN_WAN VPN vpn-lw, so mn-a reaches the zone at 10.99.0.0–10.99.1.255: one run of 512 consecutive destination '
      + 'addresses, more than 256 ⇒ MN-3 (§10 MN-3, WAN part, no declared flow; each /24 alone is exactly 256). vpn-lw has no '
      + 'table (default association off): nothing enters from the WAN. The zone is no way out for MN-1 ⇒ nothing else.',
    expected: ['MN-3'],
    net: {
      ...emptyNetwork('terraform'),
      vpcs: [{ id: 'mn', segment: 'MY_NUMBER', cidr: '10.0.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 'mn-a', vpc: 'mn', cidr: '10.0.1.0/24', routeTable: 'mn-rt' }, { id: 'mn-tgw', vpc: 'mn', cidr: '10.0.9.0/28' }],
      routeTables: [{ id: 'mn-rt', vpc: 'mn' }],
      routes: [
        { table: 'mn-rt', destination: '10.99.0.0/24', target: { kind: 'tgw', id: 'tgw' } },
        { table: 'mn-rt', destination: '10.99.1.0/24', target: { kind: 'tgw', id: 'tgw' } },
      ],
      transitGateways: [{ id: 'tgw', defaultAssociation: false, defaultPropagation: false }],
      tgwAttachments: [{ id: 'att-mn', tgw: 'tgw', vpc: 'mn', subnets: ['mn-tgw'] }],
      vpnAttachments: [{ id: 'vpn-lw', tgw: 'tgw', zone: 'LGWAN_WAN' }],
      tgwRouteTables: [{ id: 'tgw-mn', tgw: 'tgw', associations: ['att-mn'], propagations: [] }],
      tgwRoutes: [{ table: 'tgw-mn', destination: '10.99.0.0/24', target: 'vpn-lw' }, { table: 'tgw-mn', destination: '10.99.1.0/24', target: 'vpn-lw' }],
    },
  },
  // --- LG-1's IPv6 way in (§10 LG-1, structural, every model), found by the property test after 428e329 ---------------
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `lg1-an-lgwan-subnet-holding-a-global-ipv6-block-in-a-vpc-with-an-internet-gateway (${engine})`,
    found: 'fuzz',
    note: '§10 LG-1 (structural, every model): sub1 holds 2001:db8:1::/64, inside 2000::/3 (§9), and igw0 is attached to its LGWAN '
      + 'VPC: IPv6 has no NAT, so the gateway delivers to those addresses whatever sub1\'s routes (it has only the local ones) '
      + '⇒ LG-1. sub0\'s 0.0.0.0/0 → igw0 is closed by nacl0 (no entries, §6), so no path leaves the VPC ⇒ nothing else. The '
      + 'property test printed this network with the oracle at [] (it lacked the part) and the guard at [LG-1]; the report left '
      + 'nacl0\'s entries out, and none keeps the oracle\'s [] there.',
    expected: ['LG-1'],
    net: {
      ...emptyNetwork(engine),
      vpcs: [{ id: 'vpc0', segment: 'LGWAN', cidr: '10.0.0.0/16', secondaryCidrs: [], ipv6Cidr: '2001:db8:1::/56' }],
      subnets: [
        { id: 'sub0', vpc: 'vpc0', cidr: '10.0.0.0/24', routeTable: 'rt1', nacl: 'nacl0' },
        { id: 'sub1', vpc: 'vpc0', cidr: '10.0.1.0/24', ipv6Cidr: '2001:db8:1::/64' },
      ],
      routeTables: [{ id: 'rtmain0', vpc: 'vpc0', main: true }, { id: 'rt1', vpc: 'vpc0' }],
      routes: [{ table: 'rt1', destination: '0.0.0.0/0', target: { kind: 'igw', id: 'igw0' } }],
      internetGateways: [{ id: 'igw0', vpc: 'vpc0' }],
      nacls: [{ id: 'nacl0', vpc: 'vpc0', entries: [] }],
    },
  })),
  {
    name: 'lg1-an-egress-only-gateway-is-no-way-in-for-a-global-ipv6-lgwan-subnet (terraform)',
    found: 'pin',
    note: '§10 LG-1 names "a VPC with an internet gateway attached": an egress-only gateway lets no connection in, so an LGWAN '
      + 'subnet holding 2001:db8:1::/64 in a VPC with only an egress-only gateway (and no route to it) is not this part of LG-1. '
      + 'The subnet has only its local routes ⇒ nothing (MN-1\'s egress-only part is about My Number VPCs).',
    expected: [],
    net: {
      ...emptyNetwork('terraform'),
      vpcs: [{ id: 'lg', segment: 'LGWAN', cidr: '10.1.0.0/16', secondaryCidrs: [], ipv6Cidr: '2001:db8:1::/56' }],
      subnets: [{ id: 'lg-a', vpc: 'lg', cidr: '10.1.1.0/24', ipv6Cidr: '2001:db8:1::/64' }],
      egressOnlyGateways: [{ id: 'e', vpc: 'lg' }],
    },
  },

  // --- route propagation from a VPN gateway (§4), by hand ------------------------------------------------------------
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `vgw-propagation-reaches-the-security-cloud-without-a-static-route (${engine})`,
      found: 'pin',
      note: '§4 "Route propagation from a VPN gateway": rtm has only its local route and a propagation from v (labelled SECURITY_CLOUD); '
        + 'every destination outside 10.0.0.0/16 has a route to v besides its longest match (here none), followed like a route to v: its '
        + 'zone, after m\'s outbound NACL (§6), which lets IPv4 out ⇒ m reaches SECURITY_CLOUD ⇒ MN-1. What enters at v (§5) is stopped by '
        + 'm\'s inbound NACL, so without the propagation nothing holds.',
      expected: ['MN-1'],
      net: myNumberWithPropagation(engine, 'SECURITY_CLOUD'),
    },
    {
      name: `vgw-propagation-adds-nothing-inside-the-vpc-blocks (${engine})`,
      found: 'pin',
      note: '§4: inside the VPC\'s blocks the local route wins over any propagated prefix, so the propagation adds nothing there — for the '
        + 'primary 10.0.0.0/16, the secondary 100.64.0.0/20 and the IPv6 2001:db8:1::/56 alike. m\'s NACL lets out only packets to those '
        + 'three blocks (and nothing in): they are routed locally (to the outside subnet, §2, whose default NACL lets nothing in '
        + 'either, so that what enters at v arrives nowhere), none to v (SECURITY_CLOUD) ⇒ nothing. '
        + 'Reading the propagation as covering the VPC\'s blocks too would give MN-1.',
      expected: [],
      net: new NetBuilder(engine)
        .vpc('mn', 'MY_NUMBER', '10.0.0.0/16', { secondary: ['100.64.0.0/20'], ipv6: '2001:db8:1::/56' })
        .defaultNacl('mn', [deny(10, false, '0.0.0.0/0'), deny(11, false, '::/0')])
        .subnet('m', 'mn', '10.0.1.0/24', { ipv6: '2001:db8:1::/64' }).table('rtm', 'mn', ['m'])
        .vgw('v', 'mn', 'SECURITY_CLOUD').propagate('rtm', 'v')
        .nacl('n', 'mn', [allow(10, true, '10.0.0.0/16'), allow(11, true, '100.64.0.0/20'), allow(12, true, '2001:db8:1::/56')], ['m']).net,
    },
    {
      name: `vgw-propagation-from-an-unlabelled-gateway-ends-unknown (${engine})`,
      found: 'pin',
      note: '§4: the propagated route is followed like a route to v, which has no zone label: unknown (§4 VPN gateway row), not narrowed '
        + 'by m\'s NACL (§6 last bullet), and an unknown end reaches everywhere (§9) ⇒ MN-1 and MN-2. (The unlabelled gateway on a My Number '
        + 'VPC is also a bridge, GUARD-1, which the comparison does not count.)',
      expected: ['MN-1', 'MN-2'],
      net: (() => {
        const n = myNumberWithPropagation(engine, undefined);
        n.nacls[0].entries = [];
        return n;
      })(),
    },
  ]),
  // Terraform names the main table in a propagation (CloudFormation cannot, network.ts); one network per spelling the
  // renderer picks with renderSeed: aws_vpn_gateway_route_propagation on main_route_table_id (0) or default_route_table_id
  // (4), propagating_vgws on aws_default_route_table (8), and the separate resource beside an aws_default_route_table that
  // does not list the gateway (9).
  ...([[0, 'main_route_table_id'], [4, 'default_route_table_id'], [8, 'aws_default_route_table propagating_vgws'],
    [9, 'beside aws_default_route_table']] as const).map(([renderSeed, spelling]): Regression => ({
    name: `vgw-propagation-into-the-terraform-main-table (${spelling})`,
    found: 'pin',
    note: '§4: m has no association, so it uses the main table, whose propagation from v (SECURITY_CLOUD) gives every destination outside '
      + 'the VPC a route to v ⇒ MN-1 (what enters at v is stopped by m\'s inbound NACL).',
    expected: ['MN-1'],
    net: myNumberWithPropagation('terraform', 'SECURITY_CLOUD', { main: true, renderSeed }),
  })),
  {
    name: 'vgw-propagation-into-the-terraform-main-table-leaves-a-subnet-with-its-own-table-alone',
    found: 'pin',
    note: '§4: a subnet with an explicit association uses that table only; the main table\'s propagation from v (SECURITY_CLOUD) is not '
      + 'its route (what enters at v is stopped by m\'s inbound NACL). But §2 (since 454f9f3): the main table routes out of the VPC, so '
      + 'mn#subnets-outside-the-output (the VPC\'s addresses m does not hold, the default NACL) is a source on it and reaches '
      + 'SECURITY_CLOUD, and what enters at v is delivered there ⇒ MN-1 (nothing before).',
    expected: ['MN-1'],
    net: (() => {
      const n = myNumberWithPropagation('terraform', 'SECURITY_CLOUD', { main: true });
      n.routeTables.push({ id: 'rtm', vpc: 'mn' });
      n.subnets[0].routeTable = 'rtm';
      return n;
    })(),
  },
  // --- found by the oracle's fuzz on the propagation generator, against the guard before 0b1e418 (it never returned) ---
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `vgw-propagation-carrying-both-families-to-the-security-cloud (${engine})`,
    found: 'fuzz',
    note: '§4 "Route propagation from a VPN gateway": rt has only its local route and a propagation from g (SECURITY_CLOUD), and '
      + 'the default NACL lets everything out, so one route carries every IPv4 and IPv6 destination outside 10.1.0.0/16 to the '
      + 'zone ⇒ MN-1 (what enters at g reaches s too: MN-1 again). The guard ran out of memory writing that arrival\'s '
      + 'destinations: the IPv4 tail 224.0.0.0/3 and the IPv6 head ::/3 merged into one range, walked with IPv4 block sizes.',
    expected: ['MN-1'],
    net: {
      ...emptyNetwork(engine),
      vpcs: [{ id: 'v', segment: 'MY_NUMBER', cidr: '10.1.0.0/16', secondaryCidrs: [] }],
      subnets: [{ id: 's', vpc: 'v', cidr: '10.1.1.0/24', routeTable: 'rt' }],
      routeTables: [{ id: 'rt', vpc: 'v' }],
      vpnGateways: [{ id: 'g', vpc: 'v', zone: 'SECURITY_CLOUD' }],
      vgwPropagations: [{ table: 'rt', vgw: 'g' }],
    },
  })),

  // --- route propagation from a VPC Route Server (§4), by hand -------------------------------------------------------
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `route-server-propagation-makes-a-my-number-subnet-end-unknown (${engine})`,
      found: 'pin',
      note: '§4 "Route propagation from a VPC Route Server": rtm has its local route and a propagation from rs, a route whose destination '
        + 'may match any address, followed for every destination besides the longest match, ending unknown; an unknown end is not '
        + 'narrowed by m\'s closed NACL (§6) and reaches everywhere (§9) ⇒ MN-1 and MN-2.',
      expected: ['MN-1', 'MN-2'],
      net: myNumberWithRouteServer(engine, 'rtm'),
    },
    {
      name: `route-server-propagation-without-its-association (${engine})`,
      found: 'pin',
      note: '§4 reads the propagation, not the server\'s association with the VPC (renderSeed 4 leaves it out in both engines) ⇒ MN-1 '
        + 'and MN-2 as with it.',
      expected: ['MN-1', 'MN-2'],
      net: myNumberWithRouteServer(engine, 'rtm', 4),
    },
    {
      name: `route-server-without-a-propagation-is-nothing (${engine})`,
      found: 'pin',
      note: '§4: a route server associated with the VPC puts routes only into the tables it propagates into; here none, and m\'s '
        + 'table has only its local route ⇒ nothing.',
      expected: [],
      net: myNumberWithRouteServer(engine, undefined),
    },
    {
      name: `route-server-propagation-into-another-table-leaves-the-subnet-alone (${engine})`,
      found: 'pin',
      note: '§4: m uses its own table rtm only; rs propagates into rtx, a table of the same VPC no subnet uses ⇒ nothing.',
      expected: [],
      net: myNumberWithRouteServer(engine, 'rtx'),
    },
    {
      name: `route-server-propagation-covers-the-vpc-own-blocks (${engine})`,
      found: 'pin',
      note: '§4: a route server\'s prefixes may be the VPC\'s own ("no local-route exception", unlike a VPN gateway\'s propagation). i → '
        + '10.1.3.0/24 → t → tt → al enters la, whose local route 10.1.0.0/16 is the longest match but holds no subnet there (dropped); '
        + 'the propagation adds an unknown end ⇒ MN-2 for the Internet-segment i (§9), and la\'s own unknown end ⇒ LG-1.',
      expected: ['LG-1', 'MN-2'],
      net: internetIntoRouteServerTable(engine, '10.1.3.0/24'),
    },
    {
      name: `route-server-propagation-is-not-looked-up-for-the-subnet-own-block (${engine})`,
      found: 'pin',
      note: '§4: "a destination inside the literal block of the subnet the packet is in (…) a transit gateway attachment subnet) is '
        + 'delivered there without routing": i → 10.1.9.4/32 → t enters la, whose block holds it, so rtl (and its propagation) is not '
        + 'consulted: delivered in la, no unknown end for i (no MN-2); la\'s own unknown end ⇒ LG-1. The wider reading ("followed for '
        + 'every destination") would add MN-2; own-block-delivery-at-a-transit-attachment-subnet pins the same for a static route.',
      expected: ['LG-1'],
      net: internetIntoRouteServerTable(engine, '10.1.9.4/32'),
    },
    {
      name: `route-server-propagation-where-the-security-cloud-enters (${engine})`,
      found: 'pin',
      note: '§5 "Entering from a zone", §4, §9: what enters from SECURITY_CLOUD (vpn-sc, table tsc: 10.2.0.0/16 → ai) enters the Internet '
        + 'VPC at ia and is routed by rti, whose propagation from rs ends unknown, which reaches every My Number subnet (m is present, '
        + 'connected to nothing) ⇒ MN-1; ia\'s own unknown end ⇒ MN-2.',
      expected: ['MN-1', 'MN-2'],
      net: new NetBuilder(engine)
        .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
        .vpc('inet', 'INTERNET', '10.2.0.0/16').subnet('ia', 'inet', '10.2.9.0/28').table('rti', 'inet', ['ia'])
        .routeServer('rs', 'inet').serverPropagate('rti', 'rs')
        .tgw('t').attach('ai', 't', 'inet', ['ia']).vpn('vpn-sc', 't', 'SECURITY_CLOUD')
        .tgwTable('tsc', 't', { associations: ['vpn-sc'] }).tgwRoute('tsc', '10.2.0.0/16', 'ai').net,
    },
  ]),
  {
    name: 'route-server-propagation-into-the-cloudformation-main-table-is-not-written',
    found: 'pin',
    note: 'network.ts: CloudFormation has no id for the main table, so a propagation into it is neither rendered nor read (as for a '
      + 'VPN gateway); m, on the main table, keeps only its local route ⇒ nothing.',
    expected: [],
    net: myNumberWithRouteServer('cloudformation', 'rtmain'),
  },
  // Terraform names the main table; one network per spelling the renderer picks with renderSeed (for this shape).
  ...([[0, 'main_route_table_id'], [1, 'default_route_table_id'], [6, 'default_route_table_id, no association'],
    [8, 'main_route_table_id beside aws_default_route_table']] as const).map(([renderSeed, spelling]): Regression => ({
    name: `route-server-propagation-into-the-terraform-main-table (${spelling})`,
    found: 'pin',
    note: '§4: m has no association, so it uses the main table, into which rs propagates: an unknown end, not narrowed by m\'s closed '
      + 'NACL ⇒ MN-1 and MN-2.',
    expected: ['MN-1', 'MN-2'],
    net: myNumberWithRouteServer('terraform', 'rtmain', renderSeed),
  })),

  // --- what enters at an unplaced entry (§5 "Entering from a network the guard cannot place"; §10 GUARD-1, last clause) ---
  // Compared as the pseudo-rule 'GUARD-1/unplaced' (compare.ts: the guard's GUARD-1 findings "traffic entering through …").
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `unplaced-an-unlabelled-vpn-whose-table-propagates-my-number (${engine})`,
      found: 'pin',
      note: '§5: VPN x carries no jichitai:zone label, so it is an unplaced entry; packets of every source address, protocol and port '
        + 'enter there and are routed by its table tx, which propagates the My Number attachment am: 10.0.0.0/16 → am, entered at m and '
        + 'delivered there (its own block) ⇒ GUARD-1 (§10, last clause). No subnet routes anywhere, so nothing else.',
      expected: ['GUARD-1/unplaced'],
      net: threeSegmentsOnATransitGateway(engine).vpn('x', 't').tgwTable('tx', 't', { associations: ['x'], propagations: ['am'] }).net,
    },
    {
      name: `unplaced-the-same-vpn-labelled-security-cloud-is-mn1-instead (${engine})`,
      found: 'pin',
      note: '§5: labelled SECURITY_CLOUD, x is a zone\'s entry, not an unplaced one: what enters from SECURITY_CLOUD arrives at the '
        + 'My Number subnet m ⇒ MN-1 (§10), and no GUARD-1 path finding.',
      expected: ['MN-1'],
      net: threeSegmentsOnATransitGateway(engine).vpn('x', 't', 'SECURITY_CLOUD').tgwTable('tx', 't', { associations: ['x'], propagations: ['am'] }).net,
    },
    {
      name: `unplaced-a-peering-attachment-whose-table-reaches-only-the-internet-segment (${engine})`,
      found: 'pin',
      note: '§5: the peering attachment p is an unplaced entry; its table tp propagates only the Internet attachment ai, so what '
        + 'enters arrives at i alone (the Internet segment: not My Number or LGWAN) and the rest is dropped ⇒ nothing (§10 GUARD-1 asks '
        + 'for a My Number or LGWAN arrival or an unknown end).',
      expected: [],
      net: threeSegmentsOnATransitGateway(engine).tgwPeering('p', 't').tgwTable('tp', 't', { associations: ['p'], propagations: ['ai'] }).net,
    },
    {
      name: `unplaced-an-attachment-by-id-with-an-unlabelled-table (${engine})`,
      found: 'pin',
      note: '§5: tgw-attach-0123456789abcdef0 is not in the output and its only table tl carries no jichitai:zone label: an unplaced '
        + 'entry. tl\'s static route 10.1.1.0/24 → al delivers what enters in the LGWAN subnet l ⇒ GUARD-1 (§10, last clause).',
      expected: ['GUARD-1/unplaced'],
      net: threeSegmentsOnATransitGateway(engine).literalAttachment('tgw-attach-0123456789abcdef0')
        .tgwTable('tl', 't', { associations: ['tgw-attach-0123456789abcdef0'] }).tgwRoute('tl', '10.1.1.0/24', 'al').net,
    },
    {
      name: `unplaced-an-unlabelled-vpn-whose-table-ends-unknown (${engine})`,
      found: 'pin',
      note: '§5: what enters at the unlabelled VPN x is routed by tx, whose 0.0.0.0/0 goes to the peering attachment p: unknown (§5 '
        + 'next hop), which reaches every subnet (§9) while My Number and LGWAN subnets are present ⇒ GUARD-1 (§10, last clause).',
      expected: ['GUARD-1/unplaced'],
      net: threeSegmentsOnATransitGateway(engine).vpn('x', 't').tgwPeering('p', 't')
        .tgwTable('tx', 't', { associations: ['x'] }).tgwRoute('tx', '0.0.0.0/0', 'p').net,
    },
  ]),

  // --- attachments other resources make, VPC attachments of VPCs outside the output, default tables of their own (§5) ---
  ...(['cloudformation', 'terraform'] as const).flatMap((engine): Regression[] => [
    {
      name: `unplaced-an-attachment-of-a-vpc-outside-the-output-whose-table-propagates-my-number (${engine})`,
      found: 'pin',
      note: '§5: attachment x names a literal VpcId the output does not hold: an unplaced entry, routed by its table tx, which '
        + 'propagates am: 10.0.0.0/16 → am, delivered in m ⇒ GUARD-1 (§10, last clause).',
      expected: ['GUARD-1/unplaced'],
      net: threeSegmentsOnATransitGateway(engine).outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS)
        .tgwTable('tx', 't', { associations: ['x'], propagations: ['am'] }).net,
    },
    {
      name: `unplaced-an-attachment-of-a-vpc-outside-the-output-whose-table-reaches-only-the-internet-segment (${engine})`,
      found: 'pin',
      note: '§5: the same entry x, its table tx propagating only ai: what enters arrives at i (Internet segment) alone ⇒ nothing.',
      expected: [],
      net: threeSegmentsOnATransitGateway(engine).outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS)
        .tgwTable('tx', 't', { associations: ['x'], propagations: ['ai'] }).net,
    },
    {
      name: `unplaced-an-attachment-of-a-vpc-outside-the-output-joins-the-default-association-table (${engine})`,
      found: 'pin',
      note: '§5: x has no explicit association, so it joins t\'s default association table td (named by its property / resource), '
        + 'whose static route 10.1.1.0/24 → al delivers in the LGWAN subnet l ⇒ GUARD-1.',
      expected: ['GUARD-1/unplaced'],
      net: threeSegmentsWithDefaultAssociationTable(engine).outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS).tgwRoute('td', '10.1.1.0/24', 'al').net,
    },
    {
      name: `an-attachment-of-a-vpc-outside-the-output-propagates-any-prefix-and-is-an-unknown-next-hop (${engine})`,
      found: 'pin',
      note: '§5, the oracle\'s reading: x\'s (explicit) propagation into tm carries the blocks of a VPC the output does not hold, which may be '
        + 'anything: a candidate for every destination, whose next hop (a VPC outside the output) is unknown. m\'s 0.0.0.0/0 → t → tm '
        + 'ends unknown ⇒ MN-1 and MN-2 (§9). x\'s own entry has no table (t has no default association) ⇒ no GUARD-1.',
      expected: ['MN-1', 'MN-2'],
      net: (() => {
        const b = myNumberOnADefaultPropagationTable(engine).outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS);
        b.net.tgwRouteTables.find((t) => t.id === 'tm')!.propagations.push('x');
        b.net.transitGateways[0].defaultPropagation = false;
        return b.net;
      })(),
    },
    {
      name: `unplaced-a-direct-connect-gateway-association-joins-the-default-association-table (${engine})`,
      found: 'pin',
      note: '§5: the Direct Connect association d makes an attachment neither engine can name: it joins t\'s default association '
        + 'table td, which propagates am: 10.0.0.0/16 → am, delivered in m ⇒ GUARD-1.',
      expected: ['GUARD-1/unplaced'],
      net: (() => {
        const b = threeSegmentsWithDefaultAssociationTable(engine).dx('d', 't');
        b.net.tgwRouteTables.find((t) => t.id === 'td')!.propagations.push('am');
        return b.net;
      })(),
    },
    {
      name: `unplaced-a-direct-connect-gateway-association-whose-default-table-reaches-only-the-internet-segment (${engine})`,
      found: 'pin',
      note: '§5: the same d; td propagates only ai ⇒ what enters arrives at i alone ⇒ nothing.',
      expected: [],
      net: (() => {
        const b = threeSegmentsWithDefaultAssociationTable(engine).dx('d', 't');
        b.net.tgwRouteTables.find((t) => t.id === 'td')!.propagations.push('ai');
        return b.net;
      })(),
    },
    {
      name: `unplaced-a-direct-connect-gateway-association-without-default-association-enters-nowhere (${engine})`,
      found: 'pin',
      note: '§5: d joins the default tables only; with t\'s default association disabled it has no table, so nothing enters '
        + '(td, which would reach m, is only named as the default association table) ⇒ nothing.',
      expected: [],
      net: (() => {
        const b = threeSegmentsWithDefaultAssociationTable(engine).dx('d', 't');
        b.net.tgwRouteTables.find((t) => t.id === 'td')!.propagations.push('am');
        b.net.transitGateways[0].defaultAssociation = false;
        return b.net;
      })(),
    },
    {
      name: `a-direct-connect-gateway-association-propagates-any-prefix-into-the-default-propagation-table (${engine})`,
      found: 'pin',
      note: '§5: d propagates into t\'s default propagation table tm (like a VPN\'s BGP: a candidate for every destination), and as '
        + 'a next hop it is unknown: m\'s 0.0.0.0/0 → t → tm ends unknown ⇒ MN-1 and MN-2 (§9). d has no table of its own (t\'s '
        + 'default association is off) ⇒ no GUARD-1.',
      expected: ['MN-1', 'MN-2'],
      net: myNumberOnADefaultPropagationTable(engine).dx('d', 't').net,
    },
    {
      name: `without-the-direct-connect-association-the-default-propagation-table-holds-only-my-number (${engine})`,
      found: 'pin',
      note: '§5: the same network without d: tm holds am\'s 10.0.0.0/16 alone; m\'s other destinations are dropped ⇒ nothing.',
      expected: [],
      net: myNumberOnADefaultPropagationTable(engine).net,
    },
  ]),
  ...([[0, 'aws_dx_gateway_association, a literal DX gateway id'], [1, 'aws_dx_gateway_association_proposal'],
    [5, 'aws_dx_gateway_association of an aws_dx_gateway']] as const).map(([renderSeed, spelling]): Regression => ({
    name: `unplaced-a-direct-connect-gateway-association-in-terraform (${spelling})`,
    found: 'pin',
    note: '§5: associated_gateway_id names t, whichever resource says it: d joins td, which propagates am ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: (() => {
      const b = threeSegmentsWithDefaultAssociationTable('terraform').dx('d', 't');
      b.net.tgwRouteTables.find((t) => t.id === 'td')!.propagations.push('am');
      b.net.renderSeed = renderSeed;
      return b.net;
    })(),
  })),
  {
    name: 'a-direct-connect-association-accepting-another-accounts-proposal-is-not-read (terraform)',
    found: 'pin',
    note: '§5: an aws_dx_gateway_association with proposal_id alone is on the proposer\'s gateway, not t: no entry here, although '
      + 't\'s default association table td would reach m ⇒ nothing.',
    expected: [],
    net: (() => {
      const b = threeSegmentsWithDefaultAssociationTable('terraform').dx('d', 't', { acceptsProposal: true });
      b.net.tgwRouteTables.find((t) => t.id === 'td')!.propagations.push('am');
      return b.net;
    })(),
  },
  {
    name: 'unplaced-an-attachment-of-a-vpc-outside-the-output-that-turns-its-default-association-off (terraform)',
    found: 'pin',
    note: '§5: with transit_gateway_default_route_table_association = false x joins no table, so what would reach l through td '
      + 'enters nowhere ⇒ nothing.',
    expected: [],
    net: threeSegmentsWithDefaultAssociationTable('terraform').outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS, { noDefaultAssociation: true })
      .tgwRoute('td', '10.1.1.0/24', 'al').net,
  },
  {
    name: 'unplaced-an-accepter-of-an-attachment-of-a-vpc-outside-the-output-gives-its-switch (terraform)',
    found: 'pin',
    note: '§5: the accepter of x stands for x and its switch transit_gateway_default_route_table_association = true is x\'s: x '
      + 'joins td after all, whose route delivers in l ⇒ GUARD-1 (without the accepter: the previous case, nothing).',
    expected: ['GUARD-1/unplaced'],
    net: threeSegmentsWithDefaultAssociationTable('terraform').outsideAttach('x', 't', OUTSIDE_VPC, OUTSIDE_SUBNETS, { noDefaultAssociation: true })
      .accepter('acc', 'x', { defaultAssociation: true }).tgwRoute('td', '10.1.1.0/24', 'al').net,
  },
  {
    name: 'unplaced-an-accepter-of-another-accounts-attachment-joins-every-gateways-default-table (terraform)',
    found: 'pin',
    note: '§5: the accepter\'s gateway is known only after apply, so it joins the default association table of every gateway of '
      + 'the output: t has none enabled, t2\'s implicit table routes 10.0.1.0/24 → am2, delivered in m ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: accepterOfTheirs().net,
  },
  {
    name: 'unplaced-an-accepter-of-another-accounts-attachment-that-turns-its-default-association-off (terraform)',
    found: 'pin',
    note: '§5: transit_gateway_default_route_table_association = false on the accepter: it joins no default table ⇒ nothing.',
    expected: [],
    net: accepterOfTheirs(false).net,
  },
  {
    name: 'unplaced-an-accepter-of-another-accounts-attachment-associated-by-its-own-id (terraform)',
    found: 'pin',
    note: '§5: tx associates the accepter (${aws_ec2_transit_gateway_vpc_attachment_accepter.acc.id}); an explicit association '
      + 'replaces the default tables, t2\'s included. tx routes 10.1.1.0/24 → al, delivered in l ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: accepterOfTheirs().tgwTable('tx', 't', { associations: ['acc'] }).tgwRoute('tx', '10.1.1.0/24', 'al').net,
  },
  {
    name: 'unplaced-an-accepter-of-another-accounts-attachment-associated-with-a-table-reaching-only-the-internet-segment (terraform)',
    found: 'pin',
    note: '§5: the same, tx routing 10.2.1.0/24 → ai instead: what enters arrives at i alone; t2\'s default table, which reaches '
      + 'm, is not the accepter\'s once it is associated explicitly ⇒ nothing.',
    expected: [],
    net: accepterOfTheirs().tgwTable('tx', 't', { associations: ['acc'] }).tgwRoute('tx', '10.2.1.0/24', 'ai').net,
  },
  {
    name: 'an-accepter-of-another-accounts-attachment-propagates-any-prefix-and-is-an-unknown-next-hop (terraform)',
    found: 'pin',
    note: '§5: tm holds the accepter\'s propagation (any prefix, an unknown next hop): m\'s 0.0.0.0/0 → t → tm ends unknown ⇒ '
      + 'MN-1 and MN-2; the accepter joins no table (t has no default association) ⇒ no GUARD-1.',
    expected: ['MN-1', 'MN-2'],
    net: (() => {
      const b = myNumberOnADefaultPropagationTable('terraform').accepter('acc', THEIR_ATTACHMENT, { defaultPropagation: false });
      b.net.tgwRouteTables.find((t) => t.id === 'tm')!.propagations.push('acc');
      b.net.transitGateways[0].defaultPropagation = false;
      return b.net;
    })(),
  },
  {
    name: 'an-accepter-of-an-attachment-of-the-output-turns-its-default-propagation-off (terraform)',
    found: 'pin',
    note: '§5: the accepter of am says transit_gateway_default_route_table_propagation = false, which is am\'s: tx holds no route '
      + 'to m, and what enters at the peering attachment x is dropped ⇒ nothing.',
    expected: [],
    net: accepterOfMyNumber(false, false),
  },
  {
    name: 'an-attachment-of-the-output-propagating-by-default-without-an-accepter (terraform)',
    found: 'pin',
    note: '§5: without the accepter am propagates into tx, so what enters at x reaches m ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: accepterOfMyNumber(undefined, false),
  },
  {
    name: 'an-accepter-of-an-attachment-of-the-output-turns-its-default-propagation-back-on (terraform)',
    found: 'pin',
    note: '§5: am says false, its accepter true: the accepter\'s switch, when given, is the attachment\'s ⇒ am propagates into tx ⇒ '
      + 'GUARD-1 (with am\'s false alone: nothing, the next case).',
    expected: ['GUARD-1/unplaced'],
    net: accepterOfMyNumber(true, true),
  },
  {
    name: 'an-attachment-of-the-output-that-turns-its-default-propagation-off (terraform)',
    found: 'pin',
    note: '§5: am\'s own transit_gateway_default_route_table_propagation = false, no accepter ⇒ tx holds nothing ⇒ nothing.',
    expected: [],
    net: accepterOfMyNumber(undefined, true),
  },
  ...([[1, 'the association names the accepter'], [0, 'the association names the attachment']] as const).map(([renderSeed, spelling]): Regression => ({
    name: `what-names-the-accepter-names-its-attachment (terraform, ${spelling})`,
    found: 'pin',
    note: '§5: an accepter of am stands for am: tm\'s association, written as ${aws_ec2_transit_gateway_vpc_attachment_accepter.acc.id} '
      + 'or as the attachment\'s id, is am\'s. m\'s 0.0.0.0/0 → t → tm → the peering attachment p: unknown ⇒ MN-1 and MN-2 (without '
      + 'the association am would have no table, t having no default association, and the packets would be dropped).',
    expected: ['MN-1', 'MN-2'],
    net: (() => {
      const b = new NetBuilder('terraform')
        .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m']).route('rtm', '0.0.0.0/0', { kind: 'tgw', id: 't' })
        .tgw('t').attach('am', 't', 'mn', ['m']).accepter('acc', 'am').tgwPeering('p', 't')
        .tgwTable('tm', 't', { associations: ['am'] }).tgwRoute('tm', '0.0.0.0/0', 'p');
      b.net.renderSeed = renderSeed;
      return b.net;
    })(),
  })),
  {
    name: 'a-default-association-table-named-by-its-own-resource (terraform)',
    found: 'pin',
    note: '§5, last bullet: aws_ec2_transit_gateway_default_route_table_association makes td t\'s default association table: the '
      + 'peering attachment x (no explicit association) joins td, whose route 10.0.1.0/24 → am delivers in m ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: threeSegmentsWithDefaultAssociationTable('terraform').tgwPeering('x', 't').tgwRoute('td', '10.0.1.0/24', 'am').net,
  },
  {
    name: 'without-its-own-resource-the-default-association-table-is-the-implicit-one (terraform)',
    found: 'pin',
    note: '§5: the same without the resource: x joins t\'s implicit default table, which holds nothing ⇒ nothing.',
    expected: [],
    net: (() => {
      const b = threeSegmentsWithDefaultAssociationTable('terraform').tgwPeering('x', 't').tgwRoute('td', '10.0.1.0/24', 'am');
      delete b.net.transitGateways[0].associationDefaultTable;
      return b.net;
    })(),
  },
  {
    name: 'a-default-propagation-table-named-by-its-own-resource (terraform)',
    found: 'pin',
    note: '§5, last bullet: aws_ec2_transit_gateway_default_route_table_propagation makes tx t\'s default propagation table: am '
      + 'propagates 10.0.0.0/16 there, and what enters at the peering attachment x (associated with tx) reaches m ⇒ GUARD-1.',
    expected: ['GUARD-1/unplaced'],
    net: accepterOfMyNumber(undefined, false),
  },
  {
    name: 'without-its-own-resource-the-default-propagation-table-is-the-implicit-one (terraform)',
    found: 'pin',
    note: '§5: the same without the resource: am propagates into t\'s implicit table, not tx ⇒ what enters at x is dropped ⇒ nothing.',
    expected: [],
    net: (() => {
      const n = accepterOfMyNumber(undefined, false);
      delete n.transitGateways[0].propagationDefaultTable;
      return n;
    })(),
  },
  ...([[0, 'association_default_route_table_id'], [1, 'propagation_default_route_table_id']] as const).map(([renderSeed, spelling]): Regression => ({
    name: `the-implicit-table-keeps-its-name-when-a-resource-replaces-it (terraform, ${spelling})`,
    found: 'pin',
    note: '§5: "an implicit table the template cannot name except by aws_ec2_transit_gateway.x.association_default_route_table_id": '
      + 'read as naming the implicit table also after aws_ec2_transit_gateway_default_route_table_association made tx the default '
      + 'association table. The route 10.0.1.0/24 → am, written with this attribute, is in the implicit table, not in tx, where '
      + 'the peering attachment x enters ⇒ nothing.',
    expected: [],
    net: (() => {
      const b = new NetBuilder('terraform')
        .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24')
        .tgw('t', { defaultAssociation: true }).attach('am', 't', 'mn', ['m'], { noDefaultAssociation: true })
        .tgwPeering('x', 't').tgwTable('tx', 't', { associations: ['x'] }).defaultTables('t', { association: 'tx' });
      b.tgwRoute(b.implicitTable('t'), '10.0.1.0/24', 'am');
      b.net.renderSeed = renderSeed;
      return b.net;
    })(),
  })),
  ...SHARING,
  // --- §2 the subnets of a VPC outside the output (since 454f9f3), and §10 SC-1's member of that subnet -------------
  ...[0, 1, 2].map((renderSeed): Regression => ({
    name: `a-terraform-main-table-route-no-subnet-uses-is-followed-from-the-outside-subnet (renderSeed ${renderSeed})`,
    found: 'pin',
    note: '§2: l has a table of local routes only, but the main table routes 0.0.0.0/0 to the internet gateway; '
      + 'lg#subnets-outside-the-output (10.1.0.0/16 but l\'s block, the default NACL) uses it ⇒ LG-1 (nothing before 454f9f3).',
    expected: ['LG-1'],
    net: (() => {
      const b = new NetBuilder('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').table('rtl', 'lg', ['l'])
        .table('rtmain', 'lg', [], { main: true }).igw('i', 'lg').route('rtmain', '0.0.0.0/0', { kind: 'igw', id: 'i' });
      b.net.renderSeed = renderSeed;
      return b.net;
    })(),
  })),
  ...([false, true] as const).map((onSubnets): Regression => ({
    name: `the-member-of-the-outside-subnet (the code on the ${onSubnets ? 'subnets' : 'VPC'})`,
    found: 'pin',
    note: '§2 and §10 SC-1 ("A subnet\'s member is its own code tag, else its VPC\'s"): the main table of Internet VPC a (member '
      + '131016) routes to a network interface the output does not hold (unknown); a#subnets-outside-the-output reaches it ⇒ MN-2, and '
      + (onSubnets ? 'with the code on a\'s subnets only, the outside subnet is of no member ⇒ no SC-1.'
        : 'with the code on the VPC, the outside subnet is of member 131016 and unknown reaches member 131024 ⇒ SC-1.'),
    expected: onSubnets ? ['MN-2'] : ['MN-2', 'SC-1'],
    net: (() => {
      const b = new NetBuilder('terraform').vpc('a', 'INTERNET', '10.2.0.0/16', { municipality: '131016' }).subnet('sa', 'a', '10.2.1.0/24')
        .table('rta', 'a', ['sa']).table('rtmain', 'a', [], { main: true })
        .route('rtmain', '0.0.0.0/0', { kind: 'eni', eni: 'eni-0123456789abcdef0' })
        .vpc('b', 'INTERNET', '10.3.0.0/16', { municipality: '131024' }).subnet('sb', 'b', '10.3.1.0/24');
      b.net.vpcs[0].municipalityOnSubnets = onSubnets;
      return b.net;
    })(),
  })),
  // --- §4 / §5 routes to prefix lists: readings where the text leaves room ------------------------------------------------
  ...([['cloudformation', 0], ['terraform', 0], ['terraform', 1]] as const).map(([engine, renderSeed]): Regression => ({
    name: `a-prefix-list-entry-of-the-same-prefix-as-a-literal-route-both-followed (${engine}, renderSeed ${renderSeed})`,
    found: 'pin',
    note: '§4: an entry is one route ("as a security group rule\'s peer is"), and "Two explicit routes with the same destination in '
      + 'one table are both followed": m routes 0.0.0.0/0 over a peering (internet destinations dropped there) and, through list pl '
      + '[0.0.0.0/0], to an internet gateway: both are followed ⇒ MN-1 (AWS would prefer the literal route; the guard over-approximates).',
    expected: ['MN-1'],
    net: (() => {
      const b = new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
        .vpc('mn2', 'MY_NUMBER', '10.5.0.0/16').subnet('m2', 'mn2', '10.5.1.0/24').peering('p', 'mn', 'mn2').igw('i')
        .route('rtm', '0.0.0.0/0', { kind: 'pcx', id: 'p' }).prefixList('pl', 4, ['0.0.0.0/0']).routeToList('rtm', 'pl', { kind: 'igw', id: 'i' });
      b.net.renderSeed = renderSeed;
      return b.net;
    })(),
  })),
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `a-prefix-list-entry-of-the-vpc-block-replaces-the-local-route (${engine})`,
    found: 'pin',
    note: '§4: an entry is one route, and "an explicit route for the same prefix as a local route replaces it": list pl [10.0.0.0/16] '
      + '→ a network interface; 10.0.2.x (outside m\'s own block) ends unknown ⇒ MN-1 and MN-2.',
    expected: ['MN-1', 'MN-2'],
    net: new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .prefixList('pl', 4, ['10.0.0.0/16']).routeToList('rtm', 'pl', { kind: 'eni', eni: 'eni-0123456789abcdef0' }).net,
  })),
  ...([false, true] as const).map((held): Regression => ({
    name: `${held ? 'an-ipv4-list-without-entries' : 'a-literal-pl-id'}-matches-ipv6-destinations-too (terraform)`,
    found: 'pin',
    note: '§4: a route whose destination the guard cannot read "may match any address: it is followed for every destination" — '
      + 'of both families, whatever the list\'s AddressFamily: LGWAN subnet l (no IPv6 block: any IPv6 source, §2) routes '
      + `${held ? 'an IPv4 list of the output without entries' : 'a literal pl- id'} to NAT gateway n; IPv4 goes on by n's table `
      + '(local routes only), IPv6 (NAT64) is unknown ⇒ LG-1. (CloudFormation is left out: there the guard follows a route to a list of '
      + 'the template without entries nowhere — it reports the destination unresolved, GUARD-1 — which disagrees with §4.)',
    expected: ['LG-1'],
    net: (() => {
      const b = new NetBuilder('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16', { ipv6: '2001:db8:1::/56' })
        .subnet('l', 'lg', '10.1.1.0/24').subnet('sn', 'lg', '10.1.2.0/24').table('rtl', 'lg', ['l']).table('rtn', 'lg', ['sn']).nat('n', 'sn');
      if (held) b.prefixList('pl', 4, []);
      b.routeToList('rtl', held ? 'pl' : 'pl-0123456789abcdef0', { kind: 'nat', id: 'n' });
      return b.net;
    })(),
  })),
  {
    name: 'a-transit-prefix-list-reference-the-guard-cannot-read-to-a-blackhole-drops-nothing (terraform)',
    found: 'pin',
    note: '§5: a reference to a list the guard does not read is a candidate for every destination beside the longest match, "a blackhole '
      + 'one then drops nothing the guard counts": m → the gateway, whose table sends 0.0.0.0/0 to the SECURITY_CLOUD VPN and a literal '
      + 'pl- id to a blackhole ⇒ MN-1.',
    expected: ['MN-1'],
    net: new NetBuilder('terraform').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .route('rtm', '0.0.0.0/0', { kind: 'tgw', id: 't' }).tgw('t').attach('am', 't', 'mn', ['m']).vpn('sc', 't', 'SECURITY_CLOUD')
      .tgwTable('tt', 't', { associations: ['am'] }).tgwRoute('tt', '0.0.0.0/0', 'sc').tgwRouteToList('tt', 'pl-0123456789abcdef0', 'blackhole').net,
  },
  // --- §3 labels a Terraform tag resource sets ------------------------------------------------------------------------------
  ...([false, true] as const).map((arn): Regression => ({
    name: `a-segment-only-a-tag-resource-sets-is-the-vpc-label (terraform, by ${arn ? 'ARN' : 'id'})`,
    found: 'pin',
    note: '§3: a jichitai: tag set by aws_ec2_tag "is a label of the target, read with its own tags, when the target is a resource of '
      + 'the output named by its id or ARN": VPC mn carries no segment tag of its own, a tag resource makes it MY_NUMBER; m routes '
      + '0.0.0.0/0 to an internet gateway ⇒ MN-1 (read as unlabelled, m would be no source, §2).',
    expected: ['MN-1'],
    net: new NetBuilder('terraform').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .igw('i', 'mn').route('rtm', '0.0.0.0/0', { kind: 'igw', id: 'i' })
      .omitOwnTag('vpc', 'mn', 'jichitai:segment').tagResource('t', { kind: 'vpc', id: 'mn', arn }, 'jichitai:segment', 'MY_NUMBER').net,
  })),
  {
    name: 'a-zone-set-two-ways-is-ambiguous-and-read-as-absent (terraform)',
    found: 'pin',
    note: '§3: "A label set to two values — by the target\'s own tags … and a tag resource … GUARD-1 at each tag resource that sets it, '
      + 'and the label read as absent": VPN v is SECURITY_CLOUD by its own tag and LGWAN_WAN by tag resource t, so it has no zone: '
      + 'm\'s 52.0.0.0/8 through the gateway to v ends unknown (§5) ⇒ MN-1, MN-2, and GUARD-1 at t.',
    expected: ['GUARD-1/label t', 'MN-1', 'MN-2'],
    net: new NetBuilder('terraform').vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').table('rtm', 'mn', ['m'])
      .route('rtm', '0.0.0.0/0', { kind: 'tgw', id: 'tgw' }).tgw('tgw').attach('am', 'tgw', 'mn', ['m'])
      .tgwTable('tt', 'tgw', { associations: ['am'] }).vpn('v', 'tgw', 'SECURITY_CLOUD').tgwRoute('tt', '52.0.0.0/8', 'v')
      .tagResource('t', { kind: 'vpn', id: 'v' }, 'jichitai:zone', 'LGWAN_WAN').net,
  },
  {
    name: 'a-label-on-a-literal-id-or-another-attribute-is-untied (terraform)',
    found: 'pin',
    note: '§3: a jichitai: tag "on a target it cannot tie to a resource of the output — … a literal id of a resource outside the output '
      + '…, another attribute (… default_security_group_id …)" is GUARD-1 at the tag resource; a Name tag "changes nothing and is not '
      + 'reported, whatever its target". Nothing else here is a finding.',
    expected: ['GUARD-1/label lit', 'GUARD-1/label sg'],
    net: new NetBuilder('terraform').vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .tagResource('lit', { untied: { literal: 'vpc-0a1b2c3d4e5f60718' } }, 'jichitai:segment', 'LGWAN')
      .tagResource('sg', { untied: { kind: 'vpc', id: 'lg', attr: 'default_security_group_id' } }, 'jichitai:segment', 'INTERNET')
      .tagResource('name', { untied: { literal: 'subnet-0a1b2c3d4e5f60718' } }, 'Name', 'x').net,
  },
  // --- §2 a source/destination check off: the subnet sends with any source address ----------------------------------------------
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `a-forwarder-sends-past-a-nacl-that-denies-its-block (${engine})`,
    found: 'pin',
    note: '§2: "A subnet where an instance or network interface of the output has its source/destination check off … sends packets '
      + 'with any source address": Internet subnet i routes My Number\'s 10.0.1.0/24 to the transit gateway, which delivers it at the '
      + 'My Number attachment subnet ma; ma delivers locally into m, whose inbound NACL denies 10.2.0.0/16 (i\'s VPC) and allows the '
      + 'rest. The router instance in i sends from 10.9.9.9 as well ⇒ MN-2; the interface with "false" in the LGWAN subnet l, which '
      + 'has no route out, changes no path. It names no security group, so the LGWAN VPC\'s default group is judged with EC2\'s own rules '
      + '(§10: all outbound, toward My Number too) ⇒ MN-3.',
    expected: ['MN-2', 'MN-3'],
    net: new NetBuilder(engine)
      .vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').subnet('ma', 'mn', '10.0.9.0/28')
      .vpc('in', 'INTERNET', '10.2.0.0/16').subnet('i', 'in', '10.2.1.0/24').subnet('ia', 'in', '10.2.9.0/28').table('rti', 'in', ['i'])
      .route('rti', '10.0.1.0/24', { kind: 'tgw', id: 't' })
      .vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24')
      .tgw('t').attach('am', 't', 'mn', ['ma']).attach('ai', 't', 'in', ['ia'])
      .tgwTable('tt', 't', { associations: ['ai'] }).tgwRoute('tt', '10.0.1.0/24', 'am')
      .nacl('mnacl', 'mn', [deny(10, false, '10.2.0.0/16'), allow(20, false, '0.0.0.0/0'), allow(10, true, '0.0.0.0/0')], ['m'])
      .forwarder('router', 'i').forwarder('eni', 'l', 'interface', true).net,
  })),
  // --- §3 / §7 the role a launch template gives its instances (PL-1) ------------------------------------------------------------
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `a-template-role-other-than-the-launchers-own-is-guard-1-at-the-launcher (${engine})`,
    found: 'pin',
    note: '§3: "With another value … GUARD-1 at the launcher\'s property that names the template, and neither value picked for its '
      + 'instances"; the group\'s own label stays its own ("a label declares the group"): group g in My Number subnet m labelled '
      + 'BUSINESS_SYSTEM (α: LGWAN) launches template t whose instances are MY_NUMBER_SYSTEM ⇒ GUARD-1 at g and PL-1 for g\'s own label. '
      + 'Instance i in m names t by name and carries no role: t\'s MY_NUMBER_SYSTEM in My Number, nothing.',
    expected: ['GUARD-1/label g', 'PL-1'],
    net: new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.1.0/24').launchTemplate('t', 'MY_NUMBER_SYSTEM')
      .launcher('g', 'asg', 't', ['m'], { role: 'BUSINESS_SYSTEM' }).launcher('i', 'instance', 't', ['m'], { byName: true }).net,
  })),
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `instances-launched-from-a-template-naming-no-group-use-the-default-group (${engine})`,
    found: 'fuzz',
    note: '§10: "Instances launched from a launch template or launch configuration of the output that names no group, by a launcher '
      + 'that names none either …, get their VPC\'s default group": instance i in My Number subnet m launches template t (no group; '
      + 'its role BUSINESS_TERMINALS against i\'s own BUSINESS_SYSTEM: GUARD-1 at i, and PL-1 for i\'s own label), and m routes '
      + '10.99.0.10/32 to the transit gateway, whose table sends it to a VPN of the LGWAN WAN: the default group sends everywhere ⇒ '
      + 'MN-3. Found by the property test (seed 20260518, Terraform, case 87) once the guard read the default group there.',
    expected: ['GUARD-1/label i', 'MN-3', 'PL-1'],
    net: new NetBuilder(engine).vpc('mn', 'MY_NUMBER', '10.0.0.0/16').subnet('m', 'mn', '10.0.0.0/24').table('rt', 'mn', ['m'])
      .route('rt', '10.99.0.10/32', { kind: 'tgw', id: 't' }).tgw('t').attach('att', 't', 'mn', ['m']).vpn('w', 't', 'LGWAN_WAN')
      .tgwTable('out', 't', { associations: ['att'] }).tgwRoute('out', '10.99.0.10/32', 'w')
      .launchTemplate('lt', 'BUSINESS_TERMINALS').launcher('i', 'instance', 'lt', ['m'], { role: 'BUSINESS_SYSTEM' }).net,
  })),
  ...(['cloudformation', 'terraform'] as const).map((engine): Regression => ({
    name: `a-labelled-template-nothing-launches-cannot-be-placed (${engine})`,
    found: 'pin',
    note: '§3: "A labelled template that no launcher of the output names may be launched from outside the output … anywhere: … PL-1 '
      + 'reports it as a label it cannot place" (BUSINESS_TERMINALS, α: LGWAN); a template whose only role is in a tag specification for '
      + 'volume is no label.',
    expected: ['PL-1'],
    net: new NetBuilder(engine).vpc('lg', 'LGWAN', '10.1.0.0/16').subnet('l', 'lg', '10.1.1.0/24').launchTemplate('t', 'BUSINESS_TERMINALS')
      .launchTemplate('v', undefined, { volumeRole: 'MY_NUMBER_SYSTEM' }).net,
  })),
];
