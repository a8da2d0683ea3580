import { DesignDocumentsOptions } from './design-documents';
import { AlphaPrimeCase, NetworkModel } from './network-model';

/** The language of the guard's findings, validation error lines and report texts. */
export enum GuardLanguage {
  /** English (the default). */
  ENGLISH = 'en',
  /** Japanese (日本語): the guideline's terms, as municipal IT staff read them. */
  JAPANESE = 'ja',
}

/**
 * The evidence of a prefecture security cloud hub (自治体情報セキュリティクラウド) synthesized and deployed by another app
 * or account, for guarding a member that joins it with literal IDs (`internet.securityCloudHub`). Both files are read at
 * synthesis; the guard report records their SHA-256 and every ID they bound.
 */
export interface SecurityCloudHubEvidence {
  /**
   * The hub app's synthesized artifact: with AWS CDK its `cdk.out` directory (or the hub stack's `*.template.json`), with
   * CDKTF its `cdk.tf.json` (or `cdktf.out` directory). A path relative to the working directory of the synthesis.
   */
  readonly artifact: string;
  /**
   * The hub's deployed outputs: `cdk deploy --outputs-file` (`{ stack: { output: value } }`) with AWS CDK; `terraform
   * output -json` of the hub's stack (or `{ stack: { output: value } }`) with CDKTF. They prove the literal IDs the member
   * was given (transit gateway, route table, attachment, SIEM bucket) to be the hub's resources.
   */
  readonly outputs: string;
}

/** What the synth-time topology guard checks a scope against (the same options in AWS CDK and CDKTF). */
export interface TopologyGuardOptions {
  /** The network model the scope implements; it selects the rules (REQUIREMENTS.md §3). */
  readonly model: NetworkModel;
  /**
   * The α′ case, for rules that depend on it.
   * @default - none
   */
  readonly alphaPrimeCase?: AlphaPrimeCase;
  /**
   * Write the design documents (設計書) of the stack next to what is synthesized, once the guard lets it through.
   * @default - none written (`jichitai-network docs` writes them from the output)
   */
  readonly designDocuments?: DesignDocumentsOptions;
  /**
   * The language of the findings in the synth errors, warnings and the guard report (指摘の言語).
   *
   * In Japanese the report keeps the English `message` and `fix` fields and adds `ja`, so that readers of the report
   * are not broken.
   * @default GuardLanguage.ENGLISH
   */
  readonly language?: GuardLanguage;
  /**
   * The security cloud hub's evidence, for a member synthesized without its hub in the app (another app or AWS account):
   * the member is judged over member + hub (SC-1 … SC-4 and the model's rules), its literal hub IDs bound to the hub's
   * resources by the hub's deployed outputs. Without it such a member is refused (fail closed: its hub cannot be followed).
   * @default - none: the hub must be in the same app
   */
  readonly securityCloudHub?: SecurityCloudHubEvidence;
}
