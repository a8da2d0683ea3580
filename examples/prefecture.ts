/**
 * The reference prefecture: a fictitious "Example Prefecture (サンプル県)" whose security cloud (自治体情報セキュリティクラウド)
 * hub serves member municipalities of mixed models (α, α′, β, β′), built from the reference blueprints in
 * ./blueprints.ts. The same data feeds the CDK app (examples/cdk/prefecture.ts), the CDKTF app (examples/tf/prefecture.ts)
 * and the generated prefectures of `npm run bench` (10 / 50 / 100 members). Public API only.
 *
 * Addresses: the hub is 172.30.0.0/20; member i takes 10.(i+1).0.0/16 (its segments are quarters of it, as in the
 * examples: its Internet segment is 10.(i+1).128.0/18). The LGWAN WAN keeps the examples' placeholder 172.20.0.0/16.
 * Public addresses and names are documentation values (RFC 5737, RFC 2606): replace them with the prefecture's.
 */
import { BLUEPRINTS, breakoutPortReason } from './blueprints';
import { InternetEgressMode, MunicipalNetworkBlueprintProps, SecurityCloudProps } from '../src';

/** The members of the reference prefecture rotate through the four models, so that every model joins the hub. */
export const MEMBER_ROTATION = ['alpha', 'alpha-prime', 'beta', 'beta-prime'];

/** Local government code (全国地方公共団体コード) of member i: fictitious, from 990001 up. */
export function memberCode(i: number): string {
  return String(990001 + i);
}

/** The Internet segment (インターネット接続系) CIDR of member i. */
export function memberInternetCidr(i: number): string {
  return `10.${(i % 250) + 1}.128.0/18`;
}

/**
 * Member i of a prefecture: a reference blueprint renumbered into 10.(i+1).0.0/16, its Internet segment's egress through
 * the prefecture's hub (the app joins it with `securityCloud: hub`, which fills `internet.securityCloudHub`).
 */
export function prefectureMember(i: number): MunicipalNetworkBlueprintProps {
  const base = BLUEPRINTS[MEMBER_ROTATION[i % MEMBER_ROTATION.length]];
  const prefix = `10.${(i % 250) + 1}.`;
  const renumber = (cidr: string) => cidr.replace(/^10\.0\./, prefix);
  return {
    ...base,
    municipality: `Sample Town ${String(i + 1).padStart(3, '0')}`,
    localGovernmentCode: memberCode(i),
    addressSpace: `${prefix}0.0/16`,
    hosts: base.hosts?.map((h) => ({ ...h, cidrs: h.cidrs.map(renumber) })),
    // Every member browses, mails and resolves through the hub: no VPN of its own to a security cloud, no built-in egress.
    internet: { egress: InternetEgressMode.SECURITY_CLOUD },
    // Its logs go to the hub's SIEM sink (members/<code>/), not to a bucket of its own.
    logging: undefined,
  };
}

/** The AP-5 reason a member's α′ breakout needs (the catalogue's vendor-sourced reasons), if any. */
export function memberPortReason(i: number): string | undefined {
  return breakoutPortReason(prefectureMember(i));
}

/**
 * The reference prefecture's member in another account (a documentation account ID); its code and CIDR are outside
 * those of the generated members (990001 up, 10.0.0.0/8).
 */
export const CROSS_ACCOUNT_MEMBER = {
  code: '990000',
  internetCidr: '192.168.0.0/18',
  accountId: '111122223333',
  // Its attachment to the hub's transit gateway, accepted by the hub's owner (a placeholder id in AWS's format).
  attachmentId: 'tgw-attach-0a1b2c3d4e5f60718',
} as const;

/**
 * The hub of a prefecture of `members` municipalities: the proxy fleet, the mail relay (for the first two members' mail),
 * the hub's DNS, the public web entrance for member 1's site behind the WAF, the SIEM sink and monitoring; with members,
 * also the member in another account (`CROSS_ACCOUNT_MEMBER`: the transit gateway's AWS RAM share).
 */
export function prefectureHub(members: number): SecurityCloudProps {
  return {
    prefecture: 'Example-Pref',
    cidr: '172.30.0.0/20',
    proxy: { blockedDomains: ['example-malware.test'] },
    mailRelayHostname: 'relay.security-cloud.example',
    dnsBlockedDomains: ['*.example-malware.test'],
    publicWeb: members > 0 ? {
      sites: [{ hostName: 'www.sample-town-001.example', localGovernmentCode: memberCode(0), targets: ['10.1.130.80'] }],
      // Placeholder: the ACM certificate of the sites' names, in the hub's account and region.
      certificateArn: 'arn:aws:acm:ap-northeast-1:111122223333:certificate/00000000-0000-4000-8000-000000000001',
    } : undefined,
    monitoring: { notificationEmails: ['soc@security-cloud.example'] },
    // The members that receive mail through the relay (their servers in their Internet segments). Same-app members are
    // declared without an attachment: they create their own route tables on the hub.
    members: [
      ...Array.from({ length: Math.min(members, 2) }, (_, i) => ({
        localGovernmentCode: memberCode(i),
        internetCidr: memberInternetCidr(i),
        mailDomains: [`sample-town-${String(i + 1).padStart(3, '0')}.example`],
        mailServer: `10.${(i % 250) + 1}.130.25`,
      })),
      // A member in another account (its own app, not built here): the hub shares its transit gateway with the account
      // through AWS RAM, and the account's log delivery may write members/990000/ of the SIEM bucket only. Once the
      // member has attached and the hub's owner has accepted the attachment, its attachmentId is declared here too: the hub
      // then gives it its own transit route table and routes its declared block to it; the guard takes the attachment
      // as leading to a member (SECURITY_CLOUD_MEMBER), which no other member may reach (SC-1).
      ...(members > 0 ? [{
        localGovernmentCode: CROSS_ACCOUNT_MEMBER.code,
        internetCidr: CROSS_ACCOUNT_MEMBER.internetCidr,
        accountId: CROSS_ACCOUNT_MEMBER.accountId,
        attachmentId: CROSS_ACCOUNT_MEMBER.attachmentId,
      }] : []),
    ],
    tags: { Prefecture: 'Example-Pref' },
  };
}

/** The reference prefecture's size: one member of each model. */
export const REFERENCE_MEMBERS = 4;
