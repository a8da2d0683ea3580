/**
 * aws-cdk-lib writes a stack's `aws:cdk:acknowledged-rules` metadata under the stack's own construct path. A manifest
 * edited by hand could record, in stack B's metadata, an acknowledgement keyed `/` or with a construct path of stack A,
 * which then accepted A's finding (outside auditor, red team 38): such an entry is refused as unusable input (exit 2).
 */
import * as path from 'path';
import { cli, tempDir, writeJson } from './support';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];
const REASON = 'The peering carries no route; it is kept for a migration window agreed with the auditor.';

/** Stack A peers a My Number and an Internet VPC without routes (SEG-1, an error); stack B records `key` → an acknowledgement of SEG-1. */
function assembly(key: string): string {
  const dir = tempDir('ack-scope');
  const a = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
    InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
    Peer: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'MnVpc' }, PeerVpcId: { Ref: 'InVpc' } } },
  };
  const b = { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } };
  const artifacts: Record<string, unknown> = {};
  for (const [name, resources] of Object.entries({ A: a, B: b })) {
    writeJson(path.join(dir, `${name}.template.json`), { Resources: resources });
    const metadata: Record<string, unknown[]> = Object.fromEntries(Object.keys(resources).map((id) => [`/${name}/${id}/Resource`, [{ type: 'aws:cdk:logicalId', data: id }]]));
    if (name === 'B') (metadata[key] ??= []).push({ type: 'aws:cdk:acknowledged-rules', data: { 'jichitai-guard::SEG-1': REASON } });
    if (name === 'A' && key.startsWith('/A')) delete metadata[key];
    artifacts[name] = { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: `${name}.template.json` }, metadata, displayName: name };
  }
  writeJson(path.join(dir, 'manifest.json'), { version: '36.0.0', artifacts });
  return dir;
}

describe('an acknowledgement recorded outside the stack\'s own constructs', () => {
  test.each(['/', '/A/Peer'])('stack B\'s metadata keyed %s is refused (exit 2), naming the stack', async (key) => {
    const r = await cli('check', assembly(key), '--model', 'α');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot acknowledge for stack B: the acknowledgement is recorded outside the stack's constructs \(\/B\)/);
  });

  test('control: recorded on B\'s own construct, it is accepted, and A\'s SEG-1 still refuses (exit 1)', async () => {
    const r = await cli('check', assembly('/B/Topic'), '--model', 'α');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SEG-1/);
  });
});
