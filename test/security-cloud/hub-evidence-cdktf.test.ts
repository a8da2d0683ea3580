/**
 * A member of the prefecture security cloud synthesized in another app (CDKTF), guarded with its hub's evidence
 * (`TopologyGuardOptions.securityCloudHub`): the hub stack's cdk.tf.json and `terraform output -json` of its deployment.
 * The hub's stack also holds a member of its own (same app, `securityCloud: hub`), as the reference prefecture's one
 * Terraform stack does. Refusals come from changing the hub's synthesized configuration the way a faulty hub would be.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { crossAppHubProps, deployedId, DEPLOYED, MEMBER_CODE, refusal, sha256, tempDir } from './hub-evidence-support';
import { member } from './member-fixtures';
import { prefectureMember } from '../../examples/prefecture';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { NetworkModel, SecurityCloudConnectionProps, tf } from '../../src';

type Config = { resource: Record<string, Record<string, any>>; output?: Record<string, { value: unknown }> };
interface HubFiles { readonly dir: string; readonly artifact: string; readonly outputs: string; readonly config: Config }

/**
 * The hub stack synthesized (no validation: not this test's subject), `change` applied, written as hub/cdk.tf.json, and
 * `terraform output -json` of a deployment: each `${type.name.id|arn|bucket}` output given its resource's physical id.
 */
function hubEvidence(change: (config: Config) => void = () => {}): HubFiles {
  const dir = tempDir();
  const stack = offlineTokyoStack(Testing.app(), 'hub');
  const hub = new tf.SecurityCloud(stack, 'SecurityCloud', crossAppHubProps());
  new tf.MunicipalNetwork(stack, 'OtherMember', { ...prefectureMember(2), securityCloud: hub });
  const config = JSON.parse(Testing.synth(stack)) as Config;
  change(config);
  fs.mkdirSync(path.join(dir, 'hub'));
  const artifact = path.join(dir, 'hub', 'cdk.tf.json');
  fs.writeFileSync(artifact, JSON.stringify(config, null, 1));
  const outputs: Record<string, { value: string; type: string; sensitive: boolean }> = {};
  for (const [name, o] of Object.entries(config.output ?? {})) {
    const m = typeof o.value === 'string' ? /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(o.value) : null;
    const value = m ? deployedId(m[1], m[2], m[3] === 'arn' ? 'arn' : 'ref') : typeof o.value === 'string' && !o.value.includes('${') ? o.value : undefined;
    if (value !== undefined) outputs[name] = { value, type: 'string', sensitive: false };
  }
  const outputsFile = path.join(dir, 'hub-outputs.json');
  fs.writeFileSync(outputsFile, JSON.stringify(outputs, null, 2));
  return { dir, artifact, outputs: outputsFile, config };
}

const of = (c: Config, type: string): [string, any][] => Object.entries(c.resource[type] ?? {});

/** The hub's attributes as its owner hands them to the member (literals, from the hub's configuration and deployment). */
function connection(c: Config): SecurityCloudConnectionProps {
  const [[, vpc]] = of(c, 'aws_vpc').filter(([, v]) => v.tags?.['jichitai:security-cloud'] === 'hub');
  const [[, inbound]] = of(c, 'aws_route53_resolver_endpoint').filter(([, e]) => e.direction === 'INBOUND');
  return {
    transitGatewayId: DEPLOYED.transitGatewayId,
    hubCidr: vpc.cidr_block,
    dnsAddresses: inbound.ip_address.map((a: any) => a.ip),
    proxyEndpoint: 'internal-hub-proxy-0123456789.ap-northeast-1.elb.amazonaws.com:8080',
    siemBucketArn: DEPLOYED.siemBucketArn,
  };
}

/** The member app, guarded with the hub's evidence. */
function memberApp(hub: HubFiles, evidence: { artifact: string; outputs: string } | null = hub, join = connection(hub.config)) {
  const outdir = path.join(hub.dir, 'member.out');
  const app = new App({ outdir });
  const stack = offlineTokyoStack(app, 'member');
  new tf.MunicipalNetwork(stack, 'Network', member(undefined, join, MEMBER_CODE));
  if (evidence) tf.TopologyGuard.apply(stack, { model: NetworkModel.BETA, securityCloudHub: evidence });
  return {
    synth: () => app.synth(),
    report: () => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'member', 'jichitai-guard-report.member.json'), 'utf8')),
  };
}

/** The hub's route table for the member under test (tagged with its code). */
function memberTable(c: Config): string {
  const tables = of(c, 'aws_ec2_transit_gateway_route_table').filter(([, t]) => t.tags?.['jichitai:municipality'] === MEMBER_CODE);
  expect(tables).toHaveLength(1);
  return tables[0][0];
}

describe('a member in another app, guarded with its hub\'s evidence (CDKTF)', () => {
  test('without the evidence it is refused, failing closed on the hub\'s transit gateway', () => {
    expect(refusal(memberApp(hubEvidence(), null).synth)).toMatch(new RegExp(`MN-2 critical .*transit gateway ${DEPLOYED.transitGatewayId} is not in the synthesized output`));
  });

  test('with the evidence of the hub it joins it passes, and the report records the files and every binding', () => {
    const hub = hubEvidence();
    const m = memberApp(hub);
    m.synth();
    const report = m.report();
    expect(report.violations).toEqual([]);
    const record = report.securityCloudHub;
    expect(record.files).toEqual([{ path: hub.artifact, sha256: sha256(hub.artifact) }, { path: hub.outputs, sha256: sha256(hub.outputs) }]);
    const [[tgw]] = of(hub.config, 'aws_ec2_transit_gateway').filter(([, g]) => g.tags?.['jichitai:security-cloud'] === 'hub');
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ stack: 'hub', value: DEPLOYED.transitGatewayId, node: expect.stringContaining(tgw) }));
    expect(record.boundAttachments.map((b: any) => [b.localGovernmentCode, b.attachmentId, b.attachment]))
      .toEqual([[MEMBER_CODE, DEPLOYED.memberAttachmentId, expect.stringContaining('Network/Internet')]]);
    expect(record.otherMembers).toEqual([{ stack: 'hub', localGovernmentCodes: [prefectureMember(2).localGovernmentCode] }]);
  });

  test('a hub whose proxy relays one member to another is refused by SC-1', () => {
    const hub = hubEvidence((c) => {
      // The proxy allows the members before it denies private destinations (the launch template's user data is base64).
      for (const [, t] of of(c, 'aws_launch_template')) {
        const text = Buffer.from(t.user_data, 'base64').toString('utf8');
        t.user_data = Buffer.from(text.replace(/http_access deny private_dst/g, 'http_access allow members')).toString('base64');
      }
    });
    expect(refusal(memberApp(hub).synth)).toMatch(/SC-1 critical .*relay/);
  });

  test('a hub whose proxy reaches the internet around the inspection firewall is refused by SC-2', () => {
    const hub = hubEvidence((c) => {
      const [[nat]] = of(c, 'aws_nat_gateway');
      const tables = new Map(of(c, 'aws_route_table'));
      for (const [, route] of of(c, 'aws_route')) {
        const table = tables.get(/aws_route_table\.([^.]+)\.id/.exec(route.route_table_id)?.[1] ?? '');
        if (route.destination_cidr_block === '0.0.0.0/0' && table?.tags?.['jichitai:security-cloud'] === 'hub' && /services/.test(table.tags.Name ?? '')) {
          delete route.vpc_endpoint_id;
          route.nat_gateway_id = `\${aws_nat_gateway.${nat}.id}`;
        }
      }
    });
    expect(refusal(memberApp(hub).synth)).toMatch(/SC-2 error .*hub proxy, around the inspection firewall/);
  });

  test('a hub whose table for the member sends its traffic into another member is refused', () => {
    const hub = hubEvidence((c) => {
      const [[other]] = of(c, 'aws_ec2_transit_gateway_vpc_attachment')
        .filter(([, a]) => a.tags?.['jichitai:municipality'] === prefectureMember(2).localGovernmentCode && /SecurityCloud/.test(JSON.stringify(a.transit_gateway_id)));
      c.resource.aws_ec2_transit_gateway_route = {
        ...c.resource.aws_ec2_transit_gateway_route,
        leak: { destination_cidr_block: '10.200.0.0/22', transit_gateway_route_table_id: `\${aws_ec2_transit_gateway_route_table.${memberTable(c)}.id}`, transit_gateway_attachment_id: `\${aws_ec2_transit_gateway_vpc_attachment.${other}.id}` },
      };
    });
    expect(refusal(memberApp(hub).synth)).toMatch(/IN-2 error .*queries to 10\.200\.0\.10 from .* reach nothing/);
  });

  test('outputs that do not prove the member\'s transit gateway fail closed, naming the fix', () => {
    const hub = hubEvidence();
    const error = refusal(memberApp(hub, hub, { ...connection(hub.config), transitGatewayId: 'tgw-0fedcba9876543210' }).synth);
    expect(error).toMatch(/GUARD-1 critical .*transit gateway tgw-0fedcba9876543210 is none of the hub evidence's outputs \(they prove tgw-0a1b2c3d4e5f60718\)/);
  });

  test('a hub that declares no route table for the member\'s code fails closed, naming the fix', () => {
    const hub = hubEvidence((c) => {
      c.resource.aws_ec2_transit_gateway_route_table[memberTable(c)].tags['jichitai:municipality'] = '139999';
    });
    expect(refusal(memberApp(hub).synth)).toMatch(new RegExp(`GUARD-1 critical .*the hub declares no route table for member ${MEMBER_CODE}.*Fix: declare the member in the hub's members`));
  });

  test('evidence of the other engine, and outputs the artifact does not declare, are errors naming the option', () => {
    const hub = hubEvidence();
    const cfn = path.join(hub.dir, 'Hub.template.json');
    fs.writeFileSync(cfn, JSON.stringify({ Resources: {} }));
    expect(refusal(memberApp(hub, { artifact: cfn, outputs: hub.outputs }).synth))
      .toMatch(/securityCloudHub\.artifact .*Hub\.template\.json: is CloudFormation \(AWS CDK\) output, but this guard reads Terraform \(CDKTF\)/);
    fs.writeFileSync(hub.outputs, JSON.stringify({ stale_output: { value: 'x', type: 'string' } }));
    expect(refusal(memberApp(hub).synth)).toMatch(/securityCloudHub\.outputs .*stack hub has no output stale_output/);
  });

  test('other Terraform files beside the hub\'s cdk.tf.json (Terraform applies them too) are an error naming them; variables and state are not', () => {
    const hub = hubEvidence();
    const dir = path.dirname(hub.artifact);
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), '');
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), '{}');
    expect(() => memberApp(hub).synth()).not.toThrow();
    fs.writeFileSync(path.join(dir, 'extra.tf'), 'resource "aws_route" "x" {}\n');
    fs.writeFileSync(path.join(dir, 'main_override.tf.json'), '{}');
    expect(refusal(memberApp(hub).synth)).toMatch(
      /securityCloudHub\.artifact .*cdk\.tf\.json: extra\.tf, main_override\.tf\.json lie beside it, and Terraform loads every \.tf \/ \.tf\.json file/);
  });
});
