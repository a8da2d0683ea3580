/**
 * Members of a prefecture security cloud hub for the member tests: the reference blueprints with the Internet segment's
 * external security cloud (VPN) replaced by a hand-written hub connection (literal IDs, as the hub's owner would give
 * them). The hub construct itself is written elsewhere; these tests need only its exported attributes.
 */
import { beta } from '../../examples/blueprints';
import { MunicipalNetworkBlueprintProps, SecurityCloudConnectionProps } from '../../src';

export const HUB: SecurityCloudConnectionProps = {
  transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
  hubCidr: '172.31.0.0/16',
  dnsAddresses: ['172.31.1.10', '172.31.2.10'],
  proxyEndpoint: 'proxy.pref.example.lg.jp:8080',
  siemBucketArn: 'arn:aws:s3:::aws-waf-logs-example-pref-siem',
  hubRouteTableId: 'tgw-rtb-0f0e0d0c0b0a09080',
  hubAttachmentId: 'tgw-attach-0123456789abcdef0',
};

/** A member of the hub: `base` (β by default) with `internet.securityCloudHub` instead of the VPN to a security cloud. */
export function member(base: MunicipalNetworkBlueprintProps = beta, hub: SecurityCloudConnectionProps = HUB, code = '131016'): MunicipalNetworkBlueprintProps {
  const { logging: _logging, ...rest } = base;
  return { ...rest, localGovernmentCode: code, internet: { securityCloudHub: hub } };
}

/** A member joining across accounts: no hub route table / attachment (the hub's owner creates the member's table). */
export const CROSS_ACCOUNT_HUB: SecurityCloudConnectionProps = { ...HUB, hubRouteTableId: undefined, hubAttachmentId: undefined };

