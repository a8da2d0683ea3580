/**
 * A stack checked on its own answers for the connected stacks nobody guarded, as its guard does at synth (outside
 * auditor, red team 38). A cloud assembly holds App, synthesized with the guard (its report lies beside its template),
 * and Net, which nobody guarded and which App imports from: Net peers the My Number and Internet VPCs with routes both
 * ways (MN-2). `check --stack App` said "compliant" and exited 0, and App's design documents, which describe Net (their
 * scope row and parameter sheet), said MN-2 PASS.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir, writeJson } from './support';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];

/** The assembly; `guardedNet`: Net has a guard report too (its own guard answers for it). */
function assembly(guardedNet = false): string {
  const dir = tempDir('unguarded-neighbour');
  const net = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } } },
    MnA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
    InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
    Peer: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'MnVpc' }, PeerVpcId: { Ref: 'InVpc' } } },
    MnToIn: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: { Ref: 'Peer' } } },
  };
  const app = { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', VpcId: { 'Fn::ImportValue': 'NetMnVpc' } } } };
  const stacks: Record<string, { Resources: unknown; Outputs?: unknown }> = {
    Net: { Resources: net, Outputs: { MnVpcOut: { Value: { Ref: 'MnVpc' }, Export: { Name: 'NetMnVpc' } } } },
    App: { Resources: app },
  };
  const artifacts: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(stacks)) {
    writeJson(path.join(dir, `${name}.template.json`), template);
    const metadata = Object.fromEntries(Object.keys(template.Resources as object).map((id) => [`/${name}/${id}/Resource`, [{ type: 'aws:cdk:logicalId', data: id }]]));
    artifacts[name] = { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: `${name}.template.json` }, metadata, displayName: name };
  }
  writeJson(path.join(dir, 'manifest.json'), { version: '36.0.0', artifacts });
  const report = (stack: string) => writeJson(path.join(dir, `jichitai-guard-report.${stack}.json`), {
    stack, engine: 'cloudformation', model: 'ALPHA', violations: [], warnings: [], acknowledged: [],
  });
  report('App');
  if (guardedNet) report('Net');
  return dir;
}

/** The 対応表 result of a rule in a design.md (English). */
function result(md: string, rule: string): string | undefined {
  const row = md.split('\n').find((l) => l.startsWith(`| ${rule.replace('-', '\\-')} |`));
  return /\| (PASS|FAIL|WARNING|ACKNOWLEDGED)[^|]*\|/.exec(row ?? '')?.[1];
}

describe('a stack checked alone answers for the unguarded stacks connected to it', () => {
  test('check --stack App reports Net\'s MN-2 and exits 1', async () => {
    const r = await cli('check', assembly(), '--model', 'α', '--stack', 'App');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MN-2/);
  });

  test('App\'s design documents, which describe Net, say MN-2 FAIL (with and without --stack), and docs exits 1', async () => {
    const o = assembly();
    for (const extra of [['--stack', 'App'], []]) {
      const out = path.join(tempDir('unguarded-neighbour-docs'), 'docs');
      const r = await cli('docs', o, '--model', 'α', '--out-dir', out, '--format', 'md', '--language', 'en', ...extra);
      const md = fs.readFileSync(path.join(out, 'App.design.md'), 'utf8');
      expect(md).toMatch(/\| Scope \| App, Net/);
      expect(result(md, 'MN-2')).toBe('FAIL');
      expect(r.code).toBe(1);
    }
  });

  test('control: when Net was guarded itself, App answers only for its own (Net\'s guard reported its path at synth)', async () => {
    const r = await cli('check', assembly(true), '--model', 'α', '--stack', 'App');
    expect(r.stdout).not.toMatch(/MN-2/);
    expect(r.code).toBe(0);
  });
});
