import { Port } from './port';

/** What a cloud service is used for; drives case-specific rules. */
export enum CloudServiceCategory {
  /** Identity provider / sign-in (Entra ID, Google sign-in). */
  IDENTITY = 'IDENTITY',
  /** Communication tool (web meetings, chat, mail, file sharing): case イ/ウ rules apply. */
  COMMUNICATION_TOOL = 'COMMUNICATION_TOOL',
  /** Security updates (OS patches, virus definitions, IP/URL lists). */
  SECURITY_UPDATE = 'SECURITY_UPDATE',
  /** License activation / authentication. */
  LICENSE = 'LICENSE',
  /** Anything else. */
  OTHER = 'OTHER',
}

/**
 * One HTTP request header a tenant-restriction scheme injects (テナントアクセス制御). The proxy writes it into squid.conf,
 * so validation holds each part to its grammar.
 */
export interface TenantHeader {
  /**
   * Header name exactly as the vendor documents it: an RFC 9110 token of at most 128 characters starting with a letter
   * or digit, and not `All` or `Other` (which Squid's `request_header_access` reads as every header).
   */
  readonly name: string;
  /**
   * Value template. `{tenants}` is replaced by the configured tenant IDs joined with `separator`,
   * `{directoryId}` and `{policyId}` by the matching tenant settings. Besides these placeholders only visible ASCII
   * letters, digits and `. _ : , ; = + / @ ! & * ~ ^ | ( ) [ ] -` (no quotes, backslash, `%`, `$`, `#` or spaces).
   */
  readonly valueTemplate: string;
  /**
   * Separator between several tenant IDs: `,` or `;`, optionally followed by one space.
   * @default ','
   */
  readonly separator?: string;
}

/**
 * How a service lets a proxy restrict sign-in to the municipality's own tenants.
 */
export interface TenantRestriction {
  /** Human name of the scheme, e.g. "Microsoft Entra tenant restrictions v2" (one line of plain text, at most 200 characters). */
  readonly scheme: string;
  /**
   * Hosts whose requests must carry the headers; the proxy bumps TLS for these only. Each is covered by the service's
   * `domains`, and no two services of an allow-list restrict the same host.
   */
  readonly hosts: string[];
  /** Headers to delete from the client request, then add with the configured values. */
  readonly headers: TenantHeader[];
  /** Vendor documentation URL (https, no spaces or quotes). */
  readonly documentationUrl: string;
  /** What `tenantIds` mean for this scheme, shown in validation errors (plain text, at most 1,000 characters). */
  readonly tenantIdDescription: string;
}

/**
 * The three conditions under which a security-update service that is not ISMAP-listed may be
 * reached from LGWAN in α′ (seed 002): it handles no administrative documents, it is restricted
 * by URL, and it is authenticated by a trusted certificate.
 */
export interface SecurityUpdateConditions {
  /** The service handles no administrative documents (行政文書を扱わない). */
  readonly handlesNoAdministrativeDocuments: boolean;
  /** Access is restricted by URL / FQDN (URLによる接続先制限). */
  readonly restrictedByUrl: boolean;
  /** The service is authenticated by a trusted certificate (信頼できる証明書による認証). */
  readonly authenticatedByTrustedCertificate: boolean;
}

/**
 * One entry of the α′ allow-list catalogue. Entries in `CloudServiceCatalogue` cite the vendor's
 * documentation; users can declare their own with the same shape. Catalogue entries and one's own are validated alike:
 * every value ends up in the firewall's rule groups, squid.conf or the proxy's boot script.
 */
export interface CloudServiceDefinition {
  /**
   * Stable identifier, lower-case with hyphens (e.g. `microsoft-365`). A definition of one's own that takes a catalogue
   * entry's id must keep that entry's category and domains.
   */
  readonly id: string;
  /** Display name: one line of plain text, at most 200 characters (no control or invisible characters, no `${`). */
  readonly name: string;
  /**
   * What it is used for. A domain of a catalogue communication tool can only be allow-listed as a communication tool
   * (no relabelling to pass case ア or to escape case イ's download restriction).
   */
  readonly category: CloudServiceCategory;
  /**
   * Domains to allow. `example.com` matches that host only; `*.example.com` matches every subdomain
   * (and not the apex; list the apex too if it is needed). No bare `*`, no TLD-wide entries such as
   * `*.com` or `*.co.jp` (AP-2). Renderers translate this notation to each engine's syntax.
   */
  readonly domains: string[];
  /**
   * TCP ports to the domains.
   * @default [Port.HTTPS]
   */
  readonly ports?: Port[];
  /**
   * Why ports other than TCP 443 are needed (AP-5), e.g. "OCSP/CRL over HTTP".
   * @default - none; required if `ports` holds anything but TCP 443
   */
  readonly portsReason?: string;
  /**
   * Media flows that bypass the proxy (UDP for meetings): destination CIDRs and ports, allowed by the
   * firewall's own IP/port list.
   * @default - none
   */
  readonly media?: MediaAllowance;
  /** True if the service is listed in ISMAP (政府情報システムのためのセキュリティ評価制度). */
  readonly ismapListed: boolean;
  /**
   * For security-update services that are not ISMAP-listed: the three conditions of seed 002.
   * @default - none
   */
  readonly securityUpdateConditions?: SecurityUpdateConditions;
  /**
   * Tenant restriction scheme, if the service supports one.
   * @default - the service offers no tenant restriction
   */
  readonly tenantRestriction?: TenantRestriction;
  /** Vendor documentation URL for the domain list (https, no spaces or quotes). */
  readonly documentationUrl: string;
}

/** Media (non-proxied) traffic of a service: destination CIDRs and ports, with the reason. */
export interface MediaAllowance {
  /** Destination CIDRs published by the vendor. */
  readonly cidrs: string[];
  /** Ports (usually UDP). */
  readonly ports: Port[];
  /** Why, for the report (AP-5). */
  readonly reason: string;
  /** Vendor documentation URL for the ranges. */
  readonly documentationUrl: string;
}

/**
 * A cloud service chosen for α′ local breakout, with the municipality's own tenant settings.
 */
export interface BreakoutServiceProps {
  /** The catalogue entry (from `CloudServiceCatalogue`) or a user-defined one. */
  readonly service: CloudServiceDefinition;
  /**
   * Tenant identifiers for the tenant restriction headers (directory IDs, domains, workspace IDs...), in the format the
   * header expects: Entra directory IDs are GUIDs (v1's `Restrict-Access-To-Tenants` also takes a tenant's domain),
   * Google Workspace and Webex take domains, Slack workspace or org IDs (T…/E…); other schemes letters, digits and
   * `. _ : @ + = / -`. Required in cases イ/ウ for a service with a tenant restriction scheme (AP-3).
   * @default - none
   */
  readonly tenantIds?: string[];
  /**
   * Microsoft Entra tenant restrictions v2 policy ID (`{policyId}` in the header template), a GUID.
   * @default - none
   */
  readonly policyId?: string;
  /**
   * Directory (tenant) ID the v1 `Restrict-Access-Context` header and the v2 header name (`{directoryId}`): a GUID.
   * @default - the first of `tenantIds`
   */
  readonly directoryId?: string;
}
