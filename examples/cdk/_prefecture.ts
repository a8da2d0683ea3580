/**
 * Builds the reference prefecture as a CDK app (../prefecture.ts): one stack holding the security cloud hub
 * (自治体情報セキュリティクラウド) and one stack per member municipality, each joining the hub with `securityCloud: hub`.
 * The members' stacks reference the hub's (transit gateway, route table, SIEM bucket), never the other way round.
 */
import { App, Stack } from 'aws-cdk-lib';
import { cdk } from '../../src';
import { withDesignDocuments } from '../blueprints';
import { memberPortReason, prefectureHub, prefectureMember, REFERENCE_MEMBERS } from '../prefecture';

export interface CdkPrefecture {
  readonly app: App;
  readonly hubStack: Stack;
  readonly hub: cdk.SecurityCloud;
  readonly members: { readonly stack: Stack; readonly network: cdk.MunicipalNetwork }[];
}

export function buildCdkPrefecture(members = REFERENCE_MEMBERS, app: App = newApp()): CdkPrefecture {
  // Explicit region keeps the templates identical run after run; the AZ names are Tokyo's.
  const env = { region: 'ap-northeast-1' };
  const hubStack = new Stack(app, 'ExamplePref-SecurityCloud', { env, description: 'jichitai-network reference prefecture: security cloud hub' });
  const hub = new cdk.SecurityCloud(hubStack, 'SecurityCloud', prefectureHub(members));
  const built = [];
  for (let i = 0; i < members; i++) {
    // The members' design documents (設計書) when `npm run synth:examples` asks for them; the hub is no guarded network.
    const blueprint = withDesignDocuments(prefectureMember(i), app.node.tryGetContext('jichitai:design-documents'));
    const stack = new Stack(app, `ExamplePref-Member${String(i + 1).padStart(3, '0')}`, {
      env, description: `jichitai-network reference prefecture: member ${blueprint.municipality} (${blueprint.model})`,
    });
    const network = new cdk.MunicipalNetwork(stack, 'Network', { ...blueprint, securityCloud: hub });
    const reason = memberPortReason(i);
    if (reason) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
    built.push({ stack, network });
  }
  return { app, hubStack, hub, members: built };
}

/**
 * The members' stacks reference the hub's through CloudFormation exports (strong references: the hub's stack cannot drop
 * what a member imports), which the guard follows (`Fn::ImportValue`). Said explicitly, so that `cdk synth --strict` has
 * no default to warn about.
 */
function newApp(): App {
  return new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
}
