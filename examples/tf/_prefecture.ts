/**
 * Builds the reference prefecture as a CDKTF app (../prefecture.ts): one Terraform stack holding the security cloud hub
 * (自治体情報セキュリティクラウド) and every member municipality, each joining the hub with `securityCloud: hub`. One
 * stack, because Terraform follows references within a configuration (and the guard reads the whole prefecture at once).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { offlineTokyoStack } from './_app';
import { tf } from '../../src';
import { withDesignDocuments } from '../blueprints';
import { memberPortReason, prefectureHub, prefectureMember, REFERENCE_MEMBERS } from '../prefecture';

export interface TfPrefecture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly hub: tf.SecurityCloud;
  readonly members: tf.MunicipalNetwork[];
}

export function buildTfPrefecture(members = REFERENCE_MEMBERS, app?: App): TfPrefecture {
  const theApp = app ?? newApp();
  const stack = offlineTokyoStack(theApp, 'ExamplePref');
  const hub = new tf.SecurityCloud(stack, 'SecurityCloud', prefectureHub(members));
  const built = [];
  for (let i = 0; i < members; i++) {
    // The stack's design documents (設計書: hub and every member in one diagram) when `npm run synth:examples` asks for them.
    const blueprint = withDesignDocuments(prefectureMember(i), process.env.JICHITAI_DESIGN_DOCUMENTS);
    const network = new tf.MunicipalNetwork(stack, `Member${String(i + 1).padStart(3, '0')}`, { ...blueprint, securityCloud: hub });
    const reason = memberPortReason(i);
    if (reason) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
    built.push(network);
  }
  return { app: theApp, stack, hub, members: built };
}

/** An app that writes to cdktf.out/prefecture at the repository root. */
function newApp(): App {
  const outdir = path.join(__dirname, '..', '..', 'cdktf.out', 'prefecture');
  fs.mkdirSync(outdir, { recursive: true });
  return new App({ outdir });
}
