/**
 * The two engines' hubs are one network (issue 16, "identical topology"): the AWS CDK `SecurityCloud` and the CDKTF one,
 * from the same props, read back from the synthesized CloudFormation and Terraform JSON by the guard's extractors (not
 * from the plan) and described by meaning only (CIDRs, route targets, transit tables, security group rules, firewall
 * rules and default actions, DNS lists, log destinations), must be equal.
 */
import { App, Stack } from 'aws-cdk-lib';
import { TerraformStack, Testing } from 'cdktf';
import { hubProps } from './fixtures';
import { cdk, tf } from '../../src';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { normalise } from '../../src/guard/normalise';

describe('SecurityCloud: the AWS CDK and CDKTF hubs are the same network', () => {
  test('same props, same neutral description', () => {
    const props = hubProps();
    const app = new App();
    const cdkStack = new Stack(app, 'Hub', { env: { region: 'ap-northeast-1' } });
    new cdk.SecurityCloud(cdkStack, 'Hub', props);
    const template = app.synth().getStackByName(cdkStack.stackName).template;
    const tfStack = new TerraformStack(Testing.app(), 'hub');
    new tf.SecurityCloud(tfStack, 'Hub', props);
    const config = JSON.parse(Testing.synth(tfStack));
    const fromCdk = normalise(extractCloudFormation({ Hub: template }));
    const fromTf = normalise(extractTerraform({ stack: config }));
    // Not trivially equal: the hub's VPC and its subnets are there.
    expect(JSON.stringify(fromCdk)).toContain(props.cidr);
    expect(fromTf).toEqual(fromCdk);
    // The comparison can fail: without one route (a services subnet's way back to the members), the networks differ.
    const routes = config.resource.aws_route as Record<string, any>;
    const back = Object.keys(routes).find((id) => routes[id].destination_cidr_block === '10.0.0.0/8')!;
    delete routes[back];
    expect(normalise(extractTerraform({ stack: config }))).not.toEqual(fromCdk);
  });
});
