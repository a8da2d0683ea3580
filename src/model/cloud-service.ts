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
 * One HTTP request header a tenant-restriction scheme injects (テナントアクセス制御).
 */
export interface TenantHeader {
  /** Header name exactly as the vendor documents it. */
  readonly name: string;
  /**
   * Value template. `{tenants}` is replaced by the configured tenant IDs joined with `separator`,
   * `{directoryId}` and `{policyId}` by the matching tenant settings.
   */
  readonly valueTemplate: string;
  /**
   * Separator between several tenant IDs.
   * @default ','
   */
  readonly separator?: string;
}

/**
 * How a service lets a proxy restrict sign-in to the municipality's own tenants.
 */
export interface TenantRestriction {
  /** Human name of the scheme, e.g. "Microsoft Entra tenant restrictions v2". */
  readonly scheme: string;
  /** Hosts whose requests must carry the headers; the proxy bumps TLS for these only. */
  readonly hosts: string[];
  /** Headers to delete from the client request, then add with the configured values. */
  readonly headers: TenantHeader[];
  /** Vendor documentation URL. */
  readonly documentationUrl: string;
  /** What `tenantIds` mean for this scheme, shown in validation errors. */
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
 * documentation; users can declare their own with the same shape.
 */
export interface CloudServiceDefinition {
  /** Stable identifier, lower-case with hyphens (e.g. `microsoft-365`). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** What it is used for. */
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
  /** Vendor documentation URL for the domain list. */
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
   * Tenant identifiers for the tenant restriction headers (directory IDs, domains, workspace IDs...).
   * Required in cases イ/ウ for a service with a tenant restriction scheme (AP-3).
   * @default - none
   */
  readonly tenantIds?: string[];
  /**
   * Microsoft Entra tenant restrictions v2 policy ID (`{policyId}` in the header template).
   * @default - none
   */
  readonly policyId?: string;
  /**
   * Directory (tenant) ID the v1 `Restrict-Access-Context` header names (`{directoryId}`).
   * @default - the first of `tenantIds`
   */
  readonly directoryId?: string;
}
