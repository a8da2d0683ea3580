import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { byCodePoint } from '../model/order';

/** One cdk-nag rule suppression: the rule ID and why it does not apply. */
export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
  /** For granular rules (e.g. AwsSolutions-IAM5): the findings suppressed (`Resource::<arn>`), as cdk-nag's `applies_to`. */
  readonly applies_to?: string[];
}

/**
 * Record cdk-nag suppressions on a resource, the way cdk-nag reads them (template metadata `cdk_nag`),
 * without a runtime dependency on cdk-nag. Every suppression carries its reason, which cdk-nag prints
 * and auditors read. Accepts an L1 or an L2 (its default child).
 */
export function suppressNag(construct: IConstruct, suppressions: NagSuppression[]): void {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) return;
  const existing = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: NagSuppression[] } | undefined)?.rules_to_suppress ?? [];
  const byId = new Map(existing.map((s) => [s.id, s]));
  for (const s of suppressions) byId.set(s.id, s);
  resource.addMetadata('cdk_nag', { rules_to_suppress: [...byId.values()].sort((a, b) => byCodePoint(a.id, b.id)) });
}
