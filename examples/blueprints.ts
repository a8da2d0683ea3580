/**
 * The reference deployments: one blueprint per MIC network model, for a fictitious "Sample City
 * (サンプル市)". The same blueprints feed the CDK examples (examples/cdk) and, later, the CDKTF ones,
 * so that both engines are proven on identical input. Public API only.
 *
 * Addresses: the segments take quarters of 10.0.0.0/16 (MY_NUMBER 10.0.0.0/18, LGWAN 10.0.64.0/18,
 * INTERNET 10.0.128.0/18). Public addresses are from the documentation range 203.0.113.0/24 (RFC 5737)
 * and the LGWAN WAN range and its LGWAN-ASP service addresses (mail relay, ASP web application) are placeholders:
 * replace them with the values J-LIS, your ASPs and your carrier give you.
 */
import {
  AlphaPrimeCase, CloudServiceCatalogue, DesignDocumentFormat, DesignDocumentsOptions, DocumentLanguage, FlowDeclaration, FlowKind, HostDeclaration,
  HostRole, InternetEgressMode, MunicipalNetworkBlueprintProps, NetworkModel, Port, Zone,
} from '../src';

const common = {
  municipality: 'Sample City',
  localGovernmentCode: '999999',
  lgwan: {
    wanCidrs: ['172.20.0.0/16'],
    connection: { customerGatewayIp: '203.0.113.10', customerGatewayAsn: 65010 },
  },
  internet: {
    egress: InternetEgressMode.SECURITY_CLOUD,
    securityCloud: { customerGatewayIp: '203.0.113.20', customerGatewayAsn: 65020 },
    securityCloudCidrs: ['172.30.0.0/24'],
    // The security cloud's DNS resolvers (placeholders in its range): the Internet segment forwards every name there (IN-2).
    securityCloudDns: ['172.30.0.53', '172.30.0.54'],
  },
};

const hosts = {
  residentRegistry: { name: 'resident-registry', zone: Zone.MY_NUMBER, cidrs: ['10.0.0.10/32'], role: HostRole.MY_NUMBER_SYSTEM, description: '住民記録システム' },
  intermediateServer: { name: 'intermediate-server', zone: Zone.LGWAN_WAN, cidrs: ['172.20.10.5/32'], role: HostRole.OTHER, description: '中間サーバー (via LGWAN)' },
  lgwanFileServer: { name: 'lgwan-file-server', zone: Zone.LGWAN, cidrs: ['10.0.65.20/32'], role: HostRole.OTHER, description: 'LGWAN file server receiving sanitized files' },
  lgwanTerminals: { name: 'lgwan-terminals', zone: Zone.LGWAN, cidrs: ['10.0.80.0/24'], role: HostRole.BUSINESS_TERMINALS, description: '業務端末' },
  financeSystem: { name: 'finance-system', zone: Zone.LGWAN, cidrs: ['10.0.65.10/32'], role: HostRole.BUSINESS_SYSTEM, description: '財務会計システム' },
  lgwanVdi: { name: 'lgwan-vdi', zone: Zone.LGWAN, cidrs: ['10.0.65.30/32'], role: HostRole.SCREEN_TRANSFER_SERVER, description: 'LGWAN VDI for β/β′ terminals (画面転送)' },
  virtualBrowser: { name: 'virtual-browser', zone: Zone.INTERNET, cidrs: ['10.0.128.10/32'], role: HostRole.SCREEN_TRANSFER_SERVER, description: '仮想ブラウザ (画面転送)' },
  lgwanSanitizer: { name: 'lgwan-sanitizer', zone: Zone.LGWAN, cidrs: ['10.0.65.40/32'], role: HostRole.SANITIZATION_RELAY, description: '無害化サーバー (ICAP RESPMOD, α′ case ウ)' },
  sanitizer: { name: 'sanitizer', zone: Zone.INTERNET, cidrs: ['10.0.128.20/32'], role: HostRole.SANITIZATION_RELAY, description: '無害化サーバー (file CDR)' },
  internetTerminals: { name: 'internet-terminals', zone: Zone.INTERNET, cidrs: ['10.0.129.0/24'], role: HostRole.BUSINESS_TERMINALS, description: '業務端末 (β/β′)' },
  lgwanMailServer: { name: 'lgwan-mail-server', zone: Zone.LGWAN, cidrs: ['10.0.65.25/32'], role: HostRole.OTHER, description: 'LGWAN mail server (LGWANメール)' },
  lgwanMailRelay: { name: 'lgwan-mail-relay', zone: Zone.LGWAN_WAN, cidrs: ['172.20.20.25/32'], role: HostRole.OTHER, description: 'LGWAN mail relay of the LGWAN (LGWANメール, placeholder address)' },
  lgwanAspWeb: { name: 'lgwan-asp-web', zone: Zone.LGWAN_WAN, cidrs: ['172.20.30.10/32'], role: HostRole.OTHER, description: 'LGWAN-ASP web application (placeholder address)' },
  groupware: { name: 'groupware', zone: Zone.INTERNET, cidrs: ['10.0.130.10/32'], role: HostRole.BUSINESS_SYSTEM, description: 'グループウェア (β′)' },
} satisfies Record<string, HostDeclaration>;

const flows = {
  intermediateServer: { name: 'resident-registry-to-intermediate-server', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'intermediate-server', ports: [Port.tcp(443)], purpose: '中間サーバー連携 (特定通信)' },
  sanitizedFiles: { name: 'sanitized-files-to-lgwan', kind: FlowKind.SANITIZATION, from: 'sanitizer', to: 'lgwan-file-server', ports: [Port.tcp(443)], purpose: '無害化済みファイルの取込' },
  virtualBrowser: { name: 'lgwan-terminals-to-virtual-browser', kind: FlowKind.SCREEN_TRANSFER, from: 'lgwan-terminals', to: 'virtual-browser', ports: [Port.tcp(443)], purpose: 'インターネット閲覧の画面転送' },
  lgwanVdi: { name: 'internet-terminals-to-lgwan-vdi', kind: FlowKind.SCREEN_TRANSFER, from: 'internet-terminals', to: 'lgwan-vdi', ports: [Port.tcp(443)], purpose: 'LGWAN業務の画面転送' },
  // LGWAN-ASP (LG-3): only these services of the LGWAN WAN are routed; mail goes both ways (SMTP, RFC 5321 port 25).
  lgwanMailOut: { name: 'lgwan-mail-to-relay', kind: FlowKind.LGWAN_ASP, from: 'lgwan-mail-server', to: 'lgwan-mail-relay', ports: [Port.tcp(25)], purpose: 'LGWANメールの送信 (LGWAN-ASP)' },
  lgwanMailIn: { name: 'lgwan-relay-to-mail', kind: FlowKind.LGWAN_ASP, from: 'lgwan-mail-relay', to: 'lgwan-mail-server', ports: [Port.tcp(25)], purpose: 'LGWANメールの受信 (LGWAN-ASP)' },
  lgwanAspFromTerminals: { name: 'lgwan-terminals-to-asp-web', kind: FlowKind.LGWAN_ASP, from: 'lgwan-terminals', to: 'lgwan-asp-web', ports: [Port.tcp(443)], purpose: 'LGWAN-ASPの業務アプリケーション利用' },
  lgwanAspFromVdi: { name: 'lgwan-vdi-to-asp-web', kind: FlowKind.LGWAN_ASP, from: 'lgwan-vdi', to: 'lgwan-asp-web', ports: [Port.tcp(443)], purpose: 'LGWAN-ASPの業務アプリケーション利用 (画面転送先のLGWAN端末から)' },
} satisfies Record<string, FlowDeclaration>;

/** α: terminals and business systems in LGWAN; internet through screen transfer and sanitization. */
export const alpha: MunicipalNetworkBlueprintProps = {
  ...common,
  model: NetworkModel.ALPHA,
  hosts: [
    hosts.residentRegistry, hosts.intermediateServer, hosts.lgwanTerminals, hosts.financeSystem,
    hosts.lgwanFileServer, hosts.virtualBrowser, hosts.sanitizer, hosts.lgwanMailServer, hosts.lgwanMailRelay, hosts.lgwanAspWeb,
  ],
  flows: [
    flows.intermediateServer, flows.virtualBrowser, flows.sanitizedFiles,
    flows.lgwanMailOut, flows.lgwanMailIn, flows.lgwanAspFromTerminals,
  ],
};

/** α′ case イ: α plus local breakout to Microsoft 365, tenant-restricted, downloads restricted. */
export const alphaPrime: MunicipalNetworkBlueprintProps = {
  ...alpha,
  model: NetworkModel.ALPHA_PRIME,
  alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,
  breakout: {
    services: [
      {
        service: CloudServiceCatalogue.MICROSOFT_365,
        // Placeholders: the municipality's Entra directory ID and its tenant-restrictions v2 policy ID.
        tenantIds: ['00000000-0000-4000-8000-000000000001'],
        policyId: '00000000-0000-4000-8000-0000000000aa',
      },
      { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK },
      { service: CloudServiceCatalogue.WINDOWS_UPDATE },
      { service: CloudServiceCatalogue.MICROSOFT_DEFENDER_DEFINITIONS },
    ],
    fileDownloadRestricted: true,
    // The interception CA lives in Secrets Manager (placeholder account and name); terminals trust it.
    tenantProxy: {
      caSecretArn: 'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:jichitai/proxy-ca-AbCdEf',
    },
  },
};

/** β: terminals in the Internet segment, business systems in LGWAN by screen transfer; SIEM required. */
export const beta: MunicipalNetworkBlueprintProps = {
  ...common,
  model: NetworkModel.BETA,
  hosts: [
    hosts.residentRegistry, hosts.intermediateServer, hosts.internetTerminals, hosts.financeSystem,
    hosts.lgwanVdi, hosts.lgwanFileServer, hosts.sanitizer, hosts.lgwanMailServer, hosts.lgwanMailRelay, hosts.lgwanAspWeb,
  ],
  flows: [
    flows.intermediateServer, flows.lgwanVdi, flows.sanitizedFiles,
    flows.lgwanMailOut, flows.lgwanMailIn, flows.lgwanAspFromVdi,
  ],
  logging: { siemBucketArn: 'arn:aws:s3:::sample-city-siem-ingest' },
};

/**
 * β′: terminals and most business systems in the Internet segment; the finance system stays in LGWAN.
 * This one uses the built-in egress that stands in for the security cloud in a proof of concept.
 */
export const betaPrime: MunicipalNetworkBlueprintProps = {
  ...beta,
  model: NetworkModel.BETA_PRIME,
  internet: { egress: InternetEgressMode.BUILT_IN, dnsBlockedDomains: ['*.example-malware.test'] },
  hosts: [...beta.hosts!, hosts.groupware],
};

/**
 * α′ case ウ: the α′ example's services, with files from the communication tools sanitized (無害化) on the way in: the
 * tenant-restriction proxy hands them to an ICAP RESPMOD service on a sanitizer in LGWAN, failing closed.
 * Not (yet) one of BLUEPRINTS: the snapshot, mutation and fuzz suites over BLUEPRINTS assume one α′ example; the
 * guard and mutation tests use it through SUPPLEMENTARY_BLUEPRINTS.
 */
export const alphaPrimeSanitization: MunicipalNetworkBlueprintProps = {
  ...alphaPrime,
  alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
  hosts: [...alphaPrime.hosts!, hosts.lgwanSanitizer],
  breakout: {
    services: alphaPrime.breakout!.services,
    tenantProxy: alphaPrime.breakout!.tenantProxy,
    // The product's RESPMOD service path (placeholder); the port defaults to ICAP's 1344.
    sanitizationService: { host: 'lgwan-sanitizer', service: 'respmod' },
  },
};

/** All reference blueprints by example name (the file names under examples/cdk). */
export const BLUEPRINTS: Record<string, MunicipalNetworkBlueprintProps> = {
  'alpha': alpha,
  'alpha-prime': alphaPrime,
  'beta': beta,
  'beta-prime': betaPrime,
};

/** Reference blueprints the example builders know besides BLUEPRINTS (no example file, no snapshot of their own). */
export const SUPPLEMENTARY_BLUEPRINTS: Record<string, MunicipalNetworkBlueprintProps> = {
  'alpha-prime-sanitization': alphaPrimeSanitization,
};

/**
 * Why an α′ breakout lets ports other than TLS 443 through (rule AP-5 asks for a reason): the catalogue's own,
 * vendor-sourced reasons of the services the blueprint allows. Undefined when there is nothing to explain.
 */
export function breakoutPortReason(blueprint: MunicipalNetworkBlueprintProps): string | undefined {
  const reasons = (blueprint.breakout?.services ?? []).flatMap((s) => [
    ...(s.service.media ? [`${s.service.name}: ${s.service.media.reason}`] : []),
    ...(s.service.portsReason ? [`${s.service.name}: ${s.service.portsReason}`] : []),
  ]);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The design documents (設計書) `npm run synth:examples` asks the examples for: every format, in Japanese. Asked for by
 * CDK context `jichitai:design-documents=true` (`cdk synth -c ...`) or, for the CDKTF apps, the environment variable
 * JICHITAI_DESIGN_DOCUMENTS=true; the tests build the examples without them.
 */
export const EXAMPLE_DESIGN_DOCUMENTS: DesignDocumentsOptions = {
  formats: [DesignDocumentFormat.HTML, DesignDocumentFormat.MARKDOWN, DesignDocumentFormat.CSV, DesignDocumentFormat.SVG, DesignDocumentFormat.XLSX],
  language: DocumentLanguage.JAPANESE,
};

/** The blueprint with the examples' design documents when `wanted`, else as it is. */
export function withDesignDocuments(blueprint: MunicipalNetworkBlueprintProps, wanted: unknown): MunicipalNetworkBlueprintProps {
  return wanted === true || wanted === 'true' ? { ...blueprint, designDocuments: EXAMPLE_DESIGN_DOCUMENTS } : blueprint;
}
