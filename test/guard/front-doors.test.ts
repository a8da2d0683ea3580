/**
 * Ways in from the internet (or another account) that need no route: AWS services that run a caller's request inside a
 * My Number subnet (outside tester, red team 39). Each is a bridge (GUARD-1) at the subnets it reaches:
 * - a Lambda permission letting a caller outside the account invoke a function whose VPC configuration is in the segment
 *   (`*`, another account, a service principal of any account — no SourceArn / SourceAccount);
 * - an API Gateway integration that starts a Step Functions state machine whose definition invokes such a function;
 * - an Aurora cluster's Data API (`EnableHttpEndpoint`), which AppSync's RELATIONAL_DATABASE data sources use too;
 * - a Neptune instance's public endpoint (`PubliclyAccessible`).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

/** A My Number VPC (DNS support off) with a subnet and a function in it. */
function cfn(extra: Record<string, unknown>): string[] {
  const resources = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::111122223333:role/r',
        Code: { ZipFile: 'x' },
        VpcConfig: { SubnetIds: [{ Ref: 'Sub' }], SecurityGroupIds: [] },
      },
    },
    Outside: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' } } },
    ...extra,
  };
  return checkTopology(extractCloudFormation({ S: { Resources: resources } } as any), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
}
const permission = (properties: Record<string, unknown>) => ({
  Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, ...properties } },
});

describe('a Lambda permission', () => {
  test('for everyone, another account, or a service of any account: a bridge into the function\'s subnets', () => {
    for (const properties of [
      { Principal: '*' },
      { Principal: '*', Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' },
      { Principal: '444455556666' },
      { Principal: 'arn:aws:iam::444455556666:root', Action: 'lambda:*' },
      { Principal: 'apigateway.amazonaws.com' },
      { Principal: 'apigateway.amazonaws.com', SourceAccount: '444455556666' },
      { Principal: { Ref: 'Who' } },
      { Principal: '*', Action: { Ref: 'What' } },
    ]) {
      expect([properties, cfn(permission(properties))]).toEqual([properties, [expect.stringMatching(
        /^Perm: FunctionName → Fn\.VpcConfig\.SubnetIds could not be resolved: AWS::Lambda::Permission opens a path between the callers a Lambda function's resource policy lets invoke it from outside the account and subnet Sub/)]]);
    }
  });

  test('for the account itself, a service of the account or of a resource in the template, or an action that does not invoke: none', () => {
    for (const properties of [
      { Principal: { Ref: 'AWS::AccountId' } },
      { Principal: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      { Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*' } },
      { Principal: 'events.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } },
      { Principal: '*', Action: 'lambda:GetFunction' },
    ]) {
      expect([properties, cfn(permission(properties))]).toEqual([properties, []]);
    }
    // A function outside every VPC is no way in; one the template does not hold has no placement to judge here.
    expect(cfn({ Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Outside' }, Principal: '*' } } })).toEqual([]);
    expect(cfn({ Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'elsewhere', Principal: '*' } } })).toEqual([]);
  });
});

describe('API Gateway → Step Functions', () => {
  const machine = (definition: Record<string, unknown>) => ({ Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::111122223333:role/s', ...definition } } });
  const invoking = (fn: string) => ({
    Definition: {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'FunctionName': { 'Fn::GetAtt': [fn, 'Arn'] }, 'Payload.$': '$' },
          End: true,
        },
      },
    },
  });
  const http = (subtype: unknown) => ({
    Integ: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: 'api',
        IntegrationType: 'AWS_PROXY',
        IntegrationSubtype: subtype,
        PayloadFormatVersion: '1.0',
        RequestParameters: { StateMachineArn: { Ref: 'Sm' }, Input: '$request.body' },
      },
    },
  });

  test('an HTTP API\'s StepFunctions-StartSyncExecution integration: the functions the state machine invokes', () => {
    expect(cfn({ ...machine(invoking('Fn')), ...http('StepFunctions-StartSyncExecution') }))
      .toEqual([expect.stringMatching(/^Integ: RequestParameters\.StateMachineArn → Sm\.Definition → Fn\.VpcConfig\.SubnetIds could not be resolved/)]);
    // A subtype the guard cannot read may start it too; another service's subtype does not.
    expect(cfn({ ...machine(invoking('Fn')), ...http({ Ref: 'Subtype' }) })).toHaveLength(1);
    expect(cfn({ ...machine(invoking('Fn')), ...http('SQS-SendMessage') })).toEqual([]);
    // A state machine invoking only a function outside every VPC: none.
    expect(cfn({ ...machine(invoking('Outside')), ...http('StepFunctions-StartExecution') })).toEqual([]);
  });

  test('a state machine started by the one the API starts; a definition in S3 cannot be read', () => {
    const nested = {
      Sm: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: 'r',
          Definition: {
            StartAt: 'Run',
            States: {
              Run: {
                Type: 'Task',
                Resource: 'arn:aws:states:::states:startExecution.sync:2',
                Parameters: { StateMachineArn: { Ref: 'Inner' } },
                End: true,
              },
            },
          },
        },
      },
      Inner: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'r', ...invoking('Fn') } },
    };
    expect(cfn({ ...nested, ...http('StepFunctions-StartSyncExecution') })).toEqual([expect.stringMatching(/StateMachineArn → Inner\.Definition → Fn\.VpcConfig\.SubnetIds could not be resolved/)]);
    expect(cfn({ ...machine({ DefinitionS3Location: { Bucket: 'b', Key: 'k' } }), ...http('StepFunctions-StartSyncExecution') }))
      .toEqual([
        expect.stringMatching(/^Integ: RequestParameters\.StateMachineArn → Sm\.Definition could not be resolved/),
        // The state machine's own calls are unreadable too (deploy-code.ts).
        expect.stringMatching(/^Sm: DefinitionS3Location could not be resolved/),
      ]);
  });

  test('a REST API\'s AWS integration with a Step Functions action: the state machine its request template names', () => {
    const method = (template: unknown) => ({
      M: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: 'api',
          ResourceId: 'r',
          HttpMethod: 'POST',
          AuthorizationType: 'NONE',
          Integration: {
            Type: 'AWS',
            IntegrationHttpMethod: 'POST',
            Credentials: 'arn:aws:iam::111122223333:role/a',
            Uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:states:action/StartSyncExecution' },
            RequestTemplates: { 'application/json': template },
          },
        },
      },
    });
    expect(cfn({ ...machine(invoking('Fn')), ...method({ 'Fn::Sub': '{"input": "$util.escapeJavaScript($input.json(\'$\'))", "stateMachineArn": "${Sm}"}' }) }))
      .toEqual([expect.stringMatching(/^M: Integration\.RequestTemplates → Sm\.Definition → Fn\.VpcConfig\.SubnetIds could not be resolved/)]);
    // A state machine the template does not hold (a literal ARN): where its functions run cannot be told.
    expect(cfn({ ...method('{"stateMachineArn": "arn:aws:states:ap-northeast-1:444455556666:stateMachine:x"}') }))
      .toEqual([expect.stringMatching(/^M: Integration\.RequestTemplates could not be resolved/)]);
  });
});

describe('managed databases', () => {
  const group = { Group: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'g', SubnetIds: [{ Ref: 'Sub' }] } } };
  test('an Aurora cluster with its Data API on (or a value the guard cannot read): a bridge at its subnet group', () => {
    const cluster = (on: unknown) => ({
      ...group,
      Db: {
        Type: 'AWS::RDS::DBCluster',
        Properties: {
          Engine: 'aurora-postgresql',
          DBSubnetGroupName: { Ref: 'Group' },
          ...(on === undefined ? {} : { EnableHttpEndpoint: on }),
        },
      },
    });
    expect(cfn(cluster(true))).toEqual([expect.stringMatching(/^Db: DBSubnetGroupName → SubnetIds could not be resolved: .* the callers of the RDS Data API/)]);
    expect(cfn(cluster({ Ref: 'DataApi' }))).toHaveLength(1);
    expect(cfn(cluster(false))).toEqual([]);
    expect(cfn(cluster(undefined))).toEqual([]);
  });

  test('a Neptune instance with a public endpoint: a bridge at its cluster\'s subnet group', () => {
    const neptune = (publicly: unknown) => ({
      Group: { Type: 'AWS::Neptune::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'g', SubnetIds: [{ Ref: 'Sub' }] } },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, GroupDescription: 'neptune', SecurityGroupEgress: [] } },
      Cluster: { Type: 'AWS::Neptune::DBCluster', Properties: { DBSubnetGroupName: { Ref: 'Group' }, IamAuthEnabled: true, VpcSecurityGroupIds: [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }] } },
      Db: { Type: 'AWS::Neptune::DBInstance', Properties: { DBClusterIdentifier: { Ref: 'Cluster' }, DBInstanceClass: 'db.r6g.large', ...(publicly === undefined ? {} : { PubliclyAccessible: publicly }) } },
    });
    expect(cfn(neptune(true))).toEqual([expect.stringMatching(/^Db: DBClusterIdentifier → DBSubnetGroupName → SubnetIds could not be resolved: .* publicly accessible database/)]);
    expect(cfn(neptune(undefined))).toEqual([]);
  });
});

describe('Terraform', () => {
  function tf(resources: Record<string, Record<string, unknown>>): string[] {
    const resource = {
      aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' } },
      aws_lambda_function: { fn: { function_name: 'fn', role: 'r', handler: 'h', runtime: 'nodejs20.x', filename: 'f.zip', vpc_config: [{ subnet_ids: ['${aws_subnet.mn.id}'], security_group_ids: [] }] } },
      ...resources,
    };
    // The caller identity read with the default provider (the deploying account) and with another configuration's.
    const data = { aws_caller_identity: { current: {}, other: { provider: 'aws.other' } } };
    const provider = { aws: [{ region: 'ap-northeast-1' }, { alias: 'other', region: 'ap-northeast-1' }] };
    return checkTopology(extractTerraform({ t: { provider, data, resource } as any }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
  }

  test('aws_lambda_permission: for everyone a bridge; for the account itself none', () => {
    const perm = (principal: string) => ({ aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.fn.function_name}', principal } } });
    expect(tf(perm('*'))).toEqual([expect.stringMatching(/^aws_lambda_permission\.p: function_name → aws_lambda_function\.fn\.vpc_config\.subnet_ids could not be resolved/)]);
    expect(tf(perm('${data.aws_caller_identity.current.account_id}'))).toEqual([]);
    expect(tf(perm('arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root'))).toEqual([]);
    // Another provider configuration may hold another account's credentials: its caller identity is not the own account.
    expect(tf(perm('${data.aws_caller_identity.other.account_id}'))).toHaveLength(1);
  });

  test('an HTTP API\'s Step Functions integration; an Aurora cluster\'s Data API; a public Neptune instance', () => {
    const definition = '${jsonencode({ StartAt = "Call", States = { Call = { Type = "Task", Resource = aws_lambda_function.fn.arn, End = true } } })}';
    expect(tf({
      aws_sfn_state_machine: { sm: { name: 'sm', role_arn: 'r', definition } },
      aws_apigatewayv2_integration: {
        i: {
          api_id: 'api',
          integration_type: 'AWS_PROXY',
          integration_subtype: 'StepFunctions-StartSyncExecution',
          request_parameters: { StateMachineArn: '${aws_sfn_state_machine.sm.arn}', Input: '$request.body' },
        },
      },
    })).toEqual([expect.stringMatching(/^aws_apigatewayv2_integration\.i: request_parameters\.StateMachineArn → aws_sfn_state_machine\.sm\.definition → aws_lambda_function\.fn\.vpc_config\.subnet_ids/)]);
    const group = { aws_db_subnet_group: { g: { subnet_ids: ['${aws_subnet.mn.id}'] } } };
    expect(tf({ ...group, aws_rds_cluster: { db: { engine: 'aurora-postgresql', db_subnet_group_name: '${aws_db_subnet_group.g.name}', enable_http_endpoint: true } } }))
      .toEqual([expect.stringMatching(/^aws_rds_cluster\.db: .*the callers of the RDS Data API/)]);
    expect(tf({ ...group, aws_rds_cluster: { db: { engine: 'aurora-postgresql', db_subnet_group_name: '${aws_db_subnet_group.g.name}' } } })).toEqual([]);
    const neptune = (publicly: boolean) => ({
      aws_neptune_subnet_group: { g: { subnet_ids: ['${aws_subnet.mn.id}'] } },
      aws_security_group: { neptune: { vpc_id: '${aws_vpc.mn.id}' } },
      aws_neptune_cluster: { c: { neptune_subnet_group_name: '${aws_neptune_subnet_group.g.name}', vpc_security_group_ids: ['${aws_security_group.neptune.id}'] } },
      aws_neptune_cluster_instance: { i: { cluster_identifier: '${aws_neptune_cluster.c.id}', instance_class: 'db.r6g.large', publicly_accessible: publicly } },
    });
    expect(tf(neptune(true))).toEqual([expect.stringMatching(/^aws_neptune_cluster_instance\.i: cluster_identifier → neptune_subnet_group_name → subnet_ids could not be resolved/)]);
    expect(tf(neptune(false))).toEqual([]);
  });
});
