/**
 * Members of the security cloud in other accounts (`SecurityCloudMemberProps.accountId`), in both engines: the hub's
 * transit gateway is shared with exactly the declared accounts through AWS RAM, and the SIEM bucket lets log delivery
 * from a member account write its own members' prefixes only. Read back from the synthesized CloudFormation template and
 * cdk.tf.json; the expected accounts and prefixes come from the props.
 */
import { App, Stack } from 'aws-cdk-lib';
import { TerraformStack, Testing } from 'cdktf';
import { hubProps } from './fixtures';
import { cdk, tf } from '../../src';
import { SecurityCloudMemberProps, SecurityCloudProps } from '../../src/model/security-cloud';
import { securityCloudProblems } from '../../src/model/validate-security-cloud';

const DELIVERY = 'delivery.logs.amazonaws.com';

/** Members: two in one account (listed out of order), one in another, one in the hub's account. */
function crossAccountProps(extra: Partial<SecurityCloudProps> = {}): SecurityCloudProps {
  const base = hubProps();
  const member = (code: string, second: number, accountId?: string): SecurityCloudMemberProps => ({
    localGovernmentCode: code, internetCidr: `10.${second}.0.0/16`, ...(accountId ? { accountId } : {}),
  });
  return {
    ...base,
    members: [
      ...base.members!.map((m) => ({ ...m, accountId: '444455556666' })),
      member('133019', 13, '111122223333'),
      member('134015', 14, '444455556666'),
      member('135011', 15),
    ],
    ...extra,
  };
}

/** The account each member declares, or undefined (the hub's). */
const accountOf = (props: SecurityCloudProps) => new Map(props.members!.map((m) => [m.localGovernmentCode, m.accountId]));

interface Grant {
  /** What the grant's resource is, relative to the bucket: `members/131016/*`. */
  readonly path: string;
  /** `aws:SourceAccount`: an account ID, `hub` for the hub's own account, or undefined when the grant has none. */
  readonly account: string | undefined;
}

/** Every (object path, source account) that lets log delivery PutObject, from a policy written with the hub's tokens. */
function putGrants(statements: any[], bucketPath: (resource: unknown) => string | undefined, isHubAccount: (v: unknown) => boolean): Grant[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  return statements
    .filter((s) => s.Effect === 'Allow' && list(s.Action).some((a: string) => a === 's3:PutObject' || a === 's3:*')
      && JSON.stringify(s.Principal).includes(DELIVERY))
    .flatMap((s) => {
      const source = s.Condition?.StringEquals?.['aws:SourceAccount'];
      const account = source === undefined ? undefined : isHubAccount(source) ? 'hub' : String(source);
      return list(s.Resource).map((r) => ({ path: bucketPath(r) ?? `?${JSON.stringify(r)}`, account }));
    });
}

/** The accounts that may write an object at `key` (a grant's path ending in `*` is a prefix). */
function writersOf(grants: Grant[], key: string): (string | undefined)[] {
  return [...new Set(grants.filter((g) => (g.path.endsWith('*') ? key.startsWith(g.path.slice(0, -1)) : key === g.path)).map((g) => g.account))].sort();
}

// --- the AWS CDK hub -------------------------------------------------------------------------------------------------
function cdkTemplate(props: SecurityCloudProps): Record<string, { Type: string; Properties: any }> {
  const app = new App();
  const stack = new Stack(app, 'Hub', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new cdk.SecurityCloud(stack, 'SecurityCloud', props);
  return app.synth().getStackByName(stack.stackName).template.Resources;
}
const cdkOfType = (r: Record<string, { Type: string; Properties: any }>, type: string) => Object.entries(r).filter(([, x]) => x.Type === type);

function cdkGrants(resources: Record<string, { Type: string; Properties: any }>): Grant[] {
  const [[bucketId]] = cdkOfType(resources, 'AWS::S3::Bucket');
  const [[, policy]] = cdkOfType(resources, 'AWS::S3::BucketPolicy');
  const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
  const bucketPath = (r: any): string | undefined => {
    const parts = r?.['Fn::Join']?.[1];
    if (r?.['Fn::Join']?.[0] !== '' || !Array.isArray(parts) || JSON.stringify(parts[0]) !== JSON.stringify(bucketArn)) return undefined;
    if (parts.length !== 2 || typeof parts[1] !== 'string' || !parts[1].startsWith('/')) return undefined;
    return parts[1].slice(1);
  };
  return putGrants(policy.Properties.PolicyDocument.Statement, bucketPath, (v) => JSON.stringify(v) === JSON.stringify({ Ref: 'AWS::AccountId' }));
}

// --- the CDKTF hub ---------------------------------------------------------------------------------------------------
function tfConfig(props: SecurityCloudProps): any {
  const stack = new TerraformStack(Testing.app(), 'hub');
  new tf.SecurityCloud(stack, 'Hub', props);
  return JSON.parse(Testing.synth(stack));
}
const tfOfType = (config: any, type: string): [string, any][] => Object.entries(config.resource?.[type] ?? {});

/**
 * The policy argument is `${jsonencode({...})}` in Terraform's expression syntax: turned into JSON here, each bare
 * reference (`aws_s3_bucket.X.arn`) into the string `${aws_s3_bucket.X.arn}` as Terraform would interpolate it.
 */
function terraformObject(expression: string): any {
  const m = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!m) throw new Error(`not a jsonencode expression: ${expression.slice(0, 80)}`);
  let out = '';
  const src = m[1];
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '=') {
      out += ':';
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const ref = /^[A-Za-z_][\w.-]*/.exec(src.slice(i))![0];
      out += JSON.stringify(`\${${ref}}`);
      i += ref.length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

function tfGrants(config: any): Grant[] {
  const [[bucketId]] = tfOfType(config, 'aws_s3_bucket');
  const [[tgwId]] = tfOfType(config, 'aws_ec2_transit_gateway');
  const [[, policy]] = tfOfType(config, 'aws_s3_bucket_policy');
  const arn = `\${aws_s3_bucket.${bucketId}.arn}/`;
  const bucketPath = (r: unknown) => (typeof r === 'string' && r.startsWith(arn) ? r.slice(arn.length) : undefined);
  return putGrants(terraformObject(policy.policy).Statement, bucketPath, (v) => v === `\${aws_ec2_transit_gateway.${tgwId}.owner_id}`);
}

// --- the tests -------------------------------------------------------------------------------------------------------
interface Rendered {
  readonly principals: string[] | undefined;
  readonly external: unknown;
  /** true when the share holds exactly the hub's transit gateway. */
  readonly sharedArn: unknown;
  readonly autoAccept: unknown;
  readonly grants: Grant[];
}

const engines: [string, (props: SecurityCloudProps) => Rendered][] = [
  ['AWS CDK', (props) => {
    const r = cdkTemplate(props);
    const shares = cdkOfType(r, 'AWS::RAM::ResourceShare');
    expect(shares.length).toBeLessThanOrEqual(1);
    const [[tgwId, tgw]] = cdkOfType(r, 'AWS::EC2::TransitGateway');
    const share = shares[0]?.[1].Properties;
    return {
      principals: share?.Principals,
      external: share?.AllowExternalPrincipals,
      sharedArn: share ? JSON.stringify(share.ResourceArns) === JSON.stringify([{ 'Fn::GetAtt': [tgwId, 'TransitGatewayArn'] }]) : undefined,
      autoAccept: tgw.Properties.AutoAcceptSharedAttachments,
      grants: cdkGrants(r),
    };
  }],
  ['CDKTF', (props) => {
    const c = tfConfig(props);
    const shares = tfOfType(c, 'aws_ram_resource_share');
    expect(shares.length).toBeLessThanOrEqual(1);
    const [[tgwId, tgw]] = tfOfType(c, 'aws_ec2_transit_gateway');
    const shareArn = shares[0] ? `\${aws_ram_resource_share.${shares[0][0]}.arn}` : undefined;
    const principals = tfOfType(c, 'aws_ram_principal_association').map(([, a]) => {
      expect(a.resource_share_arn).toBe(shareArn);
      return a.principal as string;
    });
    const resources = tfOfType(c, 'aws_ram_resource_association').map(([, a]) => {
      expect(a.resource_share_arn).toBe(shareArn);
      return a.resource_arn;
    });
    return {
      principals: shares[0] ? principals : (principals.length > 0 ? principals : undefined),
      external: shares[0]?.[1].allow_external_principals,
      sharedArn: shares[0] ? resources.length === 1 && resources[0] === `\${aws_ec2_transit_gateway.${tgwId}.arn}` : (resources.length > 0 ? resources : undefined),
      autoAccept: tgw.auto_accept_shared_attachments,
      grants: tfGrants(c),
    };
  }],
];

describe.each(engines)('cross-account members (%s)', (_, render) => {
  const props = crossAccountProps();
  const out = render(props);
  const accounts = accountOf(props);

  test('the transit gateway is shared with exactly the declared accounts (sorted, each once), inside the Organization only', () => {
    const declared = props.members!.flatMap((m) => (m.accountId ? [m.accountId] : []));
    expect(declared.length).toBeGreaterThan(new Set(declared).size);
    expect(out.principals).toEqual([...new Set(declared)].sort());
    expect(out.sharedArn).toBe(true);
    expect(out.external).toBe(false);
    // Shared attachments still wait for the hub's owner.
    expect(out.autoAccept).toBe('disable');
  });

  test('allowExternalPrincipals reaches the share', () => {
    expect(render(crossAccountProps({ allowExternalPrincipals: true })).external).toBe(true);
  });

  test('no share when no member declares an account', () => {
    const none = render({ ...hubProps(), members: hubProps().members!.map(({ accountId: _a, ...m }) => m) });
    expect([none.principals, none.sharedArn, none.external]).toEqual([undefined, undefined, undefined]);
  });

  test('the SIEM bucket: each member account writes its own members\' prefixes only; no other account writes under members/', () => {
    const grants = out.grants;
    // Every grant names its source account: no account-less write anywhere in the bucket.
    expect(grants.filter((g) => g.account === undefined)).toEqual([]);
    for (const [code, account] of accounts) {
      const key = `members/${code}/AWSLogs/${account ?? 'hub'}/vpcflowlogs/x.log.gz`;
      // The member's own account may write its prefix; the hub's account may too (same-app members are not known to
      // the plan, and the bucket's owner could change the policy anyway); nobody else.
      expect([code, writersOf(grants, key)]).toEqual([code, [...new Set([account ?? 'hub', 'hub'])].sort()]);
    }
    // A member account reaches none of the other members' prefixes, nor the hub's.
    for (const account of new Set([...accounts.values()].filter((a): a is string => a !== undefined))) {
      const allowed = grants.filter((g) => g.account === account).map((g) => g.path).sort();
      const own = [...accounts].filter(([, a]) => a === account).map(([code]) => `members/${code}/*`).sort();
      expect([account, allowed]).toEqual([account, own]);
    }
    // The only grant of members/ as a whole is the hub's own account's.
    expect(grants.filter((g) => 'members/'.startsWith(g.path.replace(/\*$/, ''))).map((g) => g.account)).toEqual(['hub']);
  });
});

describe('accountId validation', () => {
  const withAccount = (accountId: unknown, extra: (p: any) => void = () => undefined) => {
    const p = JSON.parse(JSON.stringify(hubProps()));
    p.members[1].accountId = accountId;
    extra(p);
    return securityCloudProblems(p);
  };

  test.each([['12345'], ['abcdefghijkl'], ['1111222233334'], [' 111122223333'], [111122223333]])('%p is refused, naming the prop and the fix', (bad) => {
    expect(withAccount(bad)).toEqual([expect.stringMatching(/^\[members\[1\]\.accountId\] .* is not an AWS account ID \(12 digits\)\. Fix: give the member's account ID/)]);
  });

  test('collected with the other problems', () => {
    const problems = withAccount('12345', (p) => { p.cidr = '203.0.113.0/24'; p.allowExternalPrincipals = 'yes'; });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[cidr\] /), expect.stringMatching(/^\[members\[1\]\.accountId\] /), expect.stringMatching(/^\[allowExternalPrincipals\] /),
    ]));
  });

  test('a twelve-digit ID passes', () => {
    expect(withAccount('000011112222')).toEqual([]);
  });
});

describe('the SIEM bucket policy stays within S3\'s 20 KB', () => {
  /** The deployed policy's size: the CloudFormation policy with the bucket's ARN and the account filled in. */
  function deployedSize(props: SecurityCloudProps): number {
    const r = cdkTemplate(props);
    const [[bucketId]] = cdkOfType(r, 'AWS::S3::Bucket');
    const [[, policy]] = cdkOfType(r, 'AWS::S3::BucketPolicy');
    const bucketArn = `arn:aws-us-gov:s3:::aws-waf-logs-${props.prefecture.toLowerCase()}-sc-123456789012`;
    const fill = (v: any): any => {
      if (Array.isArray(v)) return v.map(fill);
      if (v && typeof v === 'object') {
        if (v['Fn::Join']) return v['Fn::Join'][1].map(fill).join(v['Fn::Join'][0]);
        if (JSON.stringify(v) === JSON.stringify({ 'Fn::GetAtt': [bucketId, 'Arn'] })) return bucketArn;
        if (v.Ref === 'AWS::AccountId') return '123456789012';
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
      }
      return v;
    };
    const text = JSON.stringify(fill(policy.Properties.PolicyDocument));
    expect(text).not.toMatch(/Fn::|"Ref"/);
    return Buffer.byteLength(text);
  }
  const members = (accounts: number, perAccount: number): SecurityCloudMemberProps[] => [
    hubProps().members![1],
    ...Array.from({ length: accounts * perAccount }, (_, i) => ({
      localGovernmentCode: String(200000 + i),
      internetCidr: `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24`,
      accountId: String(100000000000 + Math.floor(i / perAccount)),
    })),
  ];
  const longName = { ...hubProps(), prefecture: 'A'.repeat(32), publicWeb: undefined };

  test.each([[40, 1], [10, 12], [1, 150]])('%d accounts of %d members: accepted and under 20 KB, or refused', (accounts, perAccount) => {
    const props = { ...longName, members: members(accounts, perAccount) };
    const problems = securityCloudProblems(props);
    if (problems.length > 0) {
      expect(problems).toEqual([expect.stringMatching(/^\[members\] would give the SIEM bucket a policy of about \d+ bytes.*S3 takes at most 20480/)]);
    } else {
      expect(deployedSize(props)).toBeLessThanOrEqual(20_480);
    }
  });

  test('a prefecture of many member accounts is refused, and not much before the policy would be too large', () => {
    const accepted = (n: number) => securityCloudProblems({ ...longName, members: members(n, 1) }).length === 0;
    expect(accepted(80)).toBe(false);
    let n = 1;
    while (accepted(n + 1)) n++;
    const last = deployedSize({ ...longName, members: members(n, 1) });
    const perAccount = last - deployedSize({ ...longName, members: members(n - 1, 1) });
    expect(last).toBeLessThanOrEqual(20_480);
    // One more account would take the real policy to at least 85% of the limit: the estimate is not far off.
    expect(last + perAccount).toBeGreaterThan(0.85 * 20_480);
  });
});

describe.each([
  ['AWS CDK', (props: SecurityCloudProps) => new cdk.SecurityCloud(new Stack(new App(), 'Hub'), 'SecurityCloud', props)],
  ['CDKTF', (props: SecurityCloudProps) => new tf.SecurityCloud(new TerraformStack(Testing.app(), 'hub'), 'SecurityCloud', props)],
])('connectionFor a member declared in another account (%s)', (_, build) => {
  test('is refused: it joins from its own app', () => {
    const props = hubProps();
    const hub = build({ ...props, members: props.members!.map((m) => (m.localGovernmentCode === '132012' ? { ...m, accountId: '444455556666' } : m)) });
    expect(() => hub.connectionFor('132012')).toThrow(/member 132012 is declared with an accountId \(another account\).*Fix: /);
    // The same member without an account joins.
    expect(build(hubProps()).connectionFor('132012').siemBucketArn).toBeDefined();
  });
});
