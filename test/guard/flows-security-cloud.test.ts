/**
 * FLOW-1 with a host of the security cloud (zone SECURITY_CLOUD) when the prefecture's hub is in the same app: the host
 * lies in the hub's subnets, so a flow to it arrives there (and its replies start there), not at a VPN labelled with the
 * zone. Found by the design documents' helper: before, the guard refused a working flow from a member to its hub.
 */
import { Route } from '@cdktf/provider-aws/lib/route';
import { TerraformStack, Testing } from 'cdktf';
import { prefectureHub, prefectureMember } from '../../examples/prefecture';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { FlowKind, HostRole, Port, tf, Zone } from '../../src';
import { renderConfig } from '../../src/cdktf/render-once';
import { buildDesignDocuments } from '../../src/docs/model';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractTerraform } from '../../src/guard/extract-terraform';

/**
 * Member 1 (α) joined to the hub, with one more host of the security cloud and one flow to it; the guard's refusal, if
 * any. `cut`: the member's routes to the hub lead elsewhere.
 */
function refusal(host: string, from: string, cut = false): string {
  return built(host, from, cut).refusal;
}

function built(host: string, from: string, cut = false): { refusal: string; stack: TerraformStack; network: tf.MunicipalNetwork } {
  const stack = offlineTokyoStack(Testing.app(), 'P');
  const hub = new tf.SecurityCloud(stack, 'SecurityCloud', prefectureHub(1));
  const bp = prefectureMember(0);
  const network = new tf.MunicipalNetwork(stack, 'Member001', {
    ...bp,
    hosts: [...bp.hosts ?? [], { name: 'hub-service', zone: Zone.SECURITY_CLOUD, cidrs: [host], role: HostRole.OTHER, description: 'a service of the hub' }],
    flows: [...bp.flows ?? [], { name: 'to-hub-service', kind: FlowKind.SPECIFIC_COMMUNICATION, from, to: 'hub-service', ports: [Port.tcp(3128)], purpose: 'test' }],
    securityCloud: hub,
  });
  if (cut) {
    const routes = stack.node.findAll().filter((c): c is Route => c instanceof Route && c.destinationCidrBlockInput === prefectureHub(1).cidr);
    expect(routes.length).toBeGreaterThan(0);
    routes.forEach((r) => r.addOverride('destination_cidr_block', '192.0.2.0/24'));
  }
  try {
    Testing.synth(stack, true);
    return { refusal: '', stack, network };
  } catch (e) {
    return { refusal: (e as Error).message, stack, network };
  }
}

describe('FLOW-1: a flow to a host of the security cloud whose hub is in the app', () => {
  const hubCidr = prefectureHub(1).cidr; // 172.30.0.0/20
  const inHub = hubCidr.replace(/\.0\/\d+$/, '.10/32');

  test('the hub holds the host: the Internet segment\'s flow to it works both ways', () => {
    expect(inHub).toBe('172.30.0.10/32');
    expect(refusal(inHub, 'virtual-browser')).toBe('');
  });

  test('the design documents\' communication matrix shows it carried, with its route to the hub', () => {
    const { stack, network } = built(inHub, 'virtual-browser');
    const graph = extractTerraform({ P: JSON.parse(JSON.stringify(renderConfig(stack))) });
    const docs = buildDesignDocuments({
      graph, stack: 'P', options: { model: network.blueprint.model }, flows: declaredFlowsOf(network), hosts: declaredHostsOf(network),
    });
    const flows = docs.documents.flatMap((d) => d.tables).find((t) => t.id === 'flows')!;
    const row = flows.rows.find((r) => r.attributes.flow === 'to-hub-service')!;
    expect(row.attributes.carried).toBe('yes');
    expect(row.cells[flows.columns.findIndex((c) => c.key === 'routes')]).toMatch(/172\.30\.0\.0\/20/);
  });

  test('with the member\'s routes to the hub sent elsewhere, the same flow is refused by FLOW-1', () => {
    expect(refusal(inHub, 'virtual-browser', true)).toMatch(/FLOW-1 error .*declared flow "to-hub-service"/);
  });
});
