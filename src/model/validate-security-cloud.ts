/**
 * Validation of the prefecture security cloud's props (自治体情報セキュリティクラウド, `SecurityCloudProps`): every
 * problem at once, each naming the prop path and how to fix it, in the style of the blueprint validation. This is the
 * security boundary of the hub: every value that reaches squid.conf, Postfix's files, a user-data script, a Suricata
 * rule, a tag or a resource name is checked here against its grammar.
 */
import { cidrSpellingProblem, ipv4AddressSpellingProblem, Ipv4Cidr } from './cidr';
import { LOG_RETENTION_DAYS } from './defaults';
import { domainProblems, isSubdomainPattern } from './domains';
import { SecurityCloudProps } from './security-cloud';
import { TAG_LIMITS, TAG_VALUE } from './validate';
import { checkManagedThreatSignatures } from './validate-breakout';
import { AZ_NAME, isObject, isReference, isStringArray, LIMITS, Problems, RFC1918, show, toPlainData, withinBound } from './validate-common';
import { MailFilterKind, mailRelayProblems, MailRelayProps } from '../plan/mail-relay';

/** Bounds of the hub's lists (each entry becomes resources or rules). */
export const SECURITY_CLOUD_LIMITS = {
  /** Declared members: a prefecture has at most a few hundred municipalities (Hokkaido: 179); the relay takes 500. */
  members: 500,
  /** Public web sites: an ALB listener takes at most 100 rules (Elastic Load Balancing quotas). */
  sites: 100,
  /** IP targets of one site: a target group takes at most 1,000; a handful of web servers is the norm. */
  siteTargets: 50,
  /** Proxy servers. */
  proxyInstances: 20,
  /** Notification e-mail addresses (SNS subscriptions). */
  notificationEmails: 20,
  /** Extra tags: AWS allows 50 per resource, and the library puts a few of its own. */
  tags: 40,
} as const;

/** The prefecture's name: it goes into resource names (S3 bucket, Network Firewall, log groups). */
export const PREFECTURE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
/** 全国地方公共団体コード: six digits (five of the code and the check digit). */
export const LOCAL_GOVERNMENT_CODE = /^\d{6}$/;
/** An AWS account ID: twelve digits (a RAM principal and the SIEM bucket policy's `aws:SourceAccount`). */
export const ACCOUNT_ID = /^\d{12}$/;
const ATTACHMENT_ID = /^tgw-attach-[0-9a-f]{8,17}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]{0,15}\.[a-z0-9]{1,16}$/;
const ACM_ARN = /^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;
const WAF_ACL_ARN = /^arn:aws(-[a-z]+)*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f-]{36}$/;
const MILTER = /^inet:([0-9.]+):([0-9]+)$/;
/** A deliberately plain e-mail grammar: it becomes an SNS subscription endpoint and nothing else. */
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;
const RESERVED_TAG_PREFIXES = ['aws:', 'jichitai:'];

/** S3's limit on a bucket policy's size (bytes): 20 KB (Amazon S3 User Guide, "Adding a bucket policy"). */
const SIEM_POLICY_LIMIT = 20_480;

/**
 * A generous estimate of the SIEM bucket policy's size for the members' accounts (undefined: the hub's account): the
 * fixed statements, one statement per other account, one resource per member in another account. Measured on the
 * rendered policy with a 32-character prefecture name, rounded up.
 */
function siemPolicyEstimate(accounts: readonly (string | undefined)[]): number {
  const others = accounts.filter((a): a is string => a !== undefined);
  return 1_400 + new Set(others).size * 270 + others.length * 105;
}

/** The hub's defaults (the plan reads them from here). */
export const SECURITY_CLOUD_DEFAULTS = {
  availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
  proxyPort: 8080,
  proxyInstanceType: 't3.medium',
  proxyInstances: 2,
  mailFilterMilter: 'inet:127.0.0.1:11332',
  logRetentionDays: LOG_RETENTION_DAYS,
  sitePort: 443,
} as const;

/** The relay's milter as address and port, or undefined when it is not `inet:a.b.c.d:port`. */
export function parseMilter(milter: string): { address: string; port: number } | undefined {
  const m = MILTER.exec(milter);
  if (!m || ipv4AddressSpellingProblem(m[1]) || !/^[1-9]\d{0,4}$/.test(m[2]) || Number(m[2]) > 65535) return undefined;
  return { address: m[1], port: Number(m[2]) };
}

/**
 * The mail relay props the hub derives from its own: one relay member per declared member with mail domains (its
 * domains, its mail server, its Internet segment CIDR as the networks that may send outward), the milter as filter,
 * Postfix's log in a file (Debian 12 has no syslog daemon by default; the CloudWatch agent ships the file).
 */
export function hubMailRelayProps(props: SecurityCloudProps): MailRelayProps {
  const milter = parseMilter(props.mailFilterMilter ?? SECURITY_CLOUD_DEFAULTS.mailFilterMilter);
  return {
    hostname: props.mailRelayHostname,
    members: (props.members ?? []).filter((m) => m.mailDomains && m.mailDomains.length > 0)
      .map((m) => ({ name: `m${m.localGovernmentCode}`, domains: [...m.mailDomains!], mailServer: m.mailServer!, senderCidrs: [m.internetCidr] })),
    filter: { kind: MailFilterKind.MILTER, address: milter?.address ?? '', port: milter?.port ?? 0 },
    logFile: MAIL_LOG_FILE,
  };
}

/** Postfix's log file on the relay (postlogd), shipped by the CloudWatch agent. */
export const MAIL_LOG_FILE = '/var/log/postfix.log';

export class SecurityCloudValidationError extends Error {
  constructor(public readonly errors: string[]) {
    super(`Security cloud props have ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.join('\n')}`);
    this.name = 'SecurityCloudValidationError';
  }
}

/** Every problem of the props, as `[path] what. Fix: how.` lines; empty when the hub can be planned. Never throws. */
export function securityCloudProblems(props: SecurityCloudProps): string[] {
  return inspectSecurityCloud(props).problems;
}

/** Validate; throws one `SecurityCloudValidationError` listing every problem. Returns the plain copy that was validated. */
export function validateSecurityCloud(props: SecurityCloudProps): SecurityCloudProps {
  const { problems, copy } = inspectSecurityCloud(props);
  if (problems.length > 0 || !copy) throw new SecurityCloudValidationError(problems);
  return copy;
}

function inspectSecurityCloud(props: unknown): { problems: string[]; copy?: SecurityCloudProps } {
  const p = new Problems();
  const plain = toPlainData(props);
  if (plain.tooLarge) {
    p.add('(security cloud)', 'is larger than any security cloud\'s props', 'give the props themselves');
    return { problems: p.list };
  }
  for (const problem of plain.problems) p.addUnreadable([problem.path], problem.what, problem.fix);
  if (!isObject(plain.value)) {
    p.add('(security cloud)', 'is not an object', 'give SecurityCloudProps');
    return { problems: p.list };
  }
  const s = plain.value as SecurityCloudProps;
  check(p, s);
  return { problems: p.list, copy: p.list.length === 0 ? s : undefined };
}

function cidrOf(p: Problems, path: string, value: unknown, what: string): Ipv4Cidr | undefined {
  const problem = cidrSpellingProblem(value);
  if (problem) {
    p.add(path, problem, `give ${what} as a CIDR written canonically, e.g. "10.200.0.0/20"`);
    return undefined;
  }
  const c = Ipv4Cidr.parse(value as string);
  if (!RFC1918.some((r) => r.contains(c))) {
    p.add(path, `${c} is not inside a private range (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`, `give ${what} from private address space`);
    return undefined;
  }
  return c;
}

function checkDomainList(p: Problems, path: string, value: unknown, fix: string): void {
  if (value === undefined) return;
  if (!isStringArray(value)) {
    p.add(path, 'must be a list of domain strings', fix);
    return;
  }
  if (!withinBound(p, path, value, LIMITS.dnsDomains, 'each becomes a filter entry')) return;
  value.forEach((d, i) => {
    for (const problem of domainProblems(d)) p.add(`${path}[${i}]`, `${show(d)} ${problem}`, fix);
  });
  if (new Set(value).size !== value.length) p.add(path, 'lists a domain more than once', 'list each domain once');
}

function checkHostName(p: Problems, path: string, value: unknown, fix: string): boolean {
  const problems = domainProblems(value);
  if (problems.length === 0 && isSubdomainPattern(value as string)) problems.push('is a pattern, not a host name');
  for (const problem of problems) p.add(path, `${show(value)} ${problem}`, fix);
  return problems.length === 0;
}

function checkBoolean(p: Problems, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') p.add(path, `${show(value)} is not true or false`, 'give a boolean');
}

function checkInteger(p: Problems, path: string, value: unknown, min: number, max: number, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < min || (value as number) > max)) {
    p.add(path, `${show(value)} is not ${what} (an integer from ${min} to ${max})`, `give an integer from ${min} to ${max}`);
  }
}

interface MemberInfo {
  readonly code: string;
  readonly cidr?: Ipv4Cidr;
}

function check(p: Problems, s: SecurityCloudProps): void {
  if (typeof s.prefecture !== 'string' || !PREFECTURE_NAME.test(s.prefecture)) {
    p.add('prefecture', `${show(s.prefecture)} is not 1-32 letters, digits or hyphens starting with a letter`, 'give the prefecture\'s name in ASCII, e.g. "Example-Pref"');
  }

  const hub = cidrOf(p, 'cidr', s.cidr, 'the hub VPC\'s CIDR');
  if (hub && (hub.prefixLength < 16 || hub.prefixLength > 22)) {
    p.add('cidr', `${hub} is a /${hub.prefixLength}; the hub takes a /16 to a /22 (a VPC is at most a /16; a /22 is the least that holds four subnet tiers in three zones)`, 'give a /16 to /22 block, e.g. "10.200.0.0/20"');
  }

  const azs = s.availabilityZones ?? [...SECURITY_CLOUD_DEFAULTS.availabilityZones];
  if (!isStringArray(azs) || azs.length < 2 || azs.length > 3) {
    p.add('availabilityZones', 'must list two or three availability zone names', 'e.g. ["ap-northeast-1a", "ap-northeast-1c"]');
  } else {
    const regions = new Set<string>();
    azs.forEach((az, i) => {
      const m = AZ_NAME.exec(az);
      if (!m) p.add(`availabilityZones[${i}]`, `${show(az)} is not an availability zone name`, 'write names like "ap-northeast-1a"');
      else regions.add(m[1]);
    });
    if (new Set(azs).size !== azs.length) p.add('availabilityZones', 'lists a zone more than once', 'list each zone once');
    if (regions.size > 1) p.add('availabilityZones', `mixes regions (${[...regions].sort().join(', ')})`, 'use zones of one region, the stack\'s');
  }

  // --- members ------------------------------------------------------------------------------------------------------
  const infos: MemberInfo[] = [];
  const members = s.members;
  if (members !== undefined && !Array.isArray(members)) {
    p.add('members', 'is not a list', 'give a list of { localGovernmentCode, internetCidr, ... }');
  } else if (members && withinBound(p, 'members', members, SECURITY_CLOUD_LIMITS.members, 'a prefecture has at most a few hundred municipalities')) {
    const codes = new Map<string, number>();
    members.forEach((m, i) => {
      const path = `members[${i}]`;
      if (!isObject(m)) {
        p.add(path, 'is not an object', 'give { localGovernmentCode, internetCidr, ... }');
        return;
      }
      let code = '';
      if (typeof m.localGovernmentCode !== 'string' || !LOCAL_GOVERNMENT_CODE.test(m.localGovernmentCode)) {
        p.add(`${path}.localGovernmentCode`, `${show(m.localGovernmentCode)} is not a local government code (six digits)`, 'give the 全国地方公共団体コード with its check digit, e.g. "131016"');
      } else if (codes.has(m.localGovernmentCode)) {
        p.add(`${path}.localGovernmentCode`, `"${m.localGovernmentCode}" is also members[${codes.get(m.localGovernmentCode)}]'s`, 'declare each member once');
      } else {
        code = m.localGovernmentCode;
        codes.set(code, i);
      }
      const cidr = cidrOf(p, `${path}.internetCidr`, m.internetCidr, 'the member\'s Internet segment CIDR');
      if (cidr && hub && cidr.overlaps(hub)) {
        p.add(`${path}.internetCidr`, `${cidr} overlaps the hub's ${hub}`, 'give members and the hub disjoint address space: every member routes the hub CIDR to the hub');
      }
      if (cidr) {
        const clash = infos.findIndex((o) => o.cidr && o.cidr.overlaps(cidr));
        if (clash >= 0) {
          p.add(`${path}.internetCidr`, `${cidr} overlaps members[${clash}].internetCidr ${infos[clash].cidr}`, 'give every member its own address space (the hub routes to each member by its CIDR)');
        }
      }
      infos.push({ code, cidr });
      if (m.attachmentId !== undefined && !isReference(m.attachmentId) && (typeof m.attachmentId !== 'string' || !ATTACHMENT_ID.test(m.attachmentId))) {
        p.add(`${path}.attachmentId`, `${show(m.attachmentId)} is not a transit gateway attachment ID`, 'give the accepted attachment\'s ID, e.g. "tgw-attach-0123456789abcdef0", or leave it out for a member of the same app');
      }
      if (m.accountId !== undefined && (typeof m.accountId !== 'string' || !ACCOUNT_ID.test(m.accountId))) {
        p.add(`${path}.accountId`, `${show(m.accountId)} is not an AWS account ID (12 digits)`,
          'give the member\'s account ID, e.g. "111122223333" (the transit gateway is shared with it through AWS RAM), or leave it out for a member in the hub\'s account');
      }
      const hasDomains = m.mailDomains !== undefined;
      if (hasDomains) {
        checkDomainList(p, `${path}.mailDomains`, m.mailDomains, 'write "city.example.lg.jp" or "*.city.example.lg.jp", in lower case');
        if (Array.isArray(m.mailDomains) && m.mailDomains.length === 0) p.add(`${path}.mailDomains`, 'is empty', 'list the member\'s mail domains, or leave mailDomains out');
      }
      if (hasDomains !== (m.mailServer !== undefined)) {
        p.add(hasDomains ? `${path}.mailServer` : `${path}.mailDomains`, hasDomains ? 'is missing: the relay has nowhere to deliver the member\'s mail' : 'is missing: mailServer is given but no domain is received for it',
          'give both mailDomains and mailServer, or neither');
      }
      if (m.mailServer !== undefined) {
        const problem = ipv4AddressSpellingProblem(m.mailServer);
        if (problem) {p.add(`${path}.mailServer`, problem, 'give the mail server\'s IPv4 address, e.g. "10.1.0.25"');} else if (cidr && !cidr.contains(Ipv4Cidr.parse(`${m.mailServer}/32`))) {
          p.add(`${path}.mailServer`, `${m.mailServer} is not inside the member's internetCidr ${cidr}`, 'give the address of the member\'s mail server in its Internet segment');
        }
      }
    });
  }

  checkBoolean(p, 'allowExternalPrincipals', s.allowExternalPrincipals);
  if (Array.isArray(members) && p.list.length === 0) {
    const size = siemPolicyEstimate(members.map((m) => m.accountId));
    if (size > SIEM_POLICY_LIMIT) {
      p.add('members', `would give the SIEM bucket a policy of about ${size} bytes (one statement per member account, one resource per member in another account); S3 takes at most ${SIEM_POLICY_LIMIT}`,
        'put fewer member accounts on one hub, or members of the same account in the hub\'s account');
    }
  }

  // --- proxy --------------------------------------------------------------------------------------------------------
  const proxy = s.proxy;
  if (proxy !== undefined && !isObject(proxy)) {
    p.add('proxy', 'is not an object', 'give { port, blockedDomains, instanceType, instances }');
  } else if (proxy) {
    checkInteger(p, 'proxy.port', proxy.port, 1, 65535, 'a port number');
    if ([25, 53].includes(proxy.port as number)) p.add('proxy.port', `${proxy.port} is the mail relay's or DNS's port on the hub`, 'use another port, e.g. 8080');
    checkDomainList(p, 'proxy.blockedDomains', proxy.blockedDomains, 'write "example.com" or "*.example.com", in lower case');
    if (proxy.instanceType !== undefined && (typeof proxy.instanceType !== 'string' || !INSTANCE_TYPE.test(proxy.instanceType))) {
      p.add('proxy.instanceType', `${show(proxy.instanceType)} is not an EC2 instance type`, 'give a type such as "t3.medium"');
    }
    checkInteger(p, 'proxy.instances', proxy.instances, 1, SECURITY_CLOUD_LIMITS.proxyInstances, 'a number of proxy servers');
  }

  // --- mail relay ---------------------------------------------------------------------------------------------------
  const milter = s.mailFilterMilter ?? SECURITY_CLOUD_DEFAULTS.mailFilterMilter;
  const filterOk = typeof milter === 'string' && parseMilter(milter) !== undefined;
  if (!filterOk) p.add('mailFilterMilter', `${show(milter)} is not a milter address`, 'write inet:<IPv4 address>:<port>, e.g. "inet:127.0.0.1:11332"');
  const hostnameOk = checkHostName(p, 'mailRelayHostname', s.mailRelayHostname, 'give the relay\'s fully qualified host name in lower case, e.g. "relay.pref.example.lg.jp"');
  const mailMembers = (Array.isArray(members) ? members : []).filter((m) => isObject(m) && m.mailDomains !== undefined);
  if (mailMembers.length === 0) {
    p.add('members', 'declares no member with mailDomains: the mail relay would carry no mail (and Postfix has no domain to relay)',
      'declare the members whose mail the hub relays, with mailDomains and mailServer (members of the same app too, without attachmentId)');
  } else if (p.list.length === 0 && filterOk && hostnameOk) {
    // The relay's own grammar and cross-member checks (domains never shared between members), on what the hub derives.
    const relay = hubMailRelayProps(s);
    for (const problem of mailRelayProblems(relay)) {
      // `[path] what. Fix: how` of the relay's props, its paths turned into the hub's (relay member i is a declared member).
      const m = /^\[(.*?)\] ([\s\S]*)\. Fix: ([\s\S]*)$/.exec(problem);
      const at = (text: string) => text.replace(/members\[(\d+)\]/g, (_, i) => `members[${members!.indexOf(mailMembers[Number(i)])}]`);
      if (m) p.add(`mail relay: ${at(m[1])}`, at(m[2]), m[3]);
      else p.add('mail relay', problem, 'correct the members\' mail settings');
    }
  }

  // --- inspection ---------------------------------------------------------------------------------------------------
  checkManagedThreatSignatures(p, s.managedThreatSignatures, 'managedThreatSignatures', 'SC-2');

  // --- DNS ----------------------------------------------------------------------------------------------------------
  checkDomainList(p, 'dnsBlockedDomains', s.dnsBlockedDomains, 'write "example.com" or "*.example.com", in lower case');

  // --- public web ---------------------------------------------------------------------------------------------------
  const web = s.publicWeb;
  if (web !== undefined && !isObject(web)) {
    p.add('publicWeb', 'is not an object', 'give { sites, certificateArn }');
  } else if (web) {
    if (!isReference(web.certificateArn) && (typeof web.certificateArn !== 'string' || !ACM_ARN.test(web.certificateArn))) {
      p.add('publicWeb.certificateArn', `${show(web.certificateArn)} is not an ACM certificate ARN`, 'give arn:aws:acm:<region>:<account>:certificate/<id> of the hub\'s region');
    }
    checkBoolean(p, 'publicWeb.cdn', web.cdn);
    checkBoolean(p, 'publicWeb.shieldAdvanced', web.shieldAdvanced);
    if (web.cdn === true) {
      if (!isReference(web.cdnWebAclArn) && (typeof web.cdnWebAclArn !== 'string' || !WAF_ACL_ARN.test(web.cdnWebAclArn))) {
        p.add('publicWeb.cdnWebAclArn', `${show(web.cdnWebAclArn)} is not a CLOUDFRONT-scope WAFv2 web ACL ARN`, 'create the CDN\'s web ACL in us-east-1 (scope CLOUDFRONT, with the SQL-injection rule set) and give its ARN');
      }
      if (!isReference(web.cdnCertificateArn) && (typeof web.cdnCertificateArn !== 'string' || !ACM_ARN.test(web.cdnCertificateArn) || !web.cdnCertificateArn.includes(':us-east-1:'))) {
        p.add('publicWeb.cdnCertificateArn', `${show(web.cdnCertificateArn)} is not an ACM certificate ARN in us-east-1`, 'give the CDN\'s certificate (issued in us-east-1) for the sites\' host names');
      }
    } else {
      for (const key of ['cdnWebAclArn', 'cdnCertificateArn'] as const) {
        if (web[key] !== undefined) p.add(`publicWeb.${key}`, 'is given but cdn is not true', 'set cdn: true, or leave it out');
      }
    }
    const sites = web.sites;
    if (!Array.isArray(sites) || sites.length === 0) {
      p.add('publicWeb.sites', 'must be a non-empty list', 'list the sites: { hostName, localGovernmentCode, targets }');
    } else if (withinBound(p, 'publicWeb.sites', sites, SECURITY_CLOUD_LIMITS.sites, 'each becomes a listener rule; an ALB listener takes 100')) {
      const hosts = new Map<string, number>();
      sites.forEach((site, i) => {
        const path = `publicWeb.sites[${i}]`;
        if (!isObject(site)) {
          p.add(path, 'is not an object', 'give { hostName, localGovernmentCode, targets }');
          return;
        }
        if (checkHostName(p, `${path}.hostName`, site.hostName, 'give the site\'s host name in lower case, e.g. "www.city.example.lg.jp"')) {
          if (hosts.has(site.hostName)) p.add(`${path}.hostName`, `"${site.hostName}" is also publicWeb.sites[${hosts.get(site.hostName)}]'s`, 'give each host name once');
          else hosts.set(site.hostName, i);
        }
        const member = infos.find((o) => o.code !== '' && o.code === site.localGovernmentCode);
        if (!member) {
          p.add(`${path}.localGovernmentCode`, `${show(site.localGovernmentCode)} is not a declared member's code`, 'declare the member in members (its internetCidr holds the web servers)');
        }
        checkInteger(p, `${path}.port`, site.port, 1, 65535, 'a port number');
        if (!isStringArray(site.targets) || site.targets.length === 0) {
          p.add(`${path}.targets`, 'must be a non-empty list of IPv4 addresses', 'list the member\'s web servers, e.g. ["10.1.0.80"]');
        } else if (withinBound(p, `${path}.targets`, site.targets, SECURITY_CLOUD_LIMITS.siteTargets, 'each is a load balancer target')) {
          site.targets.forEach((t, j) => {
            const problem = ipv4AddressSpellingProblem(t);
            if (problem) {p.add(`${path}.targets[${j}]`, problem, 'give the web server\'s IPv4 address, e.g. "10.1.0.80"');} else if (member?.cidr && !member.cidr.contains(Ipv4Cidr.parse(`${t}/32`))) {
              p.add(`${path}.targets[${j}]`, `${t} is not inside member ${member.code}'s internetCidr ${member.cidr}`, 'give addresses of the member\'s web servers in its Internet segment');
            }
          });
          if (new Set(site.targets).size !== site.targets.length) p.add(`${path}.targets`, 'lists an address more than once', 'list each address once');
        }
      });
    }
  }

  // --- retention, monitoring, tags ----------------------------------------------------------------------------------
  // At least what LOG-1 accepts of the hub proxy's access-log group, which keeps the logs this many days.
  checkInteger(p, 'logRetentionDays', s.logRetentionDays, LOG_RETENTION_DAYS, 36_500, 'a number of days');
  const mon = s.monitoring;
  if (mon !== undefined && !isObject(mon)) {
    p.add('monitoring', 'is not an object', 'give { notificationEmails }');
  } else if (mon && mon.notificationEmails !== undefined) {
    if (!isStringArray(mon.notificationEmails)) {
      p.add('monitoring.notificationEmails', 'must be a list of e-mail addresses', 'e.g. ["soc@pref.example.lg.jp"]');
    } else if (withinBound(p, 'monitoring.notificationEmails', mon.notificationEmails, SECURITY_CLOUD_LIMITS.notificationEmails, 'each is an SNS subscription')) {
      mon.notificationEmails.forEach((e, i) => {
        if (!EMAIL.test(e)) p.add(`monitoring.notificationEmails[${i}]`, `${show(e)} is not a plain e-mail address`, 'give an address such as "soc@pref.example.lg.jp"');
      });
    }
  }
  const tags = s.tags;
  if (tags !== undefined && !isObject(tags)) {
    p.add('tags', 'is not an object', 'give { key: value } pairs');
  } else if (tags) {
    const keys = Object.keys(tags);
    if (keys.length > SECURITY_CLOUD_LIMITS.tags) p.add('tags', `has ${keys.length} tags; at most ${SECURITY_CLOUD_LIMITS.tags} are accepted (AWS allows 50 per resource, the library adds its own)`, 'give fewer tags');
    for (const key of keys) {
      const v = tags[key];
      if (key.length === 0 || key.length > TAG_LIMITS.key || !TAG_VALUE.test(key) || RESERVED_TAG_PREFIXES.some((r) => key.toLowerCase().startsWith(r)) || key === 'Name') {
        p.add(`tags.${show(key, 40)}`, 'is not a tag key the hub can set (1-128 letters, digits, spaces and _ . : / = + - @; not "Name", not starting with aws: or jichitai:)', 'give another key');
      }
      if (typeof v !== 'string' || v.length > TAG_LIMITS.value || !TAG_VALUE.test(v) || v.toLowerCase().startsWith('aws:')) {
        p.add(`tags.${show(key, 40)}`, `value ${show(v)} is not a tag value (at most 256 letters, digits, spaces and _ . : / = + - @)`, 'give a plain value');
      }
    }
  }
}
