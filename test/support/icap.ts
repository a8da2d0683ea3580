/**
 * Debian's c-icap with its echo service on loopback, for the real-Squid tests of ICAP adaptation
 * (test/integration/icap.test.ts, squid-judgment.test.ts): its own configuration, pid, socket and logs in a temporary
 * directory (no system service involved), and an access log of one line per ICAP transaction.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { isRoot, squidUser } from './squid';
import { findExecutable } from './tools';

export const cIcap = findExecutable('c-icap', ['/usr/bin/c-icap']);
/** Debian installs c-icap's services under the multiarch library directory (/usr/lib/<triplet>/c_icap). */
export const cIcapModules = ['/usr/lib', '/usr/lib64', '/usr/local/lib']
  .flatMap((base) => (fs.existsSync(base) ? [base, ...fs.readdirSync(base).map((d) => path.join(base, d))] : []))
  .map((d) => path.join(d, 'c_icap')).find((d) => fs.existsSync(path.join(d, 'srv_echo.so')));

/** A running c-icap: its process group and what it printed. */
export interface RunningIcap {
  readonly process: ChildProcess;
  readonly output: () => string;
}

/**
 * Start c-icap on 127.0.0.1:port with the echo service (and `extra` configuration lines: aliases of it) and wait until
 * it listens. Its access log, dir/icap-access.log, has a line "<ICAP method> <ICAP status> <service> <HTTP URL>" per
 * transaction (c-icap.conf LogFormat codes %im %is %iu %huo).
 */
export async function startIcap(dir: string, port: number, extra: readonly string[] = []): Promise<RunningIcap> {
  const conf = path.join(dir, 'c-icap.conf');
  fs.writeFileSync(conf, [
    `PidFile ${dir}/c-icap.pid`,
    `CommandsSocket ${dir}/c-icap.ctl`,
    'Timeout 30',
    'StartServers 1',
    // One server process: the echo service's alternation (adapted, then 204) then follows the order of the requests.
    'MaxServers 1',
    'MinSpareThreads 2',
    'MaxSpareThreads 4',
    'ThreadsPerChild 4',
    `Port 127.0.0.1:${port}`,
    ...(isRoot ? [`User ${squidUser}`, `Group ${squidUser}`] : []),
    `TmpDir ${dir}`,
    `ModulesDir ${cIcapModules}`,
    `ServicesDir ${cIcapModules}`,
    `ServerLog ${dir}/icap-server.log`,
    'LogFormat jichitai "%im %is %iu %huo"',
    `AccessLog ${dir}/icap-access.log jichitai`,
    'Service echo srv_echo.so',
    ...extra,
    '',
  ].join('\n'));
  // Its own process group: c-icap forks its servers, and stopping it must stop them too (they hold the port).
  const proc = spawn(cIcap!, ['-N', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  proc.stdout!.on('data', (d) => { log += d; });
  proc.stderr!.on('data', (d) => { log += d; });
  const deadline = Date.now() + 15_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`c-icap did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { process: proc, output: () => log };
}

/** The lines of c-icap's access log in `dir` (none yet: empty). */
export function icapAccessLog(dir: string): string {
  const file = path.join(dir, 'icap-access.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Stop a process group this test started (c-icap and the servers it forked) and wait until nothing listens on `port`. */
export async function stopGroup(proc: ChildProcess | undefined, port: number): Promise<void> {
  if (!proc?.pid) return;
  const signal = (s: NodeJS.Signals) => { try { process.kill(-proc.pid!, s); } catch { /* already gone */ } };
  signal('SIGTERM');
  // c-icap lets its servers finish for several seconds after SIGTERM; a test's sanitizer may just die.
  const deadline = Date.now() + 2_000;
  while (await listening(port)) {
    if (Date.now() > deadline) signal('SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}
