import { Ipv4Cidr } from '../model/cidr';

/**
 * A construct-id fragment for a CIDR, shared by both renderers so that a route has the same construct id in AWS CDK
 * and CDKTF: the network address in hex and the prefix length. Construct ids cannot hold "/", and CloudFormation
 * strips non-alphanumerics from logical IDs ("10.0.64.0/20" and "10.0.6.40/20" would both become "10064020").
 */
export function cidrId(cidr: string): string {
  const c = Ipv4Cidr.parse(cidr);
  return `${c.network.toString(16).padStart(8, '0')}p${c.prefixLength}`;
}
