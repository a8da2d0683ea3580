import { CloudServiceCatalogue, domainMatches, domainProblems, EntraTenantRestrictionVersion, Protocol } from '../../src';

const all = CloudServiceCatalogue.all();

describe('cloud-service catalogue', () => {
  test('ids are unique and byId round-trips', () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) expect(CloudServiceCatalogue.byId(s.id)).toEqual(s);
    expect(CloudServiceCatalogue.byId('no-such-service')).toBeUndefined();
  });

  test.each(all.map((s) => [s.id, s] as const))('%s: domains, URLs, ports and conditions are well-formed', (_, s) => {
    expect(s.documentationUrl).toMatch(/^https:\/\//);
    expect(s.domains.length).toBeGreaterThan(0);
    for (const d of s.domains) expect([d, domainProblems(d)]).toEqual([d, []]);
    const non443 = (s.ports ?? []).filter((p) => !(p.protocol === Protocol.TCP && p.fromPort === 443 && p.toPort === 443));
    if (non443.length > 0) expect(s.portsReason?.length).toBeGreaterThan(10);
    if (!s.ismapListed && s.securityUpdateConditions) {
      expect(s.securityUpdateConditions).toEqual({
        handlesNoAdministrativeDocuments: true, restrictedByUrl: true, authenticatedByTrustedCertificate: true,
      });
    }
    if (s.media) {
      expect(s.media.documentationUrl).toMatch(/^https:\/\//);
      expect(s.media.reason.length).toBeGreaterThan(10);
    }
  });

  const restricted = all.filter((s) => s.tenantRestriction).map((s) => [s.id, s] as const);
  test.each(restricted)('%s: every tenant-restricted host is reachable through the allow-list', (_, s) => {
    const tr = s.tenantRestriction!;
    expect(tr.documentationUrl).toMatch(/^https:\/\//);
    expect(tr.headers.length).toBeGreaterThan(0);
    for (const h of tr.hosts) {
      const probe = h.startsWith('*.') ? `probe${h.slice(1)}` : h;
      expect([h, s.domains.some((d) => domainMatches(d, probe))]).toEqual([h, true]);
    }
    for (const h of tr.headers) expect(h.name).toMatch(/^[A-Za-z][A-Za-z0-9-]*$/);
  });

  test('security-update services are the only non-ISMAP entries allowed without caveat', () => {
    const nonIsmap = all.filter((s) => !s.ismapListed && !s.securityUpdateConditions).map((s) => s.id);
    expect(nonIsmap.sort()).toEqual(['dropbox', 'github']);
    expect(all.filter((s) => s.securityUpdateConditions).length).toBeGreaterThanOrEqual(3);
  });

  test('Entra v1 and v2 use the documented headers', () => {
    const v1 = CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1).tenantRestriction!;
    const v2 = CloudServiceCatalogue.microsoft365().tenantRestriction!;
    expect(v1.headers.map((h) => h.name)).toEqual(['Restrict-Access-To-Tenants', 'Restrict-Access-Context']);
    expect(v2.headers).toEqual([{ name: 'sec-Restrict-Tenant-Access-Policy', valueTemplate: '{directoryId}:{policyId}' }]);
    expect(v1.hosts).toEqual(v2.hosts);
    expect(CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK.tenantRestriction!.headers[0].valueTemplate).toBe('restrict-msa');
  });
});
