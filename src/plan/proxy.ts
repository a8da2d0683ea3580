import { BootScriptParts, StandInProxyPlan, SubnetPlan, SubnetRole, TenantProxyPlan } from './network-plan';
import { routeTableKey } from './routing';
import { ICAP_SERVICE_PATH, IcapServiceInput, proxyTcpPorts, renderSquidConfig } from './squid';
import { hubSquidConfig } from './web-proxy';
import { BreakoutOptions } from '../model/blueprint';
import { LOG_RETENTION_DAYS as DEFAULT_LOG_RETENTION_DAYS } from '../model/defaults';
import { HostDeclaration, HostRole } from '../model/flows';
import { AlphaPrimeCase } from '../model/network-model';
import { Segment, Zone } from '../model/segment';
import { secretArnForm, show } from '../model/validate-breakout';

/** Default proxy port: Squid's own default `http_port 3128` (https://www.squid-cache.org/Doc/config/http_port/). */
export const DEFAULT_PROXY_PORT = 3128;

/**
 * TLS interception is CPU-bound; a t3.medium (2 vCPU, 4 GiB) serves a small municipality's terminals.
 * Users size it with `tenantProxy.instanceType`.
 */
const DEFAULT_INSTANCE_TYPE = 't3.medium';

/**
 * The public SSM parameter AWS keeps pointing at the current Amazon Linux 2023 AMI (x86_64, default kernel).
 * https://docs.aws.amazon.com/linux/al2023/ug/ec2.html
 */
const AL2023_IMAGE_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/**
 * Amazon Linux 2023 serves its package repositories from this S3 bucket in each region; from a subnet without
 * general internet access, dnf reaches it through an S3 gateway endpoint whose policy allows `s3:GetObject` on it.
 * (Amazon Linux 2023 User Guide, package repositories; the bucket is `al2023-repos-<region>-de612dc2`.)
 */
const AL2023_REPOSITORY_BUCKET = 'al2023-repos-{region}-de612dc2';

/** EC2 user data limit, before base64 (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). */
const USER_DATA_LIMIT = 16 * 1024;

/** Where the CA lands on the instance; the Squid configuration refers to these paths. */
const CA_CERT = '/etc/squid/ssl/ca.pem';
const CA_KEY = '/etc/squid/ssl/ca.key';
const SSL_DB = '/var/lib/squid/ssl_db';
/** The certificate generator of Amazon Linux 2023's squid package (Fedora layout: helpers under /usr/lib64/squid). */
const CERTGEN = '/usr/lib64/squid/security_file_certgen';
/** Heredoc delimiter for squid.conf in the boot script; it never occurs in a generated configuration. */
const CONF_EOF = 'JICHITAI_SQUID_CONF';
/** Heredoc delimiter for the CloudWatch agent's configuration; the guard reads the configuration between them (LOG-1). */
export const AGENT_CONF_EOF = 'JICHITAI_CWAGENT_CONF';
/** Where the CloudWatch agent reads its configuration from (any path works with `-c file:`; this is the documented directory). */
const AGENT_CONF = '/opt/aws/amazon-cloudwatch-agent/etc/jichitai-proxy-access-log.json';
/**
 * The agent's control script on Amazon Linux 2023 (package `amazon-cloudwatch-agent`): `-a fetch-config -m ec2 -s -c file:`
 * loads a local configuration and (re)starts the agent.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Agent-commandline-fileconfig.html
 */
const AGENT_CTL = '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl';
/** Squid's access log on the instance: the `access_log` of the generated squid.conf (src/plan/squid.ts). */
export const SQUID_ACCESS_LOG = '/var/log/squid/access.log';
/** The log group of the proxies' access logs (fixed, like the other names of the network: one network per account and region). */
export const PROXY_ACCESS_LOG_GROUP = '/jichitai/lgwan/tenant-proxy/access';

/**
 * Retention periods CloudWatch Logs accepts (PutRetentionPolicy `retentionInDays`):
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * The CloudWatch Logs retention for `logging.retentionDays`: the shortest accepted period that keeps the logs at least
 * as long; undefined (never expire) beyond the longest.
 */
export function cloudWatchRetention(days: number): number | undefined {
  return LOG_RETENTION_DAYS.find((d) => d >= days);
}

/**
 * The CloudWatch agent's configuration that ships Squid's access log to the log group: built as an object and written
 * with JSON.stringify, never by concatenating text. The agent runs as root to read /var/log/squid (owned by squid).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html
 */
export function proxyAgentConfig(logGroupName: string, accessLogPath: string): string {
  return JSON.stringify({
    agent: { run_as_user: 'root' },
    logs: {
      logs_collected: {
        files: {
          collect_list: [{ file_path: accessLogPath, log_group_name: logGroupName, log_stream_name: '{instance_id}', timezone: 'UTC' }],
        },
      },
    },
  }, undefined, 2);
}

/** The ICAP port when none is given: RFC 3507 §4.2, "If the port is empty or not given, port 1344 is assumed." */
export const DEFAULT_ICAP_PORT = 1344;

/**
 * Case ウ's sanitization service as the proxy addresses it: the declared LGWAN SANITIZATION_RELAY host's single address,
 * the port and the service path. Undefined when there is none or it does not name such a host (validation reports why).
 */
export function icapServiceOf(breakout: BreakoutOptions, hosts: readonly HostDeclaration[]): IcapServiceInput | undefined {
  const s = breakout.sanitizationService;
  if (!s || typeof s !== 'object') return undefined;
  const host = hosts.find((h) => h.name === s.host);
  if (!host || host.zone !== Zone.LGWAN || host.role !== HostRole.SANITIZATION_RELAY) return undefined;
  if (!Array.isArray(host.cidrs) || host.cidrs.length !== 1 || !/\/32$/.test(host.cidrs[0])) return undefined;
  const port = s.port ?? DEFAULT_ICAP_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  if (typeof s.service !== 'string' || !ICAP_SERVICE_PATH.test(s.service) || s.service.split('/').some((x) => x === '.' || x === '..')) return undefined;
  return { address: host.cidrs[0].slice(0, -3), port, service: s.service };
}

/** Inputs of the proxy plan. */
export interface TenantProxyPlanInput {
  readonly breakout: BreakoutOptions;
  /** The blueprint's hosts (case ウ's sanitization service names one). */
  readonly hosts: readonly HostDeclaration[];
  readonly alphaPrimeCase: AlphaPrimeCase;
  /** The LGWAN segment's subnets (roles TERMINALS and PROXY are used). */
  readonly subnets: readonly SubnetPlan[];
  /**
   * Days to keep the access log (`logging.retentionDays`).
   * @default 400
   */
  readonly logRetentionDays?: number;
}

/**
 * Plan the tenant-restriction proxy of an α′ breakout in cases イ/ウ; undefined when there is none (case ア, or
 * no `tenantProxy` given, which validation already refused for cases イ/ウ).
 */
export function planTenantProxy(input: TenantProxyPlanInput): TenantProxyPlan | undefined {
  const options = input.breakout.tenantProxy;
  if (!options || input.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES) return undefined;
  const proxySubnets = input.subnets.filter((s) => s.role === SubnetRole.PROXY);
  // Only the terminal subnets may use the proxy: servers and the hosts My Number talks to have no way out (MN-4, AP-7).
  const clientCidrs = input.subnets.filter((s) => s.role === SubnetRole.TERMINALS).map((s) => s.cidr);
  const port = options.port ?? DEFAULT_PROXY_PORT;
  const extraConnectPorts = [...(options.extraConnectPorts ?? [])];
  const icap = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION ? icapServiceOf(input.breakout, input.hosts) : undefined;
  const squidConfig = renderSquidConfig({
    services: input.breakout.services,
    alphaPrimeCase: input.alphaPrimeCase,
    sanitizationService: icap,
    clientCidrs,
    httpPort: port,
    extraConnectPorts,
    caCertPath: CA_CERT,
    caKeyPath: CA_KEY,
    certgenProgram: CERTGEN,
    sslDbPath: SSL_DB,
  });
  const minInstances = options.minInstances ?? 2;
  const form = secretArnForm(options.caSecretArn);
  if (form === undefined) {
    // Validation refuses it first; never splice anything else into a root script.
    throw new Error(`[breakout.tenantProxy.caSecretArn] ${show(options.caSecretArn)} is not a Secrets Manager ARN or an engine reference. `
      + 'Fix: give arn:aws:secretsmanager:<region>:<account>:secret:<name> or the secret\'s own ARN attribute.');
  }
  const bootScriptParts = renderProxyBootScript(squidConfig, proxyAgentConfig(PROXY_ACCESS_LOG_GROUP, SQUID_ACCESS_LOG));
  // A literal ARN is encoded here; a reference is left for the engine to encode at deploy time (bootScriptParts).
  const bootScript = `${bootScriptParts.head}${form === 'literal' ? Buffer.from(options.caSecretArn).toString('base64') : ''}${bootScriptParts.tail}`;
  if (Buffer.byteLength(bootScript) > USER_DATA_LIMIT) {
    throw new Error(`[breakout] the proxy's boot script is ${Buffer.byteLength(bootScript)} bytes; EC2 user data is limited to ${USER_DATA_LIMIT}. ` +
      'Fix: allow-list fewer or broader domains (e.g. "*.example.com" instead of many hosts), or open an issue to deliver squid.conf through S3.');
  }
  return {
    segment: Segment.LGWAN,
    subnetKeys: proxySubnets.map((s) => s.key),
    gatewayEndpointRouteTables: proxySubnets.map((s) => routeTableKey(SubnetRole.PROXY, s.azIndex)),
    port,
    clientCidrs,
    healthCheckCidrs: proxySubnets.map((s) => s.cidr),
    egressTcpPorts: proxyTcpPorts(input.breakout.services, extraConnectPorts),
    sanitizationService: icap ? { cidr: `${icap.address}/32`, port: icap.port, hostName: input.breakout.sanitizationService!.host } : undefined,
    instanceType: options.instanceType ?? DEFAULT_INSTANCE_TYPE,
    minInstances,
    maxInstances: options.maxInstances ?? minInstances * 2,
    imageParameter: AL2023_IMAGE_PARAMETER,
    caSecretArn: options.caSecretArn,
    caSecretKmsKeyArn: options.caSecretKmsKeyArn,
    packageRepositoryBucket: AL2023_REPOSITORY_BUCKET,
    squidConfig,
    bootScript,
    bootScriptParts,
    accessLog: {
      path: SQUID_ACCESS_LOG,
      logGroupName: PROXY_ACCESS_LOG_GROUP,
      retentionDays: cloudWatchRetention(input.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS),
    },
  };
}

/** The log group of the Internet segment's stand-in proxy's access log (LOG-1). */
export const STAND_IN_PROXY_ACCESS_LOG_GROUP = '/jichitai/internet/proxy/access';

/** No TLS interception: a t3.small (2 vCPU, 2 GiB) relays a proof of concept's browsing. */
const STAND_IN_INSTANCE_TYPE = 't3.small';

/**
 * Plan the Internet segment's web proxy, standing in for the security cloud's (`InternetEgressMode.BUILT_IN`, IN-1): the
 * hub proxy's squid.conf (every private destination denied first, then the web on 80 / 443) for the segment's workload
 * subnets, in the proxy subnets, which alone route to the stand-in firewall. Squid's default port, two instances.
 */
export function planStandInProxy(subnets: readonly SubnetPlan[], logRetentionDays: number = DEFAULT_LOG_RETENTION_DAYS): StandInProxyPlan {
  const proxySubnets = subnets.filter((s) => s.role === SubnetRole.PROXY);
  const clientCidrs = subnets.filter((s) => s.role === SubnetRole.WORKLOAD).map((s) => s.cidr);
  const squidConfig = hubSquidConfig({ port: DEFAULT_PROXY_PORT, blockedDomains: [], clientCidrs, effectiveUser: 'squid', standsIn: 'internet-segment' });
  return {
    segment: Segment.INTERNET,
    subnetKeys: proxySubnets.map((s) => s.key),
    port: DEFAULT_PROXY_PORT,
    clientCidrs,
    healthCheckCidrs: proxySubnets.map((s) => s.cidr),
    egressTcpPorts: [80, 443],
    instanceType: STAND_IN_INSTANCE_TYPE,
    minInstances: 2,
    maxInstances: 4,
    imageParameter: AL2023_IMAGE_PARAMETER,
    squidConfig,
    userData: renderStandInProxyBootScript(squidConfig, proxyAgentConfig(STAND_IN_PROXY_ACCESS_LOG_GROUP, SQUID_ACCESS_LOG)),
    accessLog: { path: SQUID_ACCESS_LOG, logGroupName: STAND_IN_PROXY_ACCESS_LOG_GROUP, retentionDays: cloudWatchRetention(logRetentionDays) },
  };
}

/**
 * The ARN check the script runs before using the value: the grammar of `SECRET_ARN` (src/model/validate-breakout.ts)
 * as a POSIX extended regular expression for bash's `=~` (test/plan/proxy.test.ts keeps the two in step).
 */
export const SHELL_ARN_PATTERN = '^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$';

/**
 * The instances' user data (bash, run once by cloud-init as root), in two parts around the secret ARN's base64
 * encoding. The ARN never appears in the script as shell text: the engine encodes it (CloudFormation `Fn::Base64`,
 * Terraform `base64encode`, or this plan for a literal), and base64's alphabet (A-Z a-z 0-9 + / =) cannot end the
 * single-quoted word it sits in, whatever the value turns out to be at deploy time. The script decodes it, refuses
 * anything that is not a Secrets Manager secret ARN, and passes it to the AWS CLI as one double-quoted argument.
 * The parts contain no `${` or `%{`, so that Terraform reads no interpolation or template directive in them.
 */
export function renderProxyBootScript(squidConfig: string, agentConfig: string): BootScriptParts {
  checkEmbedded(squidConfig, agentConfig);
  const head = [
    '#!/bin/bash',
    '# Generated by jichitai-network: boot script of the tenant-restriction proxy (テナントアクセス制御). Do not edit by hand.',
    'set -euo pipefail',
    '',
    '# The interception CA\'s secret ARN, base64-encoded by the engine: base64 cannot end this quoted word, whatever the value.',
    "SECRET_ARN_BASE64='",
  ].join('\n');
  const tail = [
    "'",
    'SECRET_ARN=$(printf \'%s\' "$SECRET_ARN_BASE64" | base64 -d)',
    `ARN_PATTERN='${SHELL_ARN_PATTERN}'`,
    'if [[ ! $SECRET_ARN =~ $ARN_PATTERN ]]; then',
    "  echo 'jichitai-network: the CA secret ARN in the user data is not a Secrets Manager secret ARN; not configuring the proxy' >&2",
    '  exit 1',
    'fi',
    // The region is the ARN's fourth field: no dependency on the CLI finding it in instance metadata.
    'REGION=$(cut -d: -f4 <<<"$SECRET_ARN")',
    '',
    '# Squid from the Amazon Linux 2023 repositories (reached through the S3 gateway endpoint).',
    'dnf install -y squid',
    '',
    '# The interception CA, from Secrets Manager: {"certificate": "<PEM>", "privateKey": "<PEM>"}. Never in the template.',
    'install -d -m 0750 -o squid -g squid /etc/squid/ssl',
    'umask 077',
    'aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ARN" --query SecretString --output text \\',
    `  | python3 -c 'import json, sys; s = json.load(sys.stdin); open("${CA_CERT}", "w").write(s["certificate"]); open("${CA_KEY}", "w").write(s["privateKey"])'`,
    `chown squid:squid ${CA_CERT} ${CA_KEY}`,
    `chmod 0600 ${CA_KEY}`,
    `chmod 0644 ${CA_CERT}`,
    'umask 022',
    '',
    ...confLines(squidConfig),
    '',
    '# Database of generated host certificates, then check the configuration before starting.',
    `rm -rf ${SSL_DB}`,
    `${CERTGEN} -c -s ${SSL_DB} -M 16MB`,
    `chown -R squid:squid ${SSL_DB}`,
    ...startAndShip(agentConfig, 'through the logs interface endpoint'),
  ].join('\n');
  return { head, tail };
}

/** The texts a boot script embeds in heredocs: neither may end its heredoc or hold what Terraform would interpolate. */
function checkEmbedded(squidConfig: string, agentConfig: string): void {
  if (squidConfig.split('\n').includes(CONF_EOF)) throw new Error(`squid.conf contains the heredoc delimiter ${CONF_EOF}`);
  if (/[$%]\{/.test(squidConfig)) throw new Error('squid.conf contains "${" or "%{", which Terraform would read as an interpolation');
  if (agentConfig.split('\n').includes(AGENT_CONF_EOF)) throw new Error(`the agent configuration contains the heredoc delimiter ${AGENT_CONF_EOF}`);
  if (/[$%]\{/.test(agentConfig)) throw new Error('the agent configuration contains "${" or "%{", which Terraform would read as an interpolation');
}

/** squid.conf written from a quoted heredoc (no expansion in it). */
function confLines(squidConfig: string): string[] {
  return ['# The generated configuration.', `cat > /etc/squid/squid.conf <<'${CONF_EOF}'`, squidConfig.replace(/\n$/, ''), CONF_EOF];
}

/** Check the configuration, start Squid, and ship its access log with the CloudWatch agent (`how`: the way to CloudWatch Logs). */
function startAndShip(agentConfig: string, how: string): string[] {
  return [
    'squid -k parse -f /etc/squid/squid.conf',
    'systemctl enable --now squid',
    '',
    `# The access log shipped to CloudWatch Logs (LOG-1) by the CloudWatch agent, ${how}.`,
    'dnf install -y amazon-cloudwatch-agent',
    `cat > ${AGENT_CONF} <<'${AGENT_CONF_EOF}'`,
    agentConfig,
    AGENT_CONF_EOF,
    `${AGENT_CTL} -a fetch-config -m ec2 -s -c file:${AGENT_CONF}`,
    '',
  ];
}

/**
 * The user data of the Internet segment's web proxy, standing in for the security cloud's (`InternetEgressMode.BUILT_IN`):
 * Squid from the Amazon Linux 2023 repositories, the generated squid.conf (no TLS interception, so no CA), and the access
 * log shipped by the CloudWatch agent. The instances' subnets route to the stand-in firewall, which passes HTTPS: the
 * repositories and CloudWatch Logs are reached through it. Nothing of the user's is in it but what the squid.conf
 * writer let through (src/plan/squid.ts).
 */
export function renderStandInProxyBootScript(squidConfig: string, agentConfig: string): string {
  checkEmbedded(squidConfig, agentConfig);
  const script = [
    '#!/bin/bash',
    '# Generated by jichitai-network: boot script of the Internet segment\'s web proxy (stand-in for the security cloud\'s). Do not edit by hand.',
    'set -euo pipefail',
    '',
    '# Squid from the Amazon Linux 2023 repositories (HTTPS, through the stand-in firewall).',
    'dnf install -y squid',
    '',
    ...confLines(squidConfig),
    '',
    ...startAndShip(agentConfig, 'over HTTPS through the stand-in firewall'),
  ].join('\n');
  if (Buffer.byteLength(script) > USER_DATA_LIMIT) {
    throw new Error(`[internet] the stand-in proxy's boot script is ${Buffer.byteLength(script)} bytes; EC2 user data is limited to ${USER_DATA_LIMIT}.`);
  }
  return script;
}
