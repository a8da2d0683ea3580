/**
 * LG-3 (LGWAN ↔ LGWAN WAN only to declared LGWAN-ASP services) and MN-5 (the My Number segment's VPC endpoints hold to the
 * own account), in both engines: the reference deployments comply; widened routes, open groups and missing or open
 * endpoint policies are refused. Also the plan and validation behind LG-3.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { alpha, BLUEPRINTS } from '../../examples/blueprints';
import { Blueprint, cdk, FlowKind, MunicipalNetworkBlueprintProps, Port, Segment, tf, validateBlueprint, Zone } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow, flowsOfBlueprint } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph, VpcEndpointNode } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';
import { endpointPolicyProblem } from '../../src/guard/rules/endpoints';
import { cidrId } from '../../src/plan/ids';
import { planNetwork } from '../../src/plan/plan';
import { cdkTemplates, exampleBlueprint, tfConfigs } from '../support/untouched';

const find = <T extends IConstruct>(scope: IConstruct, suffix: string) => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;

type Declared = 'declared' | 'raw';

/** The findings of one rule on a CDK example after a change; `raw` checks it as a hand-built stack with no declared flows. */
type CdkChange = (stack: Stack, net: cdk.MunicipalNetwork) => void;
type TfChange = (stack: IConstruct, net: tf.MunicipalNetwork) => void;

function cdkFindings(name: string, rule: string, change?: CdkChange, mode: Declared = 'declared'): string[] {
  return ruleFindings(name, rule, extractCloudFormation(cdkTemplates(name, change)), mode);
}

function tfFindings(name: string, rule: string, change?: TfChange, mode: Declared = 'declared'): string[] {
  return ruleFindings(name, rule, extractTerraform(tfConfigs(name, change)), mode);
}

/** One rule's findings on an example's graph, with the flows its blueprint declares or (`raw`) none. */
function ruleFindings(name: string, rule: string, graph: TopologyGraph, mode: Declared): string[] {
  const blueprint = exampleBlueprint(name);
  // Not declared is no list at all (an empty one declares that no flow crosses: GuardContext.flows).
  const flows: DeclaredFlow[] | undefined = mode === 'declared' ? flowsOfBlueprint(blueprint.hosts, blueprint.flows) : undefined;
  const options = { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase };
  return checkTopology(graph, options, { flows }).filter((f) => f.ruleId === rule).map(formatFinding);
}

/** Another /24 of the examples' LGWAN WAN (172.20.0.0/16) that no flow declares. */
const UNDECLARED_WAN = '172.20.99.0/24';

describe('LG-3: LGWAN ↔ LGWAN WAN only to declared LGWAN-ASP services (LGWAN-ASP)', () => {
  test.each(Object.keys(BLUEPRINTS))('the %s example complies in both engines, with and without its declarations', (name) => {
    expect(BLUEPRINTS[name].flows!.some((f) => f.kind === FlowKind.LGWAN_ASP)).toBe(true);
    expect(cdkFindings(name, 'LG-3')).toEqual([]);
    expect(tfFindings(name, 'LG-3')).toEqual([]);
    // A hand-built stack like it (host routes only) meets the rule without declarations too.
    expect(cdkFindings(name, 'LG-3', undefined, 'raw')).toEqual([]);
  });

  test('the plan routes only the declared LGWAN-ASP hosts over the transit gateway and blackholes the rest of the WAN', () => {
    const plan = planNetwork(Blueprint.validate(alpha));
    const lgwan = plan.transitGateway.routeTables.find((t) => t.zone === Zone.LGWAN)!;
    const wan = plan.transitGateway.routeTables.find((t) => t.zone === Zone.LGWAN_WAN)!;
    const toWan = lgwan.routes.filter((r) => r.targetZone === Zone.LGWAN_WAN).map((r) => r.destination);
    expect(toWan).toEqual(['172.20.20.25/32', '172.20.30.10/32']);
    expect(lgwan.routes).toContainEqual(expect.objectContaining({ destination: '172.20.0.0/16', blackhole: true }));
    // Back: the LGWAN hosts of the LGWAN-ASP flows (terminals, mail server) and the My Number host of the 中間サーバー flow.
    expect(wan.routes.filter((r) => !r.blackhole).map((r) => r.destination)).toEqual(['10.0.0.10/32', '10.0.65.25/32', '10.0.80.0/24']);
    expect(wan.routes).toContainEqual(expect.objectContaining({ destination: '10.0.64.0/18', blackhole: true }));
  });

  test('an extra transit route to an undeclared part of the WAN is refused, naming it (CDK)', () => {
    const found = cdkFindings('alpha', 'LG-3', (stack, net) => {
      const wan = find<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-LGWAN-ac141419p32').transitGatewayAttachmentId!;
      new ec2.CfnTransitGatewayRoute(stack, 'Extra', {
        transitGatewayRouteTableId: find<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-LGWAN').ref, destinationCidrBlock: UNDECLARED_WAN, transitGatewayAttachmentId: wan,
      });
    });
    expect(found).toEqual([
      expect.stringMatching(/LG-3 error \(LGWAN-ASP（特定通信）\): traffic from this LGWAN subnet reaches LGWAN WAN addresses that no declared LGWAN-ASP flow names \(172\.20\.99\.0\/24\)/),
      expect.stringMatching(/LGWAN WAN addresses that no declared LGWAN-ASP flow names \(172\.20\.99\.0\/24\)/),
    ]);
  });

  test('the same in Terraform', () => {
    const found = tfFindings('alpha', 'LG-3', (stack, net) => {
      const wan = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-LGWAN-ac141419p32').transitGatewayAttachmentIdInput!;
      new Ec2TransitGatewayRoute(stack, 'Extra', {
        transitGatewayRouteTableId: find<TerraformResource & { id: string }>(net, 'Transit/RouteTable-LGWAN').id, destinationCidrBlock: UNDECLARED_WAN, transitGatewayAttachmentId: wan,
      });
    });
    expect(found.length).toBe(2);
    expect(found.every((f) => f.includes('(172.20.99.0/24)'))).toBe(true);
  });

  test('without declarations, a run of WAN addresses wider than a /24 is refused; a /24 is not', () => {
    const widen = (destination: string) => (stack: Stack, net: cdk.MunicipalNetwork) => {
      const wan = find<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-LGWAN-ac141419p32').transitGatewayAttachmentId!;
      new ec2.CfnTransitGatewayRoute(stack, 'Extra', {
        transitGatewayRouteTableId: find<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-LGWAN').ref, destinationCidrBlock: destination, transitGatewayAttachmentId: wan,
      });
    };
    expect(cdkFindings('beta', 'LG-3', widen(UNDECLARED_WAN), 'raw')).toEqual([]);
    expect(cdkFindings('beta', 'LG-3', widen('172.20.98.0/23'), 'raw')).toEqual([
      expect.stringMatching(/reaches a run of LGWAN WAN addresses wider than a \/24 \(172\.20\.98\.0\/23\)/),
      expect.stringMatching(/wider than a \/24/),
    ]);
  });

  test('the whole LGWAN segment routed back from the WAN is refused, declared or not', () => {
    const open = (_: Stack, net: cdk.MunicipalNetwork) => {
      const whole = find<CfnResource>(net, 'Transit/Route-LGWAN_WAN-0a004000p18');
      whole.addPropertyDeletionOverride('Blackhole');
      whole.addPropertyOverride('TransitGatewayAttachmentId', net.lgwan.transitGatewayAttachmentId!);
    };
    expect(cdkFindings('alpha', 'LG-3', open).join('\n')).toMatch(/the LGWAN WAN reaches addresses of this LGWAN subnet that no declared LGWAN-ASP flow names/);
    expect(cdkFindings('alpha', 'LG-3', open, 'raw').join('\n')).toMatch(/the LGWAN WAN reaches the whole LGWAN subnet 10\.0\.\d+\.\d+\/\d+, not declared hosts/);
  });

  test('an LGWAN security group opening every port toward a routed WAN host is refused (Terraform)', () => {
    const found = tfFindings('alpha', 'LG-3', (stack, net) => {
      new SecurityGroup(stack, 'AllPorts', { vpcId: net.lgwan.vpcId, egress: [{ protocol: 'tcp', fromPort: 0, toPort: 65535, cidrBlocks: ['172.20.20.25/32'] }] });
    });
    expect(found).toEqual([expect.stringMatching(/security group .*AllPorts.*: its egress rules toward the LGWAN WAN open every tcp port to 172\.20\.20\.25/)]);
  });
});

describe('MN-3: My Number ↔ LGWAN WAN only as specific communication (特定通信, e.g. the 中間サーバー)', () => {
  /** Remove every NACL association under `scope` (its subnets fall back to the default NACL, which allows everything). */
  const unassociate = (scope: IConstruct, type: abstract new (...args: never[]) => IConstruct) => {
    const associations = scope.node.findAll().filter((c) => c instanceof type);
    expect(associations.length).toBeGreaterThan(0);
    for (const c of associations) c.node.scope!.node.tryRemoveChild(c.node.id);
  };
  const mn3 = (found: string[]) => found.filter((f) => f.includes('LGWAN WAN') || f.includes('LGWAN から'));

  test.each(Object.keys(BLUEPRINTS))('the %s example complies in both engines, with and without its declarations', (name) => {
    // Every example declares the 中間サーバー flow, so the rule has a My Number route into the WAN to judge.
    expect(BLUEPRINTS[name].flows!.some((f) => f.to === 'intermediate-server')).toBe(true);
    expect(cdkFindings(name, 'MN-3')).toEqual([]);
    expect(tfFindings(name, 'MN-3')).toEqual([]);
    expect(cdkFindings(name, 'MN-3', undefined, 'raw')).toEqual([]);
  });

  /**
   * A route from the My Number subnets to the WAN: beside each VPC route of the 中間サーバー's host (to the transit
   * gateway), one to `destination`, and the transit route from the My Number table to the WAN attachment.
   */
  const cdkRoute = (destination: string) => (stack: Stack, net: cdk.MunicipalNetwork) => {
    const hostRoutes = net.myNumber.node.findAll().filter((c): c is ec2.CfnRoute => c instanceof ec2.CfnRoute && c.destinationCidrBlock === '172.20.10.5/32');
    expect(hostRoutes.length).toBeGreaterThan(0);
    // The plan's NACLs let the My Number subnets reach the declared hosts only: take them off, so that the route is the gap.
    unassociate(net.myNumber, ec2.CfnSubnetNetworkAclAssociation);
    hostRoutes.forEach((r, i) => new ec2.CfnRoute(stack, `ExtraVpcRoute${i}`, { routeTableId: r.routeTableId, destinationCidrBlock: destination, transitGatewayId: r.transitGatewayId }));
    const wan = find<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentId!;
    new ec2.CfnTransitGatewayRoute(stack, 'Extra', {
      transitGatewayRouteTableId: find<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-MY_NUMBER').ref, destinationCidrBlock: destination, transitGatewayAttachmentId: wan,
    });
  };

  test('a transit route from My Number to an undeclared part of the WAN is refused, naming it (CDK)', () => {
    const found = cdkFindings('alpha', 'MN-3', cdkRoute(UNDECLARED_WAN));
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(found.map(() => expect.stringMatching(
      /MN-3 critical \(特定通信\): traffic from this My Number subnet reaches LGWAN WAN addresses that no declared specific communication \(特定通信\) flow names \(172\.20\.99\.0\/24\)/)));
    // Routing the whole internet to the WAN is no way out of MN-1 either: MN-3 refuses it (the label is not a licence).
    expect(cdkFindings('alpha', 'MN-3', cdkRoute('0.0.0.0/1')).join('\n')).toMatch(/no declared specific communication \(特定通信\) flow names \(0\.0\.0\.0\/5, 8\.0\.0\.0\/7/);
  });

  test('the same in Terraform; without declarations a run wider than a /24 is refused and a /24 is not', () => {
    const tfRoute = (destination: string) => (stack: IConstruct, net: tf.MunicipalNetwork) => {
      const hostRoutes = net.myNumber.node.findAll().filter((c): c is Route => c instanceof Route && c.destinationCidrBlockInput === '172.20.10.5/32');
      expect(hostRoutes.length).toBeGreaterThan(0);
      unassociate(net.myNumber, NetworkAclAssociation);
      hostRoutes.forEach((r, i) => new Route(stack, `ExtraVpcRoute${i}`, { routeTableId: r.routeTableIdInput!, destinationCidrBlock: destination, transitGatewayId: r.transitGatewayIdInput }));
      const wan = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentIdInput!;
      new Ec2TransitGatewayRoute(stack, 'Extra', {
        transitGatewayRouteTableId: find<TerraformResource & { id: string }>(net, 'Transit/RouteTable-MY_NUMBER').id, destinationCidrBlock: destination, transitGatewayAttachmentId: wan,
      });
    };
    expect(tfFindings('beta', 'MN-3', tfRoute(UNDECLARED_WAN)).join('\n')).toMatch(/My Number subnet reaches LGWAN WAN addresses that no declared .* \(172\.20\.99\.0\/24\)/);
    expect(tfFindings('beta', 'MN-3', tfRoute(UNDECLARED_WAN), 'raw')).toEqual([]);
    const wide = tfFindings('beta', 'MN-3', tfRoute('172.20.98.0/23'), 'raw');
    expect(wide.length).toBeGreaterThan(0);
    expect(wide.join('\n')).toMatch(/traffic from this My Number subnet reaches a run of LGWAN WAN addresses wider than a \/24 \(172\.20\.98\.0\/23\), not declared hosts such as the 中間サーバー/);
  });

  test('the whole My Number segment routed back from the WAN is refused, declared or not', () => {
    const open = (_: Stack, net: cdk.MunicipalNetwork) => {
      const whole = find<CfnResource>(net, `Transit/Route-LGWAN_WAN-${cidrId(net.blueprint.segmentCidr(Segment.MY_NUMBER))}`);
      whole.addPropertyDeletionOverride('Blackhole');
      whole.addPropertyOverride('TransitGatewayAttachmentId', net.myNumber.transitGatewayAttachmentId!);
    };
    expect(cdkFindings('alpha', 'MN-3', open).join('\n')).toMatch(/the LGWAN WAN reaches addresses of this My Number subnet that no declared specific communication \(特定通信\) flow names/);
    expect(cdkFindings('alpha', 'MN-3', open, 'raw').join('\n')).toMatch(/the LGWAN WAN reaches the whole My Number subnet 10\.\d+\.\d+\.\d+\/\d+, not declared hosts/);
  });

  test('a VPN gateway to the LGWAN WAN attached to the My Number VPC lets the WAN in: refused, declared or not', () => {
    const vgw = (stack: Stack, net: cdk.MunicipalNetwork) => {
      const gateway = new ec2.CfnVPNGateway(stack, 'WanGateway', { type: 'ipsec.1', tags: [{ key: 'jichitai:zone', value: 'LGWAN_WAN' }] });
      new ec2.CfnVPCGatewayAttachment(stack, 'WanGatewayAttachment', { vpcId: net.myNumber.vpc.vpcId, vpnGatewayId: gateway.ref });
    };
    expect(cdkFindings('alpha', 'MN-3', vgw).join('\n')).toMatch(/the LGWAN WAN reaches addresses of this My Number subnet that no declared specific communication/);
    expect(cdkFindings('alpha', 'MN-3', vgw, 'raw').join('\n')).toMatch(/the LGWAN WAN reaches the whole My Number subnet/);
    // The same gateway labelled for the LGWAN segment's VPC is LG-3's business, and MN-3 says nothing of it.
    const lgwanVgw = (stack: Stack, net: cdk.MunicipalNetwork) => {
      const gateway = new ec2.CfnVPNGateway(stack, 'WanGateway', { type: 'ipsec.1', tags: [{ key: 'jichitai:zone', value: 'LGWAN_WAN' }] });
      new ec2.CfnVPCGatewayAttachment(stack, 'WanGatewayAttachment', { vpcId: net.lgwan.vpc.vpcId, vpnGatewayId: gateway.ref });
    };
    expect(cdkFindings('alpha', 'MN-3', lgwanVgw)).toEqual([]);
    expect(cdkFindings('alpha', 'LG-3', lgwanVgw).join('\n')).toMatch(/the LGWAN WAN reaches addresses of this LGWAN subnet that no declared LGWAN-ASP flow names/);
  });

  test('a My Number security group opening all traffic toward the routed 中間サーバー is refused (Terraform)', () => {
    const found = mn3(tfFindings('alpha', 'MN-3', (stack, net) => {
      new SecurityGroup(stack, 'AllTraffic', { vpcId: net.myNumber.vpcId, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['172.20.10.5/32'] }] });
    }));
    expect(found).toEqual([expect.stringMatching(/security group .*AllTraffic.*: its egress rules toward the LGWAN WAN allow all traffic \(172\.20\.10\.5\/32\)/)]);
  });
});

describe('validation of LGWAN-ASP flows (LG-3)', () => {
  const withFlows = (change: (bp: any) => void): string[] => {
    const copy: any = { ...alpha, hosts: alpha.hosts!.map((h) => ({ ...h })), flows: alpha.flows!.map((f) => ({ ...f })) };
    change(copy);
    return validateBlueprint(copy as MunicipalNetworkBlueprintProps);
  };

  test('an LGWAN_ASP flow between LGWAN and the Internet segment is refused', () => {
    const errors = withFlows((bp) => bp.flows.push({ name: 'asp-wrong', kind: FlowKind.LGWAN_ASP, from: 'lgwan-terminals', to: 'virtual-browser', ports: [Port.tcp(443)] }));
    expect(errors.join('\n')).toMatch(/\[flows\.asp-wrong\.kind\] LGWAN_ASP \(LGWAN-ASP\) connects LGWAN接続系 and インターネット接続系; .*\(LG-3\)/);
  });

  test('a flow to the whole LGWAN WAN range is refused', () => {
    const errors = withFlows((bp) => {
      bp.hosts.push({ name: 'whole-wan', zone: Zone.LGWAN_WAN, cidrs: ['172.20.0.0/16'] });
      bp.flows.push({ name: 'to-whole-wan', kind: FlowKind.LGWAN_ASP, from: 'lgwan-terminals', to: 'whole-wan', ports: [Port.tcp(443)] });
    });
    expect(errors.join('\n')).toMatch(/\[flows\.to-whole-wan\] reaches whole-wan \(172\.20\.0\.0\/16\), which is the whole LGWAN WAN range 172\.20\.0\.0\/16, not an LGWAN-ASP service \(LG-3/);
  });

  test('sanitization or screen transfer toward the LGWAN WAN is refused', () => {
    const errors = withFlows((bp) => bp.flows.push({ name: 'odd-kind', kind: FlowKind.SCREEN_TRANSFER, from: 'lgwan-terminals', to: 'lgwan-asp-web', ports: [Port.tcp(443)] }));
    expect(errors.join('\n')).toMatch(/\[flows\.odd-kind\.kind\] SCREEN_TRANSFER \(画面転送\) between LGWAN接続系 and the LGWAN WAN; only LGWAN-ASP services are reached there \(LG-3\)/);
  });

  test('all ports are refused with LG-3 named', () => {
    const errors = withFlows((bp) => bp.flows.push({ name: 'asp-all', kind: FlowKind.LGWAN_ASP, from: 'lgwan-terminals', to: 'lgwan-asp-web', ports: [Port.tcpRange(1, 65535)] }));
    expect(errors.join('\n')).toMatch(/\[flows\.asp-all\.ports\[0\]\] is every port, i\.e\. all traffic \(LG-3, LGWAN-ASP/);
  });
});

describe('MN-5: the My Number segment\'s VPC endpoints hold to the own account', () => {
  test.each(Object.keys(BLUEPRINTS))('the %s example complies in both engines', (name) => {
    expect(cdkFindings(name, 'MN-5')).toEqual([]);
    expect(tfFindings(name, 'MN-5')).toEqual([]);
  });

  test('a missing policy, an allow-all policy and an account the guard cannot read are refused (CDK)', () => {
    const found = cdkFindings('beta', 'MN-5', (_, net) => {
      find<CfnResource>(net.myNumber, '/Endpoint-logs').addPropertyDeletionOverride('PolicyDocument');
      find<CfnResource>(net.myNumber, '/Endpoint-ssm').addPropertyOverride('PolicyDocument', { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
      find<CfnResource>(net.myNumber, '/Endpoint-ssmmessages').addPropertyOverride('PolicyDocument.Statement.0.Condition.StringEquals.aws:PrincipalAccount', Fn.importValue('SomeAccount'));
    });
    expect(found).toEqual([
      expect.stringMatching(/MN-5 error .*\.logs\) in the My Number VPC: it has no endpoint policy, so AWS attaches the default one/),
      expect.stringMatching(/\.ssm\) in the My Number VPC: statement 0 lets principals of other accounts act \("\*"\): .*; statement 0 allows other accounts' resources \("\*"\)/),
      expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement "OwnAccountPrincipalsOnly" lets principals of other accounts act .* \("\{\\"Fn::ImportValue\\":\\"SomeAccount\\"\}" is a literal account, an organisation or a value known only at deploy time/),
    ]);
  });

  test('the same in Terraform, and a policy written as a Terraform expression fails closed', () => {
    const found = tfFindings('beta', 'MN-5', (_, net) => {
      find<TerraformResource>(net.myNumber, '/Endpoint-logs').addOverride('policy', null);
      find<TerraformResource>(net.myNumber, '/Endpoint-ssm').addOverride('policy', '${jsonencode({Statement = []})}');
    });
    expect(found).toEqual([
      expect.stringMatching(/\.logs\) in the My Number VPC: it has no endpoint policy/),
      expect.stringMatching(/\.ssm\) in the My Number VPC: its endpoint policy cannot be read: policy is not JSON text/),
    ]);
  });

  test('the deploying account is read only from what can only be it: a Fn::Sub variable map may redefine AWS::AccountId', () => {
    const redefined = { 'Fn::Sub': ['${AWS::AccountId}', { 'AWS::AccountId': '999999999999' }] };
    expect(cdkFindings('beta', 'MN-5', (_, net) => find<CfnResource>(net.myNumber, '/Endpoint-ssmmessages')
      .addPropertyOverride('PolicyDocument.Statement.0.Condition.StringEquals.aws:PrincipalAccount', redefined)))
      .toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement "OwnAccountPrincipalsOnly" lets principals of other accounts act .* \("\{reference\}" is a literal account/)]);
  });

  test('Terraform: only a caller identity\'s account_id, read with the default provider, is the deploying account', () => {
    const policy = (account: string) => JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': account } } }],
    });
    const withPolicy = (account: string) => tfFindings('beta', 'MN-5', (stack, net) => {
      new DataAwsCallerIdentity(stack, 'me');
      new DataAwsCallerIdentity(stack, 'them', { provider: new AwsProvider(stack, 'other', { alias: 'other', region: 'ap-northeast-1' }) });
      find<TerraformResource>(net.myNumber, '/Endpoint-ssmmessages').addOverride('policy', policy(account));
    });
    expect(withPolicy('${data.aws_caller_identity.me.account_id}')).toEqual([]);
    expect(withPolicy('${replace(data.aws_caller_identity.me.account_id, "1", "9")}'))
      .toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement 0 lets principals of other accounts act .* is a literal account/)]);
    expect(withPolicy('${data.aws_caller_identity.them.account_id}'))
      .toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement 0 lets principals of other accounts act .* is a literal account/)]);
  });

  test('Terraform: an endpoint made through a provider alias holds to that alias\'s account, not the default provider\'s', () => {
    const policy = (account: string) => JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': account, 'aws:ResourceAccount': account } } }],
    });
    const withPolicy = (account: string) => tfFindings('beta', 'MN-5', (stack, net) => {
      const other = new AwsProvider(stack, 'other', { alias: 'other', region: 'ap-northeast-1' });
      new DataAwsCallerIdentity(stack, 'me');
      new DataAwsCallerIdentity(stack, 'them', { provider: other });
      new Ec2TransitGateway(stack, 'theirs', { provider: other });
      new Ec2TransitGateway(stack, 'mine');
      const e = find<TerraformResource>(net.myNumber, '/Endpoint-ssmmessages');
      e.addOverride('policy', policy(account));
      e.addOverride('provider', 'aws.other');
    });
    expect(withPolicy('${data.aws_caller_identity.them.account_id}')).toEqual([]);
    expect(withPolicy('${aws_ec2_transit_gateway.theirs.owner_id}')).toEqual([]);
    for (const account of ['${data.aws_caller_identity.me.account_id}', '${aws_ec2_transit_gateway.mine.owner_id}']) {
      expect(withPolicy(account)).toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement 0 lets principals of other accounts act .* is a literal account/)]);
    }
  });

  test('a parameter named like the pseudo parameter is not the deploying account (CloudFormation)', () => {
    const found = cdkFindings('beta', 'MN-5', (stack, net) => {
      const fake = new CfnParameter(stack, 'accountid', { type: 'String', default: '999999999999' });
      find<CfnResource>(net.myNumber, '/Endpoint-ssmmessages').addPropertyOverride('PolicyDocument.Statement.0.Condition.StringEquals.aws:PrincipalAccount', fake.valueAsString);
    });
    expect(found).toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: statement "OwnAccountPrincipalsOnly" lets principals of other accounts act .*"\{reference\}"/)]);
  });

  test('a Terraform template directive in a policy chooses text the guard does not evaluate: unreadable', () => {
    const found = tfFindings('beta', 'MN-5', (_, net) => {
      find<TerraformResource>(net.myNumber, '/Endpoint-ssmmessages').addOverride('policy', JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:%{ if false }aws:iam::x:root%{ else }aws:iam::999999999999:root%{ endif }' }, Action: '*', Resource: '*' }],
      }));
    });
    expect(found).toEqual([expect.stringMatching(/\.ssmmessages\) in the My Number VPC: its endpoint policy cannot be read: policy holds a Terraform template directive/)]);
  });

  test('LGWAN and Internet endpoints are not MN-5\'s business', () => {
    expect(cdkFindings('alpha', 'MN-5', (_, net) => find<CfnResource>(net.lgwan, '/Endpoint-ssm').addPropertyDeletionOverride('PolicyDocument'))).toEqual([]);
  });

  describe('statements', () => {
    const node = (statement: unknown, serviceName = 'com.amazonaws.{region}.s3'): VpcEndpointNode => ({
      id: 'e',
      type: 'vpc-endpoint',
      tags: {},
      vpc: { kind: 'node', id: 'v' },
      endpointType: 'Interface',
      serviceName,
      routeTables: [],
      subnets: [],
      policy: { kind: 'document', document: { Statement: [statement] } },
    });
    const allowAll = { Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*' };
    const own = (condition: Record<string, string>) => ({ ...allowAll, Condition: { StringEquals: condition } });
    test.each([
      ['both sides pinned to the deploying account', own({ 'aws:PrincipalAccount': '{accountid}', 'aws:ResourceAccount': '{accountid}' })],
      ['the two pins in two operators (ANDed)', { ...allowAll, Condition: { StringEquals: { 'aws:PrincipalAccount': '{accountid}' }, StringEqualsIgnoreCase: { 'aws:ResourceAccount': ['{accountid}'] } } }],
      ['principals named in the account, resources pinned', { ...own({ 'aws:ResourceAccount': '{accountid}' }), Principal: { AWS: ['arn:aws:iam::{accountid}:role/admin', '{accountid}'] } }],
      ['resource ARNs in the account', { ...own({ 'aws:PrincipalAccount': '{accountid}' }), Resource: ['arn:aws:logs:{region}:{accountid}:log-group:x:*'] }],
      ['AWS-owned SSM documents and public parameters', { ...own({ 'aws:PrincipalAccount': '{accountid}' }), Resource: ['arn:aws:ssm:ap-northeast-1::document/*', 'arn:{partition}:ssm:{region}::parameter/aws/*'] }],
      ['a deny', { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }],
    ])('held: %s', (_, statement) => {
      expect(endpointPolicyProblem(node(statement))).toBeUndefined();
    });
    test('the SSM agent\'s message channels have no resources: the principal side alone holds them', () => {
      const principalOnly = own({ 'aws:PrincipalAccount': '{accountid}' });
      expect(endpointPolicyProblem(node(principalOnly, 'com.amazonaws.{region}.ssmmessages'))).toBeUndefined();
      expect(endpointPolicyProblem(node(principalOnly, 'com.amazonaws.{region}.ec2messages'))).toBeUndefined();
      expect(endpointPolicyProblem(node(principalOnly))?.en).toMatch(/allows other accounts' resources \("\*"\)/);
    });
    test.each([
      ['no condition', allowAll],
      ['IfExists (passes when the key is absent)', { ...allowAll, Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': '{accountid}', 'aws:PrincipalAccount': '{accountid}' } } }],
      ['a wildcard value', { ...allowAll, Condition: { StringLike: { 'aws:ResourceAccount': '*', 'aws:PrincipalAccount': '{accountid}' } } }],
      ['a value known only at deploy time', own({ 'aws:ResourceAccount': '{reference}', 'aws:PrincipalAccount': '{accountid}' })],
      ['any account\'s buckets', { ...own({ 'aws:PrincipalAccount': '{accountid}' }), Resource: 'arn:aws:s3:::*' }],
      ['the own principals on a named bucket (S3 ARNs name no account)', { ...own({ 'aws:PrincipalAccount': '{accountid}' }), Resource: 'arn:aws:s3:::attacker-bucket/*' }],
      ['the own principals on any account\'s resources (aws:PrincipalAccount alone)', own({ 'aws:PrincipalAccount': '{accountid}' })],
      ['the own resources for any principal (aws:ResourceAccount alone)', own({ 'aws:ResourceAccount': '{accountid}' })],
      ['a literal account ID (the guard cannot tell it is the deploying one)', own({ 'aws:ResourceAccount': '111122223333', 'aws:PrincipalAccount': '111122223333' })],
      ['one value of two is another account', own({ 'aws:ResourceAccount': ['{accountid}', '999999999999'] as any, 'aws:PrincipalAccount': '{accountid}' })],
      ['an organisation (it holds other accounts)', own({ 'aws:ResourceOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' })],
      ['a principal named in another account', { ...own({ 'aws:ResourceAccount': '{accountid}' }), Principal: { AWS: 'arn:aws:iam::999999999999:role/admin' } }],
      ['a service principal', { ...own({ 'aws:ResourceAccount': '{accountid}' }), Principal: { Service: 'ec2.amazonaws.com' } }],
      ['an SSM document of another account', { ...own({ 'aws:PrincipalAccount': '{accountid}' }), Resource: 'arn:aws:ssm:ap-northeast-1:999999999999:document/x' }],
      ['NotResource', { Effect: 'Allow', Principal: '*', Action: '*', NotResource: 'arn:aws:s3:::mine/*' }],
      ['an unreadable effect', { ...allowAll, Effect: { 'Fn::If': [] } }],
      // Context key names are not case-sensitive: which of two spellings in one block AWS applies is not known.
      ['a key in two spellings in one block, one of them another account', {
        ...allowAll,
        Condition: {
          StringEquals: {
            'aws:PrincipalAccount': '{accountid}', 'AWS:PRINCIPALACCOUNT': '999999999999', 'aws:ResourceAccount': '{accountid}',
          },
        },
      }],
      ['an operator spelt otherwise than AWS documents it', { ...allowAll, Condition: { stringequals: { 'aws:ResourceAccount': '{accountid}', 'aws:PrincipalAccount': '{accountid}' } } }],
      ['an element the guard does not read beside a held one', { ...own({ 'aws:ResourceAccount': '{accountid}', 'aws:PrincipalAccount': '{accountid}' }), resource: 'arn:aws:s3:::*' }],
      ['an element the guard does not read in a deny', { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', effect: 'Allow' }],
    ])('refused: %s', (_, statement) => {
      expect(endpointPolicyProblem(node(statement))).toBeDefined();
    });
    test('a key in two spellings that both name the own account still holds; a document element the guard does not read does not', () => {
      expect(endpointPolicyProblem(node({
        ...allowAll,
        Condition: {
          StringEquals: {
            'aws:PrincipalAccount': '{accountid}', 'AWS:PrincipalAccount': ['{accountid}'], 'aws:ResourceAccount': '{accountid}',
          },
        },
      }))).toBeUndefined();
      const held = own({ 'aws:ResourceAccount': '{accountid}', 'aws:PrincipalAccount': '{accountid}' });
      const withDocument = (document: unknown): VpcEndpointNode => ({ ...node(held), policy: { kind: 'document', document } });
      expect(endpointPolicyProblem(withDocument({ Version: '2012-10-17', Statement: [held] }))).toBeUndefined();
      expect(endpointPolicyProblem(withDocument({ Statement: [held], statement: [allowAll] }))?.en).toMatch(/has elements the guard does not read \("statement"; fail closed\)/);
    });
    test('a policy given as text that names a key twice is unreadable (JSON.parse keeps the last, AWS may keep the other), in both engines', () => {
      const text = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"999999999999",'
        + '"aws:ResourceAccount":"999999999999"},"StringEquals":{"aws:PrincipalAccount":"${AWS::AccountId}","aws:ResourceAccount":"${AWS::AccountId}"}}}]}';
      const inCdk = cdkFindings('beta', 'MN-5', (_, net) => find<CfnResource>(net.myNumber, '/Endpoint-logs').addPropertyOverride('PolicyDocument', text));
      expect(inCdk).toEqual([expect.stringMatching(/\.logs\) in the My Number VPC: its endpoint policy cannot be read: PolicyDocument is JSON text whose objects name a key twice \(Statement\[0\]\.Condition\.StringEquals\)/)]);
      const inTf = tfFindings('beta', 'MN-5', (_, net) => find<TerraformResource>(net.myNumber, '/Endpoint-logs')
        .addOverride('policy', text.replace(/\$\{AWS::AccountId\}/g, '$${data.aws_caller_identity.me.account_id}')));
      expect(inTf).toEqual([expect.stringMatching(/\.logs\) in the My Number VPC: its endpoint policy cannot be read: policy is JSON text whose objects name a key twice/)]);
    });
  });
});
