/**
 * Case ウ (AP-6, 無害化) with the real programs: the generated Squid configuration hands the communication tools' file
 * responses to an ICAP RESPMOD service, here Debian's c-icap with its echo service, all on loopback. With the sanitizer
 * up, a file response reaches the client adapted (c-icap's echo service adds its Via header, and c-icap logs the
 * RESPMOD for that URL); with it down, the file is refused (bypass=off: Squid's ICAP error, no file body); a page of the
 * same tool passes untouched and never goes to ICAP. The synthesized case ウ example's squid.conf parses too.
 */
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { alphaPrimeSanitization } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { AlphaPrimeCase } from '../../src';
import { renderSquidConfig } from '../../src/plan/squid';
import { cIcap, cIcapModules, icapAccessLog, listening, startIcap, stopGroup } from '../support/icap';
import {
  certgen, expectSquidAccepts, freePort, isRoot, localSquidConf, makeCa, makeOrigin, openssl, sh, squid, squidInput, squidUser, startSquid,
  stopProcess, viaProxy,
} from '../support/squid';
import { requireTool } from '../support/tools';

const haveTools = requireTool('c-icap', Boolean(squid && certgen && openssl && cIcap && cIcapModules),
  'the case ウ sanitization tests need squid (squid-openssl), openssl and c-icap with its echo service (Debian package c-icap)');
const describeWithTools = haveTools ? describe : describe.skip;

/** A communication tool's host (Microsoft Teams, COMMUNICATION_TOOL in the catalogue): bumped in case ウ. */
const TOOL_HOST = 'teams.microsoft.com';
const FILE_BODY = 'JICHITAI-FILE-CONTENT-0001';
const PAGE_BODY = '<p>JICHITAI-PAGE</p>';
/** What c-icap's echo service adds to a response it adapted ("Via: ICAP/1.0 <host> (C-ICAP/<version> Echo demo service )", seen with c-icap 0.5.10). */
const ECHO_VIA = /^Via: ICAP\/1\.0 .*Echo demo service/im;

describeWithTools('case ウ: Squid hands file responses to the ICAP sanitizer (c-icap), failing closed', () => {
  let dir: string;
  let proxy: ChildProcess | undefined;
  let sanitizer: ChildProcess | undefined;
  let proxyPort: number;
  let icapPort: number;
  let originPort: number;
  let origin: https.Server;
  let bumpCa: Buffer;


  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-icap-'));
    fs.chmodSync(dir, 0o755);
    makeCa(dir, 'bump-ca');
    makeCa(dir, 'origin-ca');
    makeOrigin(dir, [TOOL_HOST]);
    bumpCa = fs.readFileSync(path.join(dir, 'bump-ca.pem'));

    // The tool: an attachment, a PDF shown inline (a file MIME type), and a page.
    origin = https.createServer({ key: fs.readFileSync(path.join(dir, 'origin.key')), cert: fs.readFileSync(path.join(dir, 'origin.pem')) }, (req, res) => {
      const file = (headers: Record<string, string>) => {
        res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(FILE_BODY) });
        res.end(FILE_BODY);
      };
      if (req.url === '/download') {
        file({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="minutes.docx"' });
      } else if (req.url === '/report.pdf') {
        file({ 'Content-Type': 'application/pdf' });
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(PAGE_BODY) });
        res.end(PAGE_BODY);
      }
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originPort = (origin.address() as AddressInfo).port;

    // The sanitizer: c-icap on loopback with its own configuration, pid, socket and logs (no system service involved).
    icapPort = await freePort();
    proxyPort = await freePort();
    const conf = path.join(dir, 'squid.conf');
    fs.writeFileSync(conf, renderSquidConfig(squidInput(dir, {
      services: alphaPrimeSanitization.breakout!.services,
      alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
      sanitizationService: { address: '127.0.0.1', port: icapPort, service: 'echo' },
      httpPort: proxyPort,
      extraConnectPorts: [originPort],
    })));
    if (isRoot) sh('chown', ['-R', `${squidUser}:`, dir], dir);

    sanitizer = (await startIcap(dir, icapPort)).process;
    proxy = (await startSquid(dir, conf, proxyPort)).process;
  }, 90_000);

  afterAll(async () => {
    await stopProcess(proxy);
    await stopGroup(sanitizer, icapPort);
    origin?.close();
    if (!process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (p: string) => viaProxy(proxyPort, TOOL_HOST, originPort, { ca: [bumpCa], path: p });
  const url = (p: string) => `https://${TOOL_HOST}:${originPort}${p}`;
  const respmodLines = (p: string) => icapAccessLog(dir).split('\n').filter((l) => l.startsWith('RESPMOD ') && l.endsWith(` ${url(p)}`));
  /**
   * The RESPMOD lines for a URL once `count` of them are there (or what is there after 10 s). c-icap writes its access
   * log line when it closes the transaction, which may be after Squid has already answered the client: reading the log
   * right after the reply raced with that write (seen once in CI: one line of two).
   */
  const respmodLinesAfter = async (p: string, count: number) => {
    const deadline = Date.now() + 10_000;
    while (respmodLines(p).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return respmodLines(p);
  };

  test('sanitizer up: an attachment is handed to the ICAP service (c-icap logs the RESPMOD for its URL) and the client gets what it returns', async () => {
    // c-icap's echo demo service adapts every second response it sees (it adds its Via header) and answers 204
    // (unchanged) to the others, so two downloads show both: each was handed to the sanitizer, and the client received
    // the sanitizer's version of the one it adapted.
    const replies = [await get('/download'), await get('/download')];
    for (const r of replies) {
      expect({ status: r.status, error: r.status === 200 ? '' : /ERR_[A-Z_]+/.exec(r.body ?? '')?.[0] }).toEqual({ status: 200, error: '' });
      expect(r.issuer).toBe('jichitai-test-bump-ca');
      expect(r.body).toContain(FILE_BODY);
    }
    expect(replies.filter((r) => ECHO_VIA.test(r.head ?? ''))).toHaveLength(1);
    const lines = await respmodLinesAfter('/download', 2);
    expect(lines).toEqual([expect.stringMatching(/^RESPMOD (200|204) echo /), expect.stringMatching(/^RESPMOD (200|204) echo /)]);
    expect(lines.map((l) => l.split(' ')[1]).sort()).toEqual(['200', '204']);
  });

  test('sanitizer up: a file MIME type shown inline (no attachment) is handed to the ICAP service too', async () => {
    const r = await get('/report.pdf');
    expect(r.status).toBe(200);
    expect(await respmodLinesAfter('/report.pdf', 1)).toEqual([expect.stringMatching(/^RESPMOD (200|204) echo /)]);
  });

  test('a page of the same tool passes untouched and is never sent to ICAP', async () => {
    const r = await get('/page');
    expect(r.status).toBe(200);
    expect(r.head).not.toMatch(ECHO_VIA);
    expect(r.body).toBe(PAGE_BODY);
    expect(icapAccessLog(dir)).not.toContain(url('/page'));
  });

  test('sanitizer down: the file is refused with Squid\'s ICAP error and no file body (bypass=off); the page still passes', async () => {
    await stopGroup(sanitizer, icapPort);
    expect(await listening(icapPort)).toBe(false);
    const r = await get('/download');
    expect(r.status).toBeGreaterThanOrEqual(500);
    // Squid's error page for a failed essential ICAP service names ERR_ICAP_FAILURE.
    expect(r.body).toMatch(/ERR_ICAP_FAILURE/);
    expect(r.body).not.toContain(FILE_BODY);
    const pdf = await get('/report.pdf');
    expect(pdf.status).toBeGreaterThanOrEqual(500);
    expect(pdf.body).not.toContain(FILE_BODY);
    const page = await get('/page');
    expect({ status: page.status, body: page.body }).toEqual({ status: 200, body: PAGE_BODY });
  });

  test('the synthesized case ウ example\'s squid.conf (from the CDK launch template) parses', () => {
    const { stack } = buildCdkExample('alpha-prime-sanitization');
    const launchTemplate = Object.values(Template.fromStack(stack).findResources('AWS::EC2::LaunchTemplate'))[0] as any;
    const script: string = launchTemplate.Properties.LaunchTemplateData.UserData['Fn::Base64'];
    const local = localSquidConf(script, dir);
    expect(local).toMatch(/^icap_service \S+ respmod_precache icap:\/\/10\.0\.65\.40:1344\/respmod bypass=off/m);
    const file = path.join(dir, 'from-user-data.conf');
    fs.writeFileSync(file, `${local}\n`);
    expectSquidAccepts(file);
  });
});
