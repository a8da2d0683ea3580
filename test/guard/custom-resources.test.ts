/**
 * What an aws-cdk-lib `AwsCustomResource` does at deploy time (src/guard/sdk-calls.ts): an AWS API call that changes a
 * service the guard reads (a route, a security group rule, a transit gateway route...) makes what the template does not
 * hold, so the guard cannot have judged it (GUARD-1); a call it cannot read may be any (GUARD-1); a call that only reads,
 * tags or touches a service the guard does not read changes no verdict. Found by a probe: a `createRoute` of
 * 0.0.0.0/0 into a My Number route table passed the guard.
 */
import { App, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { buildCdkExample } from '../../examples/cdk/_app';
import { GuardLanguage, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding, formatFindingIn } from '../../src/guard/rule';
import { changesReadService, parseSdkCall, serviceKey } from '../../src/guard/sdk-calls';
import { englishRun } from '../support/japanese';

/** The α example with one AwsCustomResource making `call` on create; the guard's error lines (none: it synthesized). */
function withCall(call: (myNumberTable: string) => AwsSdkCall): string[] {
  const { app, stack } = buildCdkExample('alpha', new App());
  const table = stack.node.findAll().find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::EC2::RouteTable'
    && c.node.path.includes('/MyNumber/')) as CfnResource;
  new AwsCustomResource(stack, 'AtDeploy', {
    onCreate: call(table.ref),
    policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
  try {
    app.synth();
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').filter((l) => /GUARD-1/.test(l));
  }
}

const physicalResourceId = PhysicalResourceId.of('at-deploy');

describe('an AwsCustomResource that changes the network at deploy time is refused (GUARD-1)', () => {
  test('a route to the internet created in a My Number route table', () => {
    const lines = withCall((table) => ({
      service: 'EC2',
      action: 'createRoute',
      physicalResourceId,
      parameters: { RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0' },
    }));
    expect(lines).toEqual([expect.stringMatching(/\[SampleCity-alpha\/AtDeploy\/Resource\/Default\] GUARD-1 critical \(三層の対策\): Create could not be resolved: custom resource calls EC2 createRoute at deploy time: what that changes is not in the template/)]);
    expect(lines[0]).toMatch(/Fix: declare what the call makes as a resource of the template, which the guard reads \(AWS::EC2::Route for createRoute/);
  });

  test('a State Manager association created at deploy time: it may rewrite a proxy\'s squid.conf, which the guard reads', () => {
    const lines = withCall(() => ({
      service: 'SSM', action: 'createAssociation', physicalResourceId, parameters: { Name: 'AWS-RunShellScript', Targets: [{ Key: 'tag:Name', Values: ['Lgwan-proxy'] }] },
    }));
    expect(lines).toEqual([expect.stringMatching(/GUARD-1 critical .*custom resource calls SSM createAssociation at deploy time/)]);
  });

  test('in the SDK v3 spelling (client package, command name)', () => {
    const lines = withCall((table) => ({
      service: '@aws-sdk/client-ec2',
      action: 'ReplaceRouteCommand',
      physicalResourceId,
      parameters: { RouteTableId: table, DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: 'tgw-0123456789abcdef0' },
    }));
    expect(lines).toEqual([expect.stringMatching(/GUARD-1 critical .*custom resource calls @aws-sdk\/client-ec2 ReplaceRouteCommand at deploy time/)]);
  });

  test('a stack created by a call deploys a template the guard does not read, as a nested stack would', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Call', {
      type: 'Custom::AWS',
      properties: {
        ServiceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:provider',
        InstallLatestAwsSdk: false,
        Create: JSON.stringify({ service: 'CloudFormation', action: 'createStack', parameters: { StackName: 's', TemplateBody: '{}' } }),
      },
    });
    expect(extractCloudFormation({ S: (stack as any)._toCloudFormation() }).unresolved.map((u) => `${u.property}: ${u.reason}`)).toEqual([
      'Create: custom resource calls CloudFormation createStack at deploy time: what that changes is not in the template, and the guard judges the template',
      // The function behind a literal service token is not in the template: nothing bounds what it runs (deploy-code.test.ts).
      'ServiceToken: this custom resource runs code at deploy time that the template does not hold, and it may change the network: '
        + 'its service token arn:aws:lambda:ap-northeast-1:123456789012:function:provider is no Lambda function of this template, so nothing bounds the code it runs',
    ]);
  });

  test('a call the guard cannot read (its text is no JSON once rendered) may be any', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Call', {
      type: 'Custom::AWS',
      properties: { ServiceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:provider', InstallLatestAwsSdk: false, Create: Fn.conditionIf('C', '{}', '{}') },
    });
    const graph = extractCloudFormation({ S: { Conditions: { C: { 'Fn::Equals': ['a', 'a'] } }, ...(stack as any)._toCloudFormation() } });
    expect(graph.unresolved.map((u) => `${u.property}: ${u.reason}`)).toContain(
      'Create: the AWS API call this custom resource (aws-cdk-lib AwsCustomResource) makes at deploy time cannot be read at synth time');
  });

  test('worded in Japanese without English left over', () => {
    const { stack } = buildCdkExample('alpha', new App());
    new AwsCustomResource(stack, 'AtDeploy', {
      onCreate: { service: 'EC2', action: 'authorizeSecurityGroupIngress', physicalResourceId, parameters: { GroupId: 'sg-0123456789abcdef0', IpPermissions: [] } },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    const graph = extractCloudFormation({ S: (stack as any)._toCloudFormation() });
    const found = checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found.map(formatFinding)).toEqual([expect.stringMatching(/custom resource calls EC2 authorizeSecurityGroupIngress/)]);
    const ja = formatFindingIn(found[0], GuardLanguage.JAPANESE);
    expect(ja).toMatch(/カスタムリソースがデプロイ時に EC2 の authorizeSecurityGroupIngress を呼ぶ/);
    expect(englishRun(ja)).toBeUndefined();
  });
});

describe('calls that change nothing the guard reads pass', () => {
  test.each<[string, AwsSdkCall]>([
    ['a read-only call (the lookup this library makes itself)', { service: 'EC2', action: 'describeRouteTables', physicalResourceId }],
    ['tags (the guard reads the template\'s labels; AWS routes no packet by a tag)', {
      service: 'EC2', action: 'createTags', physicalResourceId, parameters: { Resources: ['rtb-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] },
    }],
    ['a service the guard reads no resource of', { service: 'SSM', action: 'putParameter', physicalResourceId, parameters: { Name: '/a', Value: 'b', Type: 'String' } }],
  ])('%s', (_, call) => {
    expect(withCall(() => call)).toEqual([]);
  });

  test('a custom resource of one\'s own with a Create property of its own is no AwsCustomResource call (its code is judged by its role)', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Own', { type: 'Custom::Seeder', properties: { ServiceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:seed', Create: 'not json' } });
    // Not "the AWS API call ... cannot be read": only the service token's function is in question (deploy-code.test.ts).
    expect(extractCloudFormation({ S: (stack as any)._toCloudFormation() }).unresolved.map((u) => u.property)).toEqual(['ServiceToken']);
  });
});

describe('sdk-calls', () => {
  test('service names of both SDK generations and of CloudFormation meet', () => {
    expect(['EC2', '@aws-sdk/client-ec2', 'ec2'].map(serviceKey)).toEqual(['ec2', 'ec2', 'ec2']);
    expect(['ELBv2', '@aws-sdk/client-elastic-load-balancing-v2', 'ElasticLoadBalancingV2'].map(serviceKey))
      .toEqual(['elasticloadbalancingv2', 'elasticloadbalancingv2', 'elasticloadbalancingv2']);
    expect(['CloudWatchLogs', '@aws-sdk/client-cloudwatch-logs', 'Logs'].map(serviceKey)).toEqual(['logs', 'logs', 'logs']);
    expect(['Kafka', 'MSK'].map(serviceKey)).toEqual(['msk', 'msk']);
  });

  test('an action is a change unless it reads or touches what no rule reads', () => {
    const ec2 = new Set(['ec2']);
    const changes = (action: string) => changesReadService({ service: 'EC2', action }, ec2);
    expect(['createRoute', 'CreateRouteCommand', 'modifyVpcAttribute', 'attachInternetGateway', ''].map(changes)).toEqual([true, true, true, true, true]);
    expect(['describeRouteTables', 'getManagedPrefixListEntries', 'createTags', 'DeleteTagsCommand'].map(changes)).toEqual([false, false, false, false]);
    expect(changesReadService({ service: 'SSM', action: 'putParameter' }, ec2)).toBe(false);
    // A service or action given at deploy time (rendered from a parameter or a variable) may be any (fail closed): a
    // service the guard does not read, or an action that reads, only as written out.
    expect([{ service: '{P}', action: 'createRoute' }, { service: '${var.service}', action: 'createRoute' }, { service: 'EC2', action: 'describe{P}' },
      { service: 'EC2', action: 'describe${var.x}' }, { service: '', action: 'putParameter' }].map((c) => changesReadService(c, ec2))).toEqual([true, true, true, true, true]);
    expect([{ service: '@aws-sdk/client-ec2', action: 'DescribeVpcsCommand' }, { service: 'ELBv2', action: 'describeLoadBalancers' }, { service: 'CloudWatch Logs', action: 'putLogEvents' }]
      .map((c) => changesReadService(c, ec2))).toEqual([false, false, false]);
    // CloudFront is read for its VPC origins: an invalidation changes cached objects only, a VPC origin's update is a change.
    const cloudfront = new Set(['cloudfront']);
    expect(changesReadService({ service: 'CloudFront', action: 'createInvalidation' }, cloudfront)).toBe(false);
    expect(changesReadService({ service: 'CloudFront', action: 'updateVpcOrigin' }, cloudfront)).toBe(true);
  });

  test('only JSON with a service and an action is a call', () => {
    expect(parseSdkCall('{"service":"EC2","action":"createRoute","parameters":{}}')).toEqual({ service: 'EC2', action: 'createRoute' });
    expect([parseSdkCall('not json'), parseSdkCall('{"service":"EC2"}'), parseSdkCall('"text"')]).toEqual([undefined, undefined, undefined]);
    // A key named twice: which one the custom resource's parser keeps is not the guard's to assume.
    expect(parseSdkCall('{"service":"EC2","action":"describeVpcs","action":"createRoute"}')).toBeUndefined();
  });
});

/**
 * Resources that deploy a CloudFormation template of their own, as a nested stack does (GUARD-1 since the first guard):
 * a stack set, a Service Catalog provisioned product, and in Terraform a CloudFormation stack. What their templates make
 * (a route to the internet in a My Number route table, given its id as a parameter) exists after deployment only.
 */
describe('a resource that deploys a template of its own is refused (GUARD-1), as a nested stack is', () => {
  const cfnUnresolved = (type: string, properties: Record<string, unknown>) => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Deployer', { type, properties });
    return extractCloudFormation({ S: (stack as any)._toCloudFormation() }).unresolved.map((u) => `${u.property}: ${u.reason}. Fix: ${u.fix}`);
  };
  const FIX = 'Fix: write the network resources in a stack or configuration the guard reads, or check the deployed stack\'s template with jichitai-network check';

  test('CloudFormation: a stack set and a provisioned product', () => {
    expect(cfnUnresolved('AWS::CloudFormation::StackSet', { StackSetName: 's', PermissionModel: 'SELF_MANAGED', TemplateBody: '{"Resources":{}}' }))
      .toEqual([`TemplateBody / TemplateURL: a stack set's stacks are not read by the guard. ${FIX}`]);
    expect(cfnUnresolved('AWS::ServiceCatalog::CloudFormationProvisionedProduct', { ProductId: 'prod-abcdefghijklm', ProvisioningArtifactId: 'pa-abcdefghijklm' }))
      .toEqual([`ProductId: a provisioned product's stack is not read by the guard. ${FIX}`]);
  });

  test.each([
    ['aws_cloudformation_stack', { name: 's', template_body: '{"Resources":{}}' }, 'template_body / template_url: a CloudFormation stack\'s resources are not read by the guard'],
    ['aws_cloudformation_stack_set', { name: 's', template_body: '{"Resources":{}}' }, 'template_body / template_url: a stack set\'s stacks are not read by the guard'],
    ['aws_cloudformation_stack_set_instance', { stack_set_name: 's' }, 'stack_set_name: a stack set\'s stacks are not read by the guard'],
    ['aws_servicecatalog_provisioned_product', { name: 'p', product_id: 'prod-abcdefghijklm' }, 'product_id: a provisioned product\'s stack is not read by the guard'],
  ])('Terraform: %s', (type, body, expected) => {
    const graph = extractTerraform({ t: { resource: { [type]: { deployer: body } } } });
    expect(graph.unresolved.map((u) => `${u.property}: ${u.reason}. ${u.fix ? `Fix: ${u.fix}` : ''}`)).toEqual([`${expected}. ${FIX}`]);
  });

  test('the reasons and the fix have Japanese', () => {
    const graph = extractTerraform({ t: { resource: { aws_cloudformation_stack: { deployer: { name: 's', template_body: '{}' } }, aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } } } } });
    const found = checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && /deployer/.test(f.path));
    expect(found).toHaveLength(1);
    const ja = formatFindingIn(found[0], GuardLanguage.JAPANESE);
    expect(ja).toMatch(/CloudFormation スタックのリソースはガードが読まない/);
    expect(englishRun(ja)).toBeUndefined();
  });
});

/**
 * AWS API calls configured to run later, by name: a Step Functions task of an SDK integration
 * (`arn:aws:states:::aws-sdk:ec2:createRoute`) and an EventBridge Scheduler universal target
 * (`arn:aws:scheduler:::aws-sdk:ec2:createRoute`). A call that may change a service the guard reads changes the network
 * after the template was judged (GUARD-1); a read-only one does not.
 */
describe('a state machine or schedule that calls an AWS API changing the network is refused (GUARD-1)', () => {
  const definition = (action: string) => ({
    'Fn::Join': ['', ['{"StartAt":"T","States":{"T":{"Type":"Task","End":true,"Resource":"arn:', { Ref: 'AWS::Partition' },
      `:states:::aws-sdk:ec2:${action}","Parameters":{"RouteTableId":"rtb-0123456789abcdef0","DestinationCidrBlock":"0.0.0.0/0","GatewayId":"igw-0123456789abcdef0"}}}}`]],
  });
  const cfn = (type: string, properties: Record<string, unknown>) =>
    extractCloudFormation({ S: { Resources: { R: { Type: type, Properties: properties } } } }).unresolved.map((u) => `${u.property}: ${u.reason}`);

  test('CloudFormation: a state machine\'s task (the definition as aws-cdk-lib renders it, joined around the partition)', () => {
    expect(cfn('AWS::StepFunctions::StateMachine', { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: definition('createRoute') })).toEqual([
      'DefinitionString: state machine calls ec2 createRoute when it runs: what that changes is not in the template, and the guard judges the template',
    ]);
    expect(cfn('AWS::StepFunctions::StateMachine', { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: definition('describeRouteTables') })).toEqual([]);
  });

  test('a task whose service or action is given at deploy time (a parameter joined into the definition) may be any call (fail closed)', () => {
    // Before, the pattern took only letters and digits there, so `aws-sdk:{Service}:createRoute` was no call at all.
    const joined = (service: unknown, action: unknown) => ({
      'Fn::Join': ['', ['{"StartAt":"T","States":{"T":{"Type":"Task","End":true,"Resource":"arn:aws:states:::aws-sdk:', service, ':', action, '"}}}']],
    });
    const machine = (service: unknown, action: unknown) => cfn('AWS::StepFunctions::StateMachine', { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: joined(service, action) });
    // A parameter is read as deploy-time already; an attribute of a resource (a value another resource holds) is rendered.
    const attribute = { 'Fn::GetAtt': ['Config', 'Value'] };
    expect(machine(attribute, 'createRoute')).toEqual([expect.stringMatching(/^DefinitionString: state machine calls \{Config[^}]*\} createRoute when it runs/)]);
    expect(machine('ec2', attribute)).toEqual([expect.stringMatching(/^DefinitionString: state machine calls ec2 \{Config[^}]*\} when it runs/)]);
    expect(machine('ec2', 'describeRouteTables')).toEqual([]);
    // The callback pattern's suffix is no part of the action.
    expect(machine('sqs', 'sendMessage.waitForTaskToken')).toEqual([]);
    // Terraform: the service from another resource's attribute, interpolated into the definition.
    const graph = extractTerraform({
      t: {
        resource: {
          aws_sfn_state_machine: {
            m: {
              name: 'm',
              role_arn: 'arn:aws:iam::123456789012:role/r',
              definition: '{"StartAt":"T","States":{"T":{"Type":"Task","End":true,"Resource":"arn:aws:states:::aws-sdk:${aws_ssm_parameter.service.value}:createRoute"}}}',
            },
          },
        },
      },
    });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}`)).toEqual(['aws_sfn_state_machine.m definition']);
  });

  test('CloudFormation: a schedule\'s universal target', () => {
    const target = (action: string) => ({ Arn: `arn:aws:scheduler:::aws-sdk:ec2:${action}`, RoleArn: 'arn:aws:iam::123456789012:role/r', Input: '{}' });
    const props = (action: string) => ({ FlexibleTimeWindow: { Mode: 'OFF' }, ScheduleExpression: 'rate(1 hour)', Target: target(action) });
    expect(cfn('AWS::Scheduler::Schedule', props('authorizeSecurityGroupIngress'))).toEqual([
      'Target.Arn: schedule calls ec2 authorizeSecurityGroupIngress when it runs: what that changes is not in the template, and the guard judges the template',
    ]);
    expect(cfn('AWS::Scheduler::Schedule', props('describeSecurityGroups'))).toEqual([]);
  });

  test('a call that starts code or changes permissions counts whatever its service (the trigger rule refuses the same code as a target)', () => {
    const starts = (call: string) => `state machine calls ${call.replace(':', ' ')} when it runs: it starts code or changes permissions the guard does not judge, and that may change the network`;
    const task = (call: string) => `{"StartAt":"T","States":{"T":{"Type":"Task","End":true,"Resource":"arn:aws:states:::aws-sdk:${call}"}}}`;
    for (const call of ['lambda:invoke', 'sfn:startExecution', 'codebuild:startBuild', 'glue:startJobRun', 'iam:attachRolePolicy', 'ec2:runInstances']) {
      expect([call, cfn('AWS::StepFunctions::StateMachine', { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: task(call) })])
        .toEqual([call, [`DefinitionString: ${starts(call)}`]]);
    }
    // Reads, and calls that start nothing of a service the guard does not read, still pass.
    for (const call of ['iam:getRole', 'lambda:getFunction', 'sts:assumeRole', 'codebuild:batchGetBuilds']) {
      expect([call, cfn('AWS::StepFunctions::StateMachine', { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: task(call) })]).toEqual([call, []]);
    }
    const graph = extractTerraform({
      t: {
        resource: {
          aws_scheduler_schedule: {
            s: {
              name: 's',
              schedule_expression: 'rate(1 hour)',
              flexible_time_window: [{ mode: 'OFF' }],
              target: [{ arn: 'arn:aws:scheduler:::aws-sdk:lambda:invoke', role_arn: 'arn:aws:iam::123456789012:role/r', input: '{"FunctionName":"elsewhere"}' }],
            },
          },
        },
      },
    });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([`aws_scheduler_schedule.s target.arn: ${starts('lambda:invoke').replace('state machine', 'schedule')}`]);
  });

  test('Terraform: aws_sfn_state_machine and aws_scheduler_schedule', () => {
    const graph = extractTerraform({
      t: {
        resource: {
          aws_sfn_state_machine: {
            m: { name: 'm', role_arn: 'arn:aws:iam::123456789012:role/r', definition: '{"StartAt":"T","States":{"T":{"Type":"Task","End":true,"Resource":"arn:aws:states:::aws-sdk:ec2:replaceRoute"}}}' },
          },
          aws_scheduler_schedule: {
            s: { name: 's', schedule_expression: 'rate(1 hour)', flexible_time_window: [{ mode: 'OFF' }], target: [{ arn: 'arn:aws:scheduler:::aws-sdk:networkfirewall:updateFirewallPolicy', role_arn: 'arn:aws:iam::123456789012:role/r' }] },
          },
        },
      },
    });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([
      'aws_sfn_state_machine.m definition: state machine calls ec2 replaceRoute when it runs: what that changes is not in the configuration, and the guard judges the configuration',
      'aws_scheduler_schedule.s target.arn: schedule calls networkfirewall updateFirewallPolicy when it runs: what that changes is not in the configuration, and the guard judges the configuration',
    ]);
  });

  test('a definition or target the guard cannot read (S3, a parameter, a condition; a variable or a file) may name any call', () => {
    const machine = (props: Record<string, unknown>) => ({ RoleArn: 'arn:aws:iam::123456789012:role/r', ...props });
    const template = {
      Parameters: { Def: { Type: 'String' } },
      Conditions: { C: { 'Fn::Equals': ['a', 'a'] } },
      Resources: {
        InS3: { Type: 'AWS::StepFunctions::StateMachine', Properties: machine({ DefinitionS3Location: { Bucket: 'b', Key: 'k' } }) },
        ByParameter: { Type: 'AWS::StepFunctions::StateMachine', Properties: machine({ DefinitionString: { Ref: 'Def' } }) },
        ByCondition: {
          Type: 'AWS::Scheduler::Schedule',
          Properties: {
            FlexibleTimeWindow: { Mode: 'OFF' },
            ScheduleExpression: 'rate(1 hour)',
            Target: { Arn: { 'Fn::If': ['C', 'arn:aws:scheduler:::aws-sdk:ec2:describeVpcs', 'arn:aws:scheduler:::aws-sdk:ec2:createRoute'] }, RoleArn: 'arn:aws:iam::123456789012:role/r' },
          },
        },
      },
    };
    const reason = (caller: string) => `the AWS API calls this ${caller} makes when it runs cannot be read at synth time`;
    expect(extractCloudFormation({ S: template }).unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([
      `InS3 DefinitionS3Location: ${reason('state machine')}`,
      `ByParameter DefinitionString: ${reason('state machine')}`,
      // A condition's choice in a schedule (a type the guard reads for its ECS tasks) is reported where it is, once.
      expect.stringMatching(/^ByCondition Target\.Arn: \{"Fn::If".* cannot be read at synth time, and the guard reads what it holds$/),
    ]);
    const graph = extractTerraform({
      t: {
        variable: { def: { type: 'string' } },
        resource: {
          aws_sfn_state_machine: {
            v: { name: 'v', role_arn: 'arn:aws:iam::123456789012:role/r', definition: '${var.def}' },
            f: { name: 'f', role_arn: 'arn:aws:iam::123456789012:role/r', definition: '${file("machine.json")}' },
          },
        },
      },
    });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([
      `aws_sfn_state_machine.v definition: ${reason('state machine')}`,
      `aws_sfn_state_machine.f definition: ${reason('state machine')}`,
    ]);
  });

  test('in Japanese', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Vpc', { type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'LGWAN' }] } });
    new CfnResource(stack, 'Machine', { type: 'AWS::StepFunctions::StateMachine', properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: definition('createRoute') } });
    const found = checkTopology(extractCloudFormation({ S: (stack as any)._toCloudFormation() }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1' && /Machine/.test(f.path));
    expect(found).toHaveLength(1);
    const ja = formatFindingIn(found[0], GuardLanguage.JAPANESE);
    expect(ja).toMatch(/ステートマシン（Step Functions）が実行時に ec2 の createRoute を呼ぶ/);
    expect(englishRun(ja)).toBeUndefined();
    const unreadable = new Stack(new App(), 'U');
    new CfnResource(unreadable, 'Vpc', { type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'LGWAN' }] } });
    new CfnResource(unreadable, 'Machine', { type: 'AWS::StepFunctions::StateMachine', properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionS3Location: { Bucket: 'b', Key: 'k' } } });
    const [inS3] = checkTopology(extractCloudFormation({ U: (unreadable as any)._toCloudFormation() }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1' && /Machine/.test(f.path));
    const jaS3 = formatFindingIn(inS3, GuardLanguage.JAPANESE);
    expect(jaS3).toMatch(/このステートマシン（Step Functions）が実行時に呼ぶ AWS API を、合成時に読めない/);
    expect(englishRun(jaS3)).toBeUndefined();
  });
});
