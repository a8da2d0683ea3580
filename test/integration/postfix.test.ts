/**
 * The generated mail relay configuration (src/plan/mail-relay.ts), proven with the real Postfix (Debian's package):
 * `postfix check` accepts every variant and `postconf -n` / `postconf -M` read back what Postfix understood; then a
 * relay runs on loopback with its own configuration, queue and data directories, and is spoken to over SMTP from Node.
 * A tiny SMTP sink stands in for a member's mail server and a tiny milter for the spam / malware filter. Nothing leaves
 * 127.0.0.0/8: mail to other domains is only ever accepted or refused, never delivered.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { MailFilterKind, mailRelayConfig, MailRelayProps, MailRelayTlsPolicy } from '../../src/plan/mail-relay';
import { findExecutable, requireTool } from '../support/tools';

const sbin = (name: string) => (fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : findExecutable(name));
const postfix = sbin('postfix');
const postconf = sbin('postconf');
const postmap = sbin('postmap');
const openssl = findExecutable('openssl');
const isRoot = process.getuid?.() === 0;

const haveTools = requireTool('postfix', Boolean(postfix && postconf && postmap && openssl),
  'the mail relay tests need postfix, postconf and postmap (Debian package postfix) and openssl');
// Postfix's master runs as root and drops to the "postfix" user; its queue must be root's and its data directory postfix's.
const canRun = haveTools && requireTool('root privileges', isRoot, 'Postfix\'s master process must start as root (the daemon test)');
const describeWithPostfix = haveTools ? describe : describe.skip;
const describeRunning = canRun ? describe : describe.skip;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });
}

/** A test layout: etc (configuration, root's), spool (queue, root's), lib (data, postfix's), log. */
function layout(prefix: string): { base: string; etc: string; spool: string; lib: string; log: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(base, 0o755);
  const dirs = { base, etc: path.join(base, 'etc'), spool: path.join(base, 'spool'), lib: path.join(base, 'lib'), log: path.join(base, 'log') };
  for (const d of [dirs.etc, dirs.spool, dirs.lib, dirs.log]) fs.mkdirSync(d, { mode: 0o755 });
  if (isRoot) fs.chownSync(dirs.lib, Number(run('id', ['-u', 'postfix']).trim()), Number(run('id', ['-g', 'postfix']).trim()));
  return dirs;
}

/** Write the generated files and run the generated activation commands, except the systemd restart. */
function install(props: MailRelayProps): void {
  const config = mailRelayConfig(props);
  for (const file of config.files) fs.writeFileSync(file.path, file.content, { mode: parseInt(file.mode, 8) });
  const commands = config.activateCommands.filter((c) => !c.startsWith('systemctl '));
  expect(commands.map((c) => c.split(' ')[0])).toEqual(['postmap', 'postmap', 'postfix']);
  // The commands are plain words (paths validated by the generator): run them without a shell.
  for (const command of commands) {
    const [cmd, ...args] = command.split(' ');
    run(sbin(cmd)!, args);
  }
}

const base = (dirs: ReturnType<typeof layout>, extra: Partial<MailRelayProps> = {}): MailRelayProps => ({
  hostname: 'relay.pref-sc.example.lg.jp',
  members: [
    { name: 'city-a', domains: ['city-a.example.lg.jp', '*.city-a.example.lg.jp'], mailServer: 'mail.city-a.example.lg.jp', senderCidrs: ['10.1.0.0/24'] },
    { name: 'town-b', domains: ['town-b.example.lg.jp'], mailServer: '10.2.0.25', mailServerPort: 587, senderCidrs: ['10.2.0.0/24', '10.2.1.0/24'] },
  ],
  filter: { kind: MailFilterKind.MILTER, address: '10.9.0.10', port: 11332 },
  configDirectory: dirs.etc,
  queueDirectory: dirs.spool,
  dataDirectory: dirs.lib,
  ...extra,
});

describeWithPostfix('Postfix accepts every generated configuration (postfix check, postconf)', () => {
  let dirs: ReturnType<typeof layout>;
  beforeAll(() => {
    dirs = layout('jichitai-postfix-check-');
    run(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dirs.base, 'relay.key'), '-out', path.join(dirs.base, 'relay.pem'),
      '-days', '2', '-subj', '/CN=relay.pref-sc.example.lg.jp']);
  });
  afterAll(() => fs.rmSync(dirs.base, { recursive: true, force: true }));

  const postconfN = () => Object.fromEntries(run(postconf!, ['-c', dirs.etc, '-n']).trim().split('\n').map((l) => {
    const i = l.indexOf(' = ');
    return i < 0 ? [l.replace(/ =$/, ''), ''] : [l.slice(0, i), l.slice(i + 3)];
  }));

  test('milter variant: the relay restrictions, mynetworks and relay_domains as Postfix reads them', () => {
    install(base(dirs));
    const n = postconfN();
    // The open-relay guard, in Postfix's own reading: mynetworks and the relayed domains, nothing else.
    expect(n.smtpd_relay_restrictions).toBe('permit_mynetworks, reject_unauth_destination, permit_auth_destination, reject');
    expect(n.mynetworks).toBe('10.1.0.0/24, 10.2.0.0/24, 10.2.1.0/24');
    expect(n.relay_domains).toBe(`hash:${dirs.etc}/relay_domains`);
    expect(n.parent_domain_matches_subdomains).toBe('');
    expect(n.mydestination).toBe('');
    expect(n.smtpd_milters).toBe('inet:10.9.0.10:11332');
    expect(n.milter_default_action).toBe('tempfail');
    expect(n.message_size_limit).toBe('10240000');
    // The maps as postmap built them: each member domain to that member's server, the pattern as a ".domain" key.
    const q = (key: string, map: string) => {
      try {
        return run(postmap!, ['-c', dirs.etc, '-q', key, `hash:${dirs.etc}/${map}`]).trim();
      } catch {
        return undefined; // not found: postmap -q exits 1
      }
    };
    expect(q('town-b.example.lg.jp', 'transport')).toBe('relay:[10.2.0.25]:587');
    expect(q('.city-a.example.lg.jp', 'transport')).toBe('relay:[mail.city-a.example.lg.jp]:25');
    expect(q('city-a.example.lg.jp', 'relay_domains')).toBe('OK');
    expect(q('example.lg.jp', 'relay_domains')).toBeUndefined();
  });

  test('no unused parameters: Postfix knows every parameter written', () => {
    install(base(dirs, {
      filter: { kind: MailFilterKind.CONTENT_FILTER, address: '127.0.0.1', port: 10024 },
      tlsCertificateFile: path.join(dirs.base, 'relay.pem'),
      tlsKeyFile: path.join(dirs.base, 'relay.key'),
      outboundTls: MailRelayTlsPolicy.ENCRYPT,
      messageSizeLimitBytes: 26_214_400,
    }));
    const out = execFileSync('sh', ['-c', `${postconf} -c ${dirs.etc} -n 2>&1 >/dev/null`], { encoding: 'utf8' });
    expect(out).toBe('');
  });

  test('content filter variant with TLS: the scan transport and the filter\'s return listener in master.cf', () => {
    install(base(dirs, {
      filter: { kind: MailFilterKind.CONTENT_FILTER, address: '127.0.0.1', port: 10024 },
      tlsCertificateFile: path.join(dirs.base, 'relay.pem'),
      tlsKeyFile: path.join(dirs.base, 'relay.key'),
      outboundTls: MailRelayTlsPolicy.ENCRYPT,
    }));
    const n = postconfN();
    expect(n.content_filter).toBe('scan:[127.0.0.1]:10024');
    expect(n.smtpd_milters).toBeUndefined();
    expect(n.smtpd_tls_security_level).toBe('may');
    expect(n.smtp_tls_security_level).toBe('encrypt');
    expect(n.smtp_tls_mandatory_protocols).toBe('>=TLSv1.2');
    // postconf -P: the per-service overrides Postfix reads from master.cf.
    const overrides = run(postconf!, ['-c', dirs.etc, '-P']).trim().split('\n');
    expect(overrides).toEqual(expect.arrayContaining([
      '127.0.0.1:10025/inet/content_filter =',
      '127.0.0.1:10025/inet/mynetworks = 127.0.0.1/32',
      '127.0.0.1:10025/inet/smtpd_relay_restrictions = permit_mynetworks,reject',
      'scan/unix/smtp_send_xforward_command = yes',
    ]));
    const services = run(postconf!, ['-c', dirs.etc, '-M']).trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    expect(services).toEqual(expect.arrayContaining(['smtp/inet', 'scan/unix', '127.0.0.1:10025/inet', 'relay/unix', 'postlog/unix-dgram']));
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The relay on loopback.

interface Received { readonly from: string; readonly to: string[]; readonly data: string }

/** A minimal SMTP server (RFC 5321: greeting, EHLO, MAIL, RCPT, DATA, QUIT) that keeps what it receives. */
function smtpSink(received: Received[]): net.Server {
  return net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    socket.write('220 member-mail.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push({ from, to, data: buffer.slice(0, end) });
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 stored\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        }
        if (verb === 'MAIL') {
          from = line;
          to = [];
        } else if (verb === 'RCPT') {
          to.push(line);
        } else if (verb === 'DATA') {
          inData = true;
        }
        socket.write(verb === 'DATA' ? '354 go ahead\r\n' : verb === 'EHLO' || verb === 'HELO' ? '250 member-mail.test\r\n' : '250 2.0.0 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
}

/**
 * A minimal milter (the Sendmail milter protocol, version 6, as Postfix speaks it: https://www.postfix.org/MILTER_README.html)
 * standing in for the spam / malware filter: it continues on every step and, at the end of the message, rejects one
 * whose body contains `marker` and accepts the rest. It counts the messages it judged.
 */
function milter(marker: string, verdicts: string[]): net.Server {
  return net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let body = '';
    const reply = (cmd: string, data: Buffer = Buffer.alloc(0)) => {
      const head = Buffer.alloc(5);
      head.writeUInt32BE(data.length + 1, 0);
      head.write(cmd, 4, 'latin1');
      socket.write(Buffer.concat([head, data]));
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32BE(0)) {
        const len = buffer.readUInt32BE(0);
        const cmd = String.fromCharCode(buffer[4]);
        const data = buffer.subarray(5, 4 + len);
        buffer = buffer.subarray(4 + len);
        if (cmd === 'O') {
          // Option negotiation: version 6, no message modifications, every protocol step sent and answered.
          const answer = Buffer.alloc(12);
          answer.writeUInt32BE(6, 0);
          reply('O', answer);
        } else if (cmd === 'B') {
          body += data.toString('latin1');
          reply('c');
        } else if (cmd === 'E') {
          body += data.toString('latin1');
          const verdict = body.includes(marker) ? 'reject' : 'accept';
          verdicts.push(verdict);
          body = '';
          // 'y': reply with this SMTP code and text; 'a': accept.
          if (verdict === 'reject') reply('y', Buffer.from('554 5.7.1 Rejected by the test filter: malware found\0', 'latin1'));
          else reply('a');
        } else if (cmd === 'Q') {
          socket.end();
          return;
        } else if (cmd === 'D' || cmd === 'A' || cmd === 'K') {
          // Macros, abort, new-message reset: no reply.
          if (cmd !== 'D') body = '';
        } else {
          reply('c');
        }
      }
    });
    socket.on('error', () => undefined);
  });
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** A free loopback port (listen on 0, note it, close). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** An SMTP client session: each `send` writes one command (or the message) and resolves with the complete reply. */
async function smtpSession(port: number, localAddress: string): Promise<{ send: (line: string) => Promise<string>; close: () => void }> {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  const take = () => {
    // A complete reply: lines "ddd-..." then a last line "ddd ...".
    const m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3} [^\r\n]*\r\n/.exec(buffer);
    if (m && waiting) {
      buffer = buffer.slice(m[0].length);
      const w = waiting;
      waiting = undefined;
      w(m[0].trim());
    }
  };
  socket.on('data', (c) => { buffer += c.toString('latin1'); take(); });
  const next = () => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no SMTP reply within 20 s; got ${JSON.stringify(buffer)}`)), 20_000);
    waiting = (r) => { clearTimeout(timer); resolve(r); };
    take();
  });
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  const greeting = await next();
  if (!greeting.startsWith('220')) throw new Error(`greeting: ${greeting}`);
  return {
    send: (line) => { socket.write(`${line}\r\n`); return next(); },
    close: () => socket.destroy(),
  };
}

/** One SMTP transaction up to the recipients' replies; with `body`, also DATA and the message. Returns every reply. */
async function transaction(port: number, localAddress: string, from: string, rcpts: string[], body?: string): Promise<string[]> {
  const s = await smtpSession(port, localAddress);
  try {
    const replies = [await s.send('EHLO client.test'), await s.send(`MAIL FROM:<${from}>`)];
    for (const r of rcpts) replies.push(await s.send(`RCPT TO:<${r}>`));
    if (body !== undefined) {
      replies.push(await s.send('DATA'));
      replies.push(await s.send(`From: <${from}>\r\nTo: <${rcpts[0]}>\r\nSubject: relay test\r\n\r\n${body}\r\n.`));
    }
    await s.send('QUIT');
    return replies;
  } finally {
    s.close();
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeRunning('the relay on loopback (postfix start, SMTP from Node)', () => {
  let dirs: ReturnType<typeof layout>;
  let sink: net.Server;
  let filter: net.Server;
  let smtpPort: number;
  let started = false;
  const received: Received[] = [];
  const verdicts: string[] = [];
  const MARKER = 'JICHITAI-TEST-MALWARE-SIGNATURE';
  const OUTSIDE = '127.0.0.1'; // not in mynetworks: an internet sender
  const MEMBER_SENDER = '127.0.0.2'; // town-b's Internet-segment mail server

  beforeAll(async () => {
    dirs = layout('jichitai-postfix-run-');
    sink = smtpSink(received);
    filter = milter(MARKER, verdicts);
    const sinkPort = await listen(sink);
    const milterPort = await listen(filter);
    smtpPort = await freePort();
    install({
      ...base(dirs),
      members: [
        // A host name that does not resolve: mail for city-a is accepted and waits in the queue.
        { name: 'city-a', domains: ['city-a.example.lg.jp', '*.city-a.example.lg.jp'], mailServer: 'mail.city-a.example.lg.jp', senderCidrs: ['10.1.0.0/24'] },
        { name: 'town-b', domains: ['town-b.example.lg.jp'], mailServer: '127.0.0.1', mailServerPort: sinkPort, senderCidrs: [`${MEMBER_SENDER}/32`] },
      ],
      filter: { kind: MailFilterKind.MILTER, address: '127.0.0.1', port: milterPort },
      listenAddress: '127.0.0.1',
      smtpPort,
      logFile: path.join(dirs.log, 'mail.log'),
    });
    run(postfix!, ['-c', dirs.etc, 'start']);
    started = true;
    // The master opens the listener as it starts; wait until a connection gets through.
    const until = Date.now() + 30_000;
    while (!await new Promise<boolean>((resolve) => {
      const probe = net.connect({ host: '127.0.0.1', port: smtpPort }, () => { probe.destroy(); resolve(true); });
      probe.on('error', () => resolve(false));
    })) {
      if (Date.now() > until) throw new Error(`Postfix does not listen on 127.0.0.1:${smtpPort}; see ${dirs.log}/mail.log`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(async () => {
    if (started) {
      try {
        run(postfix!, ['-c', dirs.etc, 'stop']);
      } catch { /* already stopped */ }
    }
    await new Promise((r) => sink?.close(r));
    filter?.close(); // may already be closed by the last test
    // Give the master a moment to exit before its directories go.
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dirs.base, { recursive: true, force: true });
  }, 30_000);

  test('an outside sender cannot relay: other domains, subdomains not listed, and source routing are refused (554 Relay access denied)', async () => {
    const replies = await transaction(smtpPort, OUTSIDE, 'someone@outside.example', [
      'victim@elsewhere.example',
      'x@sub.town-b.example.lg.jp', // town-b lists its apex only
      'x@example.lg.jp',
      'victim%elsewhere.example@town-b.example.lg.jp', // sender-specified routing through a relayed domain
    ]);
    expect(replies[1]).toMatch(/^250 /);
    for (const r of replies.slice(2)) expect(r).toMatch(/^554 5\.7\.1 .*Relay access denied/);
  });

  test('mail for a member domain is accepted from anywhere, passes the filter and reaches the member\'s server', async () => {
    const replies = await transaction(smtpPort, OUTSIDE, 'someone@outside.example', ['soumu@town-b.example.lg.jp'], 'Hello town B.');
    expect(replies.slice(2)).toEqual([expect.stringMatching(/^250 /), expect.stringMatching(/^354 /), expect.stringMatching(/^250 2\.0\.0 Ok: queued/)]);
    const got = await waitFor('delivery to the member\'s server', () => received.find((m) => m.data.includes('Hello town B.')));
    expect(got.from).toMatch(/someone@outside\.example/);
    expect(got.to).toEqual([expect.stringMatching(/soumu@town-b\.example\.lg\.jp/)]);
    expect(verdicts).toContain('accept');
  }, 60_000);

  test('a subdomain pattern (*.city-a…) accepts subdomains, and its apex is listed separately', async () => {
    const replies = await transaction(smtpPort, OUTSIDE, 'someone@outside.example', ['a@kikaku.city-a.example.lg.jp', 'b@city-a.example.lg.jp']);
    expect(replies.slice(2)).toEqual([expect.stringMatching(/^250 /), expect.stringMatching(/^250 /)]);
  });

  test('the filter decides: a message it rejects is refused at the end of DATA and never delivered', async () => {
    const before = received.length;
    const replies = await transaction(smtpPort, OUTSIDE, 'someone@outside.example', ['soumu@town-b.example.lg.jp'], `attachment ${MARKER}`);
    expect(replies[replies.length - 1]).toMatch(/^554 5\.7\.1 Rejected by the test filter/);
    expect(verdicts).toContain('reject');
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.slice(before).some((m) => m.data.includes(MARKER))).toBe(false);
  }, 30_000);

  test('a member\'s mail server (mynetworks) may send to any domain', async () => {
    const replies = await transaction(smtpPort, MEMBER_SENDER, 'kouhou@town-b.example.lg.jp', ['someone@outside.example']);
    expect(replies[2]).toMatch(/^250 /);
  });

  test('the log records the refusals, the permits and the delivery (what the SIEM receives)', async () => {
    // Postfix writes its log through postlogd, after the SMTP replies: wait for the last lines the tests above caused (the
    // member's permit comes last), not only the first one, or a loaded machine reads the file before they are written.
    const log = await waitFor('the delivery and permit log lines', () => {
      const text = fs.existsSync(path.join(dirs.log, 'mail.log')) ? fs.readFileSync(path.join(dirs.log, 'mail.log'), 'utf8') : '';
      return /status=sent/.test(text) && /permit_mynetworks/.test(text) ? text : undefined;
    });
    expect(log).toMatch(/NOQUEUE: reject: RCPT from localhost\[127\.0\.0\.1\]: 554 5\.7\.1 <victim@elsewhere\.example>: Relay access denied/);
    expect(log).toMatch(/relay=127\.0\.0\.1\[127\.0\.0\.1\]:\d+, .*status=sent/);
    expect(log).toMatch(/permit_mynetworks/);
  }, 40_000);

  test('filter down: the relay refuses with a temporary error, never passes unfiltered mail', async () => {
    filter.close(); // stops accepting; Postfix opens a new milter connection per SMTP session
    const replies = await transaction(smtpPort, OUTSIDE, 'someone@outside.example', ['soumu@town-b.example.lg.jp']);
    expect(replies[1]).toMatch(/^451 4\.7\.1 /); // MAIL FROM
    expect(replies[2]).not.toMatch(/^250 /); // RCPT TO
  }, 30_000);
});
