/**
 * Validation of the α′ breakout (REQUIREMENTS §3, AP-1 … AP-6): the cloud services on the allow-list (catalogue entries
 * and the user's own definitions alike), tenant restriction, the tenant-restriction proxy and the IPS rules. These values
 * end up in the firewall's rule groups, `squid.conf` and the proxy's boot script.
 */
import { MunicipalNetworkBlueprintProps } from './blueprint';
import { CloudServiceCategory } from './cloud-service';
import { domainProblems } from './domains';
import { HostDeclaration, HostRole } from './flows';
import { AlphaPrimeCase } from './network-model';
import { Port, Protocol } from './port';
import { checkCidrList, checkPort, isObject, isPort, isReference, isStringArray, NAME, Problems } from './validate-common';

export function checkBreakout(p: Problems, props: MunicipalNetworkBlueprintProps, hosts: Map<string, HostDeclaration>): void {
  const breakout = props.breakout!;
  const theCase = props.alphaPrimeCase;
  const communication = theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD || theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const ids = new Set<string>();
  breakout.services.forEach((entry, i) => {
    const base = `breakout.services[${i}]`;
    const s = isObject(entry) ? entry.service : undefined;
    if (!isObject(s)) {
      p.add(`${base}.service`, 'is missing', 'give a CloudServiceCatalogue entry or your own CloudServiceDefinition');
      return;
    }
    const path = `${base}(${String(s.id)})`;
    if (typeof s.id !== 'string' || !NAME.test(s.id)) p.add(`${base}.service.id`, `${JSON.stringify(s.id)} is not a service id`, 'use lower-case letters, digits and hyphens');
    else if (ids.has(s.id)) p.add(path, 'is listed twice', 'list each service once');
    else ids.add(s.id);
    if (!isStringArray(s.domains) || s.domains.length === 0) {
      p.add(`${path}.service.domains`, 'is empty', 'list the FQDNs the service needs');
    } else {
      s.domains.forEach((d, j) => {
        for (const pr of domainProblems(d)) p.add(`${path}.service.domains[${j}]`, `"${d}" ${pr}`, 'allow only the service\'s own FQDNs ("host.example.com" or "*.example.com")');
      });
    }
    const ports: unknown[] = Array.isArray(s.ports) ? s.ports : [Port.HTTPS];
    ports.forEach((port, j) => checkPort(p, `${path}.service.ports[${j}]`, port));
    const non443 = ports.filter((q) => isObject(q) && !(q.protocol === Protocol.TCP && q.fromPort === 443 && q.toPort === 443));
    if (non443.length > 0 && !(typeof s.portsReason === 'string' && s.portsReason.trim().length > 0)) {
      p.add(`${path}.service.portsReason`, `is missing for ${non443.map(String).join(', ')} (AP-5: only TLS 443 without a reason)`, 'say why, e.g. "OCSP/CRL over HTTP"');
    }
    if (s.media !== undefined) {
      if (!isObject(s.media)) {p.add(`${path}.service.media`, 'must be an object', 'give { cidrs, ports, reason, documentationUrl }');} else {
        checkCidrList(p, `${path}.service.media.cidrs`, s.media.cidrs, true).forEach((c, j) => {
          if (c.prefixLength === 0) p.add(`${path}.service.media.cidrs[${j}]`, '0.0.0.0/0 allows every destination (AP-5)', "list the vendor's published media ranges");
        });
        (Array.isArray(s.media.ports) ? s.media.ports : []).forEach((q: unknown, j: number) => checkPort(p, `${path}.service.media.ports[${j}]`, q));
        if (!(typeof s.media.reason === 'string' && s.media.reason.trim())) p.add(`${path}.service.media.reason`, 'is missing (AP-5)', 'say why the media bypasses the proxy');
      }
    }
    if (s.ismapListed !== true) {
      const c = s.securityUpdateConditions;
      const ok = isObject(c) && c.handlesNoAdministrativeDocuments === true && c.restrictedByUrl === true
        && c.authenticatedByTrustedCertificate === true;
      if (!ok) {
        p.add(path, 'is not ISMAP-listed and does not meet the three conditions for a security-update service (AP-2)',
          'use an ISMAP-listed service, or, for a security-update service (virus definitions, IP/URL lists), confirm securityUpdateConditions: it handles no administrative documents (行政文書を扱わない), is restricted by URL, and is authenticated by a trusted certificate');
      }
    }
    if (theCase === AlphaPrimeCase.LICENSE_AND_UPDATES && s.category === CloudServiceCategory.COMMUNICATION_TOOL) {
      p.add(path, 'is a communication tool, but case ア allows only license authentication and updates', 'choose case COMMUNICATION_NO_DOWNLOAD (イ) or COMMUNICATION_WITH_SANITIZATION (ウ), or remove the service');
    }
    const tr = s.tenantRestriction;
    const templates: string[] = isObject(tr) && Array.isArray(tr.headers) ? tr.headers.map((h: any) => String(h?.valueTemplate ?? '')) : [];
    const needsTenants = templates.some((t) => t.includes('{tenants}') || t.includes('{directoryId}'));
    if (communication && isObject(tr) && needsTenants) {
      const tenantIds = isObject(entry) ? entry.tenantIds : undefined;
      if (!isStringArray(tenantIds) || tenantIds.length === 0 || tenantIds.some((t) => t.trim() === '')) {
        p.add(`${base}.tenantIds`, `is missing: ${String(s.name)} supports tenant restriction (${String(tr.scheme)}), required in cases イ/ウ (AP-3, テナントアクセス制御)`,
          `give ${String(tr.tenantIdDescription)}`);
      } else if (tenantIds.some((t) => /["\r\n\\]/.test(t))) {
        p.add(`${base}.tenantIds`, 'contains a quote, backslash or line break', 'give the plain tenant identifiers');
      }
      const needsPolicy = templates.some((t) => t.includes('{policyId}'));
      if (needsPolicy && !(isObject(entry) && typeof entry.policyId === 'string' && entry.policyId.trim())) {
        p.add(`${base}.policyId`, `is missing: ${String(tr.scheme)} names a policy in its header (AP-3)`, 'give the tenant restrictions policy ID');
      }
    }
  });
  if (theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD && breakout.fileDownloadRestricted !== true) {
    p.add('breakout.fileDownloadRestricted', 'is not true: case イ forbids downloading files into LGWAN (AP-6, ダウンロード制限)', 'set fileDownloadRestricted: true (the proxy blocks downloads), or choose case ウ with a sanitization relay');
  }
  if (theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION) {
    const relay = breakout.sanitizationRelay;
    const host = typeof relay === 'string' ? hosts.get(relay) : undefined;
    if (!host || host.role !== HostRole.SANITIZATION_RELAY) {
      p.add('breakout.sanitizationRelay', `${relay === undefined ? 'is missing' : `"${String(relay)}" is not a declared SANITIZATION_RELAY host`}: case ウ passes files only after sanitization (AP-6, 無害化)`,
        'declare the relay in hosts with role SANITIZATION_RELAY and name it here');
    }
  }
  checkTenantProxy(p, breakout.tenantProxy, communication);
  if (breakout.ipsRules !== undefined && !(isStringArray(breakout.ipsRules) && breakout.ipsRules.every((r) => r.trim().length > 0))) {
    p.add('breakout.ipsRules', 'must be a list of non-empty Suricata rules (AP-4)', 'give rules like \'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"..."; sid:...; rev:1;)\', or leave it out for the built-in set');
  }
  if (breakout.extraStatefulRuleGroupArns !== undefined && !(isStringArray(breakout.extraStatefulRuleGroupArns)
    && breakout.extraStatefulRuleGroupArns.every((a) => /^arn:aws[a-z-]*:network-firewall:[^:]+:\d{12}:stateful-rulegroup\//.test(a)))) {
    p.add('breakout.extraStatefulRuleGroupArns', 'must be Network Firewall stateful rule group ARNs', 'give ARNs like arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name>');
  }
}

function checkTenantProxy(p: Problems, proxy: unknown, communication: boolean): void {
  const path = 'breakout.tenantProxy';
  if (proxy === undefined) {
    if (communication) {
      p.add(path, 'is missing: cases イ/ウ need the tenant-restriction proxy to add the tenant headers (AP-3, テナントアクセス制御)',
        'give tenantProxy: { caSecretArn } with the Secrets Manager secret of your TLS interception CA');
    }
    return;
  }
  if (!isObject(proxy)) {
    p.add(path, 'must be an object', 'give tenantProxy: { caSecretArn, ... }');
    return;
  }
  if (!communication) {
    p.add(path, 'is set but case ア (license and updates only) has no tenant restriction', 'remove it, or choose case イ or ウ');
  }
  const arn = proxy.caSecretArn;
  if (!(isReference(arn) || (typeof arn === 'string' && /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/.test(arn)))) {
    p.add(`${path}.caSecretArn`, `${arn === undefined ? 'is missing' : `${JSON.stringify(arn)} is not a Secrets Manager secret ARN`} (AP-3)`,
      'store the interception CA as {"certificate": "<PEM>", "privateKey": "<PEM>"} in Secrets Manager and give the secret ARN');
  }
  const key = proxy.caSecretKmsKeyArn;
  if (key !== undefined && !(isReference(key) || (typeof key === 'string' && /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(key)))) {
    p.add(`${path}.caSecretKmsKeyArn`, `${JSON.stringify(key)} is not a KMS key ARN`, 'give arn:aws:kms:<region>:<account>:key/<key-id>, or leave it out for aws/secretsmanager');
  }
  if (proxy.instanceType !== undefined && !(typeof proxy.instanceType === 'string' && /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(proxy.instanceType))) {
    p.add(`${path}.instanceType`, `${JSON.stringify(proxy.instanceType)} is not an EC2 instance type`, "write e.g. 't3.medium'");
  }
  const min = proxy.minInstances ?? 2;
  if (!Number.isInteger(min) || min < 2) {
    p.add(`${path}.minInstances`, `${JSON.stringify(proxy.minInstances)} is below 2: one proxy is a single point of failure for every terminal`, 'give 2 or more');
  }
  const max = proxy.maxInstances;
  if (max !== undefined && !(Number.isInteger(max) && Number.isInteger(min) && max >= min)) {
    p.add(`${path}.maxInstances`, `${JSON.stringify(max)} is not an integer of at least minInstances (${String(min)})`, 'give a number no smaller than minInstances, or leave it out');
  }
  if (proxy.port !== undefined && !(isPort(proxy.port) && proxy.port !== 443 && proxy.port !== 80)) {
    p.add(`${path}.port`, `${JSON.stringify(proxy.port)} is not a usable proxy port`, 'give a TCP port other than 80 and 443, e.g. 3128 (Squid) or 8080');
  }
  const extra = proxy.extraConnectPorts;
  if (extra !== undefined && !(Array.isArray(extra) && extra.every(isPort))) {
    p.add(`${path}.extraConnectPorts`, 'must be a list of TCP ports 1-65535 (AP-5)', 'e.g. [8443], or leave it out');
  }
}

