/**
 * A member of the prefecture security cloud synthesized in another app (AWS CDK), guarded with its hub's evidence
 * (`TopologyGuardOptions.securityCloudHub`): the hub app's cdk.out and the outputs its deployment wrote. The hub app also
 * holds a member of its own (same app, `securityCloud: hub`), so that a hub table that leads to another member is real.
 * Each refusal is produced by changing the hub's synthesized template the way a faulty hub would be.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { crossAppHubProps, deployedId, DEPLOYED, MEMBER_CODE, sha256, tempDir } from './hub-evidence-support';
import { member } from './member-fixtures';
import { prefectureMember } from '../../examples/prefecture';
import { cdk, NetworkModel, SecurityCloudConnectionProps } from '../../src';

type Template = { Resources: Record<string, { Type: string; Properties?: any }>; Outputs?: Record<string, any> };
interface HubFiles { readonly dir: string; readonly artifact: string; readonly outputs: string; readonly hub: Template }

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const tag = (r: { Properties?: any }, key: string) => (r.Properties?.Tags ?? []).find((x: any) => x.Key === key)?.Value;

/**
 * The hub app synthesized (without its own guard: its other members' literal attachments are not this test's subject),
 * `change` applied to its templates on disk, and the outputs a deployment would write: each output's Ref / GetAtt Arn
 * given the physical id of its resource (`deployedId`), literal outputs their literal value.
 */
function hubEvidence(change: (templates: Record<string, Template>) => void = () => {}): HubFiles {
  const dir = tempDir();
  const artifact = path.join(dir, 'hub.out');
  const app = new App({ outdir: artifact });
  const hubStack = new Stack(app, 'Hub', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const hub = new cdk.SecurityCloud(hubStack, 'SecurityCloud', crossAppHubProps());
  const other = prefectureMember(2);
  const otherStack = new Stack(app, 'OtherMember', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(otherStack, 'Network', { ...other, securityCloud: hub });
  app.synth({ skipValidation: true });
  const file = (name: string) => path.join(artifact, `${name}.template.json`);
  const templates: Record<string, Template> = { Hub: JSON.parse(fs.readFileSync(file('Hub'), 'utf8')), OtherMember: JSON.parse(fs.readFileSync(file('OtherMember'), 'utf8')) };
  change(templates);
  for (const [name, t] of Object.entries(templates)) fs.writeFileSync(file(name), JSON.stringify(t, null, 1));
  const hubTemplate = templates.Hub;
  const values: Record<string, string> = {};
  for (const [key, o] of Object.entries<any>(hubTemplate.Outputs ?? {})) {
    if (o.Export) continue; // cross-stack exports are not what a member joins with
    const ref = o.Value?.Ref;
    const att = o.Value?.['Fn::GetAtt'];
    if (typeof o.Value === 'string') values[key] = o.Value;
    else if (ref) values[key] = deployedId(hubTemplate.Resources[ref].Type, ref, 'ref');
    else if (att?.[1] === 'Arn') values[key] = deployedId(hubTemplate.Resources[att[0]].Type, att[0], 'arn');
  }
  const outputs = path.join(dir, 'hub-outputs.json');
  fs.writeFileSync(outputs, JSON.stringify({ Hub: values }, null, 2));
  return { dir, artifact, outputs, hub: hubTemplate };
}

/** The hub's attributes as its owner hands them to the member (literals, from the hub's template and deployment). */
function connection(hub: Template): SecurityCloudConnectionProps {
  const [[, vpc]] = ofType(hub, 'AWS::EC2::VPC');
  const [[, inbound]] = ofType(hub, 'AWS::Route53Resolver::ResolverEndpoint');
  return {
    transitGatewayId: DEPLOYED.transitGatewayId,
    hubCidr: vpc.Properties.CidrBlock,
    dnsAddresses: inbound.Properties.IpAddresses.map((a: any) => a.Ip),
    proxyEndpoint: 'internal-hub-proxy-0123456789.ap-northeast-1.elb.amazonaws.com:8080',
    siemBucketArn: DEPLOYED.siemBucketArn,
  };
}

/** The member app, guarded with the hub's evidence; returns its synthesis and where its report goes. */
function memberApp(hub: HubFiles, evidence: { artifact?: string; outputs?: string } | null = hub, join = connection(hub.hub)) {
  const outdir = path.join(hub.dir, 'member.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Member', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(stack, 'Network', member(undefined, join, MEMBER_CODE));
  if (evidence) cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA, securityCloudHub: evidence as { artifact: string; outputs: string } });
  return { synth: () => app.synth(), report: () => JSON.parse(fs.readFileSync(path.join(outdir, 'jichitai-guard-report.Member.json'), 'utf8')) };
}

/** The error a synthesis refuses with. */
function refusal(synth: () => unknown): string {
  try {
    synth();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('the synthesis was not refused');
}

/** The hub's route table for the member under test (tagged with its code), and its logical ID. */
function memberTable(t: Template): string {
  const tables = ofType(t, 'AWS::EC2::TransitGatewayRouteTable').filter(([, r]) => tag(r, 'jichitai:municipality') === MEMBER_CODE);
  expect(tables).toHaveLength(1);
  return tables[0][0];
}

describe('a member in another app, guarded with its hub\'s evidence (AWS CDK)', () => {
  test('without the evidence it is refused, failing closed on the hub\'s transit gateway', () => {
    const hub = hubEvidence();
    const error = refusal(memberApp(hub, null).synth);
    expect(error).toMatch(new RegExp(`MN-2 critical .*transit gateway ${DEPLOYED.transitGatewayId} is not in the synthesized output`));
  });

  test('with the evidence of the hub it joins it passes, and the report records the files and every binding', () => {
    const hub = hubEvidence();
    const m = memberApp(hub);
    m.synth();
    const record = m.report().securityCloudHub;
    expect(m.report().violations).toEqual([]);
    expect(record.artifact).toBe(hub.artifact);
    const files = new Map(record.files.map((f: any) => [f.path, f.sha256]));
    for (const f of [path.join(hub.artifact, 'Hub.template.json'), path.join(hub.artifact, 'OtherMember.template.json'), hub.outputs]) expect(files.get(f)).toBe(sha256(f));
    const [[tgw]] = ofType(hub.hub, 'AWS::EC2::TransitGateway');
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ stack: 'Hub', value: DEPLOYED.transitGatewayId, node: `hub:Hub/${tgw}` }));
    const [[bucket]] = ofType(hub.hub, 'AWS::S3::Bucket');
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ value: DEPLOYED.siemBucketArn, node: `hub:Hub/${bucket}` }));
    expect(record.boundAttachments).toEqual([{
      localGovernmentCode: MEMBER_CODE,
      attachmentId: DEPLOYED.memberAttachmentId,
      hubRouteTable: `hub:Hub/${memberTable(hub.hub)}`,
      attachment: 'Member/Network/Internet/SecurityCloudHubAttachment',
    }]);
    expect(record.assumptions.join('\n')).toContain(`${DEPLOYED.memberAttachmentId} the hub associates with its route table for member ${MEMBER_CODE}`);
  });

  test('a hub whose proxy relays one member to another is refused by SC-1', () => {
    // The proxy allows the members before it denies private destinations: the member reaches the proxy, the proxy the
    // other member of the hub's app.
    const hub = hubEvidence((t) => {
      const text = JSON.stringify(t.Hub).replace(/http_access deny private_dst/g, 'http_access allow members');
      t.Hub = JSON.parse(text);
    });
    expect(refusal(memberApp(hub).synth)).toMatch(/SC-1 critical .*relay/);
  });

  test('a hub whose table for the member sends its traffic into another member is refused', () => {
    const hub = hubEvidence((t) => {
      // The other member's attachment to the hub (in its own stack of the hub's app): the hub's table for the member
      // under test sends the hub's first /22 (its resolvers) there instead of to the hub.
      const [[otherAttachment]] = ofType(t.OtherMember, 'AWS::EC2::TransitGatewayAttachment')
        .filter(([, a]) => JSON.stringify(a.Properties.TransitGatewayId).includes('ImportValue'));
      t.Hub.Outputs = { ...t.Hub.Outputs, MemberTableExport: { Value: { Ref: memberTable(t.Hub) }, Export: { Name: 'HubMemberTable' } } };
      t.OtherMember.Resources.Leak = {
        Type: 'AWS::EC2::TransitGatewayRoute',
        Properties: { TransitGatewayRouteTableId: { 'Fn::ImportValue': 'HubMemberTable' }, DestinationCidrBlock: '10.200.0.0/22', TransitGatewayAttachmentId: { Ref: otherAttachment } },
      };
    });
    const error = refusal(memberApp(hub).synth);
    // SC-1 counts where packets arrive, not the subnets they pass: the member's DNS queries now end in the other member.
    expect(error).toMatch(/IN-2 error .*queries to 10\.200\.0\.10 from Member\/Network\/Internet\/Subnet-endpoints-1 reach nothing/);
  });

  test('a hub whose proxy reaches the internet around the inspection firewall is refused by SC-2', () => {
    const hub = hubEvidence((t) => {
      const [[nat]] = ofType(t.Hub, 'AWS::EC2::NatGateway');
      for (const [, route] of ofType(t.Hub, 'AWS::EC2::Route')) {
        const table = t.Hub.Resources[route.Properties.RouteTableId.Ref];
        if (route.Properties.DestinationCidrBlock === '0.0.0.0/0' && tag(table, 'jichitai:subnet-tier') === undefined && /services/.test(tag(table, 'Name') ?? '')) {
          delete route.Properties.VpcEndpointId;
          route.Properties.NatGatewayId = { Ref: nat };
        }
      }
    });
    expect(refusal(memberApp(hub).synth)).toMatch(/SC-2 error .*hub proxy, around the inspection firewall/);
  });

  test('outputs that do not prove the member\'s transit gateway fail closed, naming the fix', () => {
    const hub = hubEvidence();
    const error = refusal(memberApp(hub, hub, { ...connection(hub.hub), transitGatewayId: 'tgw-0fedcba9876543210' }).synth);
    expect(error).toMatch(/GUARD-1 critical .*transit gateway tgw-0fedcba9876543210 is none of the hub evidence's outputs \(they prove tgw-0a1b2c3d4e5f60718\)/);
    expect(error).toMatch(/SC-1 critical .*tgw-0fedcba9876543210 is not in the synthesized output/);
  });

  test('a hub that declares no route table for the member\'s code fails closed, naming the fix', () => {
    const hub = hubEvidence((t) => {
      const table = t.Hub.Resources[memberTable(t.Hub)];
      table.Properties.Tags = table.Properties.Tags.map((x: any) => (x.Key === 'jichitai:municipality' ? { ...x, Value: '139999' } : x));
    });
    const error = refusal(memberApp(hub).synth);
    expect(error).toMatch(new RegExp(`GUARD-1 critical .*the hub declares no route table for member ${MEMBER_CODE}.*Fix: declare the member in the hub's members \\(localGovernmentCode ${MEMBER_CODE}`));
  });

  test('unreadable files are errors naming the option and the fix, all at once', () => {
    const hub = hubEvidence();
    fs.writeFileSync(hub.outputs, '{ not json');
    const error = refusal(memberApp(hub, { artifact: path.join(hub.dir, 'missing.out'), outputs: hub.outputs }).synth);
    expect(error).toMatch(/securityCloudHub\.artifact .*missing\.out: cannot read it \(ENOENT\); give the hub app's cdk\.out/);
    expect(error).toMatch(/securityCloudHub\.outputs .*hub-outputs\.json: not valid JSON/);
  });

  test('outputs of another hub deployment are refused: a stack or an output the artifact does not hold', () => {
    const hub = hubEvidence();
    fs.writeFileSync(hub.outputs, JSON.stringify({ Hub: { OldOutput: 'tgw-0a1b2c3d4e5f60718' }, Hub2: { X: 'y' } }));
    const error = refusal(memberApp(hub).synth);
    expect(error).toMatch(/securityCloudHub\.outputs .*stack Hub has no output OldOutput in securityCloudHub\.artifact/);
    expect(error).toMatch(/securityCloudHub\.outputs .*names stack Hub2, which securityCloudHub\.artifact .* does not hold \(it holds Hub, OtherMember\)/);
  });

  test('the option is checked when the guard is applied: both paths, at once', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA, securityCloudHub: { artifact: '', outputs: 3 as unknown as string } }))
      .toThrow(/\[securityCloudHub\.artifact\] must be a non-empty path[^]*\[securityCloudHub\.outputs\] must be a non-empty path/);
  });

  test('the hub exports what a member joins with', () => {
    const hub = hubEvidence();
    const outputs = Object.values<any>(hub.hub.Outputs!).filter((o) => !o.Export);
    const [[tgw]] = ofType(hub.hub, 'AWS::EC2::TransitGateway');
    expect(outputs.map((o) => o.Value)).toEqual(expect.arrayContaining([{ Ref: tgw }, hub.hub.Resources[ofType(hub.hub, 'AWS::EC2::VPC')[0][0]].Properties.CidrBlock, { Ref: memberTable(hub.hub) }]));
  });
});
