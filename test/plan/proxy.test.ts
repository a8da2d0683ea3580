import { alphaPrime } from '../../examples/blueprints';
import { AlphaPrimeCase, Blueprint, CloudServiceCatalogue, MunicipalNetworkBlueprintProps } from '../../src';
import { planNetwork, SubnetRole } from '../../src/plan';

function plan(props: MunicipalNetworkBlueprintProps = alphaPrime) {
  return planNetwork(Blueprint.validate(props));
}

const lgwan = (p: ReturnType<typeof plan>) => p.segments.find((s) => s.segment === 'LGWAN')!;

describe('tenant-restriction proxy plan', () => {
  test('clients are exactly the LGWAN workload subnets; health checks come from the proxy subnets', () => {
    const p = plan();
    const subnets = lgwan(p).subnets;
    expect(p.tenantProxy!.clientCidrs).toEqual(subnets.filter((s) => s.role === SubnetRole.WORKLOAD).map((s) => s.cidr));
    expect(p.tenantProxy!.healthCheckCidrs).toEqual(subnets.filter((s) => s.role === SubnetRole.PROXY).map((s) => s.cidr));
    expect(p.tenantProxy!.subnetKeys).toEqual(['proxy-1', 'proxy-2']);
  });

  test('the boot script is safe inside Terraform JSON: no "${" or "%{" except the secret reference', () => {
    const script = plan().tenantProxy!.bootScript;
    expect(script).not.toMatch(/\$\{|%\{/);
    const withReference = plan({
      ...alphaPrime,
      breakout: { ...alphaPrime.breakout!, tenantProxy: { caSecretArn: '${aws_secretsmanager_secret.ca.arn}' } },
    }).tenantProxy!.bootScript;
    expect(withReference.match(/\$\{/g)).toHaveLength(1);
    expect(withReference).toContain("SECRET_ARN='${aws_secretsmanager_secret.ca.arn}'");
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
        services: alphaPrime.breakout!.services.filter((s) => s.service.id === 'microsoft-365'),
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

  test('case ア: no proxy, no proxy subnets, and the workload default route goes to the firewall', () => {
    const p = plan({
      ...alphaPrime,
      alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES,
      breakout: { services: [{ service: CloudServiceCatalogue.WINDOWS_UPDATE }] },
    });
    expect(p.tenantProxy).toBeUndefined();
    expect(lgwan(p).subnets.filter((s) => s.role === SubnetRole.PROXY)).toEqual([]);
    const workload = lgwan(p).routeTables.filter((t) => t.key.startsWith('workload-'));
    for (const t of workload) expect(t.routes.find((r) => r.destination === '0.0.0.0/0')?.target).toBe('firewall-endpoint');
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
