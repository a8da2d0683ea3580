/**
 * The generated Squid configuration, proven with the real Squid (Debian's squid-openssl): every variant parses,
 * and a loopback run shows the tenant header injected and a forged copy removed, the allow-list enforced, and
 * undeclared ports and foreign clients refused. Nothing leaves 127.0.0.0/8: the catalogue's hostnames resolve to
 * 127.0.0.1 through a test hosts file, Squid's DNS points at 127.0.0.1, and the "cloud service" is a local
 * HTTPS origin with its own throwaway CA.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase, BreakoutServiceProps, CloudServiceCatalogue, EntraTenantRestrictionVersion } from '../../src';
import { renderSquidConfig, SquidConfigInput } from '../../src/plan/squid';
import { exampleTemplate } from '../cdk/synth-cache';
import { findExecutable, requireTool } from '../support/tools';

const squid = findExecutable('squid', ['/usr/sbin/squid']);
const certgen = ['/usr/lib/squid/security_file_certgen', '/usr/lib64/squid/security_file_certgen'].find((p) => fs.existsSync(p));
const openssl = findExecutable('openssl');
const haveTools = requireTool('squid', Boolean(squid && certgen && openssl),
  'the Squid proxy tests need squid and security_file_certgen (Debian package squid-openssl) and openssl');
const describeWithSquid = haveTools ? describe : describe.skip;

const isRoot = process.getuid?.() === 0;
// Squid refuses to keep root privileges; Debian's package runs it as "proxy".
const squidUser = isRoot ? 'proxy' : os.userInfo().username;

const TENANT_HOST = 'login.microsoftonline.com';
const SPLICED_HOST = 'definitionupdates.microsoft.com';
const UNLISTED_HOST = 'files.example.net';
const HOSTS = [TENANT_HOST, SPLICED_HOST, UNLISTED_HOST, 'login.live.com'];
const CONFIGURED = `${alphaPrime.breakout!.services[0].tenantIds![0]}:${alphaPrime.breakout!.services[0].policyId}`;

function sh(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: 'pipe', timeout: 30_000 });
}

function makeCa(dir: string, name: string): void {
  sh(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2',
    '-subj', `/CN=jichitai-test-${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
}

function squidInput(dir: string, extra: Partial<SquidConfigInput>): SquidConfigInput {
  return {
    services: alphaPrime.breakout!.services,
    alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,
    clientCidrs: ['127.0.0.1/32'],
    caCertPath: path.join(dir, 'bump-ca.pem'),
    caKeyPath: path.join(dir, 'bump-ca.key'),
    certgenProgram: certgen,
    sslDbPath: path.join(dir, 'ssl_db'),
    accessLogPath: path.join(dir, 'access.log'),
    cacheLogPath: path.join(dir, 'cache.log'),
    pidFile: path.join(dir, 'squid.pid'),
    effectiveUser: squidUser,
    hostsFile: path.join(dir, 'hosts'),
    dnsNameservers: ['127.0.0.1'],
    originCaFile: path.join(dir, 'origin-ca.pem'),
    ...extra,
  };
}

/** `squid -k parse` exits 0 and reports nothing wrong (Squid writes its diagnostics to stderr). */
function expectSquidAccepts(file: string): void {
  const result = spawnSync(squid!, ['-k', 'parse', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect(output).toContain('Processing Configuration File');
  expect(output.split('\n').filter((l) => /ERROR|FATAL|WARNING|unrecognized|Bungled/i.test(l))).toEqual([]);
  expect(result.status).toBe(0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Exchange { status: number; issuer?: string; body?: string }

/** CONNECT through the proxy, then (if allowed) TLS with SNI and one HTTP request. */
interface ViaProxyOptions { ca: Buffer[]; path?: string; localAddress?: string; headers?: Record<string, string>; sni?: string }

function viaProxy(proxyPort: number, host: string, port: number, opts: ViaProxyOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout talking to ${host}:${port} through the proxy`)), 15_000);
    const req = http.request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: `${host}:${port}`, localAddress: opts.localAddress });
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: res.statusCode ?? 0 });
        return;
      }
      const secure = tls.connect({ socket, servername: opts.sni ?? host, ca: opts.ca }, () => {
        // A certificate field may repeat (string[]); ours have one CN each.
        const cn = secure.getPeerCertificate().issuer?.CN;
        const issuer = Array.isArray(cn) ? cn.join(',') : cn;
        // Host names the port as browsers do for a non-default port; Squid pins the bumped request to it.
        const headers = Object.entries({ Host: `${host}:${port}`, Connection: 'close', ...opts.headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
        secure.write(`GET ${opts.path ?? '/'} HTTP/1.1\r\n${headers}\r\n`);
        let raw = '';
        secure.on('data', (d) => { raw += d.toString(); });
        secure.on('end', () => {
          clearTimeout(timer);
          const [head, ...rest] = raw.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), issuer, body: rest.join('\r\n\r\n') });
        });
      });
      secure.on('error', (e) => { clearTimeout(timer); reject(e); });
    });
    req.end();
  });
}

describeWithSquid('Squid accepts every generated configuration (squid -k parse)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-squid-parse-'));
    makeCa(dir, 'bump-ca');
    makeCa(dir, 'origin-ca');
    fs.writeFileSync(path.join(dir, 'hosts'), '127.0.0.1 localhost\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const everyTenantService: BreakoutServiceProps[] = [
    { service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: ['11111111-1111-4111-8111-111111111111'], policyId: '22222222-2222-4222-8222-222222222222' },
    { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK },
    { service: CloudServiceCatalogue.GOOGLE_WORKSPACE, tenantIds: ['city.example.lg.jp'] },
    { service: CloudServiceCatalogue.WEBEX, tenantIds: ['city.example.lg.jp'] },
    { service: CloudServiceCatalogue.SLACK, tenantIds: ['T0001', 'E0002'] },
    { service: CloudServiceCatalogue.DROPBOX, tenantIds: ['12345'] },
    { service: CloudServiceCatalogue.GITHUB, tenantIds: ['city-enterprise'] },
    { service: CloudServiceCatalogue.ZOOM },
    { service: CloudServiceCatalogue.BOX },
    { service: CloudServiceCatalogue.WINDOWS_UPDATE },
    { service: CloudServiceCatalogue.TREND_MICRO_ACTIVE_UPDATE },
  ];
  const variants: [string, Partial<SquidConfigInput>][] = [
    ['reference α′ example (case イ)', {}],
    ['case ア: updates only', { alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES, services: [{ service: CloudServiceCatalogue.WINDOWS_UPDATE }, { service: CloudServiceCatalogue.MICROSOFT_DEFENDER_DEFINITIONS }] }],
    ['case イ: every tenant scheme', { services: everyTenantService }],
    ['case ウ: every tenant scheme, extra ports', { alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION, services: everyTenantService, extraConnectPorts: [8443, 9443] }],
    ['case イ: Entra v1', {
      services: [{ service: CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1), tenantIds: ['contoso.example', 'fabrikam.example'] }],
    }],
  ];
  test.each(variants)('%s', (_, extra) => {
    const file = path.join(dir, 'squid.conf');
    fs.writeFileSync(file, renderSquidConfig(squidInput(dir, extra)));
    expectSquidAccepts(file);
  });

  test('the synthesized α′ example\'s boot script: bash accepts it, and the squid.conf it writes parses', () => {
    const template = exampleTemplate('alpha-prime');
    const launchTemplate = Object.values(template.findResources('AWS::EC2::LaunchTemplate'))[0] as any;
    const script: string = launchTemplate.Properties.LaunchTemplateData.UserData['Fn::Base64'];
    const scriptFile = path.join(dir, 'boot.sh');
    fs.writeFileSync(scriptFile, script);
    execFileSync('bash', ['-n', scriptFile], { stdio: 'pipe' });

    const conf = /<<'JICHITAI_SQUID_CONF'\n([\s\S]*?)\nJICHITAI_SQUID_CONF\n/.exec(script)?.[1];
    expect(conf).toMatch(/^# Generated by jichitai-network/);
    // Amazon Linux 2023 paths → this machine's, so that Debian's Squid can load the CA and find the helper.
    const local = conf!
      .replace('/etc/squid/ssl/ca.pem', path.join(dir, 'bump-ca.pem'))
      .replace('/etc/squid/ssl/ca.key', path.join(dir, 'bump-ca.key'))
      .replace('/usr/lib64/squid/security_file_certgen', certgen!)
      .replace(/\/var\/lib\/squid\/ssl_db/g, path.join(dir, 'ssl_db'))
      .replace(/\/var\/log\/squid\//g, `${dir}/`)
      .replace('/run/squid.pid', path.join(dir, 'squid.pid'))
      .replace(/^cache_effective_user squid$/m, `cache_effective_user ${squidUser}`);
    const file = path.join(dir, 'from-user-data.conf');
    fs.writeFileSync(file, `${local}\n`);
    expectSquidAccepts(file);
  });
});

describeWithSquid('the proxy on loopback', () => {
  let dir: string;
  let proxy: ChildProcess | undefined;
  let proxyPort: number;
  let originPort: number;
  let undeclaredPort: number;
  const servers: https.Server[] = [];
  let bumpCa: Buffer;
  let originCa: Buffer;
  let proxyLog = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-squid-run-'));
    fs.chmodSync(dir, 0o755);
    makeCa(dir, 'bump-ca');
    makeCa(dir, 'origin-ca');
    // The "cloud service": one certificate for every test host, signed by the origin CA.
    fs.writeFileSync(path.join(dir, 'origin.ext'), `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}\n`);
    sh(openssl!, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'origin.key', '-out', 'origin.csr', '-subj', '/CN=jichitai-test-origin'], dir);
    sh(openssl!, ['x509', '-req', '-in', 'origin.csr', '-CA', 'origin-ca.pem', '-CAkey', 'origin-ca.key', '-CAcreateserial',
      '-out', 'origin.pem', '-days', '2', '-extfile', 'origin.ext'], dir);
    bumpCa = fs.readFileSync(path.join(dir, 'bump-ca.pem'));
    originCa = fs.readFileSync(path.join(dir, 'origin-ca.pem'));
    fs.writeFileSync(path.join(dir, 'hosts'), `127.0.0.1 localhost ${HOSTS.join(' ')}\n`);

    // The origin echoes the request headers it received; /download answers like a file download.
    const origin = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === '/download') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="minutes.docx"', 'Content-Length': 4 });
        res.end('file');
        return;
      }
      const body = JSON.stringify(req.rawHeaders);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const tlsOptions = { key: fs.readFileSync(path.join(dir, 'origin.key')), cert: fs.readFileSync(path.join(dir, 'origin.pem')) };
    for (let i = 0; i < 2; i++) {
      const server = https.createServer(tlsOptions, origin);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    originPort = (servers[0].address() as AddressInfo).port;
    undeclaredPort = (servers[1].address() as AddressInfo).port;

    proxyPort = await freePort();
    sh(certgen!, ['-c', '-s', path.join(dir, 'ssl_db'), '-M', '4MB'], dir);
    const conf = path.join(dir, 'squid.conf');
    // Only the origin's port is declared besides 443; the second origin stands for an undeclared port.
    fs.writeFileSync(conf, renderSquidConfig(squidInput(dir, { httpPort: proxyPort, extraConnectPorts: [originPort] })));
    if (isRoot) sh('chown', ['-R', `${squidUser}:`, dir], dir);

    proxy = spawn(squid!, ['-N', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stdout!.on('data', (d) => { proxyLog += d; });
    proxy.stderr!.on('data', (d) => { proxyLog += d; });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const r = http.request({ host: '127.0.0.1', port: proxyPort, method: 'HEAD', path: 'http://localhost/' }, () => resolve(true));
        r.on('error', () => resolve(false));
        r.end();
      });
      if (up) break;
      if (Date.now() > deadline || proxy.exitCode !== null) {
        throw new Error(`Squid did not start:\n${proxyLog}\n${fs.existsSync(path.join(dir, 'cache.log')) ? fs.readFileSync(path.join(dir, 'cache.log'), 'utf8') : ''}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      proxy.kill('SIGTERM');
      await new Promise((r) => { const t = setTimeout(() => { proxy!.kill('SIGKILL'); r(undefined); }, 5_000); proxy!.on('exit', () => { clearTimeout(t); r(undefined); }); });
    }
    for (const s of servers) s.close();
    if (!process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('allow-listed tenant host: bumped, the configured tenant header reaches the origin and the forged copy does not (AP-3)', async () => {
    const r = await viaProxy(proxyPort, TENANT_HOST, originPort, { ca: [bumpCa], headers: { 'sec-Restrict-Tenant-Access-Policy': 'forged:attacker' } });
    // On failure, Squid's error page (ERR_...) says why.
    expect({ status: r.status, error: r.status === 200 ? '' : /ERR_[A-Z_]+|<p>[^<]*<\/p>/g.exec(r.body ?? '')?.join(' ') }).toEqual({ status: 200, error: '' });
    expect(r.issuer).toBe('jichitai-test-bump-ca');
    const raw: string[] = JSON.parse(r.body!);
    // rawHeaders alternates name, value: collect every value the origin received for the tenant header.
    const values = raw.flatMap((v, i) => (i % 2 === 0 && v.toLowerCase() === 'sec-restrict-tenant-access-policy' ? [raw[i + 1]] : []));
    expect(values).toEqual([CONFIGURED]);
  });

  test('allow-listed host without tenant restriction: spliced, the origin\'s own certificate reaches the client', async () => {
    const r = await viaProxy(proxyPort, SPLICED_HOST, originPort, { ca: [originCa], headers: { 'X-Probe': 'untouched' } });
    expect(r.status).toBe(200);
    expect(r.issuer).toBe('jichitai-test-origin-ca');
    expect(JSON.parse(r.body!)).toEqual(expect.arrayContaining(['X-Probe', 'untouched']));
  });

  test('a host that is not allow-listed is refused (AP-1)', async () => {
    expect((await viaProxy(proxyPort, UNLISTED_HOST, originPort, { ca: [bumpCa] })).status).toBe(403);
  });

  test('a tunnel to an allow-listed host carrying the TLS SNI of another host is terminated (AP-1)', async () => {
    await expect(viaProxy(proxyPort, SPLICED_HOST, originPort, { ca: [originCa], sni: UNLISTED_HOST }))
      .rejects.toThrow(/socket|ECONNRESET|disconnected|alert|EPROTO|TLS/i);
  });

  test('CONNECT to a port that was not declared is refused, even to an allow-listed host (AP-5)', async () => {
    expect((await viaProxy(proxyPort, TENANT_HOST, undeclaredPort, { ca: [bumpCa] })).status).toBe(403);
  });

  test('case イ: a file download from a communication tool is refused (AP-6)', async () => {
    const r = await viaProxy(proxyPort, TENANT_HOST, originPort, { ca: [bumpCa], path: '/download' });
    expect(r.status).toBe(403);
  });

  test('a client outside clientCidrs is refused: not an open proxy', async () => {
    expect((await viaProxy(proxyPort, TENANT_HOST, originPort, { ca: [bumpCa], localAddress: '127.0.0.2' })).status).toBe(403);
  });

  test('the access log has one SIEM-friendly key=value line per request', () => {
    const log = fs.readFileSync(path.join(dir, 'access.log'), 'utf8');
    expect(log).toMatch(new RegExp(`^ts=\\d+\\.\\d{3} client=127\\.0\\.0\\.1 method=CONNECT url=${TENANT_HOST.replace(/\./g, '\\.')}:${originPort} sni=${TENANT_HOST.replace(/\./g, '\\.')} status=200 `, 'm'));
    expect(log).toMatch(/ bump=bump /);
    expect(log).toMatch(/ bump=splice /);
    expect(log).toMatch(/ status=403 /);
  });
});
