import { DesignDocumentsOptions } from './design-documents';
import { AlphaPrimeCase, NetworkModel } from './network-model';

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
}
