/**
 * CloudFormation templates for the service-relay, IAM-grant and policy-reading tests (test/guard/service-relays.test.ts,
 * service-relays-iam.test.ts, policy-reading.test.ts): three VPCs, one per segment, with one subnet and one security
 * group each, and the resources of a case beside them. The Terraform side is relays-tf.ts.
 */
import { relayLines } from './relays-tf';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';

export const segmentTag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
export const GA = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
/** The own account, as a template reads it. */
export const ACCOUNT = { Ref: 'AWS::AccountId' };
/** The library's own endpoint policy shape (MN-5, LG-4): own principals on own resources. */
export const OWN_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } } }],
};
export const LAMBDA_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/**
 * A My Number VPC (`MnVpc`, `MnSub`, `MnSg`), an LGWAN VPC (`Lg…`) and an Internet VPC (`In…`), one subnet and group
 * each (paths are judged elsewhere: the relay findings are what count here).
 */
export function threeSegments(): Record<string, any> {
  const vpc = (name: string, cidr: string, segment: string) => ({
    [`${name}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `${cidr}.0.0/16`, Tags: segmentTag(segment), EnableDnsSupport: false } },
    [`${name}Sub`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${name}Vpc` }, CidrBlock: `${cidr}.0.0/24` } },
    [`${name}Sg`]: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: `${name}Vpc` }, GroupDescription: name } },
  });
  return { ...vpc('Mn', '10.0', 'MY_NUMBER'), ...vpc('Lg', '10.1', 'LGWAN'), ...vpc('In', '10.2', 'INTERNET') };
}

/** The relay findings of a template of `threeSegments` and `resources`: `rule path: message`. */
export function templateRelays(resources: Record<string, unknown>, model = NetworkModel.ALPHA, parameters?: Record<string, unknown>): string[] {
  const template = { S: { ...parameters ? { Parameters: parameters } : {}, Resources: { ...threeSegments(), ...resources } } };
  return relayLines(checkTopology(extractCloudFormation(template as any), { model }));
}
