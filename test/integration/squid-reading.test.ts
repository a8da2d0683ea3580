/**
 * The guard's squid.conf reader (breakout-controls.ts `parseSquid`) against the real Squid's own reading: `squid -k parse`
 * prints every directive it processes (`Processing: …`), and the guard must read the same directives, in order, or say
 * that it cannot tell (`unreadable`). An outside auditor (red team 38) hid directives from the guard by Squid's line
 * handling: a comment or an empty line inside a backslash continuation (Squid skips them before joining, the guard
 * joined them), an ACL name in another case (one ACL to Squid), and a line longer than Squid's read buffer (Squid reads
 * the rest as a line of its own).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSquid } from '../../src/guard/rules/breakout-controls';
import { squid } from '../support/squid';
import { requireTool } from '../support/tools';

const haveSquid = requireTool('squid', Boolean(squid), 'the squid.conf reading test needs squid (Debian package squid-openssl)');
const describeWithSquid = haveSquid ? describe : describe.skip;

/** What Squid processes of `conf`, each directive as its words, and whether it stopped on a fatal error. */
function squidReads(dir: string, name: string, conf: string): { directives: string[][]; fatal: boolean } {
  const file = path.join(dir, `${name}.conf`);
  fs.writeFileSync(file, conf);
  const run = spawnSync(squid!, ['-k', 'parse', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  const out = `${run.stdout}${run.stderr}`;
  const directives = [...out.matchAll(/\| Processing: (.*)$/gm)].map((m) => m[1].trim().split(/\s+/));
  return { directives, fatal: /FATAL/.test(out) };
}

const PAD = `acl pad dstdomain ${Array.from({ length: 400 }, (_, i) => `h${i}.pad.test`).join(' ')}`;

/** Configurations Squid accepts whose line handling the guard must follow. */
const CASES: [string, string][] = [
  ['a comment line and an empty line inside a continuation', 'acl tools dstdomain .a.test \\\n# a comment\n\n   .b.test\nhttp_access deny tools \\\n\n!all\nhttp_access deny all\n'],
  ['blanks and tabs before a directive and a continued line', '   \tacl a dstdomain .a.test \\\n\t  .c.test\n  http_access allow a\n'],
  ['a carriage return ends the line', 'acl a dstdomain .a.test\r .evil.test\nhttp_access allow a\n'],
  ['trailing blanks are dropped', 'acl a dstdomain .a.test   \t\nhttp_access deny a  \n'],
  ['ACL names in two cases are one ACL', 'acl Sign dstdomain .a.test\nacl SIGN dstdomain .b.test\nhttp_access deny sign\n'],
];

describeWithSquid('the guard reads squid.conf as Squid does (squid -k parse)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-squid-reading-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(CASES)('%s: the same directives, in order', (name, conf) => {
    const real = squidReads(dir, name.replace(/\W+/g, '-'), conf);
    expect(real.fatal).toBe(false);
    const guard = parseSquid(conf);
    expect(guard.unreadable).toBeUndefined();
    expect(guard.directives).toEqual(real.directives);
  });

  test('ACL names in two cases: the guard holds both lines under one ACL, as Squid does (it finds `sign`)', () => {
    const guard = parseSquid(CASES[4][1]);
    expect(guard.acls.get('sign')?.map((l) => l.values)).toEqual([['.a.test'], ['.b.test']]);
  });

  test('a line longer than Squid reads at once: Squid reads its end as a directive of its own; the guard says it cannot tell', () => {
    // fgets reads 8191 bytes at a time: the directive starts at the 8192nd byte of the line.
    const conf = `${PAD} ${'x'.repeat(8191 - PAD.length - 2)} ssl_bump splice all\nhttp_access deny all\n`;
    const real = squidReads(dir, 'long', conf);
    const guard = parseSquid(conf);
    // Squid's reading differs from the line as written (the test can fail for the right reason)...
    expect(real.directives.some((d) => d[0] === 'ssl_bump')).toBe(true);
    expect(real.directives).not.toEqual(guard.directives);
    // ... and the guard does not trust its own.
    expect(guard.unreadable?.en).toMatch(/longer than Squid reads at once/);
  });
});
