/** The exact engine's building blocks: prefixes of both families, address classes, header boxes and NACL evaluation. */
import { AtomTable, formatAddress, intervalToPrefixes, isInternet, parsePrefix } from '../../src/guard/address-space';
import { applyNacl, compileNacl, everything, intersect, MAX_PORT, ProtocolTable, sharesProtocol, subtract } from '../../src/guard/header-set';

describe('prefixes', () => {
  test('IPv4 and IPv6 parse into one ordered space; host bits are cleared as EC2 does', () => {
    const v4 = parsePrefix('10.0.1.7/24')!;
    expect([v4.family, v4.length, formatAddress(v4.lo), formatAddress(v4.hi)]).toEqual([4, 24, '10.0.1.0', '10.0.1.255']);
    const v6 = parsePrefix('2001:DB8::1/56')!;
    expect([v6.family, v6.length, formatAddress(v6.lo), formatAddress(v6.hi)]).toEqual([6, 56, '2001:db8::', '2001:db8:0:ff:ffff:ffff:ffff:ffff']);
    // Every IPv6 address sorts after every IPv4 address.
    expect(parsePrefix('::/0')!.lo > parsePrefix('255.255.255.255/32')!.hi).toBe(true);
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '1::2::3/64', '2001:db8::/129', 'pl-0123', '', '1:2:3:4:5:6:7/64'])('%j is not a prefix', (text) => {
    expect(parsePrefix(text)).toBeUndefined();
  });

  test('an interval is written as the fewest prefixes, in both families', () => {
    expect(intervalToPrefixes(parsePrefix('10.0.0.0/32')!.lo, parsePrefix('10.0.0.6/32')!.lo)).toEqual(['10.0.0.0/30', '10.0.0.4/31', '10.0.0.6/32']);
    expect(intervalToPrefixes(parsePrefix('::/0')!.lo, parsePrefix('::/0')!.hi)).toEqual(['::/0']);
    expect(intervalToPrefixes(parsePrefix('2001:db8::/127')!.lo, parsePrefix('2001:db8::2/128')!.lo)).toEqual(['2001:db8::/127', '2001:db8::2/128']);
  });

  test('an interval that runs from the end of IPv4 into IPv6 (merged ranges of the combined space) is cut per family, at once', () => {
    // The non-internet tails of both families are adjacent in the combined space: a path that carries both (a propagated
    // route, a ::/0 and 0.0.0.0/0 to a zone) used to hang the message writer, walking IPv6 2^32 addresses at a time.
    expect(intervalToPrefixes(parsePrefix('224.0.0.0/3')!.lo, parsePrefix('::/3')!.hi)).toEqual(['224.0.0.0/3', '::/3']);
  });

  test('internet addresses: public IPv4, IPv6 global unicast only', () => {
    expect(isInternet(parsePrefix('52.0.0.1/32')!.lo)).toBe(true);
    expect(isInternet(parsePrefix('100.64.0.1/32')!.lo)).toBe(false);
    expect(isInternet(parsePrefix('2600::1/128')!.lo)).toBe(true);
    expect(isInternet(parsePrefix('fd00::1/128')!.lo)).toBe(false);
  });

  test('address classes: every prefix is a run of atoms, and no atom straddles the internet boundary', () => {
    const atoms = new AtomTable(['10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/1', '::/0'].map((p) => parsePrefix(p)!));
    const [a, b] = atoms.range(parsePrefix('10.0.1.0/24')!);
    expect(formatAddress(atoms.lo(a))).toBe('10.0.1.0');
    expect(formatAddress(atoms.hi(b))).toBe('10.0.1.255');
    for (let i = 0; i < atoms.size; i++) expect(isInternet(atoms.lo(i))).toBe(isInternet(atoms.hi(i)));
    expect(() => atoms.range(parsePrefix('10.0.2.0/24')!)).toThrow(/not a union of atoms/);
  });
});

describe('header boxes', () => {
  const box = (d0: number, d1: number, q0 = 0, q1 = MAX_PORT) => ({ d0, d1, s0: 0, s1: 9, p: ProtocolTable.TCP, q0, q1 });

  test('subtraction leaves disjoint pieces that, with the intersection, make up the box again', () => {
    const a = box(0, 9, 0, 1000);
    const b = box(3, 5, 100, 200);
    const pieces = subtract(a, b);
    const size = (x: { d0: number; d1: number; q0: number; q1: number }) => (x.d1 - x.d0 + 1) * (x.q1 - x.q0 + 1);
    expect(pieces.reduce((n, x) => n + size(x), 0) + size(intersect(a, b)!)).toBe(size(a));
    for (let i = 0; i < pieces.length; i++) for (let j = i + 1; j < pieces.length; j++) expect(intersect(pieces[i], pieces[j])).toBeUndefined();
  });

  test('NACL entries: the first match decides, deny before allow, no match denies; outbound matches destinations, inbound sources', () => {
    const atoms = new AtomTable(['10.0.0.0/16', '10.0.5.0/24', '0.0.0.0/0', '::/0'].map((p) => parsePrefix(p)!));
    const protocols = new ProtocolTable([]);
    const all = everything(protocols, atoms.family(4), atoms.family(4));
    const entries = [
      { ruleNumber: 200, egress: true, action: 'allow' as const, protocol: '-1', cidr: '10.0.0.0/16' },
      { ruleNumber: 100, egress: true, action: 'deny' as const, protocol: 'tcp', cidr: '10.0.5.0/24', fromPort: 22, toPort: 22 },
      { ruleNumber: 100, egress: false, action: 'allow' as const, protocol: '-1', cidr: '0.0.0.0/0' },
    ];
    const out = applyNacl(all, compileNacl(entries, true, atoms, protocols));
    const [h0, h1] = atoms.range(parsePrefix('10.0.5.0/24')!);
    const reaches = (d: number, proto: number, port: number) =>
      out.some((b) => b.d0 <= d && d <= b.d1 && sharesProtocol(b.p, proto) && b.q0 <= port && port <= b.q1);
    expect(reaches(h0, ProtocolTable.TCP, 22)).toBe(false); // the deny at 100 comes first
    expect(reaches(h1, ProtocolTable.TCP, 443)).toBe(true);
    expect(reaches(h0, ProtocolTable.UDP, 22)).toBe(true);
    const [o0] = atoms.range(parsePrefix('0.0.0.0/0')!);
    expect(reaches(o0, ProtocolTable.TCP, 443)).toBe(false); // outside 10.0.0.0/16: no entry matches
    // Inbound: the allow-all entry keeps everything.
    expect(applyNacl(all, compileNacl(entries, false, atoms, protocols))).toEqual(all);
  });

  test('what cannot be read is over-approximated: an unreadable allow matches all, an unreadable deny nothing', () => {
    const atoms = new AtomTable([parsePrefix('10.0.0.0/16')!]);
    const protocols = new ProtocolTable([]);
    const all = everything(protocols, atoms.family(4), atoms.family(4));
    const deny = compileNacl([
      { ruleNumber: 1, egress: true, action: 'deny', protocol: '-1', cidr: undefined },
      { ruleNumber: 2, egress: true, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' },
    ], true, atoms, protocols);
    expect(applyNacl(all, deny)).toEqual(all);
    const icmp = compileNacl([{ ruleNumber: 1, egress: true, action: 'deny', protocol: 'icmp', cidr: '0.0.0.0/0', icmpSpecific: true }], true, atoms, protocols);
    expect(icmp).toEqual([]);
  });
});
