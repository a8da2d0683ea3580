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
}
