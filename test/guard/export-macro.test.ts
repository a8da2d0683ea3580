/**
 * An export whose template has a macro in its Outputs (`Fn::Transform` beside an output's Value, or over the section)
 * is what the macro makes of it at deployment, not the value written (outside tester, red team 37): an import of it is
 * unresolved (GUARD-1), as an export several stacks give is.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { NetworkModel } from '../../src/model/network-model';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** Stack A: an Internet VPC and a spare table of it, exported; stack B: a gateway and a default route on the imports. */
function stacks(macro: 'none' | 'output' | 'section'): Record<string, unknown> {
  const call = { 'Fn::Transform': { Name: 'Acme-Swap', Parameters: {} } };
  const A = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.2.0.0/24' } },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    },
    Outputs: {
      RtOut: { Value: { Ref: 'Rt' }, Export: { Name: 'net-rt' }, ...(macro === 'output' ? call : {}) },
      VpcOut: { Value: { Ref: 'Vpc' }, Export: { Name: 'net-vpc' } },
      ...(macro === 'section' ? call : {}),
    },
  };
  const B = {
    Resources: {
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { 'Fn::ImportValue': 'net-vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { 'Fn::ImportValue': 'net-rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
    },
  };
  return { A, B };
}

const unresolved = (macro: 'none' | 'output' | 'section') => checkTopology(extractCloudFormation(stacks(macro) as any), { model: NetworkModel.ALPHA })
  .filter((f) => f.ruleId === 'GUARD-1').map((f) => f.message);

test('without a macro the imports are the exported resources (no GUARD-1)', () => {
  expect(unresolved('none')).toEqual([]);
});

test.each(['output', 'section'] as const)('a macro in the exporting template\'s Outputs (%s): the import is unresolved', (macro) => {
  expect(unresolved(macro).join('\n')).toMatch(/Fn::ImportValue "net-(rt|vpc)" names an export of stack A, whose Outputs a macro \(Fn::Transform\) rewrites before deployment/);
});
