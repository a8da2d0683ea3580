/**
 * A prefecture hub synthesized in its own app, and the outputs its deployment would write, for the tests of a member in
 * another app guarded with the hub's evidence (`securityCloudHub`). The deployed values are made up the way AWS makes
 * them (a `tgw-…` id, the bucket's name and ARN): the tests give the member the same literals, as the hub's owner would.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { hubProps } from './fixtures';
import { prefectureMember } from '../../examples/prefecture';
import { cdk, SecurityCloudConnectionProps } from '../../src';
import { SecurityCloudProps } from '../../src/model/security-cloud';

/** The member under test: its code, and its Internet segment's VPC CIDR (the β blueprint's, read from its template). */
export const MEMBER_CODE = '131016';
export const MEMBER_INTERNET_CIDR = '10.0.128.0/17';
/** The hub's deployed ids. */
export const DEPLOYED = {
  transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
  siemBucketName: 'aws-waf-logs-example-pref-siem-123456789012',
  siemBucketArn: 'arn:aws:s3:::aws-waf-logs-example-pref-siem-123456789012',
  memberAttachmentId: 'tgw-attach-0123456789abcdef0',
};

/** Hub props declaring the member under test in another account, with its attachment; the other member joins in the hub's app. */
export function crossAppHubProps(): SecurityCloudProps {
  const base = hubProps();
  return {
    ...base,
    members: [
      { ...base.members![0], localGovernmentCode: MEMBER_CODE, internetCidr: MEMBER_INTERNET_CIDR, mailServer: '10.0.130.25', attachmentId: DEPLOYED.memberAttachmentId },
      base.members![1],
    ],
    publicWeb: { ...base.publicWeb!, sites: [{ hostName: 'www.city-a.example.lg.jp', localGovernmentCode: MEMBER_CODE, targets: ['10.0.130.80'] }] },
  };
}

/** The error a synthesis refuses with (fails the test when it is not refused). */
export function refusal(synth: () => unknown): string {
  try {
    synth();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('the synthesis was not refused');
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-hub-'));
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * A made-up physical id for a resource type (what a deployment would return), stable per logical id: the transit gateway
 * and the SIEM bucket get the ids the member is given.
 */
export function deployedId(type: string, logicalId: string, attribute: 'ref' | 'arn'): string {
  if (type === 'AWS::EC2::TransitGateway' || type === 'aws_ec2_transit_gateway') return DEPLOYED.transitGatewayId;
  if (type === 'AWS::S3::Bucket' || type === 'aws_s3_bucket') return attribute === 'arn' ? DEPLOYED.siemBucketArn : DEPLOYED.siemBucketName;
  const hex = createHash('sha256').update(logicalId).digest('hex').slice(0, 17);
  const prefix: Record<string, string> = {
    'AWS::EC2::TransitGatewayRouteTable': 'tgw-rtb',
    'aws_ec2_transit_gateway_route_table': 'tgw-rtb',
    'AWS::EC2::TransitGatewayAttachment': 'tgw-attach',
    'aws_ec2_transit_gateway_vpc_attachment': 'tgw-attach',
  };
  return `${prefix[type] ?? 'id'}-${hex}`;
}

// --- the AWS CDK hub ---------------------------------------------------------------------------------------------

export type Template = { Resources: Record<string, { Type: string; Properties?: any }>; Outputs?: Record<string, any> };
export interface HubFiles { readonly dir: string; readonly artifact: string; readonly outputs: string; readonly hub: Template }

export const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
export const tag = (r: { Properties?: any }, key: string) => (r.Properties?.Tags ?? []).find((x: any) => x.Key === key)?.Value;

/**
 * The hub app synthesized (without its own guard: its other members' literal attachments are not this test's subject),
 * `change` applied to its templates on disk, and the outputs a deployment would write: each output's Ref / GetAtt Arn
 * given the physical id of its resource (`deployedId`), literal outputs their literal value.
 */
export function hubEvidence(change: (templates: Record<string, Template>) => void = () => {}, props = crossAppHubProps()): HubFiles {
  const dir = tempDir();
  const artifact = path.join(dir, 'hub.out');
  const app = new App({ outdir: artifact });
  const hubStack = new Stack(app, 'Hub', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const hub = new cdk.SecurityCloud(hubStack, 'SecurityCloud', props);
  const other = prefectureMember(2);
  const otherStack = new Stack(app, 'OtherMember', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(otherStack, 'Network', { ...other, securityCloud: hub });
  app.synth({ skipValidation: true });
  const file = (name: string) => path.join(artifact, `${name}.template.json`);
  const templates: Record<string, Template> = { Hub: JSON.parse(fs.readFileSync(file('Hub'), 'utf8')), OtherMember: JSON.parse(fs.readFileSync(file('OtherMember'), 'utf8')) };
  change(templates);
  for (const [name, t] of Object.entries(templates)) fs.writeFileSync(file(name), JSON.stringify(t, null, 1));
  const hubTemplate = templates.Hub;
  const values: Record<string, string> = {};
  for (const [key, o] of Object.entries<any>(hubTemplate.Outputs ?? {})) {
    if (o.Export) continue; // cross-stack exports are not what a member joins with
    const ref = o.Value?.Ref;
    const att = o.Value?.['Fn::GetAtt'];
    if (typeof o.Value === 'string') values[key] = o.Value;
    else if (ref) values[key] = deployedId(hubTemplate.Resources[ref].Type, ref, 'ref');
    else if (att?.[1] === 'Arn') values[key] = deployedId(hubTemplate.Resources[att[0]].Type, att[0], 'arn');
  }
  const outputs = path.join(dir, 'hub-outputs.json');
  fs.writeFileSync(outputs, JSON.stringify({ Hub: values }, null, 2));
  return { dir, artifact, outputs, hub: hubTemplate };
}

/** The hub's attributes as its owner hands them to the member (literals, from the hub's template and deployment). */
export function connection(hub: Template): SecurityCloudConnectionProps {
  const [[, vpc]] = ofType(hub, 'AWS::EC2::VPC');
  const [[, inbound]] = ofType(hub, 'AWS::Route53Resolver::ResolverEndpoint');
  return {
    transitGatewayId: DEPLOYED.transitGatewayId,
    hubCidr: vpc.Properties.CidrBlock,
    dnsAddresses: inbound.Properties.IpAddresses.map((a: any) => a.Ip),
    proxyEndpoint: 'internal-hub-proxy-0123456789.ap-northeast-1.elb.amazonaws.com:8080',
    siemBucketArn: DEPLOYED.siemBucketArn,
  };
}

