/**
 * A Lambda permission granting `lambda:GetFunction` to another account (red team 49): AddPermission grants it besides
 * the invoking actions, and it lets the principal download the function's code and read its configuration, environment
 * variables included (Lambda API Reference, GetFunction). An IAM grant of the same action to a role another account may
 * assume was already read as data out of the function (MN-1, service relays); the permission, read only as a bridge
 * when it invokes, passed. Now it is read as the resource policy statement it adds: MN-1 for a My Number function, both
 * engines. An invoking permission stays the bridge's (GUARD-1), with no second finding.
 */
import { GuardLanguage } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFindingIn } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { englishRun } from '../support/japanese';
import { myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const OTHER = '111122223333';
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A function in the My Number subnet (its group sends only within the VPC) and a permission on it. */
function cfn(action: string, principal: unknown): TopologyGraph {
  return extractCloudFormation({
    S: {
      Resources: {
        ...myNumberAndLgwan(),
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Code: { ZipFile: 'x' },
            VpcConfig: { SubnetIds: [{ Ref: 'MnSub' }], SecurityGroupIds: [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }] },
          },
        },
        P: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: 'Fn' }, Action: action, Principal: principal } },
      },
    } as any,
  });
}

function tf(action: string, principal: string): TopologyGraph {
  return extractTerraform({
    t: {
      data: { aws_caller_identity: { current: {} } },
      resource: {
        ...myNumberAndLgwanTf(),
        aws_security_group: { g: { vpc_id: '${aws_vpc.mn.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] } },
        aws_iam_role: { r: { assume_role_policy: JSON.stringify(TRUST) } },
        aws_lambda_function: {
          f: {
            function_name: 'f',
            runtime: 'nodejs20.x',
            handler: 'index.handler',
            role: '${aws_iam_role.r.arn}',
            filename: 'x.zip',
            vpc_config: { subnet_ids: ['${aws_subnet.mn.id}'], security_group_ids: ['${aws_security_group.g.id}'] },
          },
        },
        aws_lambda_permission: { p: { function_name: '${aws_lambda_function.f.function_name}', action, principal } },
      },
    } as any,
  });
}

const judged = (g: TopologyGraph) => checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => ['MN-1', 'GUARD-1'].includes(f.ruleId));
const to = (p: string) => `to principal ${OTHER} (another account, as far as the guard can tell), by the Lambda permission ${p}`;

describe('lambda:GetFunction granted to another account by a Lambda permission', () => {
  test('CloudFormation: MN-1 at the My Number function, naming the account and the permission', () => {
    const found = judged(cfn('lambda:GetFunction', OTHER));
    expect(found.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['MN-1 Fn']);
    expect(found[0].message).toContain(`${to('P')}: Fn → principal ${OTHER} (another account, as far as the guard can tell), by the Lambda permission P (P Action)`);
    expect(englishRun(formatFindingIn(found[0], GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('Terraform: the same', () => {
    const found = judged(tf('lambda:GetFunction', OTHER));
    expect(found.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['MN-1 aws_lambda_function.f']);
    expect(found[0].message).toContain(to('aws_lambda_permission.p'));
  });

  test('controls: granted to the own account, nothing; an invoking permission stays one GUARD-1 (the bridge), with no MN-1 besides', () => {
    expect(judged(cfn('lambda:GetFunction', { Ref: 'AWS::AccountId' }))).toEqual([]);
    expect(judged(tf('lambda:GetFunction', '${data.aws_caller_identity.current.account_id}'))).toEqual([]);
    expect(judged(cfn('lambda:InvokeFunction', OTHER)).map((f) => f.ruleId)).toEqual(['GUARD-1']);
    expect(judged(tf('lambda:InvokeFunction', OTHER)).map((f) => f.ruleId)).toEqual(['GUARD-1']);
  });
});
