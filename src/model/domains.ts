/**
 * Domain patterns of the α′ allow-list and the DNS lists, in our notation:
 * `host.example.com` matches that host only; `*.example.com` matches its subdomains (not the apex).
 */

/**
 * The 47 prefectures' labels of the JPRS 地域型JPドメイン名 (`tokyo.jp`, `osaka.jp`, …): each is a public suffix under
 * which the prefecture's municipalities and others register, so a wildcard over one covers them all.
 * https://jprs.jp/about/dom-rule/jp-dom/ (属性型・地域型JPドメイン名)
 */
const PREFECTURE_LABELS = [
  'hokkaido', 'aomori', 'iwate', 'miyagi', 'akita', 'yamagata', 'fukushima', 'ibaraki', 'tochigi', 'gunma', 'saitama', 'chiba', 'tokyo',
  'kanagawa', 'niigata', 'toyama', 'ishikawa', 'fukui', 'yamanashi', 'nagano', 'gifu', 'shizuoka', 'aichi', 'mie', 'shiga', 'kyoto',
  'osaka', 'hyogo', 'nara', 'wakayama', 'tottori', 'shimane', 'okayama', 'hiroshima', 'yamaguchi', 'tokushima', 'kagawa', 'ehime',
  'kochi', 'fukuoka', 'saga', 'nagasaki', 'kumamoto', 'oita', 'miyazaki', 'kagoshima', 'okinawa',
];

/**
 * Second-level public suffixes under which nobody may allow "everything" (`*.co.jp`). This is not the
 * full Public Suffix List (that would be a large, changing data set); it covers the Japanese
 * organisational and prefectural domains municipalities meet (JPRS 属性型・地域型JPドメイン名, including LG.JP) and the common
 * `co.`/`com.`/`ac.`/`go.` patterns elsewhere. A wildcard directly over any of them is TLD-wide.
 * https://jprs.jp/about/dom-rule/jp-dom/ (属性型・地域型JPドメイン名)
 */
const SECOND_LEVEL_SUFFIXES: ReadonlySet<string> = new Set([
  ...PREFECTURE_LABELS.map((p) => `${p}.jp`),
  'ac.jp', 'ad.jp', 'co.jp', 'ed.jp', 'go.jp', 'gr.jp', 'lg.jp', 'ne.jp', 'or.jp',
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'gov.au', 'co.nz', 'com.cn', 'com.tw', 'co.kr',
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A label for a message: JSON, with line and paragraph separators and invisible characters escaped too, shortened. */
function quoted(label: string): string {
  const json = JSON.stringify(label.length > 70 ? `${label.slice(0, 64)}…` : label);
  return json.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True for `*.example.com` (a subdomain pattern). */
export function isSubdomainPattern(domain: string): boolean {
  return domain.startsWith('*.');
}

/**
 * What is wrong with a domain pattern, or an empty list. Upper case is rejected rather than normalised,
 * so that what the user wrote is exactly what every renderer emits.
 */
export function domainProblems(domain: unknown): string[] {
  if (typeof domain !== 'string' || domain.length === 0) return ['is empty or not a string'];
  if (domain === '*' || domain === '*.') return ['is a bare "*", which allows everything (AP-2)'];
  if (domain !== domain.trim()) return ['has leading or trailing spaces'];
  if (domain !== domain.toLowerCase()) return ['has upper-case letters; write domains in lower case'];
  if (domain.length > 253) return ['is longer than 253 characters'];
  const wildcard = isSubdomainPattern(domain);
  const rest = wildcard ? domain.slice(2) : domain;
  if (rest.includes('*')) return ['has a "*" outside the first label; only "*.example.com" is supported'];
  const labels = rest.split('.');
  const bad = labels.filter((l) => !LABEL.test(l));
  if (bad.length > 0) return [`has invalid labels (${bad.slice(0, 5).map(quoted).join(', ')}${bad.length > 5 ? ', …' : ''})`];
  if (labels.length < 2) {
    return [wildcard ? `"${domain}" covers a whole top-level domain (TLD-wide, AP-2)` : 'is a single label, not a host name'];
  }
  if (wildcard && labels.length === 2 && SECOND_LEVEL_SUFFIXES.has(rest)) {
    return [`"${domain}" covers a whole public suffix (${rest}) (TLD-wide, AP-2)`];
  }
  return [];
}

/** True if `host` is matched by `pattern` in our notation. */
export function domainMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  if (isSubdomainPattern(pattern)) {
    const suffix = pattern.slice(1); // ".example.com"
    return h.endsWith(suffix) && h.length > suffix.length;
  }
  return h === pattern;
}

/**
 * True if every host `inner` matches is matched by `outer` (both in our notation): an exact host by an equal name or a
 * subdomain pattern over it; a subdomain pattern `*.x` by `*.y` where x is y or under y.
 */
export function patternCovers(outer: string, inner: string): boolean {
  if (!isSubdomainPattern(inner)) return domainMatches(outer, inner);
  if (!isSubdomainPattern(outer)) return false;
  const o = outer.slice(1); // ".y"
  const i = inner.slice(1); // ".x"
  return i === o || i.endsWith(o);
}

/** True if some host matches both patterns (in our notation, one then covers the other). */
export function patternsOverlap(a: string, b: string): boolean {
  return patternCovers(a, b) || patternCovers(b, a);
}
