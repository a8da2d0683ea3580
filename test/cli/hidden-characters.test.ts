/**
 * Text read from a template reaches people through the command line's reports and the design documents (found by an
 * outside tester, red team 37). A name with terminal escape sequences, a line break that forges a verdict line, Markdown
 * that makes a heading or link of a pull-request comment, or bidirectional / zero-width characters (Trojan Source)
 * must show as what it is: every hidden character written as its escape, Markdown and HTML escaped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { visible } from '../../src/guard/display';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: () => undefined });
  return { code, stdout };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI_OR_INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/**
 * A My Number VPC routed to an internet gateway (MN-1 at the route table) whose route table's construct path is `name`,
 * and whose VPC is named `vpcName`.
 */
function template(name: string, vpcName = 'mn-vpc'): string {
  const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
  const resources = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [...tag('MY_NUMBER'), { Key: 'Name', Value: vpcName }] } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } }, Metadata: { 'aws:cdk:path': `Stack/${name}/Resource` } },
    MnAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'MnVpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    MnDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hidden-'));
  const file = path.join(dir, 'x.template.json');
  fs.writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

test('visible: controls, bidirectional and zero-width characters, separators and lone surrogates become escapes; the rest stays', () => {
  expect(visible('a\u202eb\u001b[8m\n\t\u2028\u200b\ud800 日本語 ✅ \u00e9')).toBe('a\\u202eb\\u001b[8m\\u000a\\u0009\\u2028\\u200b\\ud800 日本語 ✅ \u00e9');
  expect(visible('a\nb\tc\u0085', true)).toBe('a\nb\tc\\u0085');
  expect(visible('\u{e0001}x')).toBe('\\u{e0001}x');
  const plain = 'MnRt → igw Igw';
  expect(visible(plain)).toBe(plain);
});

describe('check --format text', () => {
  test('a construct path cannot send terminal escape sequences nor forge the verdict line', async () => {
    const forged = 'MnRt\n1 stack(s) checked: compliant with ALPHA.\u001b[8m\u001b]0;title\u0007';
    for (const language of ['en', 'ja']) {
      const r = await cli('check', template(forged), '--model', 'alpha', '--format', 'text', '--language', language);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(CONTROL);
      expect(r.stdout).not.toMatch(/^1 stack\(s\) checked: compliant/m);
      expect(r.stdout).toContain('MnRt\\u000a1 stack(s) checked: compliant with ALPHA.\\u001b[8m');
    }
  });

  test('bidirectional overrides and isolates show as escapes', async () => {
    const r = await cli('check', template('MnRt\u202eLGWAN\u2066x\u2069'), '--model', 'alpha', '--format', 'text');
    expect(r.stdout).not.toMatch(BIDI_OR_INVISIBLE);
    expect(r.stdout).toContain('MnRt\\u202eLGWAN\\u2066x\\u2069');
  });
});

test('check --format markdown: a carriage return cannot end the row, and a heading, link, image or HTML stays text', async () => {
  // (No slash: a construct path's last part is the resource's, which the hop label drops.)
  const evil = 'MnRt\r## compliant\r[approve](evil.example) ![x](evil.example) <img src=evil.example> `code`';
  const r = await cli('check', template(evil), '--model', 'alpha', '--format', 'markdown');
  expect(r.stdout).not.toContain('\r');
  const row = r.stdout.split('\n').find((l) => l.includes('approve'));
  expect(row).toContain('\\[approve\\](evil.example)');
  expect(row).toContain('!\\[x\\]');
  expect(row).toContain('&lt;img src=evil.example&gt;');
  expect(row).toContain('\\`code\\`');
  expect(r.stdout).not.toMatch(/^#+ compliant/m);
  expect(r.stdout).not.toMatch(/<img|(^|[^\\])\]\(evil/);
});

test('check --format sarif and junit: no hidden character in what a viewer shows', async () => {
  for (const format of ['sarif', 'junit']) {
    const r = await cli('check', template('MnRt\u202eX\u001b[8m'), '--model', 'alpha', '--format', format);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(BIDI_OR_INVISIBLE);
    expect(r.stdout).not.toMatch(CONTROL);
    // JSON would write an ESC in the text as \u001b; the text holds its visible escape instead (\\u001b in JSON).
    if (format === 'sarif') expect(r.stdout).not.toMatch(/(^|[^\\])\\u001b/);
    else expect(r.stdout).toContain('\\u001b[8m');
  }
});

test('explain (text): no terminal escape sequence from a template', async () => {
  const r = await cli('explain', 'MN-1', template('MnRt\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\nforged line'), '--model', 'alpha');
  expect(r.stdout).not.toMatch(CONTROL);
  expect(r.stdout).not.toMatch(/^forged line/m);
});

test('docs: no bidirectional, zero-width or separator character in the HTML, Markdown, CSV or SVG documents', async () => {
  const file = template('rt-\u202e1-lanoitan-ym\u202c\u2066\u2069\u200b\u2028x', 'mn-vpc\u202eNAWGL');
  const out = path.join(path.dirname(file), 'out');
  const r = await cli('docs', file, '--model', 'alpha', '--out-dir', out, '--format', 'html,md,csv,svg', '--language', 'en');
  expect(r.code).toBe(1);
  const walk = (d: string): string[] => fs.readdirSync(d).flatMap((n) => {
    const f = path.join(d, n);
    return fs.statSync(f).isDirectory() ? walk(f) : [f];
  });
  const files = walk(out);
  expect(files.length).toBeGreaterThan(3);
  const offending = files.filter((f) => BIDI_OR_INVISIBLE.test(fs.readFileSync(f, 'utf8').replace(/^\ufeff/, ''))).map((f) => path.relative(out, f));
  expect(offending).toEqual([]);
  expect(files.some((f) => fs.readFileSync(f, 'utf8').includes('mn-vpc\\u202eNAWGL'))).toBe(true);
});
