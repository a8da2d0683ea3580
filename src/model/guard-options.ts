import { DesignDocumentsOptions } from './design-documents';
import { AlphaPrimeCase, NetworkModel } from './network-model';

/** The language of the guard's findings, validation error lines and report texts. */
export enum GuardLanguage {
  /** English (the default). */
  ENGLISH = 'en',
  /** Japanese (日本語): the guideline's terms, as municipal IT staff read them. */
  JAPANESE = 'ja',
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
}
