"""The README's α′ example as a Python CDK app, and the guard refusing a forbidden change.

Run from a virtual environment with the jichitai-network wheel installed (README "Installation", Python):

    python app.py

1. Synthesizes the α′ (α'モデル) case イ blueprint of the README into ./cdk.out (CloudFormation and the guard report).
2. Builds it again and adds, by hand, an internet gateway route to a My Number segment (マイナンバー利用事務系)
   route table: the guard refuses to synthesize it (MN-1, critical). The script exits 1 if it was not refused.

The same blueprint as README.md's TypeScript snippet; jsii maps camelCase props to snake_case keyword
arguments (`from` becomes `from_`), and each struct has its class.
"""
import sys

import aws_cdk as core
from aws_cdk import aws_ec2 as ec2

from jichitai_network import (
    AlphaPrimeCase, BreakoutOptions, BreakoutServiceProps, CloudServiceCatalogue, FlowDeclaration, FlowKind,
    HostDeclaration, HostRole, InternetOptions, LgwanOptions, NetworkModel, Port, TenantProxyOptions,
    TransitConnectionProps, Zone,
)
from jichitai_network import cdk

AP5_REASON = ('Teams audio/video media is UDP 3478-3481 to the ranges Microsoft publishes for Optimize traffic; '
              'it cannot pass an HTTP proxy')


def sample_city(scope: core.Stack) -> cdk.MunicipalNetwork:
    network = cdk.MunicipalNetwork(
        scope, 'Network',
        municipality='Sample City',
        model=NetworkModel.ALPHA_PRIME,
        alpha_prime_case=AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD,  # case イ
        lgwan=LgwanOptions(
            wan_cidrs=['172.20.0.0/16'],
            connection=TransitConnectionProps(customer_gateway_ip='203.0.113.10'),
        ),
        internet=InternetOptions(
            security_cloud=TransitConnectionProps(customer_gateway_ip='203.0.113.20'),
            security_cloud_dns=['172.30.0.53'],
        ),
        hosts=[
            HostDeclaration(name='resident-registry', zone=Zone.MY_NUMBER, cidrs=['10.0.0.10/32'],
                            role=HostRole.MY_NUMBER_SYSTEM),
            HostDeclaration(name='intermediate-server', zone=Zone.LGWAN_WAN, cidrs=['172.20.10.5/32']),
        ],
        flows=[
            FlowDeclaration(name='to-intermediate-server', kind=FlowKind.SPECIFIC_COMMUNICATION,
                            from_='resident-registry', to='intermediate-server', ports=[Port.tcp(443)]),
        ],
        breakout=BreakoutOptions(
            services=[
                BreakoutServiceProps(
                    service=CloudServiceCatalogue.MICROSOFT_365,
                    tenant_ids=['00000000-0000-4000-8000-000000000001'],  # your Entra directory (tenant) ID
                    policy_id='00000000-0000-4000-8000-0000000000aa',     # your tenant restrictions v2 policy ID
                ),
                # login.live.com (consumer accounts), which Microsoft 365 sign-in reaches, restricted too (AP-3).
                BreakoutServiceProps(service=CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK),
            ],
            file_download_restricted=True,
            # The TLS interception CA, {"certificate": "<PEM>", "privateKey": "<PEM>"}, created by you.
            tenant_proxy=TenantProxyOptions(
                ca_secret_arn='arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:jichitai/proxy-ca-AbCdEf',
            ),
        ),
    )
    cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', AP5_REASON)
    return network


def main() -> int:
    # 1. The α′ example synthesizes.
    app = core.App(outdir='cdk.out')
    stack = core.Stack(app, 'SampleCity', env=core.Environment(region='ap-northeast-1'))
    sample_city(stack)
    app.synth()
    print('synthesized SampleCity into cdk.out/ (guard report: cdk.out/jichitai-guard-report.SampleCity.json)')

    # 2. A forbidden change: an internet gateway route in a My Number segment route table (MN-1).
    refused_app = core.App(outdir='cdk.out.refused')
    stack = core.Stack(refused_app, 'SampleCity', env=core.Environment(region='ap-northeast-1'))
    network = sample_city(stack)
    vpc = network.my_number.node.find_child('Vpc')
    table = network.my_number.node.find_child('RouteTable-endpoints-1')
    igw = ec2.CfnInternetGateway(stack, 'Igw')
    ec2.CfnVPCGatewayAttachment(stack, 'Attach', vpc_id=vpc.ref, internet_gateway_id=igw.ref)
    ec2.CfnRoute(stack, 'Out', route_table_id=table.ref, destination_cidr_block='0.0.0.0/0', gateway_id=igw.ref)
    try:
        refused_app.synth()
    except Exception as error:  # jsii re-raises the guard's JavaScript Error as a Python exception
        if 'MN-1 critical' not in str(error):
            raise
        print('refused as expected:', str(error).splitlines()[0])
        return 0
    print('the guard did not refuse an internet route in the My Number segment', file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main())
