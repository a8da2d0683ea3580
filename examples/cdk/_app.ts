/**
 * Builds one reference deployment as a CDK app: a stack holding a `MunicipalNetwork` built from the
 * blueprint of the same name in ../blueprints.ts. The example entry files (alpha.ts, ...) call this.
 */
import { App, Stack } from 'aws-cdk-lib';
import { cdk } from '../../src';
import { BLUEPRINTS, breakoutPortReason, SUPPLEMENTARY_BLUEPRINTS, withDesignDocuments } from '../blueprints';

export function buildCdkExample(name: string, app: App = new App()): { app: App; stack: Stack; network: cdk.MunicipalNetwork } {
  const blueprint = BLUEPRINTS[name] ?? SUPPLEMENTARY_BLUEPRINTS[name];
  if (!blueprint) throw new Error(`unknown example "${name}"; known: ${Object.keys(BLUEPRINTS).join(', ')}`);
  const stack = new Stack(app, `SampleCity-${name}`, {
    description: `jichitai-network reference deployment: ${name} (${blueprint.model})`,
    // Explicit region keeps the template identical run after run; the AZ names in the blueprint are Tokyo's.
    env: { region: 'ap-northeast-1' },
  });
  const network = new cdk.MunicipalNetwork(stack, 'Network', withDesignDocuments(blueprint, app.node.tryGetContext('jichitai:design-documents')));
  // AP-5 (warning): ports besides TLS 443 on the α′ breakout need a reason an auditor can read.
  const portReason = breakoutPortReason(blueprint);
  if (portReason) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', portReason);
  return { app, stack, network };
}
