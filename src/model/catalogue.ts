import {
  CloudServiceCategory, CloudServiceDefinition, TenantRestriction,
} from './cloud-service';
import { Port } from './port';

/** Which Microsoft Entra tenant-restrictions scheme the proxy applies. */
export enum EntraTenantRestrictionVersion {
  /**
   * Tenant restrictions v1: `Restrict-Access-To-Tenants` (allowed tenants) and `Restrict-Access-Context`
   * (the directory that owns the policy).
   */
  V1 = 'V1',
  /** Tenant restrictions v2: `sec-Restrict-Tenant-Access-Policy: <directoryId>:<policyId>`. Recommended by Microsoft. */
  V2 = 'V2',
}

/**
 * Microsoft Entra sign-in hosts that must carry the tenant-restriction headers.
 * https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions (v1, "URLs and IP addresses")
 * https://learn.microsoft.com/en-us/entra/external-id/tenant-restrictions-v2 (v2, "Proxy configuration")
 */
const ENTRA_LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net'];

// ISMAP status of every entry (政府情報システムのためのセキュリティ評価制度) is taken from the vendors'
// announcements of their registration; the list changes, so integrators must re-check the ISMAP cloud service
// list (https://www.ismap.go.jp/csm?id=cloud_service_list) at design time and record the registration in the
// design document (設計書). "See the ISMAP list" below refers to that page.

function entraRestriction(version: EntraTenantRestrictionVersion): TenantRestriction {
  return version === EntraTenantRestrictionVersion.V1
    ? {
      scheme: 'Microsoft Entra tenant restrictions v1',
      hosts: [...ENTRA_LOGIN_HOSTS],
      headers: [
        { name: 'Restrict-Access-To-Tenants', valueTemplate: '{tenants}', separator: ',' },
        { name: 'Restrict-Access-Context', valueTemplate: '{directoryId}' },
      ],
      documentationUrl: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions',
      tenantIdDescription: 'the Entra tenant IDs (GUIDs) or default domains users may sign in to; the first is the directory that sets the policy unless directoryId is given',
    }
    : {
      scheme: 'Microsoft Entra tenant restrictions v2',
      hosts: [...ENTRA_LOGIN_HOSTS],
      headers: [{ name: 'sec-Restrict-Tenant-Access-Policy', valueTemplate: '{directoryId}:{policyId}' }],
      documentationUrl: 'https://learn.microsoft.com/en-us/entra/external-id/tenant-restrictions-v2',
      tenantIdDescription: 'your Entra directory (tenant) ID (a GUID); give the tenant-restrictions v2 policy ID as policyId',
    };
}

function microsoft365(version: EntraTenantRestrictionVersion): CloudServiceDefinition {
  return {
    id: version === EntraTenantRestrictionVersion.V1 ? 'microsoft-365-trv1' : 'microsoft-365',
    name: `Microsoft 365 (Exchange Online, SharePoint Online / OneDrive, Teams, Microsoft 365 apps) with Entra tenant restrictions ${version.toLowerCase()}`,
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Microsoft 365 URLs and IP address ranges (worldwide): endpoint sets "Exchange Online" (outlook.*),
    // "SharePoint Online and OneDrive" (*.sharepoint.com), "Microsoft Teams" (*.teams.microsoft.com, *.lync.com,
    // *.teams.cloud.microsoft), "Microsoft 365 Common and Office Online" (*.office.com, *.office.net, *.cloud.microsoft,
    // *.officeapps.live.com, Entra sign-in and its CDNs *.msauth.net / *.msftauth.net, graph.microsoft.com).
    domains: [
      'outlook.office.com', 'outlook.office365.com', '*.outlook.com',
      '*.sharepoint.com',
      'teams.microsoft.com', '*.teams.microsoft.com', '*.lync.com', '*.teams.cloud.microsoft',
      '*.office.com', '*.office.net', '*.cloud.microsoft', '*.officeapps.live.com',
      ...ENTRA_LOGIN_HOSTS, 'login.live.com', '*.msauth.net', '*.msftauth.net', 'graph.microsoft.com',
    ],
    // Teams media: UDP 3478-3481 to the "Optimize" ranges of endpoint ID 11, which the proxy never sees.
    media: {
      cidrs: ['52.112.0.0/14', '52.122.0.0/15'],
      ports: [Port.udpRange(3478, 3481)],
      reason: 'Teams audio/video media is UDP (STUN/TURN 3478-3481) and cannot pass an HTTP proxy; Microsoft lists these ranges as Optimize',
      documentationUrl: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges',
    },
    // Microsoft 365 is registered in ISMAP (Microsoft's announcement of its ISMAP registration, 2021). See the ISMAP list.
    ismapListed: true,
    tenantRestriction: entraRestriction(version),
    documentationUrl: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges',
  };
}

/**
 * Cloud services for the α′ local-breakout allow-list (ローカルブレイクアウト), each with the domains, ports,
 * ISMAP status and tenant-restriction scheme its vendor documents. Use an entry as
 * `{ service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: [...] }`, or declare your own
 * `CloudServiceDefinition` with the same shape.
 *
 * ISMAP status is taken from the vendors' announcements; re-check the ISMAP list
 * (https://www.ismap.go.jp/csm?id=cloud_service_list) at design time.
 */
export class CloudServiceCatalogue {
  /** Microsoft 365 with Entra tenant restrictions v2 (`sec-Restrict-Tenant-Access-Policy`). */
  public static readonly MICROSOFT_365: CloudServiceDefinition = microsoft365(EntraTenantRestrictionVersion.V2);

  /**
   * Blocks personal Microsoft accounts (MSA) at login.live.com with `sec-Restrict-Tenant-Access-Policy: restrict-msa`.
   * Add it beside Microsoft 365 (tenant restrictions v1 or v2) in cases イ/ウ: login.live.com is on Microsoft 365's
   * allow-list, and the Entra headers restrict the sign-in hosts login.microsoftonline.com, login.microsoft.com and
   * login.windows.net only; Microsoft blocks consumer sign-in "using a separate header to the login.live.com endpoint"
   * (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions#blocking-consumer-applications).
   * Validation asks for it (AP-3, per host). No tenant IDs are needed.
   */
  public static readonly MICROSOFT_CONSUMER_ACCOUNT_BLOCK: CloudServiceDefinition = {
    id: 'microsoft-consumer-account-block',
    name: 'Microsoft consumer account (MSA) block',
    category: CloudServiceCategory.IDENTITY,
    domains: ['login.live.com'],
    // login.live.com is part of the Microsoft 365 endpoint set "Microsoft 365 Common and Office Online"; it is
    // covered by the Microsoft 365 ISMAP registration.
    ismapListed: true,
    tenantRestriction: {
      scheme: 'Microsoft consumer account block (restrict-msa)',
      hosts: ['login.live.com'],
      headers: [{ name: 'sec-Restrict-Tenant-Access-Policy', valueTemplate: 'restrict-msa' }],
      documentationUrl: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions#blocking-consumer-applications',
      tenantIdDescription: 'nothing: the header value is the constant restrict-msa',
    },
    documentationUrl: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions',
  };

  /** Google Workspace, restricted to your domains with `X-GoogApps-Allowed-Domains`. */
  public static readonly GOOGLE_WORKSPACE: CloudServiceDefinition = {
    id: 'google-workspace',
    name: 'Google Workspace',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Google Workspace URLs: *.google.com (sign-in, Gmail, Drive, Meet web), *.googleusercontent.com and
    // *.gstatic.com (content and static assets), *.googleapis.com (APIs used by the apps).
    domains: ['google.com', '*.google.com', '*.googleusercontent.com', '*.gstatic.com', '*.googleapis.com'],
    // Google Cloud / Google Workspace ISMAP registration (Google's announcement). See the ISMAP list.
    ismapListed: true,
    tenantRestriction: {
      scheme: 'Google Workspace allowed domains',
      // "add a header to all traffic directed to google.com" (Block access to consumer accounts).
      hosts: ['google.com', '*.google.com'],
      headers: [{ name: 'X-GoogApps-Allowed-Domains', valueTemplate: '{tenants}', separator: ',' }],
      documentationUrl: 'https://support.google.com/a/answer/1668854',
      tenantIdDescription: 'your Google Workspace primary and secondary domains (e.g. city.example.lg.jp)',
    },
    documentationUrl: 'https://support.google.com/a/answer/2589954',
  };

  /**
   * Zoom. Zoom publishes no header-based tenant restriction for proxies, so none is applied; restrict sign-in
   * with Zoom's own account settings. Meeting media falls back to TLS 443 when UDP 8801-8810 is blocked.
   */
  public static readonly ZOOM: CloudServiceDefinition = {
    id: 'zoom',
    name: 'Zoom Meetings',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Zoom network firewall or proxy server settings: *.zoom.us and zoom.us for web, clients and meetings.
    domains: ['zoom.us', '*.zoom.us'],
    // Zoom's ISMAP registration (Zoom Video Communications' announcement). See the ISMAP list.
    ismapListed: true,
    documentationUrl: 'https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0060548',
  };

  /** Cisco Webex, restricted to your email domains with `CiscoSpark-Allowed-Domains`. */
  public static readonly WEBEX: CloudServiceDefinition = {
    id: 'webex',
    name: 'Cisco Webex',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Network requirements for Webex services: *.webex.com, *.wbx2.com, *.ciscospark.com, *.webexcontent.com.
    domains: ['*.webex.com', '*.wbx2.com', '*.ciscospark.com', '*.webexcontent.com'],
    // Cisco Webex's ISMAP registration (Cisco's announcement). See the ISMAP list.
    ismapListed: true,
    tenantRestriction: {
      scheme: 'Webex allowed domains',
      // The identity hosts Cisco lists for the header ("Configure a list of allowed domains to access Webex").
      hosts: [
        'identity.webex.com', 'identity-eu.webex.com', 'identity-ca.webex.com',
        'idbroker.webex.com', 'idbroker-secondary.webex.com', 'idbroker-b-us.webex.com', 'idbroker-eu.webex.com', 'idbroker-ca.webex.com',
        'atlas-a.wbx2.com',
      ],
      headers: [{ name: 'CiscoSpark-Allowed-Domains', valueTemplate: '{tenants}', separator: ',' }],
      documentationUrl: 'https://help.webex.com/en-us/article/m0jby2/Configure-a-list-of-allowed-domains-to-access-Webex-while-on-your-corporate-network',
      tenantIdDescription: "your users' email domains (e.g. city.example.lg.jp)",
    },
    documentationUrl: 'https://help.webex.com/en-us/article/WBX000028782/Network-Requirements-for-Webex-Services',
  };

  /** Slack, restricted to approved workspaces with `X-Slack-Allowed-Workspaces(-Requester)`. */
  public static readonly SLACK: CloudServiceDefinition = {
    id: 'slack',
    name: 'Slack',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Slack network requirements: slack.com and its subdomains, plus the CDNs *.slack-edge.com,
    // *.slack-imgs.com and file hosts *.slack-files.com.
    domains: ['slack.com', '*.slack.com', '*.slack-edge.com', '*.slack-imgs.com', '*.slack-files.com'],
    // Slack's ISMAP registration (Slack Japan's announcement). See the ISMAP list.
    ismapListed: true,
    tenantRestriction: {
      scheme: 'Slack approved workspaces',
      hosts: ['slack.com', '*.slack.com'],
      headers: [
        // Exactly one ID: the workspace or org that requests the restriction, which must be set first.
        { name: 'X-Slack-Allowed-Workspaces-Requester', valueTemplate: '{directoryId}' },
        { name: 'X-Slack-Allowed-Workspaces', valueTemplate: '{tenants}', separator: ',' },
      ],
      documentationUrl: 'https://slack.com/help/articles/360024821873-Approve-Slack-workspaces-for-your-network',
      tenantIdDescription: 'the allowed Slack workspace or org IDs (T…/E…); the first (or directoryId) is the requester',
    },
    documentationUrl: 'https://slack.com/help/articles/360001603387-Manage-Slack-connection-issues',
  };

  /**
   * Box. Box documents no header-based tenant restriction for proxies (checked against Box's admin and developer
   * documentation), so none is applied; use Box's own enterprise settings.
   */
  public static readonly BOX: CloudServiceDefinition = {
    id: 'box',
    name: 'Box',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Box "Allowlisting Box domains and IP addresses": box.com, *.box.com, *.boxcdn.net, *.boxcloud.com, *.box.net.
    domains: ['box.com', '*.box.com', '*.boxcdn.net', '*.boxcloud.com', '*.box.net'],
    // Box's ISMAP registration (Box Japan's announcement). See the ISMAP list.
    ismapListed: true,
    documentationUrl: 'https://support.box.com/hc/en-us/articles/360043696434-Allowlisting-Box-Domains-and-IP-Addresses',
  };

  /**
   * Dropbox, with network control (`X-Dropbox-allowed-Team-Ids`). Dropbox gives the exact proxy settings to
   * Enterprise customers through their account manager; the header name is the one REQUIREMENTS.md §4 lists and
   * must be confirmed with Dropbox before use.
   */
  public static readonly DROPBOX: CloudServiceDefinition = {
    id: 'dropbox',
    name: 'Dropbox',
    category: CloudServiceCategory.COMMUNICATION_TOOL,
    // Dropbox "Domains Dropbox uses in an official capacity": dropbox.com, *.dropbox.com, *.dropboxapi.com,
    // *.dropboxusercontent.com, *.dropboxstatic.com.
    domains: ['dropbox.com', '*.dropbox.com', '*.dropboxapi.com', '*.dropboxusercontent.com', '*.dropboxstatic.com'],
    // No ISMAP registration known to us; the guard will reject it in α′ unless you confirm otherwise.
    ismapListed: false,
    tenantRestriction: {
      scheme: 'Dropbox network control',
      hosts: ['dropbox.com', '*.dropbox.com'],
      headers: [{ name: 'X-Dropbox-allowed-Team-Ids', valueTemplate: '{tenants}', separator: ',' }],
      documentationUrl: 'https://help.dropbox.com/security/network-control',
      tenantIdDescription: 'your Dropbox team IDs (from your Dropbox account manager)',
    },
    documentationUrl: 'https://help.dropbox.com/installs/official-domains',
  };

  /** GitHub (Enterprise Managed Users), restricted with `sec-GitHub-allowed-enterprise`. */
  public static readonly GITHUB: CloudServiceDefinition = {
    id: 'github',
    name: 'GitHub Enterprise Cloud',
    category: CloudServiceCategory.OTHER,
    // GitHub's meta API lists its domains; github.com, api.github.com and the content hosts are the minimum.
    domains: ['github.com', 'api.github.com', '*.githubusercontent.com', '*.githubcopilot.com', 'github.githubassets.com'],
    // GitHub Enterprise Cloud ISMAP registration is not known to us; set true only after checking the ISMAP list.
    ismapListed: false,
    tenantRestriction: {
      scheme: 'GitHub enterprise access restrictions',
      // "github.com/*, api.github.com/*, *.githubcopilot.com" (Restricting access to GitHub.com using a corporate proxy).
      hosts: ['github.com', 'api.github.com', '*.githubcopilot.com'],
      headers: [{ name: 'sec-GitHub-allowed-enterprise', valueTemplate: '{tenants}', separator: ', ' }],
      documentationUrl: 'https://docs.github.com/en/enterprise-cloud@latest/admin/configuring-settings/hardening-security-for-your-enterprise/restricting-access-to-githubcom-using-a-corporate-proxy',
      tenantIdDescription: 'your GitHub enterprise IDs (Enterprise settings > Authentication security; up to 20)',
    },
    documentationUrl: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-githubs-ip-addresses',
  };

  /**
   * Windows Update. Not ISMAP-listed: allowed in α′ as a security-update service that handles no administrative
   * documents, is restricted by URL, and whose content is signed by Microsoft (trusted certificate).
   */
  public static readonly WINDOWS_UPDATE: CloudServiceDefinition = {
    id: 'windows-update',
    name: 'Windows Update',
    category: CloudServiceCategory.SECURITY_UPDATE,
    // "Manage connection endpoints for Windows 11 Enterprise" / Windows Update troubleshooting (proxy):
    // *.windowsupdate.com, *.update.microsoft.com, *.delivery.mp.microsoft.com, *.prod.do.dsp.mp.microsoft.com.
    domains: ['*.windowsupdate.com', '*.update.microsoft.com', '*.delivery.mp.microsoft.com', '*.prod.do.dsp.mp.microsoft.com'],
    ports: [Port.tcp(80), Port.HTTPS],
    portsReason: 'Windows Update downloads content over HTTP 80; every file is signed by Microsoft and verified before install',
    ismapListed: false,
    securityUpdateConditions: { handlesNoAdministrativeDocuments: true, restrictedByUrl: true, authenticatedByTrustedCertificate: true },
    documentationUrl: 'https://learn.microsoft.com/en-us/windows/privacy/manage-windows-11-endpoints',
  };

  /** Microsoft Defender Antivirus security intelligence (definition) updates. Not ISMAP-listed; security-update service. */
  public static readonly MICROSOFT_DEFENDER_DEFINITIONS: CloudServiceDefinition = {
    id: 'microsoft-defender-definitions',
    name: 'Microsoft Defender Antivirus security intelligence updates',
    category: CloudServiceCategory.SECURITY_UPDATE,
    // "Configure your network to allow connections to Microsoft Defender Antivirus cloud service": definition
    // updates from definitionupdates.microsoft.com, *.update.microsoft.com, go.microsoft.com (redirects), and the
    // cloud protection *.wdcp.microsoft.com / *.wd.microsoft.com.
    domains: ['definitionupdates.microsoft.com', '*.update.microsoft.com', 'go.microsoft.com', '*.wdcp.microsoft.com', '*.wd.microsoft.com'],
    ismapListed: false,
    securityUpdateConditions: { handlesNoAdministrativeDocuments: true, restrictedByUrl: true, authenticatedByTrustedCertificate: true },
    documentationUrl: 'https://learn.microsoft.com/en-us/defender-endpoint/configure-network-connections-microsoft-defender-antivirus',
  };

  /** Trend Micro ActiveUpdate (pattern files) for Trend Micro Apex One / security agents. Not ISMAP-listed; security-update service. */
  public static readonly TREND_MICRO_ACTIVE_UPDATE: CloudServiceDefinition = {
    id: 'trend-micro-activeupdate',
    name: 'Trend Micro ActiveUpdate (pattern files)',
    category: CloudServiceCategory.SECURITY_UPDATE,
    // Trend Micro "ActiveUpdate server URLs": *.activeupdate.trendmicro.com, with signature checks of every package.
    domains: ['*.activeupdate.trendmicro.com'],
    ports: [Port.tcp(80), Port.HTTPS],
    portsReason: 'ActiveUpdate serves pattern files over HTTP 80 as well; packages are digitally signed by Trend Micro and verified by the agent',
    ismapListed: false,
    securityUpdateConditions: { handlesNoAdministrativeDocuments: true, restrictedByUrl: true, authenticatedByTrustedCertificate: true },
    documentationUrl: 'https://success.trendmicro.com/en-US/solution/KA-0001477',
  };

  /** Microsoft 365 with Entra tenant restrictions of the given version (default v2). */
  public static microsoft365(version: EntraTenantRestrictionVersion = EntraTenantRestrictionVersion.V2): CloudServiceDefinition {
    return microsoft365(version);
  }

  /** Every catalogue entry, in a fixed order. */
  public static all(): CloudServiceDefinition[] {
    return [
      CloudServiceCatalogue.MICROSOFT_365,
      CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1),
      CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK,
      CloudServiceCatalogue.GOOGLE_WORKSPACE,
      CloudServiceCatalogue.ZOOM,
      CloudServiceCatalogue.WEBEX,
      CloudServiceCatalogue.SLACK,
      CloudServiceCatalogue.BOX,
      CloudServiceCatalogue.DROPBOX,
      CloudServiceCatalogue.GITHUB,
      CloudServiceCatalogue.WINDOWS_UPDATE,
      CloudServiceCatalogue.MICROSOFT_DEFENDER_DEFINITIONS,
      CloudServiceCatalogue.TREND_MICRO_ACTIVE_UPDATE,
    ];
  }

  /** The entry with this id, or undefined. */
  public static byId(id: string): CloudServiceDefinition | undefined {
    return CloudServiceCatalogue.all().find((s) => s.id === id);
  }

  private constructor() {}
}

