/**
 * FLOW-1, the positive half of the communication matrix: every declared flow of the examples is proven open in what was
 * synthesized, and a flow that a transit route, a NACL entry or a security group closes is reported with the hop.
 */
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformResource, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { generatedBlueprint } from '../../scripts/bench-apps';
import { cdk, NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { flowsOfBlueprint } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';
import { cdkTemplates, exampleBlueprint, tfConfigs } from '../support/untouched';

const find = <T extends IConstruct>(scope: IConstruct, suffix: string) => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;

/** FLOW-1's findings on a CDK example after a change (validation skipped, so that only FLOW-1 speaks). */
function cdkFlowFindings(name: string, change?: (stack: Stack, net: cdk.MunicipalNetwork) => void): string[] {
  return flow1(name, extractCloudFormation(cdkTemplates(name, change)));
}

function tfFlowFindings(name: string, change?: (net: tf.MunicipalNetwork) => void): string[] {
  return flow1(name, extractTerraform(tfConfigs(name, change && ((_, net) => change(net)))));
}

/** FLOW-1's findings on an example's graph, with the flows its blueprint declares. */
function flow1(name: string, graph: TopologyGraph): string[] {
  const blueprint = exampleBlueprint(name);
  const flows = flowsOfBlueprint(blueprint.hosts, blueprint.flows);
  const options = { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase };
  return checkTopology(graph, options, { flows }).filter((f) => f.ruleId === 'FLOW-1').map(formatFinding);
}

describe('FLOW-1 declared flows work end to end (通信要件)', () => {
  test.each(Object.keys(BLUEPRINTS))('every declared flow of the %s example is open, in both engines', (name) => {
    expect(BLUEPRINTS[name].flows!.length).toBeGreaterThan(0);
    expect(cdkFlowFindings(name)).toEqual([]);
    expect(tfFlowFindings(name)).toEqual([]);
  });

  test('the request path: a removed transit route leaves the flow to the intermediate server on a blackhole', () => {
    const found = cdkFlowFindings('alpha', (_, net) => find<CfnResource>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').node.scope!.node.tryRemoveChild('Route-MY_NUMBER-ac140a05p32'));
    expect(found).toEqual([expect.stringMatching(/FLOW-1 error .*declared flow "resident-registry-to-intermediate-server" \(SPECIFIC_COMMUNICATION: resident-registry → intermediate-server, tcp 443\) does not work: the request \(tcp 443\) from 10\.0\.0\.10\/32 to 172\.20\.10\.5\/32 is dropped by blackhole 172\.20\.0\.0\/16 in \w*RouteTableMYNUMBER\w* \(172\.20\.10\.5\/32\)/)]);
  });

  test('the reply path: a removed return route in the LGWAN WAN table leaves the replies without a way back', () => {
    const found = cdkFlowFindings('alpha', (_, net) => find<CfnResource>(net, 'Transit/Route-LGWAN_WAN-0a00000ap32').node.scope!.node.tryRemoveChild('Route-LGWAN_WAN-0a00000ap32'));
    expect(found).toEqual([expect.stringMatching(/the reply \(tcp 32768-65535\) from 172\.20\.10\.5\/32 to 10\.0\.0\.10\/32 is dropped by blackhole 10\.0\.0\.0\/18 in/)]);
  });

  test('a NACL entry that denies the port before the allow names the NACL', () => {
    const found = cdkFlowFindings('alpha', (stack, net) => {
      new ec2.CfnNetworkAclEntry(stack, 'Deny', {
        networkAclId: find<ec2.CfnNetworkAcl>(net.myNumber, '/NetworkAcl').ref,
        ruleNumber: 90,
        egress: true,
        protocol: 6,
        ruleAction: 'deny',
        cidrBlock: '172.20.10.5/32',
        portRange: { from: 443, to: 443 },
      });
    });
    expect(found).toEqual([expect.stringMatching(/the request \(tcp 443\) from 10\.0\.0\.10\/32 to 172\.20\.10\.5\/32 is dropped by the outbound entries of .*NetworkAcl/)]);
  });

  test('a host security group without its egress rule is named', () => {
    const found = cdkFlowFindings('alpha', (_, net) => {
      find<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').addPropertyOverride('SecurityGroupEgress', [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '10.0.0.0/18' }]);
    });
    expect(found).toEqual([expect.stringMatching(/the egress rules of \w*HostSecurityGroupresidentregistry\w* do not allow tcp 443 to 172\.20\.10\.5\/32/)]);
  });

  test('two municipalities with hosts of the same names: a host is judged by its own security groups, not its namesake\'s', () => {
    // α twice (a prefecture's members in one stack), each in its own address space, the same host names in both.
    const app = new App();
    const stack = new Stack(app, 'TwoTowns', { env: { region: 'ap-northeast-1' } });
    const towns = [0, 4].map((i) => ({ bp: generatedBlueprint(i), net: new cdk.MunicipalNetwork(stack, `Town${i}`, generatedBlueprint(i)) }));
    const broken = towns[0];
    find<ec2.CfnSecurityGroup>(broken.net.myNumber, '/HostSecurityGroup-resident-registry')
      .addPropertyOverride('SecurityGroupEgress', [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '10.1.0.0/18' }]);
    const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
    const flows = towns.flatMap((t) => flowsOfBlueprint(t.net.blueprint.hosts, t.net.blueprint.flows));
    const found = checkTopology(extractCloudFormation({ [stack.stackName]: template }), { model: NetworkModel.ALPHA }, { flows })
      .filter((f) => f.ruleId === 'FLOW-1').map(formatFinding);
    // Only the broken town's flow fails; its namesake's open group in the other town does not stand in for it.
    expect(found).toEqual([expect.stringMatching(/Town0MyNumberHostSecurityGroupresidentregistry\w* do not allow tcp 443 to 172\.20\.10\.5\/32/)]);
  });

  test('CDKTF: a removed transit route is found the same way', () => {
    const found = tfFlowFindings('beta', (net) => {
      const route = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-INTERNET-0a00411ep32');
      route.node.scope!.node.tryRemoveChild(route.node.id);
    });
    expect(found).toEqual([expect.stringMatching(/declared flow "internet-terminals-to-lgwan-vdi" .* the request \(tcp 443\) from 10\.0\.129\.0\/24 to 10\.0\.65\.30\/32 is dropped by blackhole 10\.0\.64\.0\/18 in/)]);
  });

  test('the guard refuses a synthesis whose declared flow is closed (both engines)', () => {
    const app = new App();
    const { network } = buildCdkExample('alpha', app);
    const route = find<CfnResource>(network, 'Transit/Route-MY_NUMBER-ac140a05p32');
    route.node.scope!.node.tryRemoveChild(route.node.id);
    expect(() => app.synth()).toThrow(/FLOW-1 error/);
    const built = buildTfExample('alpha', Testing.app());
    const tfRoute = find<TerraformResource>(built.network, 'Transit/Route-MY_NUMBER-ac140a05p32');
    tfRoute.node.scope!.node.tryRemoveChild(tfRoute.node.id);
    expect(() => Testing.synth(built.stack, true)).toThrow(/FLOW-1 error/);
    expect(NetworkModel.ALPHA).toBe(built.network.blueprint.model);
  });
});
