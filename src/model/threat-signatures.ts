/**
 * The AWS managed threat-signature rule groups of Network Firewall that a strict-order policy can reference (the
 * `…StrictOrder` names; each also has an `…ActionOrder` twin, for policies in the default action order, which the
 * library's strict-order firewalls cannot use). Their rules detect and drop known threats (Proofpoint Emerging Threats
 * signatures AWS keeps up to date): the IDS/IPS of the α′ breakout (AP-4).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html
 */
export const THREAT_SIGNATURE_GROUPS: readonly string[] = [
  'ThreatSignaturesBotnetStrictOrder',
  'ThreatSignaturesBotnetWebStrictOrder',
  'ThreatSignaturesBotnetWindowsStrictOrder',
  'ThreatSignaturesDoSStrictOrder',
  'ThreatSignaturesEmergingEventsStrictOrder',
  'ThreatSignaturesExploitsStrictOrder',
  'ThreatSignaturesFUPStrictOrder',
  'ThreatSignaturesIOCStrictOrder',
  'ThreatSignaturesMalwareStrictOrder',
  'ThreatSignaturesMalwareCoinminingStrictOrder',
  'ThreatSignaturesMalwareMobileStrictOrder',
  'ThreatSignaturesMalwareWebStrictOrder',
  'ThreatSignaturesPhishingStrictOrder',
  'ThreatSignaturesScannersStrictOrder',
  'ThreatSignaturesSuspectStrictOrder',
  'ThreatSignaturesWebAttacksStrictOrder',
];

/**
 * The groups the breakout references when the blueprint names none (`BreakoutOptions.managedThreatSignatures`). The
 * breakout carries the terminals' web traffic to allow-listed cloud services, so the threats that matter are on the way
 * out: a terminal's malware calling its command-and-control host (Botnet), malware itself and what it fetches over
 * HTTP and TLS (Malware, MalwareWeb), and the campaigns of the day (EmergingEvents). Exploits, WebAttacks and Scanners
 * mostly judge traffic toward servers, which the breakout does not let in. Each group takes part of the policy's
 * stateful capacity, which AWS does not document per group: a few keep the risk of a deploy-time refusal low.
 */
export const DEFAULT_THREAT_SIGNATURE_GROUPS: readonly string[] = [
  'ThreatSignaturesBotnetStrictOrder',
  'ThreatSignaturesMalwareStrictOrder',
  'ThreatSignaturesMalwareWebStrictOrder',
  'ThreatSignaturesEmergingEventsStrictOrder',
];

/**
 * The ARN of an AWS managed stateful rule group: account `aws-managed`, in the deploying partition and region.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-managed-rule-groups.html
 */
export function managedRuleGroupArn(partition: string, region: string, name: string): string {
  return `arn:${partition}:network-firewall:${region}:aws-managed:stateful-rulegroup/${name}`;
}

/**
 * An AWS managed stateful rule group's ARN as the guard reads it: the partition and region literal, or the deploying
 * ones as the readers render them (`{partition}`, `{region}`: CloudFormation pseudo parameters, Terraform's
 * `aws_partition` / `aws_region` data sources). The name is captured.
 */
export const AWS_MANAGED_RULE_GROUP_ARN = /^arn:(?:aws[a-z-]*|\{partition\}):network-firewall:(?:[a-z0-9-]+|\{region\}):aws-managed:stateful-rulegroup\/([A-Za-z0-9-]{1,128})$/;
