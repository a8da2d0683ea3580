/**
 * A member of the prefecture security cloud synthesized in another app (AWS CDK), guarded with its hub's evidence
 * (`TopologyGuardOptions.securityCloudHub`): the hub app's cdk.out and the outputs its deployment wrote. The hub app also
 * holds a member of its own (same app, `securityCloud: hub`), so that a hub table that leads to another member is real.
 * Each refusal is produced by changing the hub's synthesized template the way a faulty hub would be.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { connection, crossAppHubProps, DEPLOYED, hubEvidence, HubFiles, MEMBER_CODE, ofType, refusal, sha256, tag, Template } from './hub-evidence-support';
import { member } from './member-fixtures';
import { cdk, NetworkModel } from '../../src';

/** The member app, guarded with the hub's evidence; returns its synthesis and where its report goes. */
function memberApp(hub: HubFiles, evidence: { artifact?: string; outputs?: string } | null = hub, join = connection(hub.hub)) {
  const outdir = path.join(hub.dir, 'member.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Member', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(stack, 'Network', member(undefined, join, MEMBER_CODE));
  if (evidence) cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA, securityCloudHub: evidence as { artifact: string; outputs: string } });
  return { synth: () => app.synth(), report: () => JSON.parse(fs.readFileSync(path.join(outdir, 'jichitai-guard-report.Member.json'), 'utf8')) };
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
    // The hub node by its construct path, from the manifest's metadata (the additionalMetadataFile the CDK writes), as check reads it.
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ stack: 'Hub', value: DEPLOYED.transitGatewayId, node: 'Hub/SecurityCloud/TransitGateway' }));
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ value: DEPLOYED.siemBucketArn, node: 'Hub/SecurityCloud/SiemBucket' }));
    expect(record.boundAttachments).toEqual([{
      localGovernmentCode: MEMBER_CODE,
      attachmentId: DEPLOYED.memberAttachmentId,
      hubRouteTable: `Hub/SecurityCloud/MemberRouteTable-${MEMBER_CODE}`,
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

  test('a hub that also declares another member\'s attachment: that attachment leads to a member, which this one may not reach (SC-1)', () => {
    // The hub's table for the other member is labelled SECURITY_CLOUD_MEMBER: its attachment (by id, its VPC not in the
    // evidence) is a declared boundary, not a path to everywhere.
    const props = crossAppHubProps();
    const other = { localGovernmentCode: '133019', internetCidr: '10.13.0.0/16', accountId: '444455556666', attachmentId: 'tgw-attach-0bbbbbbbbbbbbbbbb' };
    const withOther = { ...props, members: [...props.members!, other] };
    expect(() => memberApp(hubEvidence(undefined, withOther)).synth()).not.toThrow();
    // The hub's table for the member under test sends the hub's first /22 (its resolvers, which the member routes to the
    // hub) to the other member's attachment instead: refused.
    const leaking = hubEvidence((t) => {
      t.Hub.Resources.Leak = {
        Type: 'AWS::EC2::TransitGatewayRoute',
        Properties: { TransitGatewayRouteTableId: { Ref: memberTable(t.Hub) }, DestinationCidrBlock: '10.200.0.0/22', TransitGatewayAttachmentId: other.attachmentId },
      };
    }, withOther);
    expect(refusal(memberApp(leaking).synth)).toMatch(/SC-1 critical .*reaches a member the hub declares in another account or app \(SECURITY_CLOUD_MEMBER: its attachment\) \(10\.200\./);
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
