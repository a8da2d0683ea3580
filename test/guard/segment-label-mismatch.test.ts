/**
 * A subnet labelled otherwise than its VPC is judged as the more closed of the two segments (outside tester, red team
 * 37): a My Number VPC's subnet labelled INTERNET (by tag, or by the command line's --segment) with a route to an
 * internet gateway gave the label mismatch (SEG-1) and the Internet segment's egress rules, all of which can be
 * acknowledged, instead of MN-1, which never can.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { NetworkModel } from '../../src/model/network-model';
import { stricterSegment, Segment } from '../../src/model/segment';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** A VPC labelled `vpc` with a subnet labelled `subnet` (none: unlabelled) routed to an internet gateway. */
function template(vpc: string, subnet?: string): Record<string, unknown> {
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag(vpc) } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', ...(subnet ? { Tags: tag(subnet) } : {}) } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    RtA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
  };
}

const mn1AtSubnet = (resources: Record<string, unknown>) => checkTopology(extractCloudFormation({ S: { Resources: resources } as any }),
  { model: NetworkModel.ALPHA }).some((f) => f.ruleId === 'MN-1' && f.path === 'Sub' && f.severity === 'critical');

test('the stricter segment of two labels', () => {
  expect(stricterSegment(Segment.INTERNET, Segment.MY_NUMBER)).toBe(Segment.MY_NUMBER);
  expect(stricterSegment(Segment.MY_NUMBER, Segment.INTERNET)).toBe(Segment.MY_NUMBER);
  expect(stricterSegment(Segment.LGWAN, Segment.INTERNET)).toBe(Segment.LGWAN);
  expect(stricterSegment(undefined, Segment.INTERNET)).toBe(Segment.INTERNET);
  expect(stricterSegment(Segment.LGWAN, undefined)).toBe(Segment.LGWAN);
});

test('a My Number VPC\'s subnet labelled INTERNET is judged as My Number: MN-1 at the subnet, as without the label', () => {
  expect(mn1AtSubnet(template('MY_NUMBER'))).toBe(true);
  expect(mn1AtSubnet(template('MY_NUMBER', 'INTERNET'))).toBe(true);
});

test('an Internet VPC\'s subnet labelled MY_NUMBER is judged as My Number (MN-1); an Internet subnet is not', () => {
  expect(mn1AtSubnet(template('INTERNET', 'MY_NUMBER'))).toBe(true);
  expect(mn1AtSubnet(template('INTERNET'))).toBe(false);
});

test('the command line: relabelling such a subnet INTERNET and acknowledging every non-critical rule still exits 1 (MN-1)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-mismatch-'));
  const file = path.join(dir, 'x.template.json');
  fs.writeFileSync(file, JSON.stringify({ Resources: template('MY_NUMBER') }));
  const reason = 'the security review board approved this exception on 2026-12-01 after a risk assessment';
  const mapping = path.join(dir, 'map.json');
  fs.writeFileSync(mapping, JSON.stringify({ acknowledgements: ['SEG-1', 'IN-1', 'IN-2', 'LOG-1'].map((rule) => ({ rule, scope: '', reason })) }));
  let stdout = '';
  const code = await main(['check', file, '--model', 'alpha', '--segment', 'INTERNET=id:Sub', '--mapping', mapping], { stdout: (t) => { stdout += t; }, stderr: () => undefined });
  expect(code).toBe(1);
  expect(stdout).toMatch(/\[Sub\] MN-1 critical/);
});
