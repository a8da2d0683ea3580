import { FlowKind } from '../../src/model/flows';
import { Port } from '../../src/model/port';
import { Segment, Zone } from '../../src/model/segment';
import { planHostSecurityGroups, planMyNumberNacl } from '../../src/plan/filters';
import { resolveFlows } from '../../src/plan/flows';

const hosts = [
  { name: 'juki', zone: Zone.MY_NUMBER, cidrs: ['10.0.0.10/32'] },
  { name: 'lgwan-file', zone: Zone.LGWAN, cidrs: ['10.0.65.20/32'] },
  { name: 'chukan', zone: Zone.LGWAN_WAN, cidrs: ['172.20.10.5/32'] },
];
const flows = resolveFlows(hosts, [
  { name: 'to-chukan', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'juki', to: 'chukan', ports: [Port.tcp(443)] },
  { name: 'print', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'lgwan-file', to: 'juki', ports: [Port.tcp(8443), Port.udp(514)] },
]);

describe('host security groups (特定通信)', () => {
  test('a My Number host gets exactly its declared flows, by host CIDR and port', () => {
    const [juki] = planHostSecurityGroups(Segment.MY_NUMBER, hosts, flows);
    expect(juki.hostName).toBe('juki');
    expect(juki.egress.map((r) => `${r.protocol} ${r.cidr} ${r.fromPort}-${r.toPort}`)).toEqual(['tcp 172.20.10.5/32 443-443']);
    expect(juki.ingress.map((r) => `${r.protocol} ${r.cidr} ${r.fromPort}-${r.toPort}`)).toEqual(['tcp 10.0.65.20/32 8443-8443', 'udp 10.0.65.20/32 514-514']);
  });

  test('every description uses only the characters EC2 accepts (CloudFormation would only fail at deploy time)', () => {
    // Allowed characters of security group (rule) descriptions:
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
    const ec2Text = /^[0-9A-Za-z _.:/()#,@[\]+=&;{}!$*-]{0,255}$/;
    const groups = [Segment.MY_NUMBER, Segment.LGWAN].flatMap((s) => planHostSecurityGroups(s, hosts, flows));
    const texts = groups.flatMap((g) => [g.description, ...g.ingress.map((r) => r.description), ...g.egress.map((r) => r.description)]);
    expect(texts.length).toBeGreaterThan(4);
    expect(texts.filter((t) => !ec2Text.test(t))).toEqual([]);
  });

  test('hosts outside the segment get no group there', () => {
    expect(planHostSecurityGroups(Segment.INTERNET, hosts, flows)).toEqual([]);
    expect(planHostSecurityGroups(Segment.LGWAN, hosts, flows).map((g) => g.hostName)).toEqual(['lgwan-file']);
  });
});

describe('My Number NACL', () => {
  const acl = planMyNumberNacl('10.0.0.0/18', flows);
  const entries = (egress: boolean) => acl.entries.filter((e) => e.egress === egress);

  test('intra-VPC first, then the declared flows and their return legs, nothing to 0.0.0.0/0', () => {
    expect(entries(false)[0]).toMatchObject({ ruleNumber: 100, protocol: 'all', cidr: '10.0.0.0/18', action: 'allow' });
    expect(acl.entries.some((e) => e.cidr === '0.0.0.0/0')).toBe(false);
    expect(entries(true)).toContainEqual(expect.objectContaining({ protocol: 'tcp', cidr: '172.20.10.5/32', fromPort: 443, toPort: 443 }));
    expect(entries(false)).toContainEqual(expect.objectContaining({ protocol: 'tcp', cidr: '172.20.10.5/32', fromPort: 1024, toPort: 65535 }));
    expect(entries(false)).toContainEqual(expect.objectContaining({ protocol: 'udp', cidr: '10.0.65.20/32', fromPort: 514, toPort: 514 }));
    expect(entries(true)).toContainEqual(expect.objectContaining({ protocol: 'udp', cidr: '10.0.65.20/32', fromPort: 1024, toPort: 65535 }));
  });

  test('rule numbers are unique per direction', () => {
    for (const egress of [true, false]) {
      const numbers = entries(egress).map((e) => e.ruleNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  test('more flows than the NACL quota are refused with the fix', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ name: `h${i}`, zone: Zone.LGWAN, cidrs: [`10.0.66.${i}/32`] }));
    const manyFlows = resolveFlows([...hosts, ...many], many.map((h) => ({ name: `f-${h.name}`, kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'juki', to: h.name, ports: [Port.tcp(443)] })));
    expect(() => planMyNumberNacl('10.0.0.0/18', manyFlows)).toThrow(/default quota is 20.*Fix:/);
  });
});
