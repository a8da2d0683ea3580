/**
 * What the real-Squid integration tests share (test/integration/squid.test.ts, icap.test.ts): Debian's squid-openssl
 * and its certificate helper, throwaway CAs and an origin certificate, the generated configuration pointed at a
 * temporary directory, Squid started and stopped on loopback, and a client that talks through the proxy (CONNECT, TLS
 * with SNI, one HTTP request).
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { findExecutable } from './tools';
import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase } from '../../src';
import { SquidConfigInput } from '../../src/plan/squid';

export const squid = findExecutable('squid', ['/usr/sbin/squid']);
export const certgen = ['/usr/lib/squid/security_file_certgen', '/usr/lib64/squid/security_file_certgen'].find((p) => fs.existsSync(p));
export const openssl = findExecutable('openssl');

export const isRoot = process.getuid?.() === 0;
// Squid refuses to keep root privileges; Debian's package runs it as "proxy".
export const squidUser = isRoot ? 'proxy' : os.userInfo().username;

export function sh(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: 'pipe', timeout: 30_000 });
}

export function makeCa(dir: string, name: string): void {
  sh(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2',
    '-subj', `/CN=jichitai-test-${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
}

/** The "cloud service"'s certificate (origin.pem / origin.key) for `hosts`, signed by origin-ca; and a hosts file mapping them to 127.0.0.1. */
export function makeOrigin(dir: string, hosts: readonly string[]): void {
  fs.writeFileSync(path.join(dir, 'origin.ext'), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}\n`);
  sh(openssl!, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'origin.key', '-out', 'origin.csr', '-subj', '/CN=jichitai-test-origin'], dir);
  sh(openssl!, ['x509', '-req', '-in', 'origin.csr', '-CA', 'origin-ca.pem', '-CAkey', 'origin-ca.key', '-CAcreateserial',
    '-out', 'origin.pem', '-days', '2', '-extfile', 'origin.ext'], dir);
  fs.writeFileSync(path.join(dir, 'hosts'), `127.0.0.1 localhost ${hosts.join(' ')}\n`);
}

/** The generator's input with every path in `dir` and loopback clients, DNS and hosts file (the α′ example's services). */
export function squidInput(dir: string, extra: Partial<SquidConfigInput>): SquidConfigInput {
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

/** The squid.conf of a synthesized boot script, with Amazon Linux 2023 paths changed to this machine's and `dir`. */
export function localSquidConf(script: string, dir: string): string {
  const conf = /<<'JICHITAI_SQUID_CONF'\n([\s\S]*?)\nJICHITAI_SQUID_CONF\n/.exec(script)?.[1];
  if (!conf) throw new Error('test setup: no squid.conf heredoc in the boot script');
  return localizeSquidConf(conf, dir);
}

/** A generated squid.conf with Amazon Linux 2023 paths changed to this machine's and `dir`. */
export function localizeSquidConf(conf: string, dir: string): string {
  return conf
    .replace('/etc/squid/ssl/ca.pem', path.join(dir, 'bump-ca.pem'))
    .replace('/etc/squid/ssl/ca.key', path.join(dir, 'bump-ca.key'))
    .replace('/usr/lib64/squid/security_file_certgen', certgen!)
    .replace(/\/var\/lib\/squid\/ssl_db/g, path.join(dir, 'ssl_db'))
    .replace(/\/var\/log\/squid\//g, `${dir}/`)
    .replace('/run/squid.pid', path.join(dir, 'squid.pid'))
    .replace(/^cache_effective_user squid$/m, `cache_effective_user ${squidUser}`);
}

/** `squid -k parse` exits 0 and reports nothing wrong (Squid writes its diagnostics to stderr). */
export function expectSquidAccepts(file: string): void {
  const result = spawnSync(squid!, ['-k', 'parse', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect(output).toContain('Processing Configuration File');
  // "Processing: <directive>" lines echo the configuration (e.g. sslproxy_cert_error); only Squid's own diagnostics count.
  expect(output.split('\n').filter((l) => !/\| Processing: /.test(l) && /ERROR|FATAL|WARNING|unrecognized|Bungled/i.test(l))).toEqual([]);
  expect(result.status).toBe(0);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A running Squid and what it printed. */
export interface RunningSquid {
  readonly process: ChildProcess;
  readonly output: () => string;
}

/** Start Squid in the foreground on `conf` (certificate database in dir/ssl_db) and wait until it answers on `port`. */
export async function startSquid(dir: string, conf: string, port: number): Promise<RunningSquid> {
  sh(certgen!, ['-c', '-s', path.join(dir, 'ssl_db'), '-M', '4MB'], dir);
  if (isRoot) sh('chown', ['-R', `${squidUser}:`, dir], dir);
  const proc = spawn(squid!, ['-N', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout!.on('data', (d) => { log += d; });
  proc.stderr!.on('data', (d) => { log += d; });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const r = http.request({ host: '127.0.0.1', port, method: 'HEAD', path: 'http://localhost/' }, () => resolve(true));
      r.on('error', () => resolve(false));
      r.end();
    });
    if (up) break;
    if (Date.now() > deadline || proc.exitCode !== null) {
      throw new Error(`Squid did not start:\n${log}\n${fs.existsSync(path.join(dir, 'cache.log')) ? fs.readFileSync(path.join(dir, 'cache.log'), 'utf8') : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { process: proc, output: () => log };
}

/** Stop a process this test started (SIGTERM, then SIGKILL after 5 s). */
export async function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise((resolve) => {
    const t = setTimeout(() => { proc.kill('SIGKILL'); }, 5_000);
    proc.on('exit', () => { clearTimeout(t); resolve(undefined); });
    proc.kill('SIGTERM');
  });
}

export interface Exchange {
  status: number;
  issuer?: string;
  /** The response header block (status line and fields). */
  head?: string;
  body?: string;
}

/** CONNECT through the proxy, then (if allowed) TLS with SNI and one HTTP request. */
export interface ViaProxyOptions { ca: Buffer[]; path?: string; localAddress?: string; headers?: Record<string, string>; sni?: string }

export function viaProxy(proxyPort: number, host: string, port: number, opts: ViaProxyOptions): Promise<Exchange> {
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
          resolve({ status: Number(head.split(' ')[1]), issuer, head, body: rest.join('\r\n\r\n') });
        });
      });
      secure.on('error', (e) => { clearTimeout(timer); reject(e); });
    });
    req.end();
  });
}
