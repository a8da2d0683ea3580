/**
 * Found by an outside tester (red team 36) in the CloudFormation reader: three ways a value read across stacks or
 * through an attribute was taken for one thing while CloudFormation deploys another.
 * - Two stacks exporting one name (copies for two regions: an export name is unique per account and region only) — the
 *   last stack read won, so an import was read as the other region's VPC and route table; the CLI grouped the importer
 *   with that stack alone. Now an import of a name several stacks export is unresolved (GUARD-1), and the CLI checks
 *   the importer with every exporter of the name.
 * - Two connected CDK stacks with one stackName (two regions, joined by a dependency): one template overwrote the other
 *   in the synth-time guard, and the forbidden one went unread. Now refused.
 * - A condition's choice (`Fn::If`) reached through an attribute that repeats a property (`Fn::GetAtt [Parameter,
 *   Value]`) or through an export was read as the resource of its other branch. Now unresolved.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { cdk, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { cli } from '../cli/support';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** Blocking findings (error, critical), rule and place, without the logging and inspection rules. */
function blocking(templates: Record<string, unknown>): string[] {
  const graph = extractCloudFormation(templates as any);
  return [...new Set(checkTopology(graph, { model: NetworkModel.ALPHA })
    .filter((f) => (f.severity === 'critical' || f.severity === 'error') && !/^(IN-|LOG-)/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`))].sort();
}

/** A VPC of `segment` with one subnet and its route table, exporting both under `NetVpc` / `NetRt`. */
const exporter = (segment: string, cidr: string) => ({
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: cidr, Tags: tag(segment) } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: cidr.replace(/\.0\.0\/16$/, '.0.0/24') } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'Rt' }, SubnetId: { Ref: 'Sub' } } },
  },
  Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'NetVpc' } }, R: { Value: { Ref: 'Rt' }, Export: { Name: 'NetRt' } } },
});
/** An internet gateway attached to the imported VPC, and a default route to it in the imported table. */
const edge = () => ({
  Resources: {
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { 'Fn::ImportValue': 'NetVpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    Default: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { 'Fn::ImportValue': 'NetRt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
  },
});

describe('an export name two stacks give (copies for two regions)', () => {
  test('one exporter: the import is its VPC and table (MN-1 through the edge stack\'s gateway)', () => {
    expect(blocking({ ATokyo: exporter('MY_NUMBER', '10.0.0.0/16'), CEdge: edge() }).some((f) => f.startsWith('MN-1 '))).toBe(true);
  });

  test('two exporters: the imports are unresolved (GUARD-1), whichever stack is read last', () => {
    const found = blocking({ ATokyo: exporter('MY_NUMBER', '10.0.0.0/16'), BOsaka: exporter('LGWAN', '10.1.0.0/16'), CEdge: edge() });
    expect(found.filter((f) => f.startsWith('GUARD-1 CEdge/'))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^GUARD-1 CEdge\/Default: .*Fn::ImportValue "NetRt" names an export of 2 stacks \(ATokyo, BOsaka\); an export name is unique per account and region only/),
    ]));
  });

  test('the command line checks the importer with every stack exporting the name, not the last one; so does the guard at synth', async () => {
    const assembly = (guard: boolean) => {
      const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-exports-')) });
      const tokyo = { account: '111111111111', region: 'ap-northeast-1' };
      const stacks = { ATokyo: exporter('MY_NUMBER', '10.0.0.0/16'), BOsaka: exporter('LGWAN', '10.1.0.0/16'), CEdge: edge() };
      const made = Object.fromEntries(Object.entries(stacks).map(([name, t]) => {
        const stack = new Stack(a, name, { env: name === 'BOsaka' ? { ...tokyo, region: 'ap-northeast-3' } : tokyo });
        const file = path.join(a.outdir, `${name}.source.json`);
        fs.writeFileSync(file, JSON.stringify(t));
        new CfnInclude(stack, 'T', { templateFile: file });
        return [name, stack];
      }));
      made.CEdge.addStackDependency(made.ATokyo);
      made.BOsaka.addStackDependency(made.ATokyo);
      if (guard) cdk.TopologyGuard.apply(a, { model: NetworkModel.ALPHA });
      return a;
    };
    expect(() => assembly(true).synth()).toThrow(/names an export of 2 stacks \(ATokyo, BOsaka\)/);
    const out = assembly(false).synth().directory;
    try {
      const r = await cli('check', out, '--model', 'α');
      expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 1, out: expect.stringMatching(/names an export of 2 stacks/) });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('two connected CDK stacks of one stackName (two regions)', () => {
  const app = (linked: boolean) => {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-samename-')) });
    const tokyo = new Stack(a, 'NetworkTokyo', { stackName: 'Network', env: { account: '111111111111', region: 'ap-northeast-1' } });
    const osaka = new Stack(a, 'NetworkOsaka', { stackName: 'Network', env: { account: '111111111111', region: 'ap-northeast-3' } });
    // Tokyo: a My Number VPC with an internet gateway and a default route to it (MN-1). Osaka: a quiet LGWAN VPC.
    const vpc = new ec2.CfnVPC(tokyo, 'Vpc', { enableDnsSupport: false, cidrBlock: '10.0.0.0/16', tags: [{ key: 'jichitai:segment', value: 'MY_NUMBER' }] });
    const sub = new ec2.CfnSubnet(tokyo, 'Sub', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
    const rt = new ec2.CfnRouteTable(tokyo, 'Rt', { vpcId: vpc.ref });
    new ec2.CfnSubnetRouteTableAssociation(tokyo, 'Assoc', { routeTableId: rt.ref, subnetId: sub.ref });
    const igw = new ec2.CfnInternetGateway(tokyo, 'Igw');
    new ec2.CfnVPCGatewayAttachment(tokyo, 'Att', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnRoute(tokyo, 'DefaultRoute', { routeTableId: rt.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    const lg = new ec2.CfnVPC(osaka, 'Vpc', { enableDnsSupport: false, cidrBlock: '10.1.0.0/16', tags: [{ key: 'jichitai:segment', value: 'LGWAN' }] });
    new ec2.CfnSubnet(osaka, 'Sub', { vpcId: lg.ref, cidrBlock: '10.1.0.0/24' });
    if (linked) osaka.addStackDependency(tokyo);
    cdk.TopologyGuard.apply(a, { model: NetworkModel.ALPHA });
    return a;
  };

  test('apart, the forbidden stack is refused; joined by a dependency, the set is refused for its names', () => {
    expect(() => app(false).synth()).toThrow(/MN-1/);
    expect(() => app(true).synth()).toThrow(/the connected stacks NetworkTokyo and NetworkOsaka are both named Network/);
  });
});

describe('a condition\'s choice reached through an attribute or an export', () => {
  const SHARED = 'tgw-0123456789abcdef0';
  const CONDITIONS = { InTokyo: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-northeast-1'] } };
  /** A My Number subnet attached to `tgw` with a default route to it; a decoy gateway of the template with its default tables off. */
  const member = (tgw: unknown) => ({
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } } },
    MnAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
    MnAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: tgw, VpcId: { Ref: 'MnVpc' }, SubnetIds: [{ Ref: 'MnSub' }] } },
    MnOut: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: tgw }, DependsOn: 'MnAtt' },
  });
  const DECOY = { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } };
  const CHOICE = { 'Fn::If': ['InTokyo', SHARED, { Ref: 'DecoyTgw' }] };

  test('the literal shared gateway is refused; the decoy of the template alone is not', () => {
    expect(blocking({ S: { Resources: { ...member(SHARED), DecoyTgw: DECOY } } }).some((f) => f.startsWith('MN-1 '))).toBe(true);
    expect(blocking({ S: { Resources: { ...member({ Ref: 'DecoyTgw' }), DecoyTgw: DECOY } } })).toEqual([]);
  });

  test('through Fn::GetAtt of a parameter whose Value a condition chooses: unresolved', () => {
    const resources = { ...member({ 'Fn::GetAtt': ['P', 'Value'] }), DecoyTgw: DECOY, P: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: CHOICE } } };
    expect(blocking({ S: { Conditions: CONDITIONS, Resources: resources } })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^GUARD-1 S?\/?MnAtt: .*repeats P\.Value, which a condition \(Fn::If\) chooses/),
    ]));
  });

  test('through an export a condition chooses: unresolved', () => {
    const hub = { Conditions: CONDITIONS, Resources: { DecoyTgw: DECOY }, Outputs: { T: { Value: CHOICE, Export: { Name: 'HubTgw' } } } };
    expect(blocking({ Hub: hub, Member: { Resources: member({ 'Fn::ImportValue': 'HubTgw' }) } })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^GUARD-1 Member\/MnAtt: .*Fn::ImportValue "HubTgw" is an export a condition \(Fn::If\) chooses/),
    ]));
  });
});

describe('an id written around a reference (Fn::Join "") names the resource only if the reference holds its id', () => {
  // The outside tester's suspicion: an attribute that is empty at deploy time (a subnet's OutpostArn outside Outposts)
  // beside literal text leaves the literal alone — another resource's id — while the guard read the template's resource.
  const association = (subnetId: unknown) => {
    const graph = extractCloudFormation({
      S: {
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
          Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
          Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
          Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'Rt' }, SubnetId: subnetId } },
        },
      },
    } as any);
    return { subnets: (graph.nodes.get('Rt') as any).subnets, unresolved: graph.unresolved.map((u) => `${u.node} ${u.property}`) };
  };

  test('a Ref, the resource\'s own id attribute: the resource; another attribute: unresolved', () => {
    expect(association({ 'Fn::Join': ['', [{ Ref: 'Sub' }]] })).toEqual({ subnets: ['Sub'], unresolved: [] });
    expect(association({ 'Fn::Join': ['', ['', { 'Fn::GetAtt': ['Sub', 'SubnetId'] }]] })).toEqual({ subnets: ['Sub'], unresolved: [] });
    expect(association({ 'Fn::Join': ['', ['subnet-0123456789abcdef0', { 'Fn::GetAtt': ['Sub', 'OutpostArn'] }]] }))
      .toEqual({ subnets: [], unresolved: ['Assoc SubnetId'] });
  });
});
