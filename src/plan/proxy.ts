import { SubnetPlan, SubnetRole, TenantProxyPlan } from './network-plan';
import { routeTableKey } from './routing';
import { proxyTcpPorts, renderSquidConfig } from './squid';
import { BreakoutOptions } from '../model/blueprint';
import { AlphaPrimeCase } from '../model/network-model';
import { Segment } from '../model/segment';

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

/** Inputs of the proxy plan. */
export interface TenantProxyPlanInput {
  readonly breakout: BreakoutOptions;
  readonly alphaPrimeCase: AlphaPrimeCase;
  /** The LGWAN segment's subnets (roles WORKLOAD and PROXY are used). */
  readonly subnets: readonly SubnetPlan[];
}

/**
 * Plan the tenant-restriction proxy of an α′ breakout in cases イ/ウ; undefined when there is none (case ア, or
 * no `tenantProxy` given, which validation already refused for cases イ/ウ).
 */
export function planTenantProxy(input: TenantProxyPlanInput): TenantProxyPlan | undefined {
  const options = input.breakout.tenantProxy;
  if (!options || input.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES) return undefined;
  const proxySubnets = input.subnets.filter((s) => s.role === SubnetRole.PROXY);
  const clientCidrs = input.subnets.filter((s) => s.role === SubnetRole.WORKLOAD).map((s) => s.cidr);
  const port = options.port ?? DEFAULT_PROXY_PORT;
  const extraConnectPorts = [...(options.extraConnectPorts ?? [])];
  const squidConfig = renderSquidConfig({
    services: input.breakout.services,
    alphaPrimeCase: input.alphaPrimeCase,
    clientCidrs,
    httpPort: port,
    extraConnectPorts,
    caCertPath: CA_CERT,
    caKeyPath: CA_KEY,
    certgenProgram: CERTGEN,
    sslDbPath: SSL_DB,
  });
  const minInstances = options.minInstances ?? 2;
  const bootScript = renderProxyBootScript(options.caSecretArn, squidConfig);
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
    instanceType: options.instanceType ?? DEFAULT_INSTANCE_TYPE,
    minInstances,
    maxInstances: options.maxInstances ?? minInstances * 2,
    imageParameter: AL2023_IMAGE_PARAMETER,
    caSecretArn: options.caSecretArn,
    caSecretKmsKeyArn: options.caSecretKmsKeyArn,
    packageRepositoryBucket: AL2023_REPOSITORY_BUCKET,
    squidConfig,
    bootScript,
  };
}

/**
 * The instances' user data (bash, run once by cloud-init as root). It contains no `${` or `%{` besides the
 * secret ARN itself, so that Terraform does not read it as an interpolation or a template directive, and a
 * CDK or Terraform reference given as the ARN still resolves.
 */
export function renderProxyBootScript(caSecretArn: string, squidConfig: string): string {
  if (squidConfig.split('\n').includes(CONF_EOF)) throw new Error(`squid.conf contains the heredoc delimiter ${CONF_EOF}`);
  return [
    '#!/bin/bash',
    '# Generated by jichitai-network: boot script of the tenant-restriction proxy (テナントアクセス制御). Do not edit by hand.',
    'set -euo pipefail',
    '',
    `SECRET_ARN='${caSecretArn}'`,
    // The region is the ARN's fourth field: no dependency on the CLI finding it in instance metadata.
    'REGION=$(echo "$SECRET_ARN" | cut -d: -f4)',
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
    '# The generated configuration.',
    `cat > /etc/squid/squid.conf <<'${CONF_EOF}'`,
    squidConfig.replace(/\n$/, ''),
    CONF_EOF,
    '',
    '# Database of generated host certificates, then check the configuration before starting.',
    `rm -rf ${SSL_DB}`,
    `${CERTGEN} -c -s ${SSL_DB} -M 16MB`,
    `chown -R squid:squid ${SSL_DB}`,
    'squid -k parse -f /etc/squid/squid.conf',
    'systemctl enable --now squid',
    '',
  ].join('\n');
}
