/**
 * The hub's generated configurations, proven with the real programs (Debian's packages): `squid -k parse` on the
 * proxy's squid.conf (as the plan has it, and as the user data writes it), `postfix check` / `postconf` on the relay's
 * files built from the members; the Internet segment's stand-in proxy's squid.conf (the same writer, for the β′ workload
 * subnets). Paths are moved into a temporary directory; nothing listens or leaves the machine.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { betaPrime } from '../../examples/blueprints';
import { Blueprint } from '../../src';
import { planOf } from '../../src/plan/cache';
import { planSecurityCloud } from '../../src/plan/security-cloud';
import { hubProps } from '../security-cloud/fixtures';
import { expectSquidAccepts, localSquidConf, squid, squidUser } from '../support/squid';
import { findExecutable, requireTool } from '../support/tools';

const sbin = (name: string) => (fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : findExecutable(name));
const postfix = sbin('postfix');
const postconf = sbin('postconf');
const postmap = sbin('postmap');
const isRoot = process.getuid?.() === 0;

const haveSquid = requireTool('squid', Boolean(squid), 'the hub proxy test needs squid (Debian package squid or squid-openssl)');
const havePostfix = requireTool('postfix', Boolean(postfix && postconf && postmap), 'the hub mail relay test needs postfix, postconf and postmap (Debian package postfix)');

const plan = planSecurityCloud(hubProps());
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });

(haveSquid ? describe : describe.skip)('the hub proxy\'s squid.conf (squid -k parse)', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-sc-squid-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** The plan's squid.conf with the instance's paths and user moved to this machine. */
  const local = (conf: string) => conf.replace(/\/var\/log\/squid\//g, `${dir}/`).replace('/run/squid.pid', `${dir}/squid.pid`)
    .replace(/^cache_effective_user proxy$/m, `cache_effective_user ${squidUser}`);

  test('the plan\'s squid.conf parses without a warning', () => {
    const file = path.join(dir, 'squid.conf');
    fs.writeFileSync(file, local(plan.proxy.squidConfig));
    expectSquidAccepts(file);
  });

  test('the squid.conf the user data writes parses too (without blocked domains as well)', () => {
    for (const p of [plan, planSecurityCloud({ ...hubProps(), proxy: { port: 3128 } })]) {
      const conf = /<<'JICHITAI_SQUID_CONF'\n([\s\S]*?)\nJICHITAI_SQUID_CONF\n/.exec(p.proxy.userData)![1];
      const file = path.join(dir, 'from-user-data.conf');
      fs.writeFileSync(file, local(`${conf}\n`));
      expectSquidAccepts(file);
    }
  });
});

(haveSquid ? describe : describe.skip)('the Internet segment\'s stand-in proxy\'s squid.conf (the hub proxy\'s for the workload subnets; squid -k parse)', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-standin-squid-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the squid.conf the β′ example\'s user data writes parses without a warning', () => {
    const proxy = planOf(Blueprint.validate(betaPrime)).standInProxy!;
    const file = path.join(dir, 'squid.conf');
    fs.writeFileSync(file, `${localSquidConf(proxy.userData, dir)}\n`);
    expectSquidAccepts(file);
    expect(localSquidConf(proxy.userData, dir)).toContain('http_access deny private_dst');
  });
});

(havePostfix ? describe : describe.skip)('the hub mail relay\'s Postfix files (postfix check, postconf)', () => {
  let base: string;
  let dirs: Record<'etc' | 'spool' | 'lib' | 'log', string>;
  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-sc-postfix-'));
    fs.chmodSync(base, 0o755);
    dirs = { etc: path.join(base, 'etc'), spool: path.join(base, 'spool'), lib: path.join(base, 'lib'), log: path.join(base, 'log') };
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { mode: 0o755 });
    if (isRoot) fs.chownSync(dirs.lib, Number(run('id', ['-u', 'postfix']).trim()), Number(run('id', ['-g', 'postfix']).trim()));
    // The instance's directories, moved here (the same files the user data writes).
    const local = (text: string) => text.replace(/\/etc\/postfix/g, dirs.etc).replace(/\/var\/spool\/postfix/g, dirs.spool)
      .replace(/\/var\/lib\/postfix/g, dirs.lib).replace(/\/var\/log/g, dirs.log);
    for (const f of plan.mailRelay.files) fs.writeFileSync(local(f.path), local(f.content), { mode: parseInt(f.mode, 8) });
    for (const map of ['relay_domains', 'transport']) run(postmap!, ['-c', dirs.etc, `hash:${dirs.etc}/${map}`]);
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  test('postfix check accepts the configuration, and postconf knows every parameter written', () => {
    run(postfix!, ['-c', dirs.etc, 'check']);
    const unknown = execFileSync('sh', ['-c', `${postconf} -c ${dirs.etc} -n 2>&1 >/dev/null`], { encoding: 'utf8' });
    expect(unknown).toBe('');
  });

  test('as Postfix reads it: the members\' networks, never an open relay, the milter failing closed, the member domains routed', () => {
    const n = Object.fromEntries(run(postconf!, ['-c', dirs.etc, '-n']).trim().split('\n').map((l) => {
      const i = l.indexOf(' = ');
      return i < 0 ? [l.replace(/ =$/, ''), ''] : [l.slice(0, i), l.slice(i + 3)];
    }));
    expect(n.mynetworks.split(', ').sort()).toEqual(hubProps().members!.map((m) => m.internetCidr).sort());
    expect(n.smtpd_relay_restrictions.split(', ').pop()).toBe('reject');
    expect(n.smtpd_milters).toBe('inet:127.0.0.1:11332');
    expect(n.milter_default_action).toBe('tempfail');
    expect(n.maillog_file).toBe(`${dirs.log}/postfix.log`);
    const q = (key: string, map: string) => {
      try {
        return run(postmap!, ['-c', dirs.etc, '-q', key, `hash:${dirs.etc}/${map}`]).trim();
      } catch {
        return undefined;
      }
    };
    expect(q('city-a.example.lg.jp', 'transport')).toBe('relay:[10.11.0.25]:25');
    expect(q('.town-b.example.lg.jp', 'transport')).toBe('relay:[10.12.1.25]:25');
    expect(q('town-b.example.lg.jp', 'relay_domains')).toBe('OK');
    expect(q('example.lg.jp', 'relay_domains')).toBeUndefined();
  });
});
