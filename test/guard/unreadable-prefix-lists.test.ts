/**
 * Found by red team review: "FLOW-1 and AP-7 treat an unreadable prefix list by their own logic". The reachability walk
 * follows a route whose destination it cannot read (a prefix list the output does not hold, a parameter or variable)
 * for every address (semantics §4): right for the rules that refuse what may happen (AP-7), but FLOW-1 proves flows
 * open, and took such a route as proof: a flow whose only route went to `pl-…` or `${var.…}` passed. Now what arrives
 * along a table holding such a route is no proof (a finding naming the route), and a prefix list the output holds is
 * read as its entries, one route each, as a security group rule's peer already was (CloudFormation refused such a
 * route as unresolvable, GUARD-1). AP-7 was fail closed already (controls below), and so was FLOW-1's security group
 * part, whose finding now names the prefix list it did not count. Both engines, on the α′ reference example.
 */
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { Ec2TransitGatewayPrefixListReference } from '@cdktf/provider-aws/lib/ec2-transit-gateway-prefix-list-reference';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { cdk, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

const find = <T>(scope: IConstruct, suffix: string) => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;
const PL = 'pl-0123456789abcdef0';
/** The flow the FLOW-1 cases break: resident-registry (10.0.0.10) → intermediate-server (172.20.10.5, LGWAN WAN), tcp 443. */
const FLOW = /^\[\S+\] FLOW-1 error .*declared flow "resident-registry-to-intermediate-server"/;

/** The findings of `rules` (GUARD-1 among them, where it is asked for) on the α′ example after a change, formatted. */
function cdkFindings(rules: string[], change: (stack: Stack, net: cdk.MunicipalNetwork) => void): string[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample('alpha-prime', app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const options = { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase };
  const declared = { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) };
  const graph = extractCloudFormation({ [stack.stackName]: template });
  return checkTopology(graph, options, declared).filter((f) => rules.includes(f.ruleId)).map(formatFinding);
}

/** The same on the CDKTF α′ example; `edit` changes the synthesized JSON. */
function tfFindings(rules: string[], change: (stack: TerraformStack, net: tf.MunicipalNetwork) => void, edit: (json: any) => void = () => undefined):
string[] {
  const { stack, network } = buildTfExample('alpha-prime', Testing.app());
  change(stack, network);
  const json = JSON.parse(Testing.synth(stack));
  edit(json);
  const options = { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase };
  return checkTopology(extractTerraform({ [stack.node.id]: json }), options, { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) })
    .filter((f) => rules.includes(f.ruleId)).map(formatFinding);
}

/** A Terraform route (by a pattern of its address) whose destination is `${var.destination}`: unresolved. */
const varDestination = (route: string) => expect.stringMatching(new RegExp(`^\\[${route}\\] GUARD-1 critical .*destination_cidr_block could not be resolved: `
  + 'the route\'s destination "\\$\\{var\\.destination\\}" cannot be read at synth time'));

/** The α′ breakout: the firewall endpoint the proxy subnet's default route uses. */
const cdkBreakout = (net: any): string => (net.lgwan.node.findAll() as IConstruct[])
  .map((c) => c as ec2.CfnRoute).find((r) => r.node.id.startsWith('Route-proxy-1-') && r.vpcEndpointId !== undefined)!.vpcEndpointId!;
const tfBreakout = (net: any): string => find<Route>(net.lgwan, '/Route-proxy-1-00000000p0').vpcEndpointIdInput!;
const cdkTable = (segment: IConstruct, key: string) => find<ec2.CfnRouteTable>(segment, `/RouteTable-${key}`).ref;
const tfTable = (segment: IConstruct, key: string) => find<RouteTable>(segment, `/RouteTable-${key}`).id;

/** The My Number workload subnets' routes of the flow (172.20.10.5/32 over the transit gateway). */
const cdkFlowRoutes = (net: any) => (net.myNumber.node.findAll() as IConstruct[]).filter((c) => c instanceof ec2.CfnRoute && /ac140a05p32/.test(c.node.id)) as ec2.CfnRoute[];
const tfFlowRoutes = (net: any) => (net.myNumber.node.findAll() as IConstruct[]).filter((c) => c instanceof Route && /ac140a05p32/.test(c.node.id)) as Route[];

/** The declared servers of the LGWAN workload subnet, each an AP-7 finding when the subnet reaches the breakout, along a path naming `via`. */
const servers = (via: RegExp) => ['finance-system', 'lgwan-file-server', 'lgwan-mail-server'].map((host) => expect.stringMatching(
  new RegExp(`^\\[\\S*Lgwan_?Subnet\\S*workload\\S*\\] AP-7 error .*declared host ${host} .* lies in this subnet, which reaches the internet; .*${via.source} → firewall `)));

describe('AP-7: a route of a server subnet toward the breakout whose destination the guard cannot read (fail closed already)', () => {
  const rules = ['AP-7', 'GUARD-1'];

  test('CloudFormation: a literal prefix list id may match the internet: the servers are named, and the path names the list', () => {
    expect(cdkFindings(rules, (stack, net) => {
      new ec2.CfnRoute(stack, 'Out', { routeTableId: cdkTable(net.lgwan, 'workload-1'), destinationPrefixListId: PL, vpcEndpointId: cdkBreakout(net) });
    })).toEqual(servers(new RegExp(`RouteTableworkload1\\w* ${PL}`)));
  });

  test('CloudFormation: a template parameter is refused as unresolved (GUARD-1), naming the parameter, and followed for every address', () => {
    expect(cdkFindings(rules, (stack, net) => {
      const p = new CfnParameter(stack, 'Destination', { type: 'String' });
      new ec2.CfnRoute(stack, 'Out', { routeTableId: cdkTable(net.lgwan, 'workload-1'), destinationCidrBlock: p.valueAsString, vpcEndpointId: cdkBreakout(net) });
    })).toEqual([expect.stringMatching(/^\[Out\] GUARD-1 critical .*the route's destination \{"Ref":"Destination"\} cannot be read at synth time/),
      ...servers(/RouteTableworkload1\w* \{"Ref":"Destination"\}/)]);
  });

  test('CloudFormation: a prefix list of the template is its entries (no longer refused as unresolved); toward the internet, AP-7', () => {
    expect(cdkFindings(rules, (stack, net) => {
      const list = new ec2.CfnPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, prefixListName: 'saas', entries: [{ cidr: '52.112.0.0/14' }] });
      new ec2.CfnRoute(stack, 'Out', { routeTableId: cdkTable(net.lgwan, 'workload-1'), destinationPrefixListId: list.attrPrefixListId, vpcEndpointId: cdkBreakout(net) });
    })).toEqual(servers(/RouteTableworkload1\w* 52\.112\.0\.0\/14/));
  });

  const out = (destination: (stack: TerraformStack) => Partial<{ destinationPrefixListId: string; destinationCidrBlock: string }>) =>
    (stack: TerraformStack, net: tf.MunicipalNetwork) => {
      new Route(stack, 'Out', { routeTableId: tfTable(net.lgwan, 'workload-1'), vpcEndpointId: tfBreakout(net), ...destination(stack) });
    };

  test('Terraform: a literal prefix list id and a variable may match the internet: the servers are named, and the path names the route', () => {
    expect(tfFindings(rules, out(() => ({ destinationPrefixListId: PL })))).toEqual(servers(new RegExp(`RouteTable-workload-1_\\w+ ${PL}`)));
    // A variable is unresolved too (GUARD-1, as a CloudFormation parameter), and still followed for every address.
    expect(tfFindings(rules, out((stack) => ({ destinationCidrBlock: new TerraformVariable(stack, 'destination', { type: 'string' }).stringValue }))))
      .toEqual([varDestination('aws_route.Out'), ...servers(/RouteTable-workload-1_\w+ \$\{var\.destination\}/)]);
  });

  test('Terraform: a prefix list of the configuration is its entries (it was followed for every address); toward the internet, AP-7', () => {
    expect(tfFindings(rules, out((stack) => ({
      destinationPrefixListId: new Ec2ManagedPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, name: 'saas', entry: [{ cidr: '52.112.0.0/14' }] }).id,
    })))).toEqual(servers(/RouteTable-workload-1_\w+ 52\.112\.0\.0\/14/));
    // One without entries is filled from elsewhere: it stays a prefix list the guard cannot read, followed for every address.
    expect(tfFindings(rules, out((stack) => ({
      destinationPrefixListId: new Ec2ManagedPrefixList(stack, 'Empty', { addressFamily: 'IPv4', maxEntries: 2, name: 'saas' }).id,
    })))).toEqual(servers(/RouteTable-workload-1_\w+ \$\{aws_ec2_managed_prefix_list\.Empty\.id\}/));
  });
});

describe('FLOW-1: what arrives along a route table holding a route the guard cannot read is no proof', () => {
  const rules = ['FLOW-1', 'GUARD-1'];
  const unproven = (table: RegExp, destination: RegExp) => expect.stringMatching(new RegExp(`${FLOW.source}.*the request \\(tcp 443\\) from 10\\.0\\.0\\.10/32 `
    + `to 172\\.20\\.10\\.5/32 is not shown to arrive: on its way, ${table.source} holds a route to ${destination.source}, a destination the guard cannot read .*`
    + 'fail closed.*Fix: .*write the destination as a literal CIDR or define the prefix list in the same app'));

  test('control: the reference example proves every flow open, in both engines', () => {
    expect(cdkFindings(rules, () => undefined)).toEqual([]);
    expect(tfFindings(rules, () => undefined)).toEqual([]);
  });

  test('CloudFormation: the flow\'s route to a literal prefix list id', () => {
    expect(cdkFindings(rules, (_, net) => {
      for (const r of cdkFlowRoutes(net)) {
        r.addPropertyDeletionOverride('DestinationCidrBlock');
        r.addPropertyOverride('DestinationPrefixListId', PL);
      }
    })).toEqual([unproven(/\w*MyNumberRouteTableworkload1\w*/, new RegExp(PL))]);
  });

  test('CloudFormation: a prefix list route beside the flow\'s own route, which a longer entry may beat; a host route (/32) nothing beats', () => {
    const beside = (widen: boolean) => (stack: Stack, net: cdk.MunicipalNetwork) => {
      // The flow's route widened to a /24: an entry of the list longer than that would win over it.
      if (widen) for (const r of cdkFlowRoutes(net)) r.addPropertyOverride('DestinationCidrBlock', '172.20.10.0/24');
      for (const key of ['workload-1', 'workload-2']) {
        new ec2.CfnRoute(stack, `Beside-${key}`, { routeTableId: cdkTable(net.myNumber, key), destinationPrefixListId: PL, transitGatewayId: net.transitGatewayId });
      }
    };
    expect(cdkFindings(rules, beside(true))).toEqual([unproven(/\w*MyNumberRouteTableworkload1\w*/, new RegExp(PL))]);
    expect(cdkFindings(rules, beside(false))).toEqual([]);
  });

  test('CloudFormation: a prefix list of the template is read as its entries: one holding the host proves the flow, one that does not drops it', () => {
    const listed = (cidr: string) => (stack: Stack, net: cdk.MunicipalNetwork) => {
      const list = new ec2.CfnPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, prefixListName: 'wan', entries: [{ cidr }] });
      for (const r of cdkFlowRoutes(net)) {
        r.addPropertyDeletionOverride('DestinationCidrBlock');
        r.addPropertyOverride('DestinationPrefixListId', list.attrPrefixListId);
      }
    };
    expect(cdkFindings(rules, listed('172.20.10.0/24'))).toEqual([]);
    expect(cdkFindings(rules, listed('172.20.99.0/24'))).toEqual([
      expect.stringMatching(new RegExp(`${FLOW.source}.*the request \\(tcp 443\\) from 10\\.0\\.0\\.10/32 to 172\\.20\\.10\\.5/32 is dropped by no route in \\w*MyNumberRouteTableworkload1`)),
    ]);
  });

  test('CloudFormation: a security group rule to a prefix list it cannot read counts for nothing, and the finding names the list', () => {
    const group = (net: cdk.MunicipalNetwork) => find<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry');
    expect(cdkFindings(rules, (_, net) => {
      group(net).addPropertyOverride('SecurityGroupEgress', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: PL }]);
    })).toEqual([expect.stringMatching(new RegExp(`${FLOW.source}.*the egress rules of \\w*HostSecurityGroupresidentregistry\\w* do not allow tcp 443 to 172\\.20\\.10\\.5/32 `
      + `\\(their rules to prefix list ${PL} count for nothing: the guard cannot read whether it holds 172\\.20\\.10\\.5/32, fail closed\\)`))]);
    // Control: a prefix list of the template holding the host is read, and the flow is open.
    expect(cdkFindings(rules, (stack, net) => {
      const list = new ec2.CfnPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, prefixListName: 'wan', entries: [{ cidr: '172.20.10.5/32' }] });
      group(net).addPropertyOverride('SecurityGroupEgress', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: list.attrPrefixListId }]);
    })).toEqual([]);
  });

  test('Terraform: the flow\'s route to a literal prefix list id, or to a variable', () => {
    expect(tfFindings(rules, (_, net) => {
      for (const r of tfFlowRoutes(net)) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', PL);
      }
    })).toEqual([unproven(/aws_route_table\.\w*MyNumber_RouteTable-workload-1_\w+/, new RegExp(PL))]);
    expect(tfFindings(rules, (stack, net) => {
      const v = new TerraformVariable(stack, 'destination', { type: 'string' });
      for (const r of tfFlowRoutes(net)) r.addOverride('destination_cidr_block', v.stringValue);
    })).toEqual([varDestination('aws_route\\.\\w*MyNumber_Route-workload-1-ac140a05p32_\\w+'), varDestination('aws_route\\.\\w*MyNumber_Route-workload-2-ac140a05p32_\\w+'),
      unproven(/aws_route_table\.\w*MyNumber_RouteTable-workload-1_\w+/, /\$\{var\.destination\}/)]);
  });

  test('Terraform: a prefix list of the configuration is read as its entries: one holding the host proves the flow, one that does not drops it', () => {
    const listed = (cidr: string) => (stack: TerraformStack, net: tf.MunicipalNetwork) => {
      const list = new Ec2ManagedPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, name: 'wan', entry: [{ cidr }] });
      for (const r of tfFlowRoutes(net)) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', list.id);
      }
    };
    expect(tfFindings(rules, listed('172.20.10.0/24'))).toEqual([]);
    // A list without entries (filled from elsewhere) proves nothing.
    expect(tfFindings(rules, (stack, net) => {
      const list = new Ec2ManagedPrefixList(stack, 'Empty', { addressFamily: 'IPv4', maxEntries: 2, name: 'wan' });
      for (const r of tfFlowRoutes(net)) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', list.id);
      }
    })).toEqual([unproven(/aws_route_table\.\w*MyNumber_RouteTable-workload-1_\w+/, /\$\{aws_ec2_managed_prefix_list\.Empty\.id\}/)]);
    expect(tfFindings(rules, listed('172.20.99.0/24'))).toEqual([
      expect.stringMatching(new RegExp(`${FLOW.source}.*the request \\(tcp 443\\) from 10\\.0\\.0\\.10/32 to 172\\.20\\.10\\.5/32 is dropped by no route in `
        + 'aws_route_table\\.\\w*MyNumber_RouteTable-workload-1')),
    ]);
  });

  test('Terraform: the transit route of the flow as a prefix list reference: the configuration\'s list is read, a literal id is no proof', () => {
    const referenced = (list: (stack: TerraformStack) => string) => (stack: TerraformStack, net: tf.MunicipalNetwork) => {
      const route = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32');
      new Ec2TransitGatewayPrefixListReference(stack, 'Reference', {
        transitGatewayRouteTableId: find<Ec2TransitGatewayRouteTable>(net, 'Transit/RouteTable-MY_NUMBER').id,
        prefixListId: list(stack),
        transitGatewayAttachmentId: route.transitGatewayAttachmentIdInput,
      });
      route.node.scope!.node.tryRemoveChild(route.node.id);
    };
    expect(tfFindings(rules, referenced((stack) =>
      new Ec2ManagedPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, name: 'wan', entry: [{ cidr: '172.20.10.0/24' }] }).id))).toEqual([]);
    expect(tfFindings(rules, referenced(() => PL))).toEqual([unproven(/aws_ec2_transit_gateway_route_table\.\w*RouteTable-MY_NUMBER_\w+/, new RegExp(`prefix list ${PL}`))]);
  });

  test('Terraform: a security group rule to a prefix list it cannot read counts for nothing, and the finding names the list', () => {
    const egress = (peer: Record<string, unknown>) => (json: any) => {
      const groups = json.resource.aws_security_group;
      const key = Object.keys(groups).find((k) => k.includes('resident-registry'))!;
      groups[key].egress = [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [], ipv6_cidr_blocks: [], security_groups: [], self: false, ...peer }];
    };
    expect(tfFindings(rules, () => undefined, egress({ prefix_list_ids: [PL] }))).toEqual([expect.stringMatching(new RegExp(`${FLOW.source}.*the egress rules of `
      + `aws_security_group\\.\\S*resident-registry\\S* do not allow tcp 443 to 172\\.20\\.10\\.5/32 \\(their rules to prefix list ${PL} count for nothing`))]);
    // Control: a prefix list of the configuration holding the host.
    expect(tfFindings(rules, (stack) => {
      new Ec2ManagedPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, name: 'wan', entry: [{ cidr: '172.20.10.5/32' }] });
    }, egress({ prefix_list_ids: ['${aws_ec2_managed_prefix_list.List.id}'] }))).toEqual([]);
  });
});

/**
 * Found by the reachability oracle (seed 20261400, CloudFormation only): a route to a prefix list the template holds
 * without entries was refused as unresolvable (GUARD-1) and followed for no destination, where semantics §4 follows it
 * for every destination, as a literal `pl-` id (and Terraform did).
 */
describe('a route to a prefix list of the output without entries (semantics §4)', () => {
  const template = (entries: unknown) => ({
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
      Pl: { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', MaxEntries: 5, PrefixListName: 'pl', ...entries as object } },
      Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationPrefixListId: { Ref: 'Pl' }, NetworkInterfaceId: 'eni-0abc0000000000007' } },
    },
  });
  const verdicts = (t: unknown) => [...new Set(checkTopology(extractCloudFormation({ s: t as any }), { model: NetworkModel.ALPHA })
    .map((f) => f.ruleId))].sort();

  test('followed for every destination (the interface is an end the guard cannot follow: MN-1, MN-2), not unresolved', () => {
    for (const entries of [{}, { Entries: [] }]) {
      const found = verdicts(template(entries));
      expect(found).toEqual(expect.arrayContaining(['MN-1', 'MN-2']));
      expect(found).not.toContain('GUARD-1');
    }
  });

  test('control: the same list with an entry is that entry, one route (still to the interface: MN-1, MN-2)', () => {
    const found = verdicts(template({ Entries: [{ Cidr: '192.0.2.0/24' }] }));
    expect(found).toEqual(expect.arrayContaining(['MN-1', 'MN-2']));
    expect(found).not.toContain('GUARD-1');
  });
});

/**
 * Found by review: the walk follows every route of a block that ties on length (semantics §4, §5), but AWS uses one: a
 * static route before a prefix list's entry of the same length (VPC "Route priority and prefix lists"; transit gateway
 * "Route evaluation order"), and one of several prefix lists' entries chosen at random. FLOW-1 took an arrival along the
 * losing prefix list route as proof: the flow to the intermediate server passed with its own route a prefix list's
 * entry and a static route of the same block sending it to a network interface. Now such an arrival proves nothing;
 * the static route's does. Both engines, VPC and transit gateway route tables, on the α′ reference example.
 */
describe('FLOW-1: an arrival by a route that another of the same block may beat is no proof', () => {
  const rules = ['FLOW-1', 'GUARD-1'];
  const ENI = 'eni-0abc0000000000007';
  const tied = (table: RegExp, why: RegExp) => expect.stringMatching(new RegExp(`${FLOW.source}.*the request \\(tcp 443\\) from 10\\.0\\.0\\.10/32 `
    + `to 172\\.20\\.10\\.5/32 is not shown to arrive: on its way, ${table.source} routes it by 172\\.20\\.10\\.5/32 \\(an entry of prefix list \\S+\\), `
    + `which AWS may not use: ${why.source} \\(fail closed\\).*Fix: .*give a block one route`));
  const cdkWorkload = /\w*MyNumberRouteTableworkload1\w*/;
  const tfWorkload = /aws_route_table\.\w*MyNumber_RouteTable-workload-1_\w+/;
  const STATIC_WINS = new RegExp(`a static route to the same block toward ${ENI} takes priority over a prefix list's entry \\(AWS route priority\\)`);
  const LISTS_TIE = /prefix lists hold the same block toward different targets \(.*\), and AWS picks one of them/;

  /** CloudFormation: the flow's routes to the list `own` (or left static), and beside them in each workload table a route to `beside` toward `target`. */
  const cdkTie = (own: boolean, beside: 'static' | 'list', target: 'eni' | 'tgw') => (stack: Stack, net: cdk.MunicipalNetwork) => {
    const list = (id: string) => new ec2.CfnPrefixList(stack, id, { addressFamily: 'IPv4', maxEntries: 2, prefixListName: id, entries: [{ cidr: '172.20.10.5/32' }] });
    if (own) {
      const mine = list('Own');
      for (const r of cdkFlowRoutes(net)) {
        r.addPropertyDeletionOverride('DestinationCidrBlock');
        r.addPropertyOverride('DestinationPrefixListId', mine.attrPrefixListId);
      }
    }
    const other = beside === 'list' ? list('Other') : undefined;
    for (const key of ['workload-1', 'workload-2']) {
      new ec2.CfnRoute(stack, `Beside-${key}`, {
        routeTableId: cdkTable(net.myNumber, key),
        ...other ? { destinationPrefixListId: other.attrPrefixListId } : { destinationCidrBlock: '172.20.10.5/32' },
        ...target === 'eni' ? { networkInterfaceId: ENI } : { transitGatewayId: net.transitGatewayId },
      });
    }
  };

  test('CloudFormation: the flow\'s own route a prefix list\'s entry, beside a static route of the same block to an interface', () => {
    expect(cdkFindings(rules, cdkTie(true, 'static', 'eni'))).toEqual([tied(cdkWorkload, STATIC_WINS)]);
  });

  test('CloudFormation: two prefix lists\' entries of the same block toward different targets; toward the same one, proof', () => {
    expect(cdkFindings(rules, cdkTie(true, 'list', 'eni'))).toEqual([tied(cdkWorkload, LISTS_TIE)]);
    expect(cdkFindings(rules, cdkTie(true, 'list', 'tgw'))).toEqual([]);
  });

  test('CloudFormation control: the flow\'s own static route beats a prefix list\'s entry of the same block (the flow is open)', () => {
    expect(cdkFindings(rules, cdkTie(false, 'list', 'eni'))).toEqual([]);
  });

  /** Terraform: as `cdkTie`. */
  const tfTie = (own: boolean, beside: 'static' | 'list', target: 'eni' | 'tgw') => (stack: TerraformStack, net: tf.MunicipalNetwork) => {
    const list = (id: string) => new Ec2ManagedPrefixList(stack, id, { addressFamily: 'IPv4', maxEntries: 2, name: id, entry: [{ cidr: '172.20.10.5/32' }] });
    if (own) {
      const mine = list('Own');
      for (const r of tfFlowRoutes(net)) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', mine.id);
      }
    }
    const other = beside === 'list' ? list('Other') : undefined;
    for (const key of ['workload-1', 'workload-2']) {
      new Route(stack, `Beside-${key}`, {
        routeTableId: tfTable(net.myNumber, key),
        ...other ? { destinationPrefixListId: other.id } : { destinationCidrBlock: '172.20.10.5/32' },
        ...target === 'eni' ? { networkInterfaceId: ENI } : { transitGatewayId: net.transitGatewayId },
      });
    }
  };

  test('Terraform: the flow\'s own route a prefix list\'s entry beside a static route to an interface; two lists; the controls', () => {
    expect(tfFindings(rules, tfTie(true, 'static', 'eni'))).toEqual([tied(tfWorkload, STATIC_WINS)]);
    expect(tfFindings(rules, tfTie(true, 'list', 'eni'))).toEqual([tied(tfWorkload, LISTS_TIE)]);
    expect(tfFindings(rules, tfTie(true, 'list', 'tgw'))).toEqual([]);
    expect(tfFindings(rules, tfTie(false, 'list', 'eni'))).toEqual([]);
  });

  test('Terraform: a transit route table\'s prefix list reference loses to a static route (here a blackhole) of the same block', () => {
    const referenced = (blackholeStatic: boolean) => (stack: TerraformStack, net: tf.MunicipalNetwork) => {
      const route = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32');
      const list = new Ec2ManagedPrefixList(stack, 'List', { addressFamily: 'IPv4', maxEntries: 2, name: 'wan', entry: [{ cidr: '172.20.10.5/32' }] });
      new Ec2TransitGatewayPrefixListReference(stack, 'Reference', {
        transitGatewayRouteTableId: find<Ec2TransitGatewayRouteTable>(net, 'Transit/RouteTable-MY_NUMBER').id,
        prefixListId: list.id,
        ...blackholeStatic ? { transitGatewayAttachmentId: route.transitGatewayAttachmentIdInput } : { blackhole: true },
      });
      if (blackholeStatic) {
        route.addOverride('transit_gateway_attachment_id', null);
        route.addOverride('blackhole', true);
      }
    };
    expect(tfFindings(rules, referenced(true))).toEqual([tied(/aws_ec2_transit_gateway_route_table\.\w*RouteTable-MY_NUMBER_\w+/,
      /a static route to the same block toward blackhole takes priority over a prefix list's entry \(AWS route priority\)/)]);
    // Control: the static route to the VPN beats the reference to a blackhole.
    expect(tfFindings(rules, referenced(false))).toEqual([]);
  });
});

/**
 * A decision (semantics §10, FLOW-1): propagated routes are not weighed as ties or as unreadable destinations. A VPN's
 * propagation leads to the zone its label names, and FLOW-1 takes a host declared in that zone as announced by it: a
 * flow reached only along the propagation proves open (refusing it would fail every flow to a zone reached by BGP).
 */
describe('FLOW-1: a VPN\'s propagated routes prove a flow to the zone the VPN is labelled with', () => {
  test('CloudFormation: the flow\'s static transit route replaced by the LGWAN WAN VPN\'s propagation into the My Number transit table', () => {
    expect(cdkFindings(['FLOW-1', 'GUARD-1'], (stack, net) => {
      const route = find<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32');
      new ec2.CfnTransitGatewayRouteTablePropagation(stack, 'Propagation', {
        transitGatewayAttachmentId: route.transitGatewayAttachmentId!, transitGatewayRouteTableId: route.transitGatewayRouteTableId,
      });
      route.node.scope!.node.tryRemoveChild(route.node.id);
    })).toEqual([]);
  });
});
