/**
 * A value a custom resource returns is whatever its code returns (CloudFormation: `Fn::GetAtt` on a custom resource
 * reads the handler's `Data`). The reader took such a value for the one VPN connection the resource's properties
 * mention, and an attribute named like one of its properties for that property: a look-up of the Internet segment's
 * attachment that named the LGWAN WAN VPN in passing, or a function handed the LGWAN tables that returned the My
 * Number ones, sent My Number traffic where the guard saw a compliant route. Only the look-up our transit hub makes,
 * whose answer the template pins, is read.
 */
import { App, CustomResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { buildCdkExample } from '../../examples/cdk/_app';
import { cdk } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow, DeclaredSegmentHost, declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';
import { exampleBlueprint, untouchedCdk } from '../support/untouched';

/** The α example's findings (every rule), after a change to the app and then to its template. */
type Change = (stack: Stack, net: cdk.MunicipalNetwork) => void;
function findings(change?: Change, edit: (template: any) => void = () => undefined): string[] {
  let stackName: string;
  let template: any;
  let declared: { hosts: readonly DeclaredSegmentHost[]; flows?: readonly DeclaredFlow[] };
  if (change) {
    const app = new App({ builtinCloudFormationValidation: false });
    const { stack, network } = buildCdkExample('alpha', app);
    change(stack, network);
    stackName = stack.stackName;
    template = structuredClone(app.synth({ skipValidation: true }).getStackByName(stack.stackName).template);
    declared = { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) };
  } else {
    // The example as it is: synthesized once per test run (test/support/untouched.ts), a copy of its own here.
    const untouched = untouchedCdk('alpha');
    ({ stackName, template } = untouched);
    declared = { hosts: untouched.hosts, flows: untouched.flows };
  }
  edit(template);
  const graph = extractCloudFormation({ [stackName]: template });
  return checkTopology(graph, { model: exampleBlueprint('alpha').model }, declared).map(formatFinding);
}

const serious = (found: string[]) => found.filter((f) => / (critical|error) /.test(f));

/** The LGWAN WAN VPN's attachment look-up in the template, and the transit route to the 中間サーバー that reads it. */
function lookupOf(template: any): { lookup: any; route: any } {
  const entries = Object.entries<any>(template.Resources);
  const [, lookup] = entries.find(([id, r]) => r.Type === 'Custom::AWS' && /VpnAttachmentLookupLGWANWAN/.test(id))!;
  const [, route] = entries.find(([, r]) => r.Type === 'AWS::EC2::TransitGatewayRoute' && r.Properties.DestinationCidrBlock === '172.20.10.5/32')!;
  return { lookup, route };
}

/** Rewrite the text parts of the look-up's calls (Create and Update), references kept. */
function editCalls(template: any, edit: (part: string) => string): void {
  const { lookup } = lookupOf(template);
  for (const property of ['Create', 'Update']) {
    const join = lookup.Properties[property]['Fn::Join'];
    join[1] = join[1].map((part: unknown) => (typeof part === 'string' ? edit(part) : part));
  }
}

describe('a transit route to the attachment our look-up finds is a route to the VPN it pins', () => {
  test('the α example: its LGWAN WAN routes read as the VPN, no finding', () => {
    expect(serious(findings())).toEqual([]);
  });

  test('a look-up that finds another attachment and names the VPN only in passing leaves the route unresolved: refused', () => {
    const found = serious(findings((stack, net) => {
      const vpn = stack.node.findAll().find((c) => c instanceof ec2.CfnVPNConnection && c.node.path.includes('LGWAN_WAN')) as ec2.CfnVPNConnection;
      const route = stack.node.findAll().find((c) => c instanceof ec2.CfnTransitGatewayRoute && c.destinationCidrBlock === '172.20.10.5/32') as ec2.CfnTransitGatewayRoute;
      const lookup = new cr.AwsCustomResource(stack, 'AttachmentLookup', {
        onCreate: {
          service: 'EC2',
          action: 'describeTransitGatewayAttachments',
          // The Internet segment VPC's attachment, with the VPN connection only in the physical id.
          parameters: { Filters: [{ Name: 'resource-id', Values: [net.internet.vpc.vpcId] }] },
          physicalResourceId: cr.PhysicalResourceId.of(vpn.ref),
        },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
        installLatestAwsSdk: false,
      });
      route.addPropertyOverride('TransitGatewayAttachmentId', lookup.getResponseField('TransitGatewayAttachments.0.TransitGatewayAttachmentId'));
    }));
    expect(found.join('\n')).toMatch(/GUARD-1 critical .*a value returned at deploy time by custom resource AttachmentLookup/);
  });

  test.each([
    ['another action', (t: any) => editCalls(t, (part) => part.replace('describeTransitGatewayAttachments', 'describeTransitGatewayVpcAttachments'))],
    ['a filter that may find more (an attachment id)', (t: any) => editCalls(t, (part) => part.replace('"Name":"transit-gateway-id"', '"Name":"transit-gateway-attachment-id"'))],
    ['a call in another account', (t: any) => editCalls(t, (part) => part.replace('{"service":"EC2",', '{"service":"EC2","assumedRoleArn":"arn:aws:iam::999999999999:role/x",'))],
    ['a field other than the first attachment\'s id', (t: any) => {
      lookupOf(t).route.Properties.TransitGatewayAttachmentId['Fn::GetAtt'][1] = 'TransitGatewayAttachments.1.TransitGatewayAttachmentId';
    }],
    ['the same call through a function of one\'s own', (t: any) => {
      t.Resources.OwnFunction = { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::123456789012:role/x', Code: { ZipFile: 'x' } } };
      lookupOf(t).lookup.Properties.ServiceToken = { 'Fn::GetAtt': ['OwnFunction', 'Arn'] };
    }],
  ])('%s: the route is unresolved, refused', (_, edit) => {
    expect(serious(findings(undefined, edit)).join('\n')).toMatch(/GUARD-1 critical .*a value returned at deploy time by custom resource NetworkTransitVpnAttachmentLookupLGWANWAN/);
  });
});

describe('a custom resource\'s attribute is what its code returns, not the property of the same name', () => {
  test('a function handed the LGWAN tables that may return the My Number ones: the routes are unresolved, refused', () => {
    const found = serious(findings((stack) => {
      const table = (path: string) => stack.node.findAll().find((c) => c.node.path.endsWith(path)) as ec2.CfnRouteTable;
      const fn = new lambda.Function(stack, 'PickFn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async (e) => ({ PhysicalResourceId: "pick", Data: { RouteTableId: e.ResourceProperties.Wanted } });'),
      });
      const pick = new CustomResource(stack, 'Pick', {
        serviceToken: fn.functionArn,
        properties: { RouteTableId: table('Lgwan/RouteTable-workload-1').ref, Wanted: table('MyNumber/RouteTable-endpoints-1').ref },
      });
      const tgw = stack.node.findAll().find((c) => c instanceof ec2.CfnTransitGateway) as ec2.CfnTransitGateway;
      new ec2.CfnRoute(stack, 'Leak', { routeTableId: pick.getAttString('RouteTableId'), destinationCidrBlock: '10.0.128.10/32', transitGatewayId: tgw.ref });
    }));
    expect(found.join('\n')).toMatch(/\[Leak\] GUARD-1 critical .*RouteTableId could not be resolved: a value returned at deploy time by custom resource Pick/);
  });
});
