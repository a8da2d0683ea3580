/**
 * Parity of the two engines (issue 3): for each model, the same blueprint rendered with AWS CDK and with CDKTF,
 * read back from the synthesized CloudFormation and Terraform JSON (not from our plan), described by meaning only
 * (segments, CIDRs, route targets, transit routes, firewall lists and default actions, DNS lists, log
 * destinations), must be the same network.
 */
import { Route } from '@cdktf/provider-aws/lib/route';
import { App } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NeutralNetwork, normalise } from '../../src/guard/normalise';

function viaCdk(name: string): NeutralNetwork {
  const app = new App();
  const { stack } = buildCdkExample(name, app);
  const template = app.synth().getStackByName(stack.stackName).template;
  return normalise(extractCloudFormation({ [stack.stackName]: template }));
}

function viaTf(name: string, change: (built: ReturnType<typeof buildTfExample>) => void = () => undefined): NeutralNetwork {
  const built = buildTfExample(name, Testing.app());
  change(built);
  return normalise(extractTerraform({ [built.stack.node.id]: JSON.parse(Testing.synth(built.stack)) }));
}

describe.each(Object.keys(BLUEPRINTS))('the %s blueprint', (name) => {
  const cdk = viaCdk(name);
  const tf = viaTf(name);

  test('is the same network in CloudFormation and in Terraform', () => {
    expect(tf).toEqual(cdk);
  });

  test('and the description is not trivially empty', () => {
    expect(cdk.vpcs.map((v) => v.segment)).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(cdk.subnets.length).toBeGreaterThanOrEqual(6);
    expect(cdk.routeTables.flatMap((t) => t.routes).length).toBeGreaterThan(5);
    expect(cdk.transitRouteTables.flatMap((t) => t.routes).some((r) => r.target === 'blackhole')).toBe(true);
    expect(cdk.dnsFirewalls.map((d) => d.segment)).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(cdk.flowLogs.map((l) => l.segment)).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(cdk.flowLogs.every((l) => l.trafficType === 'ALL' && l.destination !== '?')).toBe(true);
    if (BLUEPRINTS[name].model === NetworkModel.ALPHA_PRIME) {
      const breakout = cdk.firewalls.filter((f) => f.segment === 'LGWAN');
      expect(breakout.length).toBe(2);
      expect(breakout[0].statefulDefaultActions).toContain('aws:drop_established');
      expect(breakout[0].domainLists.map((d) => d.generatedRulesType)).toEqual(['ALLOWLIST']);
      expect(breakout[0].logs.map((l) => l.split(':')[0]).sort()).toEqual(['ALERT', 'FLOW']);
    }
  });
});

test('the comparison sees a difference: one Terraform route re-pointed by override', () => {
  const cdk = viaCdk('alpha');
  const tf = viaTf('alpha', ({ network }) => {
    const route = network.myNumber.node.findAll().find((c) => Route.isTerraformResource(c) && c.node.id.startsWith('Route-')) as Route;
    route.addOverride('destination_cidr_block', '10.99.0.0/16');
  });
  expect(tf).not.toEqual(cdk);
  expect(tf.routeTables.flatMap((t) => t.routes).some((r) => r.destination === '10.99.0.0/16')).toBe(true);
});
