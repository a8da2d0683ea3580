import { MailFilterKind, mailRelayConfig, mailRelayProblems, MailRelayProps, MailRelayTlsPolicy } from '../../src/plan/mail-relay';

const valid: MailRelayProps = {
  hostname: 'relay.pref-sc.example.lg.jp',
  members: [
    { name: 'town-b', domains: ['town-b.example.lg.jp'], mailServer: '10.2.0.25', mailServerPort: 587, senderCidrs: ['10.2.1.0/24', '10.2.0.0/24'] },
    { name: 'city-a', domains: ['city-a.example.lg.jp', '*.city-a.example.lg.jp'], mailServer: 'mail.city-a.example.lg.jp', senderCidrs: ['10.1.0.0/24'] },
  ],
  filter: { kind: MailFilterKind.MILTER, address: '10.9.0.10', port: 11332 },
};

const file = (props: MailRelayProps, name: string) => mailRelayConfig(props).files.find((f) => f.path.endsWith(`/${name}`))!.content;
const settings = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
const setting = (mainCf: string, name: string) => settings(mainCf).find((l) => l.startsWith(`${name} =`));

describe('mail relay validation: every problem at once, each naming the prop and the fix', () => {
  test('a valid relay has no problems', () => {
    expect(mailRelayProblems(valid)).toEqual([]);
  });

  test('all problems of a bad input are reported together', () => {
    const problems = mailRelayProblems({
      hostname: 'Relay..example',
      members: [
        { name: 'City A', domains: ['city-a.example.lg.jp'], mailServer: '10.0.0.300', mailServerPort: 0, senderCidrs: ['0.0.0.0/0'] },
        { name: 'town-b', domains: ['*.example.lg.jp', '*.lg.jp'], mailServer: 'mail.town-b.example.lg.jp', senderCidrs: ['203.0.113.0/24', '10.0.0.1/24'] },
      ],
      filter: { kind: 'spamassassin' as MailFilterKind, address: 'filter.local', port: 70000 },
      messageSizeLimitBytes: 12.5,
      outboundTls: 'dane' as MailRelayTlsPolicy,
      tlsCertificateFile: '/etc/postfix/../shadow',
      listenAddress: '0.0.0.0/0',
      smtpPort: -1,
      configDirectory: 'etc/postfix',
      logFile: '/var/log/mail log',
    });
    const paths = problems.map((p) => /^\[(.+?)\] /.exec(p)?.[1]);
    expect(paths).toEqual(expect.arrayContaining([
      'hostname', 'members[0].name', 'members[0].mailServer', 'members[0].mailServerPort', 'members[0].senderCidrs',
      'members[1].domains[0]', 'members[1].domains[1]', 'members[1].senderCidrs', 'members[1].senderCidrs[1]',
      'filter.kind', 'filter.address', 'filter.port', 'messageSizeLimitBytes', 'outboundTls', 'tlsKeyFile',
      'tlsCertificateFile', 'listenAddress', 'smtpPort', 'configDirectory', 'logFile',
    ]));
    // The overlap of city-a.example.lg.jp with *.example.lg.jp (mail for one member would reach another).
    expect(problems.some((p) => p.startsWith('[members[1].domains[0]]') && /overlaps "city-a\.example\.lg\.jp"/.test(p))).toBe(true);
    // 0.0.0.0/0 as a sender network would be an open relay.
    expect(problems.some((p) => p.startsWith('[members[0].senderCidrs]') && /0\.0\.0\.0\/0 is not inside a private/.test(p))).toBe(true);
    for (const p of problems) expect(p).toMatch(/^\[.+?\] .+\. Fix: .+/);
    expect(() => mailRelayConfig({ ...valid, hostname: 'Relay..example', smtpPort: -1 }))
      .toThrow(/Cannot generate the mail relay configuration \(2 problems\):\n\[hostname\].*\n\[smtpPort\]/);
  });

  test('no filter, no members: refused (the relay passes no unfiltered mail, and relays for someone)', () => {
    const problems = mailRelayProblems({ hostname: 'relay.example.lg.jp', members: [] } as unknown as MailRelayProps);
    expect(problems).toEqual([
      expect.stringMatching(/^\[members\] must be a non-empty list/),
      expect.stringMatching(/^\[filter\] is missing.*seed 004/),
    ]);
  });

  test('a milter takes no return listener; a content filter\'s return listener may not take the SMTP port', () => {
    expect(mailRelayProblems({ ...valid, filter: { ...valid.filter, returnPort: 10025 } }))
      .toEqual([expect.stringMatching(/^\[filter\] gives returnAddress or returnPort for a milter/)]);
    expect(mailRelayProblems({ ...valid, smtpPort: 10025, filter: { kind: MailFilterKind.CONTENT_FILTER, address: '127.0.0.1', port: 10024 } }))
      .toEqual([expect.stringMatching(/^\[filter\.returnPort\] 10025 is also the SMTP port/)]);
  });

  const hostile: [string, Partial<MailRelayProps>][] = [
    ['a domain with a line break and a parameter', { members: [{ ...valid.members[0], domains: ['town-b.example.lg.jp\nsmtpd_relay_restrictions = permit'] }] }],
    ['a domain with ", permit"', { members: [{ ...valid.members[0], domains: ['town-b.example.lg.jp, permit'] }] }],
    ['a domain with a space', { members: [{ ...valid.members[0], domains: ['town-b.example.lg.jp permit'] }] }],
    ['a host name with a macro', { hostname: '$mydomain' }],
    ['a mail server that closes the bracket', { members: [{ ...valid.members[0], mailServer: '10.0.0.1]:25 smtp:[evil.example' }] }],
    ['a mail server host with a comma', { members: [{ ...valid.members[0], mailServer: 'mail.example.lg.jp,smtp' }] }],
    ['a sender network with a second network', { members: [{ ...valid.members[0], senderCidrs: ['10.2.0.0/24 0.0.0.0/0'] }] }],
    ['a sender network with a comma', { members: [{ ...valid.members[0], senderCidrs: ['10.2.0.0/24,0.0.0.0/0'] }] }],
    ['a filter address with a second milter', { filter: { kind: MailFilterKind.MILTER, address: '10.9.0.10:1, inet:203.0.113.5', port: 1 } }],
    ['a path with a line break', { tlsCertificateFile: '/etc/a.pem\nrelay_domains = static:OK', tlsKeyFile: '/etc/a.key' }],
    ['a path with a comma', { logFile: '/var/log/mail.log,/dev/stdout' }],
    ['a member name with a line break', { members: [{ ...valid.members[0], name: 'b\nmynetworks = 0.0.0.0/0' }] }],
  ];
  test.each(hostile)('hostile value refused: %s', (_, extra) => {
    const props = { ...valid, ...extra } as MailRelayProps;
    expect(mailRelayProblems(props).length).toBeGreaterThan(0);
    expect(() => mailRelayConfig(props)).toThrow(/Cannot generate the mail relay configuration/);
  });

  test('values that are not plain data are reported, not read twice', () => {
    let reads = 0;
    const member = { ...valid.members[0] };
    Object.defineProperty(member, 'domains', { enumerable: true, get: () => (++reads === 1 ? ['town-b.example.lg.jp'] : ['evil.example, permit']) });
    const config = mailRelayConfig({ ...valid, members: [member] });
    expect(reads).toBe(1);
    expect(config.files.map((f) => f.content).join('')).not.toMatch(/evil/);
  });
});

describe('mail relay configuration', () => {
  const mainCf = file(valid, 'main.cf');

  test('never an open relay: mynetworks, then the relayed domains; everything else refused', () => {
    expect(setting(mainCf, 'smtpd_relay_restrictions')).toBe('smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination, permit_auth_destination, reject');
    expect(setting(mainCf, 'mynetworks')).toBe('mynetworks = 10.1.0.0/24, 10.2.0.0/24, 10.2.1.0/24');
    expect(setting(mainCf, 'relay_domains')).toBe('relay_domains = hash:/etc/postfix/relay_domains');
    // A relayed domain must not silently cover its subdomains (Postfix's default for relay_domains does).
    expect(setting(mainCf, 'parent_domain_matches_subdomains')).toBe('parent_domain_matches_subdomains =');
    expect(setting(mainCf, 'mydestination')).toBe('mydestination =');
  });

  test('each member domain goes to that member\'s server, without MX lookup; a pattern becomes a ".domain" key', () => {
    expect(settings(file(valid, 'transport'))).toEqual([
      '.city-a.example.lg.jp\trelay:[mail.city-a.example.lg.jp]:25',
      'city-a.example.lg.jp\trelay:[mail.city-a.example.lg.jp]:25',
      'town-b.example.lg.jp\trelay:[10.2.0.25]:587',
    ]);
    expect(settings(file(valid, 'relay_domains'))).toEqual(['.city-a.example.lg.jp\tOK', 'city-a.example.lg.jp\tOK', 'town-b.example.lg.jp\tOK']);
  });

  test('the filter: a milter fails closed (tempfail); a content filter gets its transport and return listener', () => {
    expect(setting(mainCf, 'smtpd_milters')).toBe('smtpd_milters = inet:10.9.0.10:11332');
    expect(setting(mainCf, 'milter_default_action')).toBe('milter_default_action = tempfail');
    const cf = { ...valid, filter: { kind: MailFilterKind.CONTENT_FILTER, address: '127.0.0.1', port: 10024 } };
    expect(setting(file(cf, 'main.cf'), 'content_filter')).toBe('content_filter = scan:[127.0.0.1]:10024');
    const master = file(cf, 'master.cf');
    expect(master).toMatch(/^scan\tunix\t/m);
    expect(master).toMatch(/^127\.0\.0\.1:10025\tinet\tn\t-\tn\t-\t-\tsmtpd\n(  -o .*\n)*  -o mynetworks=127\.0\.0\.1\/32\n/m);
    expect(file(valid, 'master.cf')).not.toMatch(/^scan/m);
  });

  test('TLS: STARTTLS offered only with a key pair; outbound policy as given', () => {
    expect(setting(mainCf, 'smtpd_tls_security_level')).toBe('smtpd_tls_security_level = none');
    expect(setting(mainCf, 'smtp_tls_security_level')).toBe('smtp_tls_security_level = may');
    const tls = file({ ...valid, tlsCertificateFile: '/etc/ssl/relay.pem', tlsKeyFile: '/etc/ssl/private/relay.key', outboundTls: MailRelayTlsPolicy.ENCRYPT }, 'main.cf');
    expect(setting(tls, 'smtpd_tls_security_level')).toBe('smtpd_tls_security_level = may');
    expect(setting(tls, 'smtpd_tls_cert_file')).toBe('smtpd_tls_cert_file = /etc/ssl/relay.pem');
    expect(setting(tls, 'smtp_tls_security_level')).toBe('smtp_tls_security_level = encrypt');
  });

  test('logs: syslog facility mail by default, a file through postlogd when asked', () => {
    expect(setting(mainCf, 'syslog_facility')).toBe('syslog_facility = mail');
    const toFile = file({ ...valid, logFile: '/var/log/relay/mail.log' }, 'main.cf');
    expect(setting(toFile, 'maillog_file')).toBe('maillog_file = /var/log/relay/mail.log');
    expect(setting(toFile, 'maillog_file_prefixes')).toBe('maillog_file_prefixes = /var/log/relay');
  });

  test('every parameter cites postconf(5), every setting line is "name = value"', () => {
    const lines = mainCf.split('\n');
    lines.forEach((line, i) => {
      if (line === '' || line.startsWith('#')) return;
      expect(line).toMatch(/^[a-z_0-9]+ =( \S.*)?$/);
      const name = line.split(' ')[0];
      expect(lines[i - 1]).toBe(`# postconf(5) ${name}: https://www.postfix.org/postconf.5.html#${name}`);
    });
  });

  test('deterministic: the order of members, domains and networks does not matter', () => {
    const shuffled: MailRelayProps = {
      ...valid,
      members: [...valid.members].reverse().map((m) => ({ ...m, domains: [...m.domains].reverse(), senderCidrs: [...m.senderCidrs].reverse() })),
    };
    expect(mailRelayConfig(shuffled)).toEqual(mailRelayConfig(valid));
    expect(mailRelayConfig(valid).files.map((f) => f.path)).toEqual(
      ['/etc/postfix/main.cf', '/etc/postfix/master.cf', '/etc/postfix/relay_domains', '/etc/postfix/transport']);
  });

  test('commands: Debian\'s package without questions; maps built, configuration checked, Postfix restarted', () => {
    const config = mailRelayConfig(valid);
    expect(config.packageCommands).toEqual([
      'echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postfix',
    ]);
    expect(config.activateCommands).toEqual([
      'postmap -c /etc/postfix hash:/etc/postfix/relay_domains',
      'postmap -c /etc/postfix hash:/etc/postfix/transport',
      'postfix -c /etc/postfix check',
      'systemctl restart postfix',
    ]);
  });
});
