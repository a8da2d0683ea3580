/**
 * A Cloud WAN (AWS Network Manager) VPC attachment whose only VPC of the output is in the Internet segment (red team 49).
 * As a bridge (bridges.ts) it was left to the security cloud's rules there, and none of them read it: the core network
 * joins the VPC to whatever else attaches to it (other accounts' VPCs, on-premises networks through Connect, VPN or
 * Direct Connect attachments), a way out around the security cloud's inspection and a way in the guard cannot see. Now
 * IN-1 reports it (an error: a reason naming the core network policy's segment acknowledges it); in the My Number or
 * LGWAN segment it stays GUARD-1 (critical), as before. Both engines.
 */
import { GuardLanguage, NetworkModel } from '../../src';
import { acknowledgementProblem } from '../../src/guard/acknowledge';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFindingIn, Severity } from '../../src/guard/rule';
import { englishRun } from '../support/japanese';

const SEGMENTS = { In: ['10.2.0.0/16', 'INTERNET'], Mn: ['10.0.0.0/16', 'MY_NUMBER'] } as const;
type Seg = keyof typeof SEGMENTS;

function cfn(seg: Seg): TopologyGraph {
  const [cidr, segment] = SEGMENTS[seg];
  return extractCloudFormation({
    S: {
      Resources: {
        V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr, Tags: [{ Key: 'jichitai:segment', Value: segment }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'V' }, CidrBlock: cidr.replace('/16', '/24') } },
        Wan: {
          Type: 'AWS::NetworkManager::VpcAttachment',
          Properties: {
            CoreNetworkId: 'core-network-0123456789abcdef0',
            VpcArn: { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${V}' },
            SubnetArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:subnet/${Sub}' }],
          },
        },
      },
    } as any,
  });
}

function tf(seg: Seg): TopologyGraph {
  const [cidr, segment] = SEGMENTS[seg];
  return extractTerraform({
    t: {
      resource: {
        aws_vpc: { v: { cidr_block: cidr, tags: { 'jichitai:segment': segment } } },
        aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', cidr_block: cidr.replace('/16', '/24') } },
        aws_networkmanager_vpc_attachment: { wan: { core_network_id: 'core-network-0123456789abcdef0', vpc_arn: '${aws_vpc.v.arn}', subnet_arns: ['${aws_subnet.s.arn}'] } },
      },
    } as any,
  });
}

const judged = (g: TopologyGraph, at: string) => checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.path === at && ['IN-1', 'GUARD-1'].includes(f.ruleId));

describe('a Cloud WAN VPC attachment of the Internet segment is IN-1', () => {
  test.each([['CloudFormation', () => cfn('In'), 'Wan', 'V', 'VpcArn, SubnetArns'], ['Terraform', () => tf('In'), 'aws_networkmanager_vpc_attachment.wan', 'aws_vpc.v', 'vpc_arn, subnet_arns']] as const)(
    '%s: one IN-1 error at the attachment, naming the VPC, the way around the security cloud and the fix', (_engine, graph, at, vpc, properties) => {
      const found = judged(graph(), at);
      expect(found.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([`IN-1 ${Severity.ERROR}`]);
      expect(found[0].message).toBe(`${properties}: ${at.startsWith('aws_') ? 'aws_networkmanager_vpc_attachment' : 'AWS::NetworkManager::VpcAttachment'} attaches `
        + `VPC ${vpc} of the INTERNET segment (インターネット接続系) to a Cloud WAN core network, which joins it to whatever else attaches to the core network (VPCs `
        + 'of other accounts, on-premises networks through Connect, VPN or Direct Connect attachments): a way out that does not pass the security cloud\'s '
        + 'inspection, and a way in from networks the guard cannot see');
      expect(found[0].fix).toContain('acknowledge IN-1 on the attachment with a reason naming that segment and the policy');
      expect(englishRun(formatFindingIn(found[0], GuardLanguage.JAPANESE))).toBeUndefined();
    });

  test('IN-1 is an error the design lets a reason acknowledge', () => {
    expect(acknowledgementProblem('IN-1', 'the core network policy maps this attachment to segment sc-only, which reaches only the security cloud')).toBeUndefined();
  });

  test('control: in the My Number segment it stays GUARD-1 (critical), with no IN-1', () => {
    expect(judged(cfn('Mn'), 'Wan').map((f) => f.ruleId)).toEqual(['GUARD-1']);
    expect(judged(tf('Mn'), 'aws_networkmanager_vpc_attachment.wan').map((f) => f.ruleId)).toEqual(['GUARD-1']);
  });
});
