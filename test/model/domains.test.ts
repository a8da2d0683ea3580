import { domainMatches, domainProblems } from '../../src';

describe('domain patterns (AP-2)', () => {
  test.each(['login.microsoftonline.com', '*.sharepoint.com', '*.city.example.lg.jp', 'a-b.example.co.jp'])('%s is accepted', (d) => {
    expect(domainProblems(d)).toEqual([]);
  });
  test.each([
    ['*', /bare/], ['*.com', /TLD-wide/], ['*.jp', /TLD-wide/], ['*.co.jp', /public suffix/], ['*.lg.jp', /public suffix/],
    ['*.co.uk', /public suffix/], ['a.*.example.com', /outside the first label/], ['Example.com', /upper-case/],
    ['-bad.example.com', /invalid labels/], ['localhost', /single label/], ['', /empty/], [' a.com', /spaces/],
  ])('%s is refused', (d, reason) => {
    expect(domainProblems(d).join(' ')).toMatch(reason);
  });
  test('non-strings are refused, not thrown', () => {
    expect(domainProblems(42)).toEqual(['is empty or not a string']);
  });
  test('matching: exact names match only themselves, patterns only subdomains', () => {
    expect(domainMatches('example.com', 'example.com')).toBe(true);
    expect(domainMatches('example.com', 'www.example.com')).toBe(false);
    expect(domainMatches('*.example.com', 'www.example.com')).toBe(true);
    expect(domainMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(domainMatches('*.example.com', 'example.com')).toBe(false);
    expect(domainMatches('*.example.com', 'badexample.com')).toBe(false);
  });
});
