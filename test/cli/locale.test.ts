/**
 * Output identical run after run, on any machine: the report's order does not follow the process's locale. Findings
 * were sorted with `localeCompare`, which follows LANG / LC_ALL (Danish collation sorts "aa" after "z"), so the same
 * input gave differently ordered reports, and different hashes, on machines with another locale (outside auditor,
 * red team 38). Each run is a process of its own, started with the locale.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transpileRepository } from '../support/transpiled';

const ROOT = path.join(__dirname, '..', '..');

/** The repository's sources and test support as JavaScript, transpiled once (test/support/transpiled.ts). */
let compiled: string | undefined;

function check(template: string, locale: string): string {
  compiled ??= transpileRepository(fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-locale-js-')), ['src', 'test/support']);
  const run = spawnSync(process.execPath, [path.join(compiled, 'test', 'support', 'run-cli.js'),
    'check', template, '--model', 'α', '--format', 'json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: locale, LC_ALL: locale },
  });
  if (run.status !== 1) throw new Error(`expected exit 1 (findings), got ${run.status}: ${run.stderr}`);
  return run.stdout;
}

test('the same input gives the same report under a Danish and an English locale', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-locale-'));
  try {
    const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];
    // Two peerings between the My Number and Internet VPCs (SEG-1 each), named so that Danish collation orders them
    // differently from code points: "aa" after "z" in Danish.
    const peering = { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'MnVpc' }, PeerVpcId: { Ref: 'InVpc' } } };
    const file = path.join(dir, 'net.json');
    fs.writeFileSync(file, JSON.stringify({
      Resources: {
        MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
        MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
        InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
        InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
        aaPeer: peering,
        zPeer: peering,
      },
    }));
    const english = check(file, 'en_US.UTF-8');
    // The test can fail for the right reason: both peerings are reported, in code-point order.
    expect(JSON.parse(english)[0].violations.filter((v: { ruleId: string }) => v.ruleId === 'SEG-1').map((v: { path: string }) => v.path)).toEqual(['aaPeer', 'zPeer']);
    expect(check(file, 'da_DK.UTF-8')).toBe(english);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
