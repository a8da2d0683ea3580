import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase, CloudServiceCatalogue, EntraTenantRestrictionVersion } from '../../src';
import { renderSquidConfig, SquidConfigInput } from '../../src/plan/squid';

const base: SquidConfigInput = {
  services: alphaPrime.breakout!.services,
  alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,
  clientCidrs: ['10.0.64.0/18'],
};
/** Case ウ with its ICAP sanitizer (the reference case ウ blueprint's address). */
const caseUInput: SquidConfigInput = {
  ...base,
  alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
  sanitizationService: { address: '10.0.65.40', port: 1344, service: 'respmod' },
};
const lines = (conf: string) => conf.split('\n').filter((l) => l && !l.startsWith('#'));

describe('Squid configuration of the α′ proxy', () => {
  const conf = renderSquidConfig(base);

  test('never an open proxy: clients only, allow-list only, deny all last', () => {
    const access = lines(conf).filter((l) => l.startsWith('http_access'));
    expect(access[access.length - 1]).toBe('http_access deny all');
    expect(access.filter((l) => l.startsWith('http_access allow'))).toEqual(['http_access allow clients allowed_dst']);
    expect(lines(conf).filter((l) => /^http_access allow\b.*\ball\b/.test(l))).toEqual([]);
    expect(conf).toMatch(/^acl clients src 10\.0\.64\.0\/18$/m);
  });

  test('CONNECT only to 443 and declared TLS ports; port 80 only for plain HTTP', () => {
    expect(conf).toMatch(/^acl connect_ports port 443$/m);
    expect(conf).toMatch(/^acl safe_ports port 80 443$/m);
    const withExtra = renderSquidConfig({ ...base, extraConnectPorts: [8443] });
    expect(withExtra).toMatch(/^acl connect_ports port 443 8443$/m);
  });

  test('exact names and subdomain patterns keep their meaning (no apex for *.x)', () => {
    expect(conf).toMatch(/^acl allowed_dst_exact dstdomain -n .*\blogin\.microsoftonline\.com\b/m);
    expect(conf).toMatch(/^acl allowed_dst_sub dstdom_regex -n -i .*\\\.sharepoint\\\.com\$/m);
    // Every destination ACL that allows reads names only: without -n Squid matches an IP-literal target by its PTR record.
    const destinationAcls = lines(conf).filter((l) => /^acl \S+ (dstdomain|dstdom_regex) /.test(l));
    expect(destinationAcls.length).toBeGreaterThan(2);
    expect(destinationAcls.filter((l) => !/^acl \S+ (dstdomain|dstdom_regex) -n /.test(l))).toEqual([]);
    expect(conf).not.toMatch(/dstdomain .*\s\.sharepoint\.com/);
  });

  test('bumps only tenant hosts and (case イ) communication tools; splices the rest; terminates unknown SNI', () => {
    const bump = lines(conf).filter((l) => l.startsWith('ssl_bump'));
    expect(bump).toEqual(['ssl_bump peek step1', 'ssl_bump bump bump_sni', 'ssl_bump splice allowed_sni', 'ssl_bump terminate all']);
    expect(conf).toMatch(/^acl bump_sni_exact ssl::server_name .*login\.microsoftonline\.com/m);
    // Security updates are spliced, never decrypted.
    expect(conf.split('\n').find((l) => l.startsWith('acl bump_sni_exact'))).not.toMatch(/definitionupdates/);
    // Case ウ reads the tools' replies too (to hand files to the sanitizer): their domains are bumped as in case イ.
    const caseU = renderSquidConfig(caseUInput);
    expect(caseU.split('\n').find((l) => l.startsWith('acl bump_sni_sub'))).toMatch(/\\\.sharepoint\\\.com\$/);
    const caseA = renderSquidConfig({
      ...base,
      alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES,
      services: [{ service: CloudServiceCatalogue.WINDOWS_UPDATE }],
    });
    expect(caseA).not.toMatch(/ssl_bump bump/);
    expect(caseA).not.toMatch(/request_header_add/);
  });

  test('every tenant header is deleted before it is added, with the configured value', () => {
    const l = lines(conf);
    for (const name of ['sec-Restrict-Tenant-Access-Policy']) {
      const del = l.findIndex((x) => x.startsWith(`request_header_access ${name} deny`));
      const add = l.findIndex((x) => x.startsWith(`request_header_add ${name} `));
      expect(del).toBeGreaterThan(-1);
      expect(add).toBeGreaterThan(del);
    }
    expect(conf).toContain('request_header_add sec-Restrict-Tenant-Access-Policy "00000000-0000-4000-8000-000000000001:00000000-0000-4000-8000-0000000000aa" tenant_microsoft_365');
    expect(conf).toContain('request_header_add sec-Restrict-Tenant-Access-Policy "restrict-msa" tenant_microsoft_consumer_account_block');
  });

  test('Entra v1, Slack and Webex values are substituted with their separators', () => {
    const v1 = renderSquidConfig({
      ...base,
      services: [
        { service: CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1), tenantIds: ['contoso.example', 'fabrikam.example'], directoryId: 'dir-1' },
        { service: CloudServiceCatalogue.SLACK, tenantIds: ['T0001', 'E0002'] },
        { service: CloudServiceCatalogue.WEBEX, tenantIds: ['city.example.lg.jp'] },
      ],
    });
    expect(v1).toContain('request_header_add Restrict-Access-To-Tenants "contoso.example,fabrikam.example"');
    expect(v1).toContain('request_header_add Restrict-Access-Context "dir-1"');
    expect(v1).toContain('request_header_add X-Slack-Allowed-Workspaces-Requester "T0001"');
    expect(v1).toContain('request_header_add X-Slack-Allowed-Workspaces "T0001,E0002"');
    expect(v1).toContain('request_header_add CiscoSpark-Allowed-Domains "city.example.lg.jp"');
  });

  test('case イ refuses downloads from communication tools only: attachments, and every reply with content but their pages and API calls', () => {
    const l = lines(conf);
    expect(l.filter((x) => x.startsWith('http_reply_access '))).toEqual([
      'http_reply_access deny comm_dst download_disposition',
      'http_reply_access allow comm_dst page_mime',
      'http_reply_access allow comm_dst contentless_status',
      'http_reply_access deny comm_dst',
      'http_reply_access allow all',
    ]);
    // Pages and API replies only, statuses that hold no content only: a file type nobody listed is refused.
    expect(l.find((x) => x.startsWith('acl page_mime '))).not.toMatch(/octet-stream|pdf|zip|text\/plain|image/);
    expect(l.filter((x) => x.startsWith('acl contentless_status '))).toEqual(['acl contentless_status http_status 204 304']);
    expect(renderSquidConfig(caseUInput)).not.toMatch(/http_reply_access deny/);
    expect(conf).not.toMatch(/^(icap_|adaptation_)/m);
  });

  test('case ウ hands the tools\' file replies to the ICAP sanitizer, essential (bypass=off), attachments first', () => {
    const l = lines(renderSquidConfig(caseUInput));
    expect(l).toContain('icap_enable on');
    expect(l.filter((x) => x.startsWith('icap_service '))).toEqual(['icap_service sanitizer respmod_precache icap://10.0.65.40:1344/respmod bypass=off on-overload=wait']);
    expect(l.filter((x) => x.startsWith('adaptation_access '))).toEqual([
      'adaptation_access sanitizer allow comm_dst download_disposition',
      'adaptation_access sanitizer deny comm_dst page_mime',
      'adaptation_access sanitizer allow comm_dst',
      'adaptation_access sanitizer deny all',
    ]);
    // Pages and API replies only: a file type nobody listed still goes to the sanitizer.
    expect(l.find((x) => x.startsWith('acl page_mime '))).not.toMatch(/octet-stream|pdf|zip|text\/plain|image/);
  });

  test('case ウ without a sanitizer, or a sanitizer value that would change squid.conf, is refused with every problem', () => {
    expect(() => renderSquidConfig({ ...caseUInput, sanitizationService: undefined })).toThrow(/case ウ needs sanitizationService/);
    expect(() => renderSquidConfig({ ...base, sanitizationService: caseUInput.sanitizationService })).toThrow(/sanitizationService is only for case ウ/);
    expect(() => renderSquidConfig({ ...caseUInput, sanitizationService: { address: '10.0.65.040 bypass=on', port: 0, service: 'respmod bypass=on' } }))
      .toThrow(/3 problems[\s\S]*address "10\.0\.65\.040 bypass=on" is not an IPv4 address[\s\S]*port 0 is not a port number[\s\S]*service "respmod bypass=on" is not an ICAP service path/);
  });

  test('header injection into squid.conf is impossible: bad values are refused, all problems at once', () => {
    const bad = { service: CloudServiceCatalogue.SLACK, tenantIds: ['T1" all\nhttp_access allow all #', 'T2%{x}'] };
    expect(() => renderSquidConfig({ ...base, services: [bad], clientCidrs: ['0.0.0.0/0'] }))
      .toThrow(/3 problems[\s\S]*open proxy[\s\S]*X-Slack-Allowed-Workspaces-Requester contains a quote[\s\S]*X-Slack-Allowed-Workspaces contains a quote/);
    expect(() => renderSquidConfig({ ...base, services: [{ service: CloudServiceCatalogue.SLACK }] })).toThrow(/needs tenantIds \(AP-3\)/);
    expect(() => renderSquidConfig({ ...base, clientCidrs: [] })).toThrow(/open proxy is never generated/);
  });

  test('deterministic, whatever the order of the services', () => {
    expect(renderSquidConfig({ ...base, services: [...base.services].reverse() })).toBe(conf);
  });

  describe('the writer: no value can add or change a directive, even unvalidated', () => {
    const slack = CloudServiceCatalogue.SLACK;
    const hostile: [string, SquidConfigInput][] = [
      ['a name with a line break', { ...base, services: [{ service: { ...slack, name: 'Slack\nhttp_access allow all' }, tenantIds: ['T1'] }] }],
      ['a scheme with a carriage return', { ...base, services: [{ service: { ...slack, tenantRestriction: { ...slack.tenantRestriction!, scheme: 'x\rhttp_access allow all' } }, tenantIds: ['T1'] }] }],
      ['a documentation URL with U+2028', { ...base, services: [{ service: { ...slack, tenantRestriction: { ...slack.tenantRestriction!, documentationUrl: 'https://x\u2028acl clients src all' } }, tenantIds: ['T1'] }] }],
      ['a header name starting a comment', { ...base, services: [{ service: { ...slack, tenantRestriction: { ...slack.tenantRestriction!, headers: [{ name: '#x', valueTemplate: '{tenants}' }] } }, tenantIds: ['T1'] }] }],
      ['a header value with a quote and a line break', { ...base, services: [{ service: slack, tenantIds: ['T1" all\nhttp_access allow all #'] }] }],
      ['a header value with a backslash escape', { ...base, services: [{ service: slack, tenantIds: ['T1\\nX-Injected: 1'] }] }],
      ['a header value with a Squid macro', { ...base, services: [{ service: slack, tenantIds: ['${service_name}'] }] }],
      ['a domain with a space', { ...base, services: [{ service: { ...CloudServiceCatalogue.ZOOM, domains: ['zoom.us all'] } }] }],
      // Squid reads 8191 bytes at a time: the rest of a longer line would be read as a line of its own.
      ['a very long name', { ...base, services: [{ service: { ...slack, name: `${'x'.repeat(8200)}http_access allow all` }, tenantIds: ['T1'] }] }],
      ['a NUL in a name', { ...base, services: [{ service: { ...slack, name: 'Slack\u0000http_access allow all' }, tenantIds: ['T1'] }] }],
    ];
    test.each(hostile)('%s is refused', (_, input) => {
      expect(() => renderSquidConfig(input)).toThrow(/squid\.conf|Cannot generate the Squid configuration/);
    });

    test('long ACL lists are split over lines of one name; every line stays far below Squid\'s line buffer', () => {
      const many = Array.from({ length: 300 }, (_, i) => `host-${i}.example.com`);
      const big = renderSquidConfig({ ...base, services: [...base.services, { service: { ...CloudServiceCatalogue.WINDOWS_UPDATE, id: 'many', domains: many } }] });
      const lineBytes = big.split('\n').map((l) => Buffer.byteLength(l));
      expect(Math.max(...lineBytes)).toBeLessThanOrEqual(1100);
      const exact = big.split('\n').filter((l) => l.startsWith('acl allowed_dst_exact dstdomain '));
      expect(exact.length).toBeGreaterThan(5);
      expect(exact.flatMap((l) => l.split(' ').slice(3))).toEqual(expect.arrayContaining(many));
    });
  });
});
