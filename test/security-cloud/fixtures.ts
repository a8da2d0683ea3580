import { SecurityCloudProps } from '../../src/model/security-cloud';

/** A hub with two declared members (one in another account, one of the same app) and a public site. */
export function hubProps(): SecurityCloudProps {
  return {
    prefecture: 'Example-Pref',
    cidr: '10.200.0.0/20',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    members: [
      { localGovernmentCode: '131016', internetCidr: '10.11.0.0/16', accountId: '111122223333', attachmentId: 'tgw-attach-0123456789abcdef0', mailDomains: ['city-a.example.lg.jp'], mailServer: '10.11.0.25' },
      { localGovernmentCode: '132012', internetCidr: '10.12.0.0/16', mailDomains: ['town-b.example.lg.jp', '*.town-b.example.lg.jp'], mailServer: '10.12.1.25' },
    ],
    proxy: { blockedDomains: ['malware.example.com', '*.phishing.example.net'] },
    mailRelayHostname: 'relay.pref.example.lg.jp',
    dnsBlockedDomains: ['*.bad.example.org'],
    publicWeb: {
      certificateArn: 'arn:aws:acm:ap-northeast-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
      sites: [{ hostName: 'www.city-a.example.lg.jp', localGovernmentCode: '131016', targets: ['10.11.2.80', '10.11.3.80'] }],
      shieldAdvanced: true,
    },
    monitoring: { notificationEmails: ['soc@pref.example.lg.jp'] },
    tags: { Project: 'security-cloud' },
  };
}
