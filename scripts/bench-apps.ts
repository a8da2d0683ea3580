/**
 * The generated apps of `npm run bench`: N municipalities, one stack each, the reference blueprints in rotation
 * (so that every model's rules run), renumbered so that no two overlap. Shared by the whole-process runs
 * (scripts/bench-process.ts) and the in-process breakdown (scripts/bench.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cdklib from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { BLUEPRINTS, breakoutPortReason } from '../examples/blueprints';
import { offlineTokyoStack } from '../examples/tf/_app';
import { cdk, MunicipalNetworkBlueprintProps, tf } from '../src';
import { TopologyGuardOptions } from '../src/model/guard-options';

/** Generated municipalities rotate through the four models so that every rule set is exercised. */
export const ROTATION = ['alpha', 'alpha-prime', 'beta', 'beta-prime'];

/**
 * Municipality i of a generated app: an example blueprint renumbered into 10.(i mod 255 + 1).0.0/16. The stacks are
 * independent networks (no cross-stack references; each is guarded alone), so past 255 municipalities the /16s repeat
 * harmlessly; 10.0.0.0/16 is the examples' own, and the LGWAN WAN and security-cloud hosts (172.16.0.0/12) stay put.
 */
export function generatedBlueprint(i: number): MunicipalNetworkBlueprintProps {
  const base = BLUEPRINTS[ROTATION[i % ROTATION.length]];
  const prefix = `10.${(i % 255) + 1}.`;
  const renumber = (cidr: string) => cidr.replace(/^10\.0\./, prefix);
  return {
    ...base,
    municipality: `Bench Town ${String(i + 1).padStart(3, '0')}`,
    localGovernmentCode: String(900000 + i + 1),
    addressSpace: `${prefix}0.0/16`,
    hosts: base.hosts?.map((h) => ({ ...h, cidrs: h.cidrs.map(renumber) })),
  };
}

export function guardOptions(bp: MunicipalNetworkBlueprintProps): TopologyGuardOptions {
  return { model: bp.model, alphaPrimeCase: bp.alphaPrimeCase };
}

export const stackId = (i: number) => `BenchTown${String(i + 1).padStart(3, '0')}`;

/** N municipalities in a CDK app, one `Stack` with one `MunicipalNetwork` each. */
export function addCdkMunicipalities(app: cdklib.App, municipalities: number): { stack: cdklib.Stack; options: TopologyGuardOptions }[] {
  const out: { stack: cdklib.Stack; options: TopologyGuardOptions }[] = [];
  for (let i = 0; i < municipalities; i++) {
    const bp = generatedBlueprint(i);
    const stack = new cdklib.Stack(app, stackId(i), { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', bp);
    // As the examples do (examples/cdk/_app.ts): AP-5 asks for the vendor's reason for any port besides TLS 443.
    const reason = breakoutPortReason(bp);
    if (reason) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
    out.push({ stack, options: guardOptions(bp) });
  }
  return out;
}

/** N municipalities in a CDKTF app, one `TerraformStack` with one `MunicipalNetwork` each. */
export function addTfMunicipalities(app: cdktf.App, municipalities: number): { stack: cdktf.TerraformStack; options: TopologyGuardOptions }[] {
  const out: { stack: cdktf.TerraformStack; options: TopologyGuardOptions }[] = [];
  for (let i = 0; i < municipalities; i++) {
    const bp = generatedBlueprint(i);
    const stack = offlineTokyoStack(app, stackId(i));
    const network = new tf.MunicipalNetwork(stack, 'Network', bp);
    const reason = breakoutPortReason(bp);
    if (reason) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
    out.push({ stack, options: guardOptions(bp) });
  }
  return out;
}

/** The line a whole-process run (scripts/bench-process.ts) prints its result after, for scripts/bench-whole.ts. */
export const RESULT_MARKER = 'BENCH_RESULT ';

/**
 * What an app synthesized into `dir`: its resources (the size the times scale with; the same with and without the
 * guard, or a comparison is void) and the guard reports written (jichitai-guard-report.*.json, one per guarded stack).
 */
export function countOutput(engine: 'cdk' | 'tf', dir: string): { resources: number; reports: number } {
  let resources = 0;
  let reports = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name.startsWith('jichitai-guard-report.')) {
        reports++;
      } else if (engine === 'cdk' && e.name.endsWith('.template.json')) {
        resources += Object.keys(JSON.parse(fs.readFileSync(p, 'utf8')).Resources ?? {}).length;
      } else if (engine === 'tf' && e.name === 'cdk.tf.json') {
        const byType = (JSON.parse(fs.readFileSync(p, 'utf8')) as { resource?: Record<string, object> }).resource ?? {};
        resources += Object.values(byType).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
      }
    }
  };
  walk(dir);
  return { resources, reports };
}
