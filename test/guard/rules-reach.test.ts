/**
 * Path rules over the exact reachability: MN-4 (hosts My Number reaches stay off the internet), LG-2 / MN-3 (paths carry
 * hosts, never a whole subnet of the other side), and what cuts a path (NACLs, transit gateway blackholes).
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { exampleFindings as findings } from './example-findings';
import { BLUEPRINTS } from '../../examples/blueprints';
import { AlphaPrimeCase } from '../../src';

const l1 = <T>(scope: IConstruct, suffix: string) => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;
const table = (segment: IConstruct, key: string) => l1<ec2.CfnRouteTable>(segment, `/RouteTable-${key}`).ref;
const transitTable = (net: any, zone: string) => l1<ec2.CfnTransitGatewayRouteTable>(net, `Transit/RouteTable-${zone}`).ref;

/** A route from a subnet's table over the transit gateway, and the transit route from `zone`'s table to an attachment. */
function overTransit(stack: Stack, net: any, id: string, from: [IConstruct, string], zone: string, destination: string, attachment: string): void {
  new ec2.CfnRoute(stack, `${id}Vpc`, { routeTableId: table(from[0], from[1]), destinationCidrBlock: destination, transitGatewayId: net.transitGatewayId });
  new ec2.CfnTransitGatewayRoute(stack, `${id}Tgw`, { transitGatewayRouteTableId: transitTable(net, zone), destinationCidrBlock: destination, transitGatewayAttachmentId: attachment });
}

/**
 * Route a My Number subnet to an LGWAN host over the transit gateway: by default 10.0.65.20, the file server (a workload
 * subnet in every model); in α′, 10.0.80.10 lies in a terminal subnet, which breaks out.
 */
function myNumberToLgwanHost(from: string, host = '10.0.65.20/32') {
  return (stack: Stack, net: any) => overTransit(stack, net, 'ToHost', [net.myNumber, from], 'MY_NUMBER', host, net.lgwan.transitGatewayAttachmentId);
}

describe('MN-4 hosts the My Number segment reaches (マイナンバー利用事務系の接続先)', () => {
  test('α: an LGWAN host reached from My Number, in a subnet without a way out, is compliant', () => {
    expect(findings('alpha', 'MN-4', myNumberToLgwanHost('endpoints-1'))).toEqual([]);
  });

  test('α′: the breakout is no exception — a host in a terminal subnet is flagged although its way out is the checked allow-list firewall', () => {
    expect(findings('alpha-prime', 'MN-4', myNumberToLgwanHost('endpoints-1', '10.0.80.10/32'))).toEqual([
      expect.stringMatching(/^\[\w*LgwanSubnetterminals1\w*\] MN-4 critical \(マイナンバー利用事務系の接続先\): the My Number segment reaches this subnet \(10\.0\.80\.10\/32\), and it reaches the internet .*→ firewall \w*LgwanFirewall/),
    ]);
  });

  test('α′: a host in a workload subnet (no breakout route) is compliant; a NAT route that bypasses everything is flagged', () => {
    expect(findings('alpha-prime', 'MN-4', myNumberToLgwanHost('endpoints-1'))).toEqual([]);
    const bypass = findings('alpha-prime', 'MN-4', (stack, net) => {
      myNumberToLgwanHost('endpoints-1')(stack, net);
      new ec2.CfnRoute(stack, 'Bypass', { routeTableId: table(net.lgwan, 'workload-1'), destinationCidrBlock: '0.0.0.0/0', natGatewayId: l1<ec2.CfnNatGateway>(net.lgwan, '/NatGateway-1').ref });
    });
    expect(bypass).toEqual([expect.stringMatching(/MN-4 critical \(マイナンバー利用事務系の接続先\): the My Number segment reaches this subnet \(10\.0\.65\.20\/32\), and it reaches the internet/)]);
  });

  test('the My Number NACL counts: from the workload subnets (which have it), the same host is not reached at all', () => {
    const bypass = findings('alpha-prime', 'MN-4', (stack, net) => {
      myNumberToLgwanHost('workload-1')(stack, net);
      new ec2.CfnRoute(stack, 'Bypass', { routeTableId: table(net.lgwan, 'workload-1'), destinationCidrBlock: '0.0.0.0/0', natGatewayId: l1<ec2.CfnNatGateway>(net.lgwan, '/NatGateway-1').ref });
    });
    expect(bypass).toEqual([]);
  });
});

describe('a member of the security cloud in another account (SECURITY_CLOUD_MEMBER) is the Internet side', () => {
  test('a My Number path to an attachment whose table is labelled so is refused, as one to an unlabelled attachment is', () => {
    const toDeclared = (label: string) => (stack: Stack, net: any) => {
      const attachment = 'tgw-attach-0123456789abcdef0';
      const declared = new ec2.CfnTransitGatewayRouteTable(stack, 'Declared', { transitGatewayId: net.transitGatewayId, tags: [{ key: 'jichitai:zone', value: label }] });
      new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'DeclaredAssociation', { transitGatewayRouteTableId: declared.ref, transitGatewayAttachmentId: attachment });
      overTransit(stack, net, 'ToMember', [net.myNumber, 'endpoints-1'], 'MY_NUMBER', '192.168.0.0/18', attachment);
    };
    expect(findings('alpha', 'MN-1', toDeclared('SECURITY_CLOUD_MEMBER'))).toEqual([
      expect.stringMatching(/MN-1 critical .*a member of the security cloud in another account or app \(SECURITY_CLOUD_MEMBER\)/),
    ]);
    expect(findings('alpha', 'MN-1', toDeclared('NO_SUCH_ZONE'))).toEqual([expect.stringMatching(/MN-1 critical .*may reach everywhere/)]);
  });
});

describe('what cuts a path (docs/guard-semantics.md §5, §6)', () => {
  const leak = (from: string) => (stack: Stack, net: any) =>
    overTransit(stack, net, 'Leak', [net.myNumber, from], 'MY_NUMBER', l1<ec2.CfnSubnet>(net.internet, '/Subnet-workload-1').cidrBlock!, net.internet.transitGatewayAttachmentId);

  test('a route from a My Number subnet without the segment NACL into the Internet segment is MN-2', () => {
    expect(findings('alpha', 'MN-2', leak('endpoints-1'))).toEqual([
      expect.stringMatching(/MN-2 critical .*a My Number subnet reaches subnet \w*InternetSubnetworkload1\w* \(10\.0\.128\.0\/20\)\. subnet \w*MyNumberSubnetendpoints1\w* .* → tgw .* → \w*RouteTableMYNUMBER\w* 10\.0\.128\.0\/20 → attachment/),
    ]);
  });

  test('the same routes from the workload subnets are cut by the My Number NACL (outbound: only its VPC and declared peers)', () => {
    expect(findings('alpha', 'MN-2', leak('workload-1'))).toEqual([]);
  });

  test('a NACL entry that denies the way out before the allow cuts the path; after the allow it does not', () => {
    const out = (ruleNumber: number) => (stack: Stack, net: any) => {
      leak('endpoints-1')(stack, net);
      const acl = new ec2.CfnNetworkAcl(stack, 'Acl', { vpcId: l1<ec2.CfnVPC>(net.myNumber, '/Vpc').ref });
      new ec2.CfnNetworkAclEntry(stack, 'Deny', { networkAclId: acl.ref, ruleNumber, egress: true, protocol: -1, ruleAction: 'deny', cidrBlock: '10.0.128.0/18' });
      new ec2.CfnNetworkAclEntry(stack, 'Allow', { networkAclId: acl.ref, ruleNumber: 150, egress: true, protocol: -1, ruleAction: 'allow', cidrBlock: '0.0.0.0/0' });
      new ec2.CfnSubnetNetworkAclAssociation(stack, 'AclEndpoints', { networkAclId: acl.ref, subnetId: l1<ec2.CfnSubnet>(net.myNumber, '/Subnet-endpoints-1').ref });
    };
    expect(findings('alpha', 'MN-2', out(100))).toEqual([]);
    expect(findings('alpha', 'MN-2', out(200))).toEqual([expect.stringMatching(/MN-2 critical/)]);
  });

  test('a transit gateway blackhole more specific than the leak cuts what it covers; a less specific one cuts nothing', () => {
    const holed = (...destinations: string[]) => (stack: Stack, net: any) => {
      leak('endpoints-1')(stack, net);
      destinations.forEach((destination, i) => new ec2.CfnTransitGatewayRoute(stack, `Hole${i}`, {
        transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: destination, blackhole: true,
      }));
    };
    expect(findings('alpha', 'MN-2', holed('10.0.128.0/21'))).toEqual([expect.stringMatching(/MN-2 critical .*\(10\.0\.136\.0\/21\)/)]);
    expect(findings('alpha', 'MN-2', holed('10.0.128.0/21', '10.0.136.0/21'))).toEqual([]);
    expect(findings('alpha', 'MN-2', holed('10.0.128.0/19'))).toEqual([expect.stringMatching(/MN-2 critical .*\(10\.0\.128\.0\/20\)/)]);
  });
});

describe('LG-2 LGWAN ↔ Internet segment by host only (無害化 / 画面転送)', () => {
  test.each(['alpha', 'beta', 'beta-prime'])('the %s example (relays and screen transfer by host routes) is compliant', (name) => {
    expect(findings(name, 'LG-2')).toEqual([]);
  });

  test('direction: a security group of one segment may let the other open connections only as a declared flow of the model\'s direction', () => {
    const admit = (segment: 'lgwan' | 'internet', host: string, cidr: string, port: number) => (stack: Stack, net: any) => {
      new ec2.CfnSecurityGroupIngress(stack, 'Reverse', {
        groupId: l1<ec2.CfnSecurityGroup>(net[segment], `/HostSecurityGroup-${host}`).attrGroupId, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIp: cidr,
      });
    };
    // α: the Internet segment's virtual browser (10.0.128.10) opening into the LGWAN file server: screen transfer goes the
    // other way in α, and only the sanitization relay sends files into LGWAN.
    expect(findings('alpha', 'LG-2', admit('lgwan', 'lgwan-file-server', '10.0.128.10/32', 443))).toEqual([
      expect.stringMatching(/LG-2 error .*security group \S+ of the LGWAN segment lets the INTERNET segment open connections into it \(tcp\/443 from 10\.0\.128\.10\/32\), which no declared INTERNET → LGWAN flow of the model's direction admits/),
    ]);
    // The relay itself, on the declared flow's port, is the model's direction.
    const relay = BLUEPRINTS.alpha.flows!.find((f) => f.kind === 'SANITIZATION')!;
    const relayCidr = BLUEPRINTS.alpha.hosts!.find((h) => h.name === relay.from)!.cidrs[0];
    expect(findings('alpha', 'LG-2', admit('lgwan', relay.to, relayCidr, relay.ports[0].fromPort))).toEqual([]);
    // The same relay opening into another LGWAN server (its group labelled as that host's) is no declared flow: the flow
    // admits the relay into the file server only.
    expect(findings('alpha', 'LG-2', admit('lgwan', 'lgwan-mail-server', relayCidr, relay.ports[0].fromPort))).toEqual([
      expect.stringMatching(/^\[\S*HostSecurityGroup-?lgwan-?mail-?server\S*\] LG-2 error .*lets the INTERNET segment open connections into it \(tcp\/443 from 10\.0\.128\.20\/32\), which no declared INTERNET → LGWAN flow/),
    ]);
    // A group nobody labelled may guard the file server: the flow counts for it.
    expect(findings('alpha', 'LG-2', (stack, net) => {
      const group = new ec2.CfnSecurityGroup(stack, 'Unlabelled', {
        vpcId: l1<ec2.CfnVPC>(net.lgwan, '/Vpc').ref,
        groupDescription: 'relay target',
        // Its egress narrowed (a group without egress rules lets everything out, the other half of LG-2).
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.65.20/32' }],
      });
      new ec2.CfnSecurityGroupIngress(stack, 'FromRelay', { groupId: group.attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: relayCidr });
    })).toEqual([]);
    // β: terminals sit in the Internet segment; an Internet host's group admitting LGWAN terminals is the wrong way round.
    const betaTerminals = BLUEPRINTS.beta.hosts!.find((h) => h.zone === 'LGWAN')!;
    const betaInternetHost = BLUEPRINTS.beta.hosts!.find((h) => h.zone === 'INTERNET' && h.role !== 'BUSINESS_TERMINALS')!;
    expect(findings('beta', 'LG-2', admit('internet', betaInternetHost.name, betaTerminals.cidrs[0], 443)).join('\n'))
      .toMatch(/of the INTERNET segment lets the LGWAN segment open connections into it .* in BETA the LGWAN segment opens connections into INTERNET never \(screen transfer goes from the terminals' segment/);
  });

  test('an LGWAN route and a transit gateway route to the whole Internet segment are refused', () => {
    const found = findings('beta', 'LG-2', (stack, net) => overTransit(stack, net, 'Wide', [net.lgwan, 'workload-1'], 'LGWAN', net.internet.vpcCidr, net.internet.transitGatewayAttachmentId!));
    // Six more: the five other Internet subnets, and the Internet VPC's addresses no subnet of the output holds, where a
    // subnet created later (a /28 at least) would be reached whole too (semantics §2, §10: 10.0.160.96/28 is the first).
    expect(found).toEqual([expect.stringMatching(new RegExp('LG-2 error \\(無害化 / 画面転送\\): traffic from this LGWAN subnet reaches the whole INTERNET subnet '
      + '\\w*InternetSubnetworkload1\\w* \\(10\\.0\\.128\\.0/20\\) and 6 more \\([^)]*10\\.0\\.160\\.96/28'))]);
  });

  test('a wide transit gateway route that no VPC route feeds carries nothing, and a blackhole that cuts a wide path is honoured', () => {
    expect(findings('beta', 'LG-2', (stack, net) => {
      new ec2.CfnTransitGatewayRoute(stack, 'Wide', { transitGatewayRouteTableId: transitTable(net, 'LGWAN'), destinationCidrBlock: '10.0.128.0/17', transitGatewayAttachmentId: net.internet.transitGatewayAttachmentId });
    })).toEqual([]);
    expect(findings('beta', 'LG-2', (stack, net) => {
      overTransit(stack, net, 'Wide', [net.lgwan, 'workload-1'], 'LGWAN', '10.0.128.0/17', net.internet.transitGatewayAttachmentId!);
      new ec2.CfnTransitGatewayRoute(stack, 'Hole', { transitGatewayRouteTableId: transitTable(net, 'LGWAN'), destinationCidrBlock: '10.0.128.0/18', blackhole: true });
    })).toEqual([]);
  });
});

describe('AP-7 the breakout serves the terminal pools and update clients only (ローカルブレイクアウトの利用端末)', () => {
  /** The breakout firewall endpoint of AZ 1, as the proxy subnet's default route uses it. */
  const breakoutEndpoint = (net: any): string => (net.lgwan.node.findAll() as IConstruct[])
    .map((c) => c as ec2.CfnRoute).find((r) => r.node.id.startsWith('Route-proxy-1-') && r.vpcEndpointId !== undefined)!.vpcEndpointId!;

  test('the reference α′ network is compliant: the terminal pool breaks out, the servers\' workload subnets have no way out', () => {
    expect(findings('alpha-prime', 'AP-7')).toEqual([]);
    expect(findings('alpha-prime', 'AP-7', undefined, AlphaPrimeCase.LICENSE_AND_UPDATES)).toEqual([]);
  });

  test('a default route from a workload subnet to the breakout firewall puts declared servers on it', () => {
    const found = findings('alpha-prime', 'AP-7', (stack, net) => {
      new ec2.CfnRoute(stack, 'ServersOut', { routeTableId: table(net.lgwan, 'workload-1'), destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: breakoutEndpoint(net) });
    });
    expect(found).toEqual([
      expect.stringMatching(/^\[\w*LgwanSubnetworkload1\w*\] AP-7 error \(ローカルブレイクアウトの利用端末\): declared host finance-system \(BUSINESS_SYSTEM, 10\.0\.65\.10\/32\) lies in this subnet, which reaches the internet; only terminal pools/),
      expect.stringMatching(/^\[\w*LgwanSubnetworkload1\w*\] AP-7 error .*: declared host lgwan-file-server \(OTHER, 10\.0\.65\.20\/32\) lies in this subnet/),
      expect.stringMatching(/^\[\w*LgwanSubnetworkload1\w*\] AP-7 error .*: declared host lgwan-mail-server \(OTHER, 10\.0\.65\.25\/32\) lies in this subnet/),
    ]);
  });

  test('the forward proxy\'s clients: only what its front admits on the proxy port counts, and what the guard cannot bound is everyone', () => {
    const proxyFindings = (change: (stack: Stack, net: any) => void) => findings('alpha-prime', 'AP-7', change).filter((f) => /forward proxy/.test(f));
    // SSH to the proxy instances from the servers' subnet is no use of the proxy (not its http_port).
    expect(proxyFindings((stack, net) => {
      new ec2.CfnSecurityGroupIngress(stack, 'Ssh', {
        groupId: l1<ec2.CfnSecurityGroup>(net.lgwan, 'TenantProxy/InstanceSecurityGroup').attrGroupId, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '10.0.65.0/24',
      });
    })).toEqual([]);
    // The proxy port from the servers' subnet is.
    expect(proxyFindings((stack, net) => {
      new ec2.CfnSecurityGroupIngress(stack, 'Direct', {
        groupId: l1<ec2.CfnSecurityGroup>(net.lgwan, 'TenantProxy/InstanceSecurityGroup').attrGroupId, ipProtocol: 'tcp', fromPort: 3128, toPort: 3128, cidrIp: '10.0.65.0/24',
      });
    })).toEqual([
      expect.stringMatching(/AP-7 error .*declared host finance-system .* may use the forward proxy \S+, which relays to the breakout: its security groups admit .*tcp\/3128-3128 from 10\.0\.65\.0\/24/),
      expect.stringMatching(/declared host lgwan-file-server/),
      expect.stringMatching(/declared host lgwan-mail-server/),
    ]);
    // A load balancer in front without security groups admits every client.
    const open = proxyFindings((_, net) => { l1<CfnResource>(net.lgwan, 'TenantProxy/LoadBalancer').addPropertyDeletionOverride('SecurityGroups'); });
    expect(open[0]).toMatch(/every address counts as its client \(load balancer \S+ in front of it has no security group, so it admits every client; fail closed\)/);
    expect(open).toHaveLength(3);
  });

  describe('a subnet the guard knows nothing of, given a way out (fail closed)', () => {
    /** A subnet added to the LGWAN VPC on the terminal pool's route table (the breakout), with `tags`; its block is free in every example. */
    const added = (tags: { key: string; value: string }[] = [], cidrBlock: string = '10.0.100.0/24') => (stack: Stack, net: any) => {
      const subnet = new ec2.CfnSubnet(stack, 'Added', { vpcId: net.lgwan.vpc.vpcId, cidrBlock, availabilityZone: 'ap-northeast-1a', tags });
      new ec2.CfnSubnetRouteTableAssociation(stack, 'AddedTable', { subnetId: subnet.ref, routeTableId: table(net.lgwan, 'terminals-1') });
    };

    test('untagged and holding no declared host, it may hold servers: flagged, naming its block and the way to declare it', () => {
      expect(findings('alpha-prime', 'AP-7', added())).toEqual([
        expect.stringMatching(/^\[Added\] AP-7 error \(ローカルブレイクアウトの利用端末\): this LGWAN subnet reaches the internet, and the guard cannot tell that it holds only terminal pools \(業務端末\) or update clients: no declared terminal pool \(BUSINESS_TERMINALS\) or update client covers its block 10\.0\.100\.0\/24, it is not tagged jichitai:subnet-role=terminals .*fail closed\).*Fix: remove its route to the breakout/),
      ]);
    });

    test('a block the guard cannot read is flagged too', () => {
      const unreadable = (stack: Stack, net: any) => {
        added()(stack, net);
        (stack.node.findChild('Added') as ec2.CfnSubnet).addPropertyOverride('CidrBlock', { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.100.0/24', 1, 8] }] });
      };
      // It may hold the declared servers (fail closed): named as such.
      expect(findings('alpha-prime', 'AP-7', unreadable)).toEqual(['finance-system', 'lgwan-file-server', 'lgwan-mail-server']
        .map((host) => expect.stringMatching(new RegExp(`^\\[Added\\] AP-7 error .*: declared host ${host} .* lies in this subnet, which reaches the internet`))));
      // Without declared hosts (a template checked alone), the subnet itself.
      expect(findings('alpha-prime', 'AP-7', unreadable, undefined, { hosts: [] })).toEqual([
        expect.stringMatching(/^\[Added\] AP-7 error .*its block cannot be read, so what it holds is unknown/),
      ]);
    });

    test('tagged as a terminal pool, as MunicipalNetwork tags its terminal subnets, it is a terminal pool', () => {
      expect(findings('alpha-prime', 'AP-7', added([{ key: 'jichitai:subnet-role', value: 'terminals' }]))).toEqual([]);
      expect(findings('alpha-prime', 'AP-7', added([{ key: 'jichitai:subnet-role', value: 'workload' }]))).toHaveLength(1);
    });

    test('a block inside the declared terminal pools needs no tag; one reaching past them does', () => {
      // The reference α′ blueprint declares its terminal pool lgwan-terminals as 10.0.80.0/24, inside the terminal subnet 1
      // (10.0.80.0/21), which moves aside so that the added subnet does not overlap it.
      const beside = (cidr: string) => (stack: Stack, net: any) => {
        l1<ec2.CfnSubnet>(net.lgwan, '/Subnet-terminals-1').addPropertyOverride('CidrBlock', '10.0.84.0/22');
        added([], cidr)(stack, net);
      };
      expect(findings('alpha-prime', 'AP-7', beside('10.0.80.0/25'))).toEqual([]);
      expect(findings('alpha-prime', 'AP-7', beside('10.0.80.0/24'))).toEqual([]);
      expect(findings('alpha-prime', 'AP-7', beside('10.0.80.0/23'))).toEqual([expect.stringMatching(/covers its block 10\.0\.80\.0\/23/)]);
    });
  });

  test('a resource labelled with another role in a terminal subnet is flagged; one labelled BUSINESS_TERMINALS is not', () => {
    const place = (role: string) => (stack: Stack, net: any) => {
      new ec2.CfnInstance(stack, 'Server', {
        imageId: 'ami-12345678', subnetId: l1<ec2.CfnSubnet>(net.lgwan, '/Subnet-terminals-1').ref, tags: [{ key: 'jichitai:role', value: role }],
      });
    };
    expect(findings('alpha-prime', 'AP-7', place('BUSINESS_SYSTEM'))).toEqual([
      expect.stringMatching(/^\[Server\] AP-7 error .*: labelled BUSINESS_SYSTEM, it sits in \S*Subnetterminals1\S*, which reaches the internet/),
    ]);
    expect(findings('alpha-prime', 'AP-7', place('BUSINESS_TERMINALS'))).toEqual([]);
  });
});
