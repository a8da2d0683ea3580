/**
 * Japanese for the texts the graph extractors, the graph builder and the reachability engine word (why a value cannot
 * be resolved, why a path cannot be followed, where a packet is dropped, which destinations a path carries) and for the
 * domain problems of src/model/domains.ts. Those files are kept free of language concerns: their English is matched
 * here, phrase by phrase. A phrase without a pattern stays English (`jaEngine` returns undefined for it, `jaOrEn` the
 * English), which the Japanese tests catch: test/guard/ja-engine.test.ts words every phrase of those files through
 * this table, and the mutation suites in Japanese find no English sentence in any finding.
 */

type Pattern = readonly [RegExp, (m: RegExpExecArray) => string];

/** A network ACL entry's parts, as the builder names them when it cannot read one. */
const NACL_PART: Readonly<Record<string, string>> = { 'direction': '方向（Egress）', 'action': '動作（許可・拒否）', 'rule number': 'ルール番号', 'port range': 'ポート範囲' };

/** Nouns the engine puts before an id (`route table rtb-1`), in Japanese. */
const NOUNS: readonly [string, string][] = [
  ['transit gateway route table', 'Transit Gateway ルートテーブル'],
  ['transit gateway attachment', 'Transit Gateway アタッチメント'],
  ['transit gateway', 'Transit Gateway'],
  ['DNS Firewall rule group', 'DNS Firewall ルールグループ'],
  ['route table', 'ルートテーブル'],
  ['network ACL', 'ネットワーク ACL'],
  ['the peer VPC', 'ピア VPC'],
  ['VPC', 'VPC'],
];

function noun(text: string): string {
  for (const [en, ja] of NOUNS) if (text.startsWith(`${en} `)) return `${ja} ${text.slice(en.length + 1)}`;
  return text;
}

/** What a network bridge the guard does not model connects with (bridges.ts), in Japanese. */
const BRIDGED_JA: Readonly<Record<string, string>> = {
  'remote users of a Client VPN endpoint': 'Client VPN エンドポイントのリモート利用者',
  'other accounts\' VPCs over a PrivateLink endpoint service': 'PrivateLink エンドポイントサービス経由の他アカウントの VPC',
  'the GRE / BGP peers of a Transit Gateway Connect attachment': 'Transit Gateway Connect アタッチメントの GRE / BGP ピア',
  'the members of a Transit Gateway multicast domain': 'Transit Gateway マルチキャストドメインのメンバー',
  'the target a traffic mirror session copies the traffic to': 'トラフィックミラーリングセッションが通信をコピーする先のターゲット',
  'the users of a Verified Access endpoint': 'Verified Access エンドポイントの利用者',
  'the internet through a Global Accelerator endpoint group': 'Global Accelerator エンドポイントグループ経由のインターネット',
  'the internet through accelerators of other accounts (a Global Accelerator cross-account attachment)':
    '他のアカウントのアクセラレーター（Global Accelerator のクロスアカウントアタッチメント）経由のインターネット',
  'the internet through a CloudFront VPC origin': 'CloudFront の VPC オリジン経由のインターネット',
  'the callers of an API Gateway VPC link': 'API Gateway の VPC リンクの呼び出し元',
  'an App Runner service through a VPC ingress connection': 'VPC イングレス接続経由の App Runner サービス',
  'the on-premises network of an Outposts local gateway': 'Outposts ローカルゲートウェイのオンプレミスネットワーク',
  'another account, which may attach the interface to an instance of its own or give it an Elastic IP address': '別のアカウント（インターフェースを自分のインスタンスにアタッチするか、Elastic IP アドレスを関連付けうる）',
  'a Cloud WAN core network (Network Manager)': 'Cloud WAN コアネットワーク（Network Manager）',
  'the internet through the instances of a GameLift fleet whose VPC is peered with it': 'VPC がピアリングされた GameLift フリートのインスタンス経由のインターネット',
  'the callers of a Refactor Spaces application (its API Gateway proxy, the transit gateway its environment makes between VPCs)':
    'Refactor Spaces アプリケーションの呼び出し元（その API Gateway プロキシ、環境が VPC 間に作る Transit Gateway）',
  'an Oracle Database@AWS ODB network (its VM clusters, Oracle\'s management connections, the other networks it peers with)':
    'Oracle Database@AWS の ODB ネットワーク（その VM クラスター、Oracle の管理用の接続、ピアリングしている他のネットワーク）',
  'the networks behind a VPN gateway without a zone label (VPN connections, Direct Connect)': 'ゾーンのラベルがない VPN ゲートウェイの先のネットワーク（VPN 接続、Direct Connect）',
  'another network through its PrivateLink endpoint service (not an AWS service)': 'PrivateLink エンドポイントサービス経由の他のネットワーク（AWS のサービスではない）',
  'the internet through public IP addresses of ECS tasks': 'ECS タスクのパブリック IP アドレス経由のインターネット',
  'the internet through public IP addresses of AWS Batch Fargate jobs': 'AWS Batch の Fargate ジョブのパブリック IP アドレス経由のインターネット',
  'the services or clients of a VPC Lattice service network': 'VPC Lattice サービスネットワークのサービス・クライアント',
  'remote users of an EC2 Instance Connect Endpoint': 'EC2 Instance Connect エンドポイントのリモート利用者',
  'remote users of the public API endpoint of an EKS cluster': 'EKS クラスターのパブリック API エンドポイントのリモート利用者',
  'the internet through an internet-facing Transfer Family server': 'インターネット向け Transfer Family サーバー経由のインターネット',
  'the internet through a public IP address of an instance': 'インスタンスのパブリック IP アドレス経由のインターネット',
  'the internet through an Elastic IP address': 'Elastic IP アドレス経由のインターネット',
  'the internet through an internet-facing load balancer': 'インターネット向けロードバランサー経由のインターネット',
  'the internet through the public endpoint of a publicly accessible database or replication instance':
    'パブリックアクセス可能なデータベース・レプリケーションインスタンスのパブリックエンドポイント経由のインターネット',
  'the internet through the direct internet access of a SageMaker notebook instance': 'SageMaker ノートブックインスタンスの直接インターネットアクセス経由のインターネット',
  'the internet through the public web server of an MWAA environment': 'MWAA 環境の公開 Web サーバー経由のインターネット',
  'a cluster of another VPC or account through a managed VPC connection (MSK multi-VPC connectivity, a Redshift-managed VPC endpoint)':
    'マネージド VPC 接続（MSK のマルチ VPC 接続、Redshift マネージド VPC エンドポイント）経由の、他の VPC やアカウントのクラスター',
  'the other places a database replicates to or from (a read replica, an Aurora global database, an ElastiCache global datastore)':
    'データベースのレプリケーション先・元の他の場所（リードレプリカ、Aurora グローバルデータベース、ElastiCache グローバルデータストア）',
  'the other VPCs of an MSK Serverless cluster whose VPC configurations are in more than one VPC':
    '複数の VPC に VPC 設定を持つ MSK Serverless クラスターの、他の VPC',
  'another VPC through a managed service\'s endpoint in it (an RDS Proxy, OpenSearch or Redshift Serverless VPC endpoint)':
    'マネージドサービスが別の VPC に置くエンドポイント（RDS Proxy・OpenSearch・Redshift Serverless の VPC エンドポイント）経由の、その VPC',
  'other VPCs or accounts through managed VPC connections to a cluster (MSK multi-VPC connectivity, Redshift-managed VPC endpoints)':
    'クラスターへのマネージド VPC 接続（MSK のマルチ VPC 接続、Redshift マネージド VPC エンドポイント）経由の、他の VPC やアカウント',
  'the internet through the internet access of a SageMaker domain': 'SageMaker ドメインのインターネットアクセス経由のインターネット',
  'the internet through public IP addresses of the instances a launch template starts': '起動テンプレートが起動するインスタンスのパブリック IP アドレス経由のインターネット',
  'the internet through public IP addresses that a launch template outside the synthesized output may give':
    '合成結果にない起動テンプレートが付与しうるパブリック IP アドレス経由のインターネット',
  'the internet through a Lambda function URL': 'Lambda 関数 URL 経由のインターネット',
  'the callers of the RDS Data API, an HTTPS endpoint of AWS that runs SQL on the cluster': 'クラスターで SQL を実行する AWS の HTTPS エンドポイント、RDS Data API の呼び出し元',
  'the callers a Lambda function\'s resource policy lets invoke it from outside the account': 'Lambda 関数のリソースポリシーがアカウントの外から呼び出しを許す呼び出し元',
  'the callers of an API Gateway API invoking a Lambda function': 'Lambda 関数を呼び出す API Gateway API の呼び出し元',
  'the clients of a load balancer invoking a Lambda function': 'Lambda 関数を呼び出すロードバランサーのクライアント',
  'the callers of an AppSync API invoking a Lambda function': 'Lambda 関数を呼び出す AppSync API の呼び出し元',
  'the internet through the public brokers of an MSK cluster': 'MSK クラスターの公開ブローカーを通るインターネット',
  'the internet through the public instances or load balancer of an Elastic Beanstalk environment': 'Elastic Beanstalk 環境の公開インスタンスやロードバランサーを通るインターネット',
  'the devices publishing to an IoT topic rule invoking a Lambda function': 'Lambda 関数を呼び出す IoT トピックルールへ発行するデバイス',
  'the senders of mail to an SES receipt rule invoking a Lambda function': 'Lambda 関数を呼び出す SES 受信ルールへメールを送る送信者',
  'remote users of a Cloud9 environment connecting by SSH': 'SSH で接続する Cloud9 環境のリモート利用者',
  'the resolvers a forwarding rule sends DNS queries to, through an outbound Resolver endpoint of another VPC':
    '他の VPC のアウトバウンド Resolver エンドポイント経由で、転送ルールが DNS クエリを送るリゾルバー',
  'the VPCs of the accounts a forwarding rule is shared with (AWS RAM), whose DNS queries leave through its outbound Resolver endpoint':
    '転送ルールを共有した（AWS RAM）アカウントの VPC（その DNS クエリがルールのアウトバウンド Resolver エンドポイントから出ていく）',
  'the users of a Cognito user pool whose triggers invoke a Lambda function': 'トリガーが Lambda 関数を呼び出す Cognito ユーザープールの利用者',
  'the internet through a public App Runner service with a VPC connector': 'VPC コネクタを持つ公開 App Runner サービス経由のインターネット',
  'the internet through the internet gateway AWS made for the default VPC': 'AWS が既定の VPC に作成したインターネットゲートウェイ経由のインターネット',
  'the other VPCs of an instance whose network interfaces are in more than one VPC': 'ネットワークインターフェースが複数の VPC にあるインスタンスの他の VPC',
  'remote users streaming the desktop of an AppStream fleet or image builder': 'AppStream のフリートやイメージビルダーのデスクトップをストリーミングするリモート利用者',
  'remote users of Amazon WorkSpaces desktops': 'Amazon WorkSpaces のデスクトップのリモート利用者',
  'remote users of the browsers of a WorkSpaces Secure Browser portal': 'WorkSpaces Secure Browser ポータルのブラウザーのリモート利用者',
  'the internet through the default internet access of an AppStream fleet or image builder': 'AppStream のフリートやイメージビルダーの既定のインターネットアクセス経由のインターネット',
  'a network the guard does not model': 'ガードがモデル化していないネットワーク',
};

/** `subnet X`, `load balancer L in subnet S`, `VPC V` in Japanese. */
function bridgeThing(text: string): string {
  const lb = /^load balancer (\S+) in subnet (\S+)$/.exec(text);
  if (lb) return `サブネット ${lb[2]} のロードバランサー ${lb[1]}`;
  return text.replace(/^subnet /, 'サブネット ').replace(/^load balancer /, 'ロードバランサー ');
}

/** Where a bridge ends (bridges.ts `placesOf`), in Japanese. */
const BRIDGE_PLACES: readonly Pattern[] = [
  [/^network interface (.+) \((.+)\), which the guard does not model$/, (m) => `ガードがモデル化していないネットワークインターフェース ${m[1]}（${m[2]}）`],
  [/^(.+), which cannot be resolved \((.+)\)$/, (m) => `解決できない ${m[1]}（${jaOrEn(m[2])}）`],
  [/^(.+) \((.+)\), which is not in the synthesized output$/, (m) => `合成結果にない ${m[1]}（${m[2]}）`],
  [/^(.+) \((.+)\), which is a (.+), not a VPC, subnet or load balancer$/, (m) => `${m[1]}（${m[2]}）は ${m[3]} で、VPC・サブネット・ロードバランサーではない`],
  [/^load balancer (\S+), whose subnets are not in the synthesized output$/, (m) => `サブネットが合成結果にないロードバランサー ${m[1]}`],
  [/^transit gateway attachment (\S+), whose VPC is not in the synthesized output$/, (m) => `VPC が合成結果にない Transit Gateway アタッチメント ${m[1]}`],
  [/^(.+), whose VPC is not in the synthesized output$/, (m) => `VPC が合成結果にない ${bridgeThing(m[1])}`],
  [/^(.+) of the (\S+) segment \((.+)\)$/, (m) => `${m[2]} 系（${m[3]}）の${bridgeThing(m[1])}`],
  [/^(?:(.+) in )?VPC (\S+), which has no segment label$/, (m) => `系のラベルがない VPC ${m[2]}${m[1] ? ` の${bridgeThing(m[1])}` : ''}`],
];

function bridgePlace(text: string): string {
  for (const [re, ja] of BRIDGE_PLACES) {
    const m = re.exec(text);
    if (m) return ja(m);
  }
  return jaOrEn(text);
}

/** Who makes an SDK call (sdk-calls.ts `SdkCaller`), in Japanese. */
const SDK_CALLERS_JA: Readonly<Record<string, string>> = {
  'custom resource': 'カスタムリソース',
  'state machine': 'ステートマシン（Step Functions）',
  'schedule': 'スケジュール（EventBridge Scheduler）',
  'automation document': 'Automation ドキュメント（Systems Manager）',
};

const PATTERNS: readonly Pattern[] = [
  // Network bridges the guard does not model (bridges.ts): before the general phrases, which their places may end in.
  [/^(\S+) opens a path between (.+?) and (.+); the guard does not model it$/,
    (m) => `${m[1]} が ${BRIDGED_JA[m[2]] ?? jaOrEn(m[2])}と次の場所との間に経路を開く: ${m[3].split('; ').map(bridgePlace).join('、')}。ガードはこの経路をモデル化していない`],
  [/^remove (\S+), or attach it only to a VPC labelled jichitai:segment = INTERNET \(or a subnet or load balancer in one\) in the same app \(or build it in another network's stack\): into the My Number or LGWAN segment no form of it is acceptable \(三層の対策\)$/,
    (m) => `${m[1]} を削除するか、同じアプリの jichitai:segment = INTERNET のラベルが付いた VPC（またはその中のサブネット・ロードバランサー）にだけ接続する（または別のネットワークのスタックで作る）。`
      + 'マイナンバー利用事務系・LGWAN接続系へは、どの形でも認められない（三層の対策）'],
  [/^(\S+) mirrors (.+), to a target the guard cannot place: a copy of My Number or LGWAN traffic could leave its segment$/,
    (m) => `${m[1]} が ${m[2].split('; ').map(bridgePlace).join('、')} の通信を、ガードが位置を判断できないターゲットへ複製する。マイナンバー利用事務系・LGWAN接続系の通信の複製が系の外へ出るおそれがある`],
  [/^mirror only interfaces of one segment to an IDS appliance \(mirror target\) in that same segment, and acknowledge SEG-1 on the session with the reason naming the IDS appliance and the mirrored interfaces' segment; or remove the session$/,
    () => '1 つの系のインターフェースだけを、同じ系にある IDS アプライアンス（ミラーターゲット）へミラーリングし、IDS アプライアンスとミラーリングするインターフェースの系を理由に書いて、'
      + 'セッションで SEG-1 を例外承認する。またはセッションを削除する'],
  // A Cloud WAN VPC attachment of the Internet segment (bridges.ts `cloudWanInInternet`, IN-1).
  [/^(\S+) attaches (.+) of the INTERNET segment \(インターネット接続系\) to a Cloud WAN core network, which joins it to whatever else attaches to the core network \(VPCs of other accounts, on-premises networks through Connect, VPN or Direct Connect attachments\): a way out that does not pass the security cloud's inspection, and a way in from networks the guard cannot see$/,
    (m) => `${m[1]} がインターネット接続系の ${m[2].split(', ').join('、')} を Cloud WAN のコアネットワークに接続している。コアネットワークは、そこに接続する`
      + 'ほかのすべて（他のアカウントの VPC、Connect・VPN・Direct Connect のアタッチメント経由のオンプレミスのネットワーク）とこの VPC をつなぐため、'
      + '自治体情報セキュリティクラウドの検査を通らない出口と、ガードが見えないネットワークからの入口になる'],
  [/^reach the security cloud through a transit gateway whose route tables the output holds, not through a Cloud WAN core network; if the core network policy gives this attachment a segment that reaches only the security cloud, acknowledge IN-1 on the attachment with a reason naming that segment and the policy \(自治体情報セキュリティクラウド\)$/,
    () => '自治体情報セキュリティクラウドへは、Cloud WAN のコアネットワークではなく、ルートテーブルが合成結果にある Transit Gateway 経由で接続する。コアネットワークのポリシーが'
      + 'このアタッチメントに自治体情報セキュリティクラウドにだけ届くセグメントを割り当てているなら、そのセグメントとポリシーを理由に書いて、アタッチメントで IN-1 を例外承認する'
      + '（自治体情報セキュリティクラウド）'],
  // An occupant of a resource type the guard does not know (bridges.ts `unknownOccupants`, GUARD-2).
  [/^(\S+) runs in (.+), and the guard does not know whether this resource type opens a network path of its own beside the routes of its subnets \(a public endpoint, a load balancer of its own, calls from the internet\)$/,
    (m) => `${m[1]} が次の場所で動く: ${m[2].split('; ').map(bridgePlace).join('、')}。このリソースタイプが、サブネットのルートとは別に独自のネットワーク経路`
      + '（パブリックエンドポイント、独自のロードバランサー、インターネットからの呼び出し）を開くかどうかを、ガードは知らない'],
  [/^run (\S+) only in subnets of the Internet segment; or, if AWS documents that \S+ has no network path of its own \(only network interfaces in the subnets it names, whose traffic follows their routes\), acknowledge GUARD-2 on this resource with that reason, and ask the project to add the type to the occupants the guard knows \(三層の対策\)$/,
    (m) => `${m[1]} はインターネット接続系のサブネットでだけ動かす。または、${m[1]} が独自のネットワーク経路を持たない（指定したサブネットのネットワークインターフェースだけで、`
      + 'その通信はサブネットのルートに従う）と AWS が文書で示しているなら、その理由を書いてこのリソースで GUARD-2 を例外承認し、このタイプをガードが知る配置先のリソースタイプに加えるよう'
      + 'プロジェクトに依頼する（三層の対策）'],
  [/^a subnet known only at deploy time$/, () => 'デプロイ時にしか決まらないサブネット'],
  [/^not given, which means the default VPC$/, () => '指定がなく、既定の VPC を意味する'],
  [/^the subnets of the ECS tasks a state machine definition the guard cannot parse runs$/, () => 'ガードが解析できないステートマシン定義が実行する ECS タスクのサブネット'],
  [/^give an instance network interfaces in the subnets of one VPC only \(its segment's\), and connect segments only through the routes and gateways the guard reads: a host in two VPCs forwards between them whatever their routes \(三層の対策\)$/,
    () => 'インスタンスのネットワークインターフェースは 1 つの VPC（その系）のサブネットにだけ置き、系どうしはガードが読むルートとゲートウェイでだけ接続する。'
      + '2 つの VPC にまたがるホストは、ルートに関係なくその間で転送できる（三層の対策）'],
  [/^the subnets of the compute environment that runs the job, chosen when the job is submitted$/, () => 'ジョブを実行するコンピューティング環境のサブネット（ジョブの送信時に決まる）'],
  [/^set networkConfiguration\.assignPublicIp to DISABLED in the job definition \(a Fargate job reaches the internet through a NAT gateway\): where a job runs is chosen when it is submitted, so the guard cannot place its public IP address \(三層の対策\)$/,
    () => 'ジョブ定義の networkConfiguration.assignPublicIp を DISABLED にする（Fargate ジョブは NAT ゲートウェイ経由でインターネットに出る）。'
      + 'ジョブがどこで動くかは送信時に決まるため、ガードはそのパブリック IP アドレスの位置を判断できない（三層の対策）'],
  [/^an API definition the guard cannot read \(in S3, in a file or known only at deploy time\), which may invoke any function$/,
    () => 'ガードが読めない API 定義（S3 にある、ファイルにある、またはデプロイ時にしか決まらない）で、どの関数でも呼び出しうる'],
  [/^the account's default VPC, which AWS made with an internet gateway and the guard does not model$/,
    () => 'アカウントの既定の VPC（AWS がインターネットゲートウェイ付きで作成し、ガードはモデル化していない）'],
  [/^build the segments with aws_vpc and aws_subnet labelled jichitai:segment, not in the account's default VPC; adopt it \(aws_default_vpc, aws_default_subnet\) only without a segment label and with map_public_ip_on_launch = false \(三層の対策\)$/,
    () => '系は、アカウントの既定の VPC ではなく、jichitai:segment のラベルを付けた aws_vpc と aws_subnet で構築する。既定の VPC を取り込む（aws_default_vpc、aws_default_subnet）のは、'
      + '系のラベルを付けず、map_public_ip_on_launch = false にする場合だけにする（三層の対策）'],
  [/^make the load balancer internal \(Scheme: internal, internal = true\), or put it only in subnets of the Internet segment: no ingress from the internet into the My Number or LGWAN segment is acceptable \(三層の対策\)$/,
    () => 'ロードバランサーを内部向けにする（Scheme: internal、internal = true）か、インターネット接続系のサブネットにだけ置く。'
      + 'インターネットからマイナンバー利用事務系・LGWAN接続系への通信は、どの形でも認められない（三層の対策）'],
  [/^make it private: PubliclyAccessible \(publicly_accessible\) false for a database or replication instance, DirectInternetAccess \(direct_internet_access\) Disabled for a notebook instance; or run it only in subnets of the Internet segment \(三層の対策\)$/,
    () => 'プライベートにする: データベース・レプリケーションインスタンスは PubliclyAccessible（publicly_accessible）を false に、'
      + 'ノートブックインスタンスは DirectInternetAccess（direct_internet_access）を Disabled にする。またはインターネット接続系のサブネットでだけ動かす（三層の対策）'],
  [/^tag the VPN gateway jichitai:zone = LGWAN_WAN or SECURITY_CLOUD \(where every VPN connection or Direct Connect interface on it leads\), or detach it$/,
    () => 'VPN ゲートウェイに jichitai:zone = LGWAN_WAN または SECURITY_CLOUD のタグを付ける（その上のすべての VPN 接続・Direct Connect インターフェースの接続先）か、デタッチする'],
  [/^register as VPC Lattice targets only tasks or instances that run in subnets of the Internet segment: a target group's service network lets its clients, in other VPCs or accounts, reach its targets \(三層の対策\)$/,
    () => 'VPC Lattice のターゲットには、インターネット接続系のサブネットで動くタスク・インスタンスだけを登録する。ターゲットグループのサービスネットワークは、'
      + '他の VPC やアカウントにあるクライアントをそのターゲットに到達させる（三層の対策）'],
  [/^peer a GameLift fleet only with a VPC of the Internet segment, or remove PeerVpcId: game clients on the internet reach the fleet's instances, whose VPC the peering joins with it \(三層の対策\)$/,
    () => 'GameLift フリートはインターネット接続系の VPC とだけピアリングするか、PeerVpcId を削除する。インターネット上のゲームクライアントがフリートのインスタンスに接続し、'
      + 'ピアリングはそのインスタンスの VPC と接続先の VPC をつなぐ（三層の対策）'],
  [/^put Refactor Spaces applications and services only in VPCs of the Internet segment, with functions that run there: its proxy and its transit gateway join networks the guard does not model \(三層の対策\)$/,
    () => 'Refactor Spaces のアプリケーションとサービスは、インターネット接続系の VPC にだけ置き、そこで動く関数だけを呼び出す。'
      + 'そのプロキシと Transit Gateway は、ガードがモデル化していないネットワークをつなぐ（三層の対策）'],
  [/^peer an ODB network only with VPCs of the Internet segment, or remove the peering: an ODB network is managed by Oracle over connections of its own and may peer with other networks, which the guard does not model \(三層の対策\)$/,
    () => 'ODB ネットワークはインターネット接続系の VPC とだけピアリングするか、ピアリングを削除する。ODB ネットワークは Oracle が独自の接続で管理し、'
      + '他のネットワークともピアリングしうるが、ガードはそれをモデル化していない（三層の対策）'],
  [/^from the My Number or LGWAN segment connect only to AWS services \(com\.amazonaws\.<region>\.<service>\); reach another network's endpoint service from the Internet segment, or, in α′, through the breakout \(三層の対策\)$/,
    () => 'マイナンバー利用事務系・LGWAN接続系からは AWS のサービス（com.amazonaws.<region>.<service>）にだけ接続する。'
      + '他のネットワークのエンドポイントサービスには、インターネット接続系から、または α′ ではブレイクアウト経由で接続する（三層の対策）'],
  [/^set AssignPublicIp to DISABLED \(assign_public_ip = false\) for tasks in subnets of the My Number or LGWAN segment, or run them only in subnets of the Internet segment \(三層の対策\)$/,
    () => 'マイナンバー利用事務系・LGWAN接続系のサブネットのタスクでは AssignPublicIp を DISABLED（assign_public_ip = false）にするか、インターネット接続系のサブネットでだけ動かす（三層の対策）'],
  [/^grant lambda:InvokeFunction only to principals of the account, or to a service with a SourceArn of a resource in the output, or give the function a VpcConfig \(vpc_config\) with subnets of the Internet segment only: anyone the permission names runs code inside the VPC \(三層の対策\)$/,
    () => 'lambda:InvokeFunction はアカウントのプリンシパル、または合成結果のリソースを SourceArn に指定したサービスにだけ許可するか、関数の VpcConfig（vpc_config）を'
      + 'インターネット接続系のサブネットだけにする。許可された呼び出し元は VPC の中でコードを動かせる（三層の対策）'],
  [/^turn the Data API off \(EnableHttpEndpoint \/ enable_http_endpoint false\), or run the cluster only in subnets of the Internet segment: its callers run SQL inside the segment from outside it \(三層の対策\)$/,
    () => 'Data API を無効にする（EnableHttpEndpoint / enable_http_endpoint を false）か、クラスターをインターネット接続系のサブネットでだけ動かす。'
      + 'Data API の呼び出し元は、系の外からその中で SQL を実行できる（三層の対策）'],
  [/^remove the function URL, or give the function a VpcConfig \(vpc_config\) with subnets of the Internet segment only: a function URL lets the internet call code that runs inside the VPC \(三層の対策\)$/,
    () => '関数 URL を削除するか、関数の VpcConfig（vpc_config）をインターネット接続系のサブネットだけにする。関数 URL では、インターネットから VPC の中で動くコードを呼び出せる（三層の対策）'],
  [/^make the service private \(IsPubliclyAccessible \/ is_publicly_accessible false, reached through a VPC ingress connection\), or give its VPC connector subnets of the Internet segment only: a public service lets the internet call code whose traffic leaves into the VPC \(三層の対策\)$/,
    () => 'サービスを非公開にする（IsPubliclyAccessible / is_publicly_accessible を false にし、VPC イングレス接続から利用する）か、VPC コネクタのサブネットを'
      + 'インターネット接続系のサブネットだけにする。公開サービスでは、インターネットから呼び出したコードの通信が VPC の中へ出る（三層の対策）'],
  [/^turn public access off \(BrokerNodeGroupInfo\.ConnectivityInfo\.PublicAccess\.Type \/ public_access\.type DISABLED\), or run the brokers only in subnets of the Internet segment \(三層の対策\)$/,
    () => 'パブリックアクセスを無効にする（BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type / public_access.type を DISABLED）か、ブローカーをインターネット接続系のサブネットでだけ動かす（三層の対策）'],
  [/^turn the public API endpoint off \(ResourcesVpcConfig\.EndpointPublicAccess \/ vpc_config\.endpoint_public_access false, with the private endpoint on\), or run the cluster only in subnets of the Internet segment: kubectl from the internet reaches the nodes and pods \(三層の対策\)$/,
    () => 'パブリック API エンドポイントを無効にする（ResourcesVpcConfig.EndpointPublicAccess / vpc_config.endpoint_public_access を false にし、プライベートエンドポイントを有効にする）か、'
      + 'クラスターをインターネット接続系のサブネットでだけ動かす。インターネットからの kubectl がノードやポッドに届く（三層の対策）'],
  [/^keep a database and its replicas in one VPC of its segment \(no read replica, global database or global datastore across VPCs\), or run them only in subnets of the Internet segment: a replica carries the data between them \(三層の対策\)$/,
    () => 'データベースとそのレプリカは系の一つの VPC に置く（VPC をまたぐリードレプリカ、グローバルデータベース、グローバルデータストアを作らない）か、'
      + 'インターネット接続系のサブネットでだけ動かす。レプリカはその間でデータを運ぶ（三層の対策）'],
  [/^give the cluster VPC configurations of one VPC only \(its segment's\): a cluster in two VPCs carries data between them \(三層の対策\)$/,
    () => 'クラスターの VPC 設定は一つの VPC（その系の VPC）だけにする。二つの VPC にあるクラスターはその間でデータを運ぶ（三層の対策）'],
  [/^make the endpoint in the VPC of its proxy, domain or workgroup, or remove it \(and any authorization for other accounts to make one\): an endpoint in another VPC joins the two \(三層の対策\)$/,
    () => 'エンドポイントはそのプロキシ・ドメイン・ワークグループと同じ VPC に作るか、削除する（他のアカウントに作成を認める設定も）。別の VPC のエンドポイントは二つの VPC をつなぐ（三層の対策）'],
  [/^remove the managed VPC connections to the cluster, its endpoint authorizations and its multi-VPC connectivity, or run the cluster only in subnets of the Internet segment: through them other VPCs and accounts reach into the segment \(三層の対策\)$/,
    () => 'クラスターへのマネージド VPC 接続、エンドポイントの認可、マルチ VPC 接続をなくすか、クラスターをインターネット接続系のサブネットでだけ動かす。それらを通じて他の VPC やアカウントが系の中に届く（三層の対策）'],
  [/^remove the managed VPC connection, or make it only in subnets of the Internet segment: from the My Number or LGWAN segment reach only clusters in the segment's own VPC \(三層の対策\)$/,
    () => 'マネージド VPC 接続を削除するか、インターネット接続系のサブネットだけに作る。マイナンバー利用事務系・LGWAN接続系からは、その系自身の VPC にあるクラスターだけに接続する（三層の対策）'],
  [/^make it private \(WebserverAccessMode \/ webserver_access_mode PRIVATE_ONLY for an MWAA environment, AppNetworkAccessType \/ app_network_access_type VpcOnly for a SageMaker domain\), or run it only in subnets of the Internet segment \(三層の対策\)$/,
    () => '非公開にする（MWAA 環境なら WebserverAccessMode / webserver_access_mode を PRIVATE_ONLY、SageMaker ドメインなら AppNetworkAccessType / '
      + 'app_network_access_type を VpcOnly）か、インターネット接続系のサブネットだけで動かす（三層の対策）'],
  [/^run the fleet or image builder only in subnets of the Internet segment, or outside every VPC: its users stream, from the internet, a desktop that works in its subnets \(三層の対策\)$/,
    () => 'フリートやイメージビルダーはインターネット接続系のサブネットだけで動かすか、VPC の外で動かす。利用者はそのサブネットで動くデスクトップをインターネットからストリーミングする（三層の対策）'],
  [/^register the WorkSpaces directory with subnets of the Internet segment only \(aws_workspaces_directory subnet_ids\) in the configuration: its users work, from the internet, on desktops in those subnets \(三層の対策\)$/,
    () => 'WorkSpaces のディレクトリは構成の中でインターネット接続系のサブネットだけを指定して登録する（aws_workspaces_directory の subnet_ids）。利用者はそのサブネットのデスクトップでインターネットから作業する（三層の対策）'],
  [/^give the portal network settings only in subnets of the Internet segment: its users browse, from the internet, with browsers that work in those subnets \(三層の対策\)$/,
    () => 'ポータルのネットワーク設定にはインターネット接続系のサブネットだけを指定する。利用者はそのサブネットで動くブラウザーでインターネットから閲覧する（三層の対策）'],
  [/^turn default internet access off \(EnableDefaultInternetAccess \/ enable_default_internet_access false\), or run the fleet or image builder only in subnets of the Internet segment \(三層の対策\)$/,
    () => '既定のインターネットアクセスを無効にする（EnableDefaultInternetAccess / enable_default_internet_access を false）か、フリートやイメージビルダーをインターネット接続系のサブネットでだけ動かす（三層の対策）'],
  [/^set aws:ec2:vpc AssociatePublicIpAddress to false and ELBScheme to internal, or run the environment only in subnets of the Internet segment \(三層の対策\)$/,
    () => 'aws:ec2:vpc の AssociatePublicIpAddress を false、ELBScheme を internal にするか、環境をインターネット接続系のサブネットでだけ動かす（三層の対策）'],
  [/^let no SES receipt rule invoke a function whose VpcConfig \(vpc_config\) is in subnets of the My Number or LGWAN segment; run such a function in subnets of the Internet segment only: mail from the internet reaches code that runs inside the VPC \(三層の対策\)$/,
    () => 'VpcConfig（vpc_config）がマイナンバー利用事務系・LGWAN接続系のサブネットにある関数を、SES の受信ルールから呼び出さない。'
      + 'そうした関数はインターネット接続系のサブネットでだけ動かす。インターネットからのメールが VPC の中で動くコードに届く（三層の対策）'],
  [/^share only forwarding rules whose outbound Resolver endpoint is in subnets of the Internet segment, or do not share the rule: other accounts' DNS queries sent through a My Number or LGWAN endpoint enter and leave that segment \(三層の対策\)$/,
    () => 'アウトバウンド Resolver エンドポイントがインターネット接続系のサブネットにある転送ルールだけを共有するか、共有しない: マイナンバー利用事務系や LGWAN接続系の'
      + 'エンドポイントを通る他のアカウントの DNS クエリは、その系に入り、そこから出ていく（三層の対策）'],
  [/^associate a forwarding rule only with the VPC of its outbound Resolver endpoint \(the endpoint in subnets of the VPC's own segment, whose routes the guard reads\): the DNS queries of a My Number or LGWAN VPC sent out through another VPC's endpoint leave their segment, and another VPC's queries sent through a My Number or LGWAN endpoint enter it \(三層の対策\)$/,
    () => '転送ルールは、そのアウトバウンド Resolver エンドポイントがある VPC（エンドポイントは VPC 自身の系のサブネットに置き、その経路をガードが読む）にだけ関連付ける。'
      + 'マイナンバー利用事務系・LGWAN接続系の VPC の DNS クエリが他の VPC のエンドポイントから送られれば系の外へ出て、他の VPC のクエリがマイナンバー利用事務系・LGWAN接続系の'
      + 'エンドポイントから送られれば系の中へ入る（三層の対策）'],
  [/^use ConnectionType \(connection_type\) CONNECT_SSM, or run the Cloud9 environment only in subnets of the Internet segment: with SSH, Cloud9 connects from the internet to the environment's instance \(三層の対策\)$/,
    () => 'ConnectionType（connection_type）に CONNECT_SSM を使うか、Cloud9 環境をインターネット接続系のサブネットでだけ動かす。SSH では Cloud9 が'
      + 'インターネットから環境のインスタンスへ接続する（三層の対策）'],
  [/^let no IoT topic rule or Cognito user pool trigger invoke a function whose VpcConfig \(vpc_config\) is in subnets of the My Number or LGWAN segment; run such a function in subnets of the Internet segment only: devices and users on the internet reach code that runs inside the VPC \(三層の対策\)$/,
    () => 'VpcConfig（vpc_config）がマイナンバー利用事務系・LGWAN接続系のサブネットにある関数を、IoT トピックルールや Cognito ユーザープールのトリガーから呼び出さない。'
      + 'そうした関数はインターネット接続系のサブネットでだけ動かす。インターネット上のデバイスや利用者が VPC の中で動くコードに届く（三層の対策）'],
  [/^let no API Gateway API or authorizer, load balancer or VPC Lattice target group, AppSync data source or authorizer invoke a function whose VpcConfig \(vpc_config\) is in subnets of the My Number or LGWAN segment; run such a function in subnets of the Internet segment only: its callers reach code that runs inside the VPC \(三層の対策\)$/,
    () => 'VpcConfig（vpc_config）がマイナンバー利用事務系・LGWAN接続系のサブネットにある関数を、API Gateway の API・オーソライザー、ロードバランサー・VPC Lattice のターゲットグループ、'
      + 'AppSync のデータソース・オーソライザーから'
      + '呼び出さない。そうした関数はインターネット接続系のサブネットでだけ動かす。呼び出し元が VPC の中で動くコードに届く（三層の対策）'],
  [/^nothing in the synthesized output launches it$/, () => '合成結果の中に、これを起動するものがない'],
  [/^the instances run where the launch template puts them$/, () => 'インスタンスは起動テンプレートが指定する場所で動く'],
  [/^ask for no public IP address \(AssociatePublicIpAddress\) in a launch template whose instances run in the My Number or LGWAN segment, and launch a template that asks for one only from Auto Scaling groups or instances of the same app in subnets of the Internet segment \(三層の対策\)$/,
    () => 'マイナンバー利用事務系・LGWAN接続系で動くインスタンスの起動テンプレートでは、パブリック IP アドレス（AssociatePublicIpAddress）を求めない。'
      + '求める起動テンプレートは、同じアプリのインターネット接続系のサブネットにある Auto Scaling グループかインスタンスからだけ起動する（三層の対策）'],
  [/^launch from a launch template of the same app \(the guard then reads whether it asks for a public IP address\), or run the instances only in subnets of the Internet segment \(三層の対策\)$/,
    () => '同じアプリの起動テンプレートから起動する（ガードがパブリック IP アドレスを求めるかどうかを読める）か、インスタンスをインターネット接続系のサブネットでだけ動かす（三層の対策）'],
  // Before the general "refers to" phrases below, which end these too.
  // A Firehose destination's backup configuration given by an expression (SC-4, the readers' `destinations.backups`).
  [/^(\S+) is an expression$/, (m) => `${m[1]} は式である`],
  [/^(.+) is known only after apply and its expression refers to no resource$/, (m) => `${m[1]} は apply 後にしか決まらず、その式はどのリソースも参照していない`],
  [/^(.+) is known only after apply and its expression refers to several \((.+)\)$/, (m) => `${m[1]} は apply 後にしか決まらず、その式は複数のリソース（${m[2]}）を参照している`],
  // Extractors: CloudFormation.
  [/^the resource exists only if condition (.+) holds, which the guard does not evaluate$/, (m) => `条件 ${m[1]} が成り立つときだけ存在するリソースで、ガードは条件を評価しない`],
  [/^keep network resources of a guarded stack unconditional \(synthesize one template per variant instead\)$/,
    () => 'ガード対象のスタックのネットワークリソースには条件を付けない（バリエーションごとにテンプレートを合成する）'],
  [/^a nested stack's resources are not read by the guard$/, () => 'ネストしたスタックのリソースはガードが読まない'],
  [/^a stack set's stacks are not read by the guard$/, () => 'スタックセットのスタックはガードが読まない'],
  [/^a provisioned product's stack is not read by the guard$/, () => 'プロビジョニングされた製品（Service Catalog）のスタックはガードが読まない'],
  [/^a CloudFormation stack's resources are not read by the guard$/, () => 'CloudFormation スタックのリソースはガードが読まない'],
  [/^write the network resources in a stack or configuration the guard reads, or check the deployed stack's template with jichitai-network check$/,
    () => 'ネットワークリソースはガードが読むスタックか構成に書くか、デプロイするスタックのテンプレートを jichitai-network check で確認する'],
  [/^the AWS API call this custom resource \(aws-cdk-lib AwsCustomResource\) makes at deploy time cannot be read at synth time$/,
    () => 'このカスタムリソース（aws-cdk-lib の AwsCustomResource）がデプロイ時に呼ぶ AWS API を、合成時に読めない'],
  [/^(custom resource|state machine|schedule|automation document) calls (\S+) (\S+) (at deploy time|when it runs): it starts code or changes permissions the guard does not judge, and that may change the network$/,
    (m) => `${SDK_CALLERS_JA[m[1]]}が${m[4] === 'at deploy time' ? 'デプロイ時' : '実行時'}に ${m[2]} の ${m[3]} を呼ぶ: ガードが判定しないコードを起動するか権限を変え、`
      + 'それがネットワークを変えるおそれがある'],
  [/^(custom resource|state machine|schedule|automation document) calls (\S+) (\S+) (at deploy time|when it runs): what that changes is not in the (template|configuration|app's templates|app's configurations), and the guard judges the \5$/,
    (m) => `${SDK_CALLERS_JA[m[1]]}が`
      + `${m[4] === 'at deploy time' ? 'デプロイ時' : '実行時'}に ${m[2]} の ${m[3]} を呼ぶ: それが変えるものは${jaOutput(m[5])}になく、ガードは${jaOutput(m[5])}を判定する`],
  [/^the AWS API calls this (state machine|schedule) makes when it runs cannot be read at synth time$/,
    (m) => `この${m[1] === 'state machine' ? 'ステートマシン（Step Functions）' : 'スケジュール（EventBridge Scheduler）'}が実行時に呼ぶ AWS API を、合成時に読めない`],
  [/^write the definition or target out in the template or configuration \(no parameter, condition, import, variable or file\), so that the guard can read which AWS APIs it calls$/,
    () => 'ガードが呼び出す AWS API を読めるよう、定義やターゲットをテンプレートか構成に書き出す（パラメータ・条件・インポート・変数・ファイルを使わない）'],
  [/^declare what the call makes as a resource of the template, which the guard reads \(AWS::EC2::Route for createRoute, AWS::EC2::SecurityGroupIngress for authorizeSecurityGroupIngress\.\.\.\), or call only actions that read \(describe\.\.\., get\.\.\., list\.\.\.\)$/,
    () => '呼び出しが作るものを、ガードが読むテンプレートのリソースとして宣言する（createRoute なら AWS::EC2::Route、authorizeSecurityGroupIngress なら '
      + 'AWS::EC2::SecurityGroupIngress など）か、読むだけのアクション（describe…、get…、list…）だけを呼ぶ'],
  // Deploy-time code (deploy-code.ts, custom-resource-code.ts, Terraform's provisioners and invocations).
  [/^the function this trigger starts runs code whenever it is triggered that the (template|configuration|app's templates|app's configurations) (?:does|do) not hold, and it may change the network: (.+?)(?: \(and (\d+) more\))?$/,
    (m) => `このトリガーが起動する関数は、${jaOutput(m[1])}にないコードを起動のたびに実行し、それがネットワークを変えうる: `
      + `${m[2].split('; ').map(jaPower).join('。')}${m[3] ? `（ほか ${m[3]} 件）` : ''}`],
  [/^the (target|function) this (rule|schedule|pipe|event source mapping|subscription|Config rule) starts is named by (.+), which the guard cannot read: it may be any (function, state machine or Automation runbook|function), and its code may change the network$/,
    (m) => `この${JA_TRIGGERS[m[2]]}が起動する${m[1] === 'target' ? 'ターゲット' : '関数'}は、ガードが読めない ${m[3]} で指定されている。`
      + `${m[4] === 'function' ? 'どの関数' : 'どの関数・ステートマシン・Automation ランブック'}でもありえ、そのコードがネットワークを変えうる`],
  [/^the (function|state machine) (.+) this (rule|schedule|pipe|event source mapping|subscription|Config rule) starts is not in the (template|configuration|app's templates|app's configurations): of the deploying account, as far as the guard can tell, it may run in any VPC with any role, and its (code|definition) may change the network$/,
    (m) => `この${JA_TRIGGERS[m[3]]}が起動する${m[1] === 'function' ? '関数' : 'ステートマシン'} ${m[2]} は${jaOutput(m[4])}にない。ガードが判断できる限り`
      + `デプロイ先のアカウントのものであり、どの VPC でもどのロールでも動きえ、その${m[5] === 'code' ? 'コード' : '定義'}がネットワークを変えうる`],
  [/^declare the function or state machine the trigger starts in the guarded template or configuration \(with its role\), so that the guard bounds its code by its role$/,
    () => 'トリガーが起動する関数やステートマシンを、ガード対象のテンプレートか構成で（そのロールとともに）宣言する。そうすればガードがそのコードをロールで制限して判定できる'],
  [/^this (rule|schedule|pipe|event source mapping|subscription|Config rule) starts (.+), which runs code with a role of its own that the guard does not bound, and that code may change the network$/,
    (m) => `この${JA_TRIGGERS[m[1]]}は ${m[2]} を起動する。それはガードが制限を判定しない独自のロールでコードを実行し、そのコードがネットワークを変えうる`],
  [/^start a function of the guarded template or configuration whose role allows only actions that read, or start the project, task, job or pipeline outside the guarded output$/,
    () => 'ガード対象のテンプレートか構成の、読むだけのアクションを許すロールの関数を起動するか、プロジェクト・タスク・ジョブ・パイプラインはガード対象の外から起動する'],
  [/^name what the trigger starts by a reference to a function, state machine or Automation document of the guarded template or configuration \(not a parameter, import, variable or value another resource returns\), so that the guard can judge its code$/,
    () => 'トリガーが起動するものは、ガード対象のテンプレートか構成の関数・ステートマシン・Automation ドキュメントへの参照で指定する（パラメータ・インポート・変数・'
      + '他のリソースが返す値を使わない）。そうすればガードがそのコードを判定できる'],
  [/^the Automation document it runs is not JSON the guard can read \(YAML, or a value known at deploy time\), so any step may change the network$/,
    () => '実行する Automation ドキュメントがガードの読める JSON ではない（YAML、またはデプロイ時に決まる値）ため、どのステップもネットワークを変えうる'],
  [/^the Automation document it runs has no mainSteps the guard can read, so any step may change the network$/,
    () => '実行する Automation ドキュメントにガードが読める mainSteps がなく、どのステップもネットワークを変えうる'],
  [/^the Automation document it runs has step (.+) \(aws:executeAwsApi\), whose service or API the guard cannot read, so it may make any call, one that may change the network among them$/,
    (m) => `実行する Automation ドキュメントのステップ ${m[1]}（aws:executeAwsApi）はサービスか API をガードが読めず、どの呼び出しもしうる（ネットワークを変えるものも含む）`],
  [/^the Automation document it runs has step (.+) \((.+)\), which runs code or other automation that may change the network$/,
    (m) => `実行する Automation ドキュメントにステップ ${m[1]}（${m[2]}）があり、ネットワークを変えうるコードや別のオートメーションを実行する`],
  [/^the SSM document it runs is named by a value the guard cannot read, so it may be an Automation document any of whose steps may change the network$/,
    () => '実行する SSM ドキュメントがガードの読めない値で指定されており、Automation ドキュメントであれば、どのステップもネットワークを変えうる'],
  [/^the SSM document (.+) it runs is not in the output, so it may be an Automation document any of whose steps may change the network$/,
    (m) => `実行する SSM ドキュメント ${m[1]} が合成結果になく、Automation ドキュメントであれば、どのステップもネットワークを変えうる`],
  [/^declare the Automation document in the guarded template or configuration \(with steps that only read\), or run only AWS-owned documents the guard knows \(AWS-PublishSNSNotification; for an association, Command documents such as AWS-RunPatchBaseline\)$/,
    () => 'Automation ドキュメントをガード対象のテンプレートか構成で宣言する（読むだけのステップにする）か、ガードが知っている AWS 所有のドキュメント'
      + '（AWS-PublishSNSNotification、関連付けでは AWS-RunPatchBaseline などの Command ドキュメント）だけを実行する'],
  [/^declare what the document makes as resources of the (template|configuration), which the guard reads, or give it only steps that read \(aws:executeAwsApi with describe\.\.\., get\.\.\., list\.\.\., aws:assertAwsResourceProperty, aws:waitForAwsResourceProperty\)$/,
    (m) => `ドキュメントが作るものを、ガードが読む${jaOutput(m[1])}のリソースとして宣言するか、`
      + '読むだけのステップ（describe…・get…・list… の aws:executeAwsApi、aws:assertAwsResourceProperty、aws:waitForAwsResourceProperty）だけにする'],
  [/^this (custom resource|hook) runs code at deploy time that the (template|configuration|app's templates|app's configurations) (?:does|do) not hold, and it may change the network: (.+?)(?: \(and (\d+) more\))?$/,
    (m) => `この${m[1] === 'hook' ? 'フック' : 'カスタムリソース'}は、${jaOutput(m[2])}にないコードをデプロイ時に実行し、それがネットワークを変えうる: `
      + `${m[3].split('; ').map(jaPower).join('。')}${m[4] ? `（ほか ${m[4]} 件）` : ''}`],
  [/^register and activate hook types outside the guarded template, or use a Lambda hook whose function and role are of the template and allow only actions that read$/,
    () => 'フックのタイプはガード対象のテンプレートの外で登録・有効化するか、関数とロールがテンプレートにあり、読むだけのアクションしか許可しない Lambda フックを使う'],
  [/^it registers a hook whose handler runs on the deployments of this and other stacks, with code the template does not hold, and it may change the network$/,
    () => 'このスタックや他のスタックのデプロイ時に動くハンドラーを持つフックを登録し、そのコードはテンプレートになく、ネットワークを変えうる'],
  [/^declare what the code makes as resources of the (template|configuration), which the guard reads \(routes, gateways, security group rules\.\.\.\), and give the function's role only actions that read \(describe\.\.\., get\.\.\., list\.\.\.\) or touch no network \(logs, S3 objects, SSM parameters\), written out in the (?:template|configuration)$/,
    (m) => `コードが作るものを、ガードが読む${jaOutput(m[1])}のリソース（ルート、ゲートウェイ、セキュリティグループのルールなど）として宣言し、関数のロールには読むだけの`
      + `アクション（describe…、get…、list…）か、ネットワークに触れないアクション（ログ、S3 オブジェクト、SSM パラメータ）だけを、${jaOutput(m[1])}に書き出して与える`],
  [/^the plan holds no configuration for this module where the guard reads it, so its resources' provisioners and written arguments cannot be read$/,
    () => 'ガードが読む場所にこのモジュールの構成がプランにないため、そのリソースのプロビジョナーや書かれた引数を読めない'],
  [/^check the plan terraform show -json writes, whole and unedited$/, () => 'terraform show -json が書いたプランを、編集せずそのまま検査する'],
  [/^a file provisioner writes files on a remote host at apply time, which the configuration does not show: what runs there may run or read them \(a cron entry, a boot script, a proxy's configuration\), and it may change the network$/,
    () => 'file プロビジョナーが apply 時にリモートホストへファイルを書き込む。それは構成に現れず、そこで動くもの（cron のエントリ、起動スクリプト、プロキシの設定）が'
      + 'それを実行したり読んだりして、ネットワークを変えうる'],
  [/^it invokes a function at plan and apply time, whose code the configuration does not hold, and it may change the network$/,
    () => 'plan 時と apply 時に関数を呼び出し、そのコードは構成になく、ネットワークを変えうる'],
  [/^a (\S+) provisioner runs commands at apply time( on the machine that runs terraform, with its credentials| on a remote host)?, which the configuration does not show, and they may change the network$/,
    (m) => `${m[1]} プロビジョナーが apply 時に${m[2] === undefined ? '' : m[2].includes('remote') ? 'リモートホストで' : ' terraform を実行するマシンで、その認証情報を使って'}`
      + 'コマンドを実行する。それは構成に現れず、ネットワークを変えうる'],
  [/^(\S+) is a resource type of the CloudFormation registry whose handler runs code at deploy time that the template does not hold, and it may change the network$/,
    (m) => `${m[1]} は CloudFormation レジストリのリソースタイプで、そのハンドラーがテンプレートにないコードをデプロイ時に実行し、それがネットワークを変えうる`],
  [/^declare what the extension makes with AWS resource types, which the guard reads, or deploy the extension's resources outside the guarded template$/,
    () => '拡張機能が作るものを、ガードが読む AWS のリソースタイプで宣言するか、拡張機能のリソースはガード対象のテンプレートの外でデプロイする'],
  [/^(\S+) is a resource of the awscc provider \(AWS Cloud Control\) of a service whose resources the guard reads, and the guard does not read it$/,
    (m) => `${m[1]} は awscc プロバイダー（AWS Cloud Control）のリソースで、ガードがリソースを読むサービスのものだが、ガードはこれを読まない`],
  [/^it makes a resource through AWS Cloud Control whose type may be one the guard reads, and the guard does not read it$/,
    () => 'AWS Cloud Control を通じて、ガードが読むタイプでありうるリソースを作るが、ガードはこれを読まない'],
  [/^write the resource with the aws provider's own resource type \(aws_route for AWS::EC2::Route\.\.\.\), which the guard reads$/,
    () => 'リソースは、ガードが読む aws プロバイダー自身のリソースタイプ（AWS::EC2::Route なら aws_route など）で書く'],
  [/^it invokes a function at (apply|plan) time, whose code the configuration does not hold, and it may change the network$/,
    (m) => `${m[1]} 時に関数を呼び出し、そのコードは構成にないため、ネットワークを変えうる`],
  [/^an action runs an operation of its provider at apply time or when invoked, which the configuration does not show, and it may change the network$/,
    () => 'アクションが apply 時か呼び出し時にプロバイダーの操作を実行し、それは構成に現れず、ネットワークを変えうる'],
  [/^the network ACL lists its (ingress|egress) entries inline, and terraform removes every other entry of that direction on each apply, this deny entry included$/,
    (m) => `ネットワーク ACL は${m[1] === 'egress' ? 'アウトバウンド' : 'インバウンド'}のエントリをインラインで列挙しており、terraform は apply のたびにその向きのほかのエントリを削除する（この拒否エントリも）`],
  [/^list the entry with the network ACL's inline ingress \/ egress blocks, or write every entry of that direction as an aws_network_acl_rule \(and none inline\)$/,
    () => 'エントリはネットワーク ACL のインラインの ingress / egress ブロックに並べるか、その向きのエントリをすべて aws_network_acl_rule で書く（インラインには書かない）'],
  [/^the prefix list lists its entries inline \(entry blocks\) too, and terraform overwrites one set of entries with the other on each apply: which addresses the list holds is not what the configuration shows$/,
    () => 'プレフィックスリストはエントリをインライン（entry ブロック）でも列挙しており、terraform は apply のたびに一方のエントリをもう一方で上書きする。リストがどのアドレスを持つかは構成が示すとおりではない'],
  [/^list every entry of the prefix list either in its entry blocks or as aws_ec2_managed_prefix_list_entry resources, not both$/,
    () => 'プレフィックスリストのエントリは、すべて entry ブロックに書くか、すべて aws_ec2_managed_prefix_list_entry リソースで書く（両方には書かない）'],
  [/^it accepts VPC peering connection (.+), which is not in the synthesized output: a VPC the guard cannot place is peered with a VPC the accepter does not name$/,
    (m) => `合成結果にない VPC ピアリング接続 ${m[1]} を承諾しており、ガードが位置づけられない VPC が、承諾側が指定しない VPC とピアリングされる`],
  [/^make the peering in the configuration \(aws_vpc_peering_connection between two VPCs it holds\), or accept no peering request into the guarded account$/,
    () => 'ピアリングは構成で作成する（構成にある 2 つの VPC の間の aws_vpc_peering_connection）か、ガード対象のアカウントではピアリング要求を承諾しない'],
  // Labels set by a resource that tags another (extract-terraform.ts `tagResources`).
  [/^it sets the label (.+) on a resource the guard cannot tie to one of the output \((.+)\): read as absent, the label would take that resource out of the rules that judge labels$/,
    (m) => `ラベル ${m[1]} を、ガードが合成結果のリソースに結び付けられないリソースに付けている（${jaOrEn(m[2])}）。ラベルがないものとして読むと、そのリソースがラベルで判定するルールから外れてしまう`],
  [/^it sets the label (\S+) = (.+) on (\S+), where (.+): which value the resource ends with depends on the order of apply, and the guard does not pick one$/,
    (m) => `${m[3]} にラベル ${m[1]} = ${m[2]} を付けているが、${m[4].replace(/its own tags set (\S+)/g, 'リソース自身のタグは $1').replace(/(\S+) sets (\S+)/g, '$1 は $2')
      .replace(/, /g, '、')} を設定している。リソースに最後に残る値は apply の順序で決まり、ガードはどの値も選ばない`],
  [/^(.+) does not name a resource of the output by its id$/, (m) => `${m[1]} は合成結果のリソースを ID で指していない`],
  [/^(.+) is the id of a resource outside the output$/, (m) => `${m[1]} は合成結果の外のリソースの ID`],
  [/^(.+) is the id of several resources of the output \((.+)\)$/, (m) => `${m[1]} は合成結果の複数のリソース（${m[2]}）の ID`],
  [/^write the label in the tags of the resource it labels \(an Auto Scaling group's tag blocks\), or tag a resource of the configuration named by its id \((.+)\), with a literal key and value, and only one way$/,
    (m) => `ラベルは、ラベルを付けるリソース自身のタグ（Auto Scaling グループなら tag ブロック）に書くか、構成内のリソースを ID（${m[1]}）で指してタグ付けする。`
      + 'キーと値はリテラルで書き、どちらか一方の方法だけを使う'],
  [/^it imports an existing resource \((.+)\), which keeps whatever the configuration does not set \(routes, rules, associations, attached gateways\), and the guard reads the configuration only$/,
    (m) => `既存のリソース（${m[1]}）をインポートしており、構成が設定しないもの（ルート、ルール、関連付け、アタッチされたゲートウェイ）はそのまま残るが、ガードは構成しか読まない`],
  [/^terraform forgets the resource without destroying it \(destroy = false\): it stays in the network, and the guard reads the configuration only$/,
    () => 'terraform はリソースを破棄せずに管理から外す（destroy = false）: リソースはネットワークに残るが、ガードは構成しか読まない'],
  [/^create the network resources in the configuration instead of importing existing ones, and destroy what it no longer manages \(no removed block with destroy = false\)$/,
    () => 'ネットワークリソースは既存のものをインポートせずに構成で作成し、管理しなくなったものは破棄する（destroy = false の removed ブロックを使わない）'],
  [/^it sends a request at plan time that asks code the configuration does not hold to do something, and it may change the network$/,
    () => 'plan 時に、構成にないコードに何かをさせるリクエストを送り、それがネットワークを変えうる'],
  [/^it is of the (\S+) provider, whose code runs at plan and apply time with terraform's credentials, which the guard does not read, and it may change the network$/,
    (m) => `${m[1]} プロバイダーのもので、そのコードは plan 時と apply 時に terraform の認証情報を使って動き、ガードはそれを読まず、ネットワークを変えうる`],
  [/^the (\S+) provider comes from (.+), not from HashiCorp: its code runs at plan and apply time with terraform's credentials, which the guard does not read, and it may make other resources than HashiCorp's \S+ provider does, and change the network$/,
    (m) => `${m[1]} プロバイダーは HashiCorp のものではなく ${m[2]} から取得され、そのコードは plan 時と apply 時に terraform の認証情報を使って動き、ガードはそれを読まず、HashiCorp の ${m[1]} プロバイダーとは別のリソースを作ってネットワークを変えうる`],
  [/^take the provider from HashiCorp's namespace on the public registry \(required_providers source hashicorp\/<name>\), whose resources the guard reads$/,
    () => 'プロバイダーは公開レジストリの HashiCorp の名前空間から取得する（required_providers の source を hashicorp/<名前> にする）。ガードはそのリソースを読む'],
  [/^keep resources of other providers out of the guarded configuration, or write what they make with the aws provider's resources, which the guard reads$/,
    () => '他のプロバイダーのリソースはガード対象の構成に入れないか、それが作るものをガードが読む aws プロバイダーのリソースで書く'],
  [/^it runs a program on the machine that runs terraform, at plan time and with its credentials, and it may change the network$/,
    () => 'plan 時に terraform を実行するマシンで、その認証情報を使ってプログラムを実行し、それがネットワークを変えうる'],
  [/^declare what the command or function makes as resources of the configuration, which the guard reads, and run other commands outside the guarded configuration$/,
    () => 'コマンドや関数が作るものを、ガードが読む構成のリソースとして宣言し、ほかのコマンドはガード対象の構成の外で実行する'],
  [/^a macro \(Fn::Transform\) rewrites this part of the template before deployment, and the guard reads it as written$/,
    () => 'マクロ（Fn::Transform）がテンプレートのこの部分をデプロイ前に書き換えるが、ガードは書かれたとおりに読む'],
  [/^the resource has no Type the guard can read$/, () => 'リソースにガードが読める Type がない'],
  [/^the template is processed by (.+) before deployment, and the guard reads it as written$/,
    (m) => `テンプレートはデプロイ前に ${m[1]} で処理されるが、ガードは書かれたとおりに読む`],
  [/^guard the processed template \(aws cloudformation get-template --template-stage Processed, checked with jichitai-network check\), or write the network resources of a guarded stack without a transform$/,
    () => '処理後のテンプレート（aws cloudformation get-template --template-stage Processed）を jichitai-network check で確認するか、ガード対象のスタックのネットワークリソースを変換なしで書く'],
  [/^build the network in this stack, or in a stack of its own that the guard reads \(cross-stack references are followed\)$/,
    () => 'ネットワークをこのスタックか、ガードが読む独立したスタックに構築する（スタック間の参照は追跡する）'],
  [/^missing value$/, () => '値がない'],
  [/^Fn::ImportValue (.+) names no export of the stacks the guard was given$/, (m) => `Fn::ImportValue ${m[1]} が、ガードに渡したスタックのどのエクスポートも指していない`],
  [/^Fn::ImportValue (.+) names an export of (\S+) stacks \((.+)\); an export name is unique per account and region only, and the guard does not know which of them is in this stack's$/,
    (m) => `Fn::ImportValue ${m[1]} は ${m[2]} 個のスタック（${m[3]}）のエクスポートを指している。エクスポート名はアカウントとリージョンごとにしか一意でなく、どれがこのスタックのものかをガードは知らない`],
  [/^Fn::ImportValue (.+) names an export of stack (.+), whose Outputs a macro \(Fn::Transform\) rewrites before deployment$/,
    (m) => `Fn::ImportValue ${m[1]} はスタック ${m[2]} のエクスポートを指しているが、その Outputs はデプロイ前にマクロ（Fn::Transform）が書き換える`],
  [/^Fn::ImportValue (.+) is an export a condition \(Fn::If\) chooses$/, (m) => `Fn::ImportValue ${m[1]} は、条件（Fn::If）が値を選ぶエクスポート`],
  [/^(.+) repeats (.+)\.([^.]+), which a condition \(Fn::If\) chooses$/, (m) => `${m[1]} は ${m[2]}.${m[3]} を繰り返す値で、それは条件（Fn::If）が選ぶ`],
  [/^template parameter (.+) is known only at deploy time$/, (m) => `テンプレートパラメータ ${m[1]} はデプロイ時にしか決まらない`],
  [/^dynamic reference (.+) is known only at deploy time$/, (m) => `動的参照 ${m[1]} はデプロイ時にしか決まらない`],
  [/^(.+) refers to no resource$/, (m) => `${m[1]} はどのリソースも参照していない`],
  [/^(.+) refers to several resources \((.+)\)$/, (m) => `${m[1]} は複数のリソース（${m[2]}）を参照している`],
  [/^(.+) is not a resource of this template$/, (m) => `${m[1]} はこのテンプレートのリソースではない`],
  [/^(.+) is a field of an ARN other than the bucket's name$/, (m) => `${m[1]} は ARN のうちバケット名ではないフィールド`],
  [/^(.+) is not a resource of this configuration$/, (m) => `${m[1]} はこの構成のリソースではない`],
  // Service relays (extract-terraform.ts `relayRefs`, the aws_lambda_function relay reader).
  [/^vpc_config (.+), which the guard cannot read$/, (m) => `ガードが読めない vpc_config ${m[1]}`],
  // A principal, policy or block of the IAM readers given by an expression or a dynamic block (extract-terraform.ts `unreadPrincipal`).
  [/^(\S+), which the guard cannot read$/, (m) => `ガードが読めない ${m[1]}`],
  [/^(.+), a template directive the guard does not evaluate$/, (m) => `${m[1]}（ガードが評価しないテンプレート指令）`],
  [/^(\$\{.+\}), which the guard does not evaluate$/, (m) => `ガードが評価しない式 ${m[1]}`],
  [/^(\S+) names no function$/, (m) => `${m[1]} はどの関数も指していない`],
  [/^stream consumer (\S+) names no stream$/, (m) => `ストリームコンシューマー ${m[1]} はどのストリームも指していない`],
  [/^the resources of profile (.+), which the (template|configuration) does not hold$/,
    (m) => `${m[2] === 'template' ? 'テンプレート' : '構成'}にないプロファイル ${m[1]} のリソース`],
  // An attribute, or one inside a nested block (`vpc_config[0].subnet_ids`).
  [/^(\S+)\.(\w+(?:\[[^\]]*\](?:\.\w+)?)*) is not \1's id, and no argument the guard can follow$/,
    (m) => `${m[1]}.${m[2]} は ${m[1]} の ID ではなく、ガードがたどれる引数でもない`],
  [/^(\S+) is inside a nested block of (\S+)$/, (m) => `${m[1]} は ${m[2]} の入れ子のブロックの中の値`],
  [/^(.+) computes a value from (\S+) that the guard does not evaluate \(only Ref, GetAtt or an ARN around one names it\)$/,
    (m) => `${m[1]} は ${m[2]} から値を計算しており、ガードはその式を評価しない（そのリソースを指すのは Ref・GetAtt か、それを囲む ARN だけ）`],
  [/^(.+) computes a value from (\S+) that the guard does not evaluate \(only a reference to its id names it\)$/,
    (m) => `${m[1]} は ${m[2]} から値を計算しており、ガードはその式を評価しない（そのリソースを指すのは ID への参照だけ）`],
  [/^a value returned at deploy time by custom resource (.+)$/, (m) => `カスタムリソース ${m[1]} がデプロイ時に返す値`],
  [/^(.+) is not an address block the guard can read \(a literal, or a VPC's or subnet's cidr_block\)$/,
    (m) => `${m[1]} はガードが読めるアドレス範囲ではない（読めるのはリテラルか、VPC・サブネットの cidr_block）`],
  [/^(.+) is not an address block the guard can read: it comes from template parameter (.+?)( \(an SSM parameter\))?, known only at deploy time$/,
    (m) => `${m[1]} はガードが読めるアドレス範囲ではない: テンプレートパラメータ ${m[2]}${m[3] ? '（SSM パラメータ）' : ''}の値で、デプロイ時にしか決まらない`],
  [/^(.+) is not an address block the guard can read: it is a dynamic reference, known only at deploy time$/,
    (m) => `${m[1]} はガードが読めるアドレス範囲ではない: 動的参照で、デプロイ時にしか決まらない`],
  [/^(.+) is not an address block the guard can read: only a literal, or a VPC's or subnet's CidrBlock, can be read$/,
    (m) => `${m[1]} はガードが読めるアドレス範囲ではない（読めるのはリテラルか、VPC・サブネットの CidrBlock）`],
  [/^(.+) is not an address block the guard can read$/, (m) => `${m[1]} はガードが読めるアドレス範囲ではない`],
  [/^write the CIDR as a literal in the template \(or resolve the parameter when synthesizing\), so that the guard can judge the rule$/,
    () => 'ガードがルールを判定できるよう、CIDR をテンプレートにリテラルで書く（または合成時にパラメータを解決する）'],
  [/^the subnet has no literal IPv4 block$/, () => 'サブネットにリテラルの IPv4 アドレス範囲がない'],
  [/^(.+) cannot be read at synth time: the entry's (.+) decides what the NACL lets through$/,
    (m) => `${m[1]} は合成時に読めない: エントリの${NACL_PART[m[2]] ?? m[2]}で、ネットワーク ACL が通すものが決まる`],
  [/^write the (.+) of the entry as a literal$/, (m) => `エントリの${NACL_PART[m[1]] ?? m[1]}をリテラルで書く`],
  [/^the route's destination (.+) cannot be read at synth time$/, (m) => `ルートの宛先 ${m[1]} は合成時に読めない`],
  [/^the subnet it names is known only at deploy time, so it may run in any subnet, the egress chain's own included$/,
    () => '指定するサブネットがデプロイ時にしか決まらないため、どのサブネット（出口の経路自身のサブネットを含む）でも動き得る'],
  [/^name the subnet by a reference to a subnet of the same app \(Ref \/ GetAtt, or a Terraform reference\), so that the guard can tell where it runs$/,
    () => 'どこで動くかをガードが判断できるよう、同じアプリのサブネットへの参照（Ref / GetAtt、または Terraform の参照）でサブネットを指定する'],
  // A plan's value known only after apply carries its own reason, worded by the patterns of the plan reader.
  [/^\(known after apply: (.+)\) cannot be read at synth time, and the guard reads what it holds$/,
    (m) => `（apply 後にしか決まらない: ${jaOrEn(m[1])}）は合成時に読めないが、ガードはその中身を読んで判定する`],
  [/^(\S+) cannot be read at synth time: with its source\/destination check off, (\S+) sends packets with any source address \(read so meanwhile\), which network ACL entries matching by source do not stop$/,
    (m) => `${m[1]} は合成時に読めない: 送信元/送信先チェックが無効なら ${m[2]} は任意の送信元アドレスでパケットを送り（それまではそう読む）、送信元で照合するネットワーク ACL のエントリでは止まらない`],
  [/^write SourceDestCheck \(source_dest_check\) out as a literal \(true unless the instance forwards, as a NAT or router instance does\), so that the guard can read which addresses it sends from$/,
    () => 'ガードが送信元アドレスを読めるよう、SourceDestCheck（source_dest_check）をリテラルで書く（NAT や経路制御を行うインスタンスでなければ true）'],
  [/^(.+) cannot be read at synth time, and the guard reads what it holds$/, (m) => `${m[1]} は合成時に読めないが、ガードはその中身を読んで判定する`],
  [/^write it out as literal values in the template or configuration \(no parameter, condition or variable\), so that the guard can judge what it allows$/,
    () => 'ガードが何を許すかを判定できるよう、テンプレートまたは構成にリテラルの値で書き出す（パラメータ・条件・変数を使わない）'],
  // A stack's own tags (semantics §3): CloudFormation gives them to the stack's resources.
  [/^the stack's tag (.+) cannot be read at synth time, and CloudFormation gives a stack's tags to its resources: it may be a label of each$/,
    (m) => `スタックのタグ ${m[1]} は合成時に読めないが、CloudFormation はスタックのタグをそのリソースに付けるため、各リソースのラベルであり得る`],
  [/^give each jichitai: tag of the stack a literal key and value \(or tag the resources themselves\), so that the guard reads the labels deployed$/,
    () => 'デプロイされるラベルをガードが読めるよう、スタックの jichitai: タグはキーと値をリテラルで書く（またはリソース自体にタグを付ける）'],
  // A Terraform provider's default_tags (semantics §3): the provider gives them to its resources.
  [/^the provider's default_tags \((.+)\) cannot be read at synth time, and the provider gives them to each resource of (\S+) that does not set the tag itself: they may hold a label of each$/,
    (m) => `プロバイダーの default_tags（${m[1]}）は合成時に読めないが、プロバイダーはそれを ${m[2]} のリソースのうちそのタグを自ら設定しないものすべてに付けるため、各リソースのラベルを含み得る`],
  [/^the provider's default_tags \((.+)\) cannot be read from the plan, and the provider gives them to (.+): they may hold a label of each$/,
    (m) => `プロバイダーの default_tags（${m[1]}）は plan から読めないが、プロバイダーはそれを ${m[2]
      .replace(/, whose tags_all (?:is|are) known only after apply/g, '（tags_all は apply 後にしか決まらない）')
      .replace(/, whose tags_all in the plan lacks? them \(the provider leaves default tags known only after apply out of it\)/g,
        '（plan の tags_all にそれが含まれない。apply 後にしか決まらない default_tags を、プロバイダーは plan の tags_all から外す）')
      .replace(/, and to /g, '、および ')}に付けるため、各リソースのラベルを含み得る`],
  [/^give each jichitai: tag of the provider's default_tags a literal key and value \(or tag the resources themselves\), so that the guard reads the labels deployed$/,
    () => 'デプロイされるラベルをガードが読めるよう、プロバイダーの default_tags の jichitai: タグはキーと値をリテラルで書く（またはリソース自体にタグを付ける）'],
  [/^which keys it holds is not in the plan$/, () => 'どのキーを持つかは plan に記録されていない'],
  [/^the stack's tag (\S+) = (.+) and the resource's own (.+) differ, and CloudFormation does not document which one the resource keeps$/,
    (m) => `スタックのタグ ${m[1]} = ${m[2]} とリソース自身のタグ ${m[3]} が異なり、リソースにどちらが残るかは CloudFormation の文書に定めがない`],
  [/^give the label one value: remove it from the stack's tags or from the resource's, or make the two equal$/,
    () => 'ラベルの値を一つにする: スタックのタグかリソースのタグから外すか、両者を同じ値にする'],
  // The label vocabulary (semantics §3, builder.ts `labels`): a misspelt key or value of the jichitai: namespace.
  [/^(\S+) is not a label key the guard knows, and the jichitai: prefix is the library's namespace: a misspelt label would leave the resource unlabelled, out of the rules that judge labels$/,
    (m) => `${m[1]} はガードが知るラベルのキーではない。接頭辞 jichitai: はこのライブラリの名前空間で、綴りを誤ったラベルはリソースをラベルのないものにし、ラベルで判定するルールから外してしまう`],
  [/^use one of the label keys (.+), or remove the tag$/, (m) => `ラベルのキー ${m[1]} のいずれかを使うか、タグを削除する`],
  [/^(.+) is not a value of the label (\S+): the rules that judge it would pass over the resource$/,
    (m) => `${m[1]} はラベル ${m[2]} の値ではなく、このラベルで判定するルールがリソースを見過ごしてしまう`],
  [/^give (\S+) one of its values: (.+)$/, (m) => `${m[1]} の値は次のいずれかにする: ${m[2]}`],
  // A launch template's role for its instances against the launcher's own (semantics §3).
  [/^launch template (\S+) gives the instances it launches the tag jichitai:role = (.+) and the resource's own is (.+), and the guard does not decide which one the instances get$/,
    (m) => `起動テンプレート ${m[1]} は起動するインスタンスにタグ jichitai:role = ${m[2]} を付けるが、リソース自身のタグは ${m[3]} で、インスタンスにどちらが付くかをガードは決めない`],
  [/^give the label one value: remove it from the launch template's tag specifications or from the resource's tags, or make the two equal$/,
    () => 'ラベルの値を一つにする: 起動テンプレートのタグ指定（TagSpecifications）かリソースのタグから外すか、両者を同じ値にする'],
  [/^a route needs one destination and one target; found (\S+) destinations \((.+)\)$/,
    (m) => `ルートには宛先とターゲットが 1 つずつ必要だが、宛先が ${m[1]} 個ある（${m[2]}）`],
  [/^a route needs one destination and one target; found a target and no destination \(in a plan: a destination known only after apply that the configuration does not name\)$/,
    () => 'ルートには宛先とターゲットが 1 つずつ必要だが、ターゲットだけがあり宛先がない（プランでは、構成が名指しせず適用後にしか分からない宛先）'],
  [/^a route needs one destination and one target; found (\S+) targets$/, (m) => `ルートには宛先とターゲットが 1 つずつ必要だが、ターゲットが ${m[1]} 個ある`],
  [/^PolicyDocument is text that is not JSON$/, () => 'PolicyDocument が JSON ではないテキスト'],
  [/^(PolicyDocument|policy) is JSON text whose objects name a key twice \((.+)\)$/,
    (m) => `${m[1] === 'policy' ? 'ポリシー' : 'PolicyDocument'}は、オブジェクトが同じキーを 2 度指定する JSON テキスト（${m[2]}）。AWS がどちらを読むかは分からない`],
  // Extractors: Terraform configuration and plan.
  [/^it is a Terraform configuration file beside (\S+): Terraform loads every \.tf \/ \.tf\.json file of the directory \(OpenTofu also \.tofu \/ \.tofu\.json\) and merges override files; the guard reads (\S+) only$/,
    (m) => `${m[1]} と同じディレクトリにある Terraform の構成ファイル: Terraform はディレクトリの .tf / .tf.json ファイルをすべて読み込み（OpenTofu は .tofu / .tofu.json も）、`
      + `オーバーライドファイル（override.tf など）をマージするが、ガードが読むのは ${m[2]} だけ`],
  [/^move the resources into the CDKTF app, or check terraform show -json of a plan of this directory instead$/,
    () => 'リソースを CDKTF アプリに移すか、代わりにこのディレクトリの plan を terraform show -json にして検査する'],
  [/^the plan is not complete \(complete = (\S+)\): it leaves changes for a later plan and apply \(a plan made with -target, or one that defers changes\), which the guard does not see$/,
    (m) => `plan が完全ではない（complete = ${m[1]}）: 後の plan と apply に回した変更があり（-target で作った plan、または変更を遅延する plan）、ガードはそれを見ない`],
  [/^plan the whole configuration \(no -target, nothing deferred\) so that the plan is complete, and check that plan$/,
    () => '構成全体を plan して（-target を使わず、遅延する変更もない）完全な plan を作り、その plan を検査する'],
  [/^the plan errored \(errored = (\S+)\): Terraform stopped planning at an error, so the plan holds only what was planned before it$/,
    (m) => `plan がエラーで終わった（errored = ${m[1]}）: Terraform はエラーで plan を止めたため、plan にはそれまでに計画した分しかない`],
  [/^correct the errors terraform plan reports, and check the plan it then makes$/, () => 'terraform plan が報告するエラーを直し、その後に作られる plan を検査する'],
  [/^the plan defers the changes of (.+) to a later plan and apply, which the guard does not see$/,
    (m) => `plan は ${m[1]} の変更を後の plan と apply に遅延していて（deferred changes、遅延された変更）、ガードはそれを見ない`],
  [/^give the deferred resources values known at plan time \(their count, for_each and provider configuration not taken from resources yet to be created\), so that the plan defers nothing, and check that plan$/,
    () => '遅延されたリソースに plan 時に決まる値を与え（count・for_each・プロバイダー構成を、まだ作られていないリソースから取らない）、何も遅延しない plan を作って検査する'],
  [/^a module's resources are not read by the guard$/, () => 'モジュールのリソースはガードが読まない'],
  [/^write the module's network resources in the stack, or guard the module's own configuration$/,
    () => 'モジュールのネットワークリソースをスタックに直接書くか、モジュール自身の構成をガードする'],
  [/^(\S+) holds a value that is not a JSON object, which the guard cannot read as resources$/,
    (m) => `${m[1]} に JSON オブジェクトでない値があり、ガードはリソースとして読めない`],
  [/^(\S+) is declared more than once, which Terraform refuses; the guard reads its first body only$/,
    (m) => `${m[1]} が複数回宣言されている（Terraform は受け付けない）。ガードは最初の本体だけを読む`],
  [/^write each resource once, as a JSON object under "resource" → type → name \(the form cdktf synth writes\)$/,
    () => '各リソースを 1 回だけ、"resource" → 種類 → 名前 の下の JSON オブジェクトとして書く（cdktf synth が書く形）'],
  [/^a dynamic block makes (\S+) blocks the guard does not expand$/, (m) => `dynamic ブロックが、ガードが展開しない ${m[1]} ブロックを作る`],
  [/^write the blocks out, one per block, in a guarded stack$/, () => 'ガード対象のスタックでは、ブロックを 1 つずつ書き出す'],
  [/^(\S+) makes a number of instances the guard does not expand$/, (m) => `${m[1]} は、ガードが展開しない数のインスタンスを作る`],
  [/^write one resource per instance in a guarded stack$/, () => 'ガード対象のスタックでは、インスタンスごとに 1 つのリソースを書く'],
  [/^(.+) is a template, not one resource$/, (m) => `${m[1]} はテンプレート文字列で、1 つのリソースではない`],
  [/^(.+) is used as a whole object, not one of its attributes$/, (m) => `${m[1]} がオブジェクト全体として使われていて、属性の 1 つではない`],
  [/^(.+) uses an input variable, known only at plan time$/, (m) => `${m[1]} は入力変数を使っていて、plan 時にしか決まらない`],
  [/^(.+) is a list known only at plan time$/, (m) => `${m[1]} は plan 時にしか決まらないリスト`],
  [/^policy is not a JSON string$/, () => 'policy が JSON 文字列ではない'],
  [/^policy holds a Terraform template directive \(%\{ … \}\), which the guard does not evaluate$/,
    () => 'policy に Terraform のテンプレートディレクティブ（%{ … }）があり、ガードはそれを評価しない'],
  [/^policy is not JSON text \(a Terraform expression such as jsonencode\(\) or a policy document data source cannot be read at synth time\)$/,
    () => 'policy が JSON テキストではない（jsonencode() などの Terraform 式や、ポリシードキュメントのデータソースは合成時に読めない）'],
  [/^the (\d+) planned (.+) blocks cannot be matched one to one with the (\d+) written in the configuration \(a dynamic block, or blocks the planned values do not tell apart\)$/,
    (m) => `plan の ${m[2]} ブロック ${m[1]} 個を、構成に書かれた ${m[3]} 個と 1 対 1 に対応付けられない（dynamic ブロックか、plan の値で区別できないブロック）`],
  [/^(.+) is known only after apply and its configuration is not a list of blocks$/, (m) => `${m[1]} は apply 後にしか決まらず、その構成はブロックのリストではない`],
  [/^(.+) is known only after apply and the configuration does not say from what$/, (m) => `${m[1]} は apply 後にしか決まらず、構成からも何の値か分からない`],
  [/^(.+) holds (\S+) values? known only after apply, but its expression refers to (\S+) resources \((.+)\): which of them it holds depends on an expression the plan does not record \(a set is unknown as a whole, and a splat looks like a function of it\); associate each subnet with its own aws_network_acl_association$/,
    (m) => `${m[1]} は apply 後にしか決まらない値を ${m[2]} 個持つが、その式は ${m[3]} 個のリソース（${m[4]}）を参照している: どれを持つかは plan に記録されない式で決まる`
      + '（集合は全体として不明で、スプラットはそれに関数を適用したものと区別できない）。サブネットごとに aws_network_acl_association で関連付ける'],
  [/^(.+) is known only after apply: (.+)$/, (m) => `${m[1]} は apply 後にしか決まらない: ${jaOrEn(m[2])}`],
  [/^(.+) does not name one resource$/, (m) => `${m[1]} は 1 つのリソースを指していない`],
  [/^(.+) in the template is not one attribute of one resource \((.+)\)$/, (m) => `テンプレート文字列の ${m[1]} は、1 つのリソースの 1 つの属性ではない（${jaOrEn(m[2])}）`],
  [/^(.+) in the template is not one attribute of one resource$/, (m) => `テンプレート文字列の ${m[1]} は、1 つのリソースの 1 つの属性ではない`],
  [/^module outputs and variables refer to each other too deeply$/, () => 'モジュールの出力と変数の参照が深すぎる'],
  [/^(.+) is an input variable whose value the plan does not tie to a resource$/, (m) => `${m[1]} は入力変数で、plan はその値をリソースに結び付けていない`],
  [/^(.+) is a part of an input variable \(an element or attribute the guard does not pick out\)$/, (m) => `${m[1]} は入力変数の一部（ガードが取り出さない要素や属性）`],
  [/^(.+) is not one output of a module call the guard can follow \(an element or attribute of an output, or a whole module\)$/,
    (m) => `${m[1]} は、ガードが追跡できるモジュール呼び出しの出力 1 つではない（出力の要素や属性、またはモジュール全体）`],
  [/^(.+) does not name one instance of a module called with count \/ for_each$/, (m) => `${m[1]} は、count / for_each で呼び出したモジュールのインスタンス 1 つを指していない`],
  [/^(.+) indexes a module called once$/, (m) => `${m[1]} は、1 回だけ呼び出したモジュールに添字を付けている`],
  [/^output (.+) of module (.+) is not computed from resources$/, (m) => `モジュール ${m[2]} の出力 ${m[1]} はリソースから計算されていない`],
  [/^(.+) is a data source's value known only after apply: what it names is outside the plan$/, (m) => `${m[1]} は apply 後にしか決まらないデータソースの値で、指す先は plan の外にある`],
  [/^(.+) is a local value, which the plan's configuration does not record$/, (m) => `${m[1]} はローカル値で、plan の構成には記録されていない`],
  [/^(.+) differs between the instances of a count \/ for_each resource; the guard does not evaluate the expression around it$/,
    (m) => `${m[1]} は count / for_each のリソースのインスタンスごとに異なり、ガードはそれを囲む式を評価しない`],
  [/^(.+) does not name one instance of (.+), which has count \/ for_each \(write the index, e\.g\. (.+)\)$/,
    (m) => `${m[1]} は、count / for_each を持つ ${m[2]} のインスタンス 1 つを指していない（${m[3]} のように添字を書く）`],
  [/^(.+) does not name a resource$/, (m) => `${m[1]} はリソースを指していない`],
  [/^(.+) is not a resource of the plan$/, (m) => `${m[1]} は plan のリソースではない`],
  [/^(.+) is a part of a resource the guard does not pick out$/, (m) => `${m[1]} は、ガードが取り出さないリソースの一部`],
  // Graph builder.
  [/^(.+) is a (.+), not a (.+)$/, (m) => `${m[1]} は ${m[2]} で、${m[3].split(' or ').join(' / ')} ではない`],
  [/^refer to the (.+) itself \(its id\)$/, (m) => `${m[1]} 自体（その ID）を参照する`],
  [/^accept a transit gateway attachment \(its id\)$/, () => 'Transit Gateway アタッチメント（その ID）を受け入れる'],
  [/^(.+) may or may not hold the Amazon-provided IPv6 block of (.+), which is known only after deployment$/,
    (m) => `${m[1]} が ${m[2]} の Amazon 提供 IPv6 アドレス範囲を含むかどうかは、デプロイ後にしか分からない`],
  [/^give the VPC a literal IPv6 block \(IPAM \/ BYOIP\), or use only ::\/0 in routes, NACL entries and security group rules$/,
    () => 'VPC にリテラルの IPv6 アドレス範囲を与える（IPAM / BYOIP）か、ルート、NACL エントリ、セキュリティグループのルールでは ::/0 だけを使う'],
  [/^the internet reaches the targets of this route table for the addresses of a public IPv4 address pool \(BYOIP ingress routing through the internet gateway\), which the guard does not follow$/,
    () => 'インターネットからパブリック IPv4 アドレスプール（BYOIP）のアドレス宛ての通信が、インターネットゲートウェイ経由でこのルートテーブルのルート先に届くが、ガードはそれを追跡しない'],
  [/^remove the association, or route the pool to an appliance of the Internet segment only, and check that route table by hand$/,
    () => '関連付けを削除するか、プールの経路先をインターネット接続系のアプライアンスだけにして、そのルートテーブルを手で確認する'],
  [/^it fills prefix list (.+) with the blocks an IPAM prefix list resolver selects, and the guard cannot tell which prefix list of the output that is$/,
    (m) => `IPAM のプレフィックスリストリゾルバーが選ぶアドレス範囲でプレフィックスリスト ${m[1]} を埋めるが、それが合成結果のどのプレフィックスリストかをガードは判別できない`],
  [/^name a prefix list of the same template \(Ref\), or keep the lists a resolver fills out of the routes and security group rules of the My Number and LGWAN segments$/,
    () => '同じテンプレートのプレフィックスリストを指定する（Ref）か、リゾルバーが埋めるリストをマイナンバー利用事務系・LGWAN接続系のルートとセキュリティグループのルールで使わない'],
  [/^it translates the addresses of what crosses a transit gateway attachment and may install routes for the NAT blocks in the transit gateway's route tables, which the guard does not model$/,
    () => 'Transit Gateway アタッチメントを通る通信のアドレスを変換し、NAT のアドレス範囲へのルートを Transit Gateway のルートテーブルに追加しうるが、ガードはそれをモデル化していない'],
  [/^remove the NAT configuration \(or set NatGatewaySupport to disable\), and join segments only through the routes and gateways the guard reads$/,
    () => 'NAT の設定を削除する（または NatGatewaySupport を disable にする）。系どうしは、ガードが読むルートとゲートウェイでだけ接続する'],
  [/^(\S+) is a resource type of a service that makes or changes the network \(routes, gateways, attachments, firewalls, DNS resolution, service networks\), and the guard does not read it: it may open, close or redirect a path the guard cannot see$/,
    (m) => `${m[1]} はネットワークを作る・変えるサービス（ルート、ゲートウェイ、アタッチメント、ファイアウォール、DNS 解決、サービスネットワーク）のリソースタイプで、ガードはそれを読まない: ガードに見えない経路を開く・閉じる・向け変える可能性がある`],
  [/^make the network with the resource types the guard reads \(docs\/guard-semantics\.md §10\), or remove the resource; if AWS documents that the type changes no network path, ask the project to list it as such \(src\/guard\/network-types\.ts `NETWORK_INERT`\)$/,
    () => 'ネットワークはガードが読むリソースタイプで作る（docs/guard-semantics.md §10）か、このリソースを削除する。そのタイプがネットワーク経路を変えないと AWS が文書化しているなら、その旨の登録をプロジェクトに依頼する（src/guard/network-types.ts の `NETWORK_INERT`）'],
  [/^it is a regional NAT gateway, one for the whole VPC across its Availability Zones with no subnet of its own, and the guard places a NAT gateway by its subnet \(whose routes carry its traffic to the internet gateway\): it cannot tell which segment the gateway serves, so it refuses it wherever it is, the Internet segment included$/,
    () => 'リージョン NAT ゲートウェイ（VPC 全体で複数のアベイラビリティーゾーンにまたがり、自身のサブネットを持たない）である。ガードは NAT ゲートウェイをそのサブネット（そのルートが通信をインターネットゲートウェイへ運ぶ）で位置づけるため、このゲートウェイがどの系に仕えるかを判別できず、インターネット接続系を含めどこにあっても拒否する'],
  [/^use zonal NAT gateways \(AvailabilityMode \/ availability_mode zonal, the default\), one in a public subnet of the Internet segment per Availability Zone$/,
    () => 'ゾーン NAT ゲートウェイ（AvailabilityMode / availability_mode を zonal、既定値）を、アベイラビリティーゾーンごとにインターネット接続系のパブリックサブネットに 1 つずつ置く'],
  [/^the endpoint (\S+) has a policy of its own too, and terraform writes one over the other on each apply: which policy the endpoint has is not what the configuration shows$/,
    (m) => `エンドポイント ${m[1]} には自身のポリシーもあり、terraform は apply のたびに一方をもう一方で上書きする: エンドポイントのポリシーは構成に見えるものと一致しない`],
  [/^give the endpoint its policy in one place: its policy argument or one aws_vpc_endpoint_policy$/,
    () => 'エンドポイントのポリシーは 1 か所で与える: policy 引数か、1 つの aws_vpc_endpoint_policy'],
  [/^the attachment is routed by transit gateway policy table (.+), whose entries are not all in the synthesized output: any route table of the gateway may route its traffic$/,
    (m) => `アタッチメントは Transit Gateway のポリシーテーブル ${m[1]} でルーティングされるが、そのエントリがすべては合成結果にない: ゲートウェイのどのルートテーブルもその通信をルーティングしうる`],
  [/^give every entry of the policy table in the output \(AWS::EC2::TransitGatewayPolicyTableEntry\), or associate the attachment with a route table instead$/,
    () => 'ポリシーテーブルのエントリをすべて合成結果に含める（AWS::EC2::TransitGatewayPolicyTableEntry）か、アタッチメントをルートテーブルに関連付ける'],
  // Reachability: paths the guard cannot follow.
  [/^subnet (\S+) uses the main route table of VPC (.+), which is not in the synthesized output$/,
    (m) => `サブネット ${m[1]} は、合成結果にない VPC ${m[2]} のメインルートテーブルを使う`],
  [/^associate the subnet with a route table of the output, or build its VPC in the guarded scope$/,
    () => 'サブネットを合成結果のルートテーブルに関連付けるか、その VPC をガード対象の範囲で構築する'],
  [/^IPv6 to NAT gateway (.+) \(NAT64\) is not modelled$/, (m) => `NAT ゲートウェイ ${m[1]} への IPv6（NAT64）はモデル化していない`],
  [/^route IPv6 elsewhere \(an egress-only gateway is checked\), or remove the IPv6 route$/,
    () => 'IPv6 は別の宛先へルーティングする（Egress-only インターネットゲートウェイは検査する）か、IPv6 のルートを削除する'],
  [/^synthesize the peer VPC in the guarded scope, or remove the peering$/, () => 'ピア VPC をガード対象の中で合成するか、ピアリングを削除する'],
  [/^VPN gateway (.+) is labelled with several zones \((.+)\)$/, (m) => `VPN ゲートウェイ ${m[1]} に複数のゾーンのラベル（${m[2]}）がある`],
  [/^VPN gateway (.+) has no jichitai:zone label$/, (m) => `VPN ゲートウェイ ${m[1]} に jichitai:zone ラベルがない`],
  [/^VPN gateway (.+) is outside the synthesized output: its VPN connections' jichitai:zone tags do not say where the rest on it leads$/,
    (m) => `VPN ゲートウェイ ${m[1]} は合成結果の外にある：その VPN 接続の jichitai:zone タグは、ゲートウェイ上のほかの接続の接続先を示さない`],
  [/^VPN gateway (.+) is labelled only by its VPN connections' jichitai:zone tags, which do not say where Direct Connect (.+) leads$/,
    (m) => `VPN ゲートウェイ ${m[1]} のラベルは VPN 接続の jichitai:zone タグだけで、Direct Connect ${m[2]} の接続先を示さない`],
  [/^what enters through VPN gateway (.+) is routed by its gateway route table (.+) \(ingress routing\), which the guard does not follow$/,
    (m) => `VPN ゲートウェイ ${m[1]} から入る通信は、ガードが追跡しないゲートウェイルートテーブル ${m[2]}（イングレスルーティング）でルーティングされる`],
  [/^remove the gateway route table association of the VPN gateway \(ingress routing\), so that what enters is delivered by the local route$/,
    () => 'VPN ゲートウェイのゲートウェイルートテーブルの関連付け（イングレスルーティング）を削除し、入る通信が local ルートで届けられるようにする'],
  [/^tag the VPN gateway jichitai:zone = LGWAN_WAN or SECURITY_CLOUD \(where it leads\), or remove the route$/,
    () => 'VPN ゲートウェイに接続先を示すタグ jichitai:zone = LGWAN_WAN または SECURITY_CLOUD を付けるか、ルートを削除する'],
  [/^the route target (.+) cannot be resolved$/, (m) => `ルートのターゲット ${m[1]} を解決できない`],
  [/^the route target (.+) \((.+)\) is not in the synthesized output$/, (m) => `ルートのターゲット ${m[1]}（${m[2]}）が合成結果にない`],
  [/^VPN (.+) \(no known jichitai:zone label\)$/, (m) => `VPN ${m[1]}（既知の jichitai:zone ラベルがない）`],
  [/^transit gateway peering attachment (.+) \(the peer gateway's networks\)$/, (m) => `Transit Gateway ピアリングアタッチメント ${m[1]}（ピアのゲートウェイの先のネットワーク）`],
  [/^Direct Connect gateway association (.+) \(the networks behind the Direct Connect gateway\)$/,
    (m) => `Direct Connect ゲートウェイの関連付け ${m[1]}（Direct Connect ゲートウェイの先のネットワーク）`],
  [/^the attachments other accounts make on transit gateway (.+) \(shared by (.+)\)$/, (m) => `他のアカウントが Transit Gateway ${m[1]} に作るアタッチメント（${m[2]} で共有）`],
  [/^VPC peering (.+) \(the peer VPC (.+) is outside the synthesized output\)$/, (m) => `VPC ピアリング ${m[1]}（ピア VPC ${m[2]} は合成結果の外にある）`],
  [/^transit gateway VPC attachment (.+) \(the networks on transit gateway (.+), outside the synthesized output\)$/,
    (m) => `Transit Gateway VPC アタッチメント ${m[1]}（合成結果の外にある Transit Gateway ${m[2]} 上のネットワーク）`],
  [/^transit gateway VPC attachment (.+) \(its VPC is outside the synthesized output\)$/, (m) => `Transit Gateway VPC アタッチメント ${m[1]}（その VPC は合成結果の外にある）`],
  [/^gateway (.+) is neither a transit gateway nor a VPN gateway the guard can place$/, (m) => `ゲートウェイ ${m[1]} は、ガードが位置を特定できる Transit Gateway でも VPN ゲートウェイでもない`],
  [/^associate the Direct Connect gateway with a transit gateway or VPN gateway of the same app, or by its literal id$/,
    () => 'Direct Connect ゲートウェイを、同じアプリの Transit Gateway か VPN ゲートウェイに、またはリテラルの ID で関連付ける'],
  [/^transit gateway attachment (.+) \(outside the synthesized output; its route tables carry no one zone label\)$/,
    (m) => `Transit Gateway アタッチメント ${m[1]}（合成結果の外にあり、そのルートテーブルに単一のゾーンラベルがない）`],
  [/^Cloud WAN transit gateway peering (.+) \(the networks of core network (.+)\)$/, (m) => `Cloud WAN の Transit Gateway ピアリング ${m[1]}（コアネットワーク ${m[2]} の先のネットワーク）`],
  [/^Cloud WAN transit gateway peering (.+) leads to core network (.+), where the guard cannot follow$/,
    (m) => `Cloud WAN の Transit Gateway ピアリング ${m[1]} はコアネットワーク ${m[2]} へ通じ、ガードはその先を追跡できない`],
  [/^(.+) \(a resource the guard does not read, associated as a transit gateway attachment\)$/,
    (m) => `${m[1]}（ガードが読まないリソースで、Transit Gateway アタッチメントとして関連付けられている）`],
  [/^(.+) \(a (.+), associated as a transit gateway attachment\)$/, (m) => `${m[1]}（${m[2]} で、Transit Gateway アタッチメントとして関連付けられている）`],
  [/^a transit gateway attachment the guard cannot resolve \((.+)\)$/, (m) => `ガードが解決できない Transit Gateway アタッチメント（${jaOrEn(m[1])}）`],
  [/^route server (.+) propagates the routes its BGP peers advertise, toward network interfaces the guard does not follow$/,
    (m) => `ルートサーバー ${m[1]} は BGP ピアが広告するルートを伝播し、その宛先はガードが追跡しないネットワークインターフェイスになる`],
  [/^remove the route server propagation from the route table, or route to a gateway, NAT gateway, firewall endpoint, transit gateway or peering of the same app$/,
    () => 'ルートテーブルからルートサーバーの伝播を削除するか、同じアプリのゲートウェイ・NAT ゲートウェイ・ファイアウォールエンドポイント・Transit Gateway・ピアリングへルーティングする'],
  [/^(.+) forwards traffic where the guard cannot follow$/, (m) => `${m[1]} は、ガードが追跡できない先へ通信を転送する`],
  [/^route to a gateway, NAT gateway, firewall endpoint, transit gateway or peering of the same app, so that the guard can follow the path$/,
    () => 'ガードが経路を追跡できるよう、同じアプリのゲートウェイ・NAT ゲートウェイ・ファイアウォールエンドポイント・Transit Gateway・ピアリングへルーティングする'],
  [/^the VPC has no attachment to transit gateway (.+) in the synthesized output$/, (m) => `合成結果に、この VPC の Transit Gateway ${m[1]} へのアタッチメントがない`],
  [/^attach the VPC to the transit gateway in the same app \(or remove the route\)$/, () => '同じアプリの中で VPC を Transit Gateway にアタッチする（またはルートを削除する）'],
  [/^subnet (\S+) is not in the synthesized output, and the guard does not follow its traffic$/, (m) => `サブネット ${m[1]} が合成結果になく、ガードはその通信を追わない`],
  [/^transit gateway (.+) is not in the synthesized output, so its route tables are unknown$/, (m) => `Transit Gateway ${m[1]} が合成結果になく、そのルートテーブルが分からない`],
  [/^guard the stack that creates the transit gateway together with this one \(CDK cross-stack references are followed\)$/,
    () => 'Transit Gateway を作るスタックを、このスタックと一緒にガードする（CDK のスタック間参照は追跡する）'],
  [/^route to an attachment \(VPC or labelled VPN\) of the same app$/, () => '同じアプリのアタッチメント（VPC か、ラベル付きの VPN）へルーティングする'],
  [/^VPN (.+) has the unknown zone label "(.+)"$/, (m) => `VPN ${m[1]} のゾーンラベル "${m[2]}" が不明`],
  [/^VPN (.+) has no jichitai:zone label$/, (m) => `VPN ${m[1]} に jichitai:zone ラベルがない`],
  [/^tag the VPN connection jichitai:zone = LGWAN_WAN or SECURITY_CLOUD \(where it leads\)$/,
    () => 'VPN 接続に接続先を示すタグ jichitai:zone = LGWAN_WAN または SECURITY_CLOUD を付ける'],
  [/^the VPC or subnets of attachment (.+) are not in the synthesized output$/, (m) => `アタッチメント ${m[1]} の VPC またはサブネットが合成結果にない`],
  [/^(.+) attachment (.+) leads where the guard cannot follow$/, (m) => `${m[1]} アタッチメント ${m[2]} の先は、ガードが追跡できない`],
  [/^attach VPCs of the same app, or labelled VPNs, to the transit gateway$/, () => '同じアプリの VPC か、ラベル付きの VPN を Transit Gateway にアタッチする'],
  // A resource that names no security group where AWS documents no fallback (builder.ts `namesNoGroup`).
  [/^it names no security group, and AWS documents no group that this resource type gets then \(the VPC's default group, or one of the service's own, with rules no template shows\): read as a group open to all traffic both ways$/,
    () => 'セキュリティグループを指定しておらず、そのときこのリソースタイプに付くグループを AWS は文書化していない（VPC のデフォルトのグループか、サービス独自の、'
      + 'テンプレートにないルールを持つグループ）。すべての通信を双方向に許すグループとして読む'],
  [/^name a security group of the output in (\S+), so that the guard reads its rules$/,
    (m) => `ガードがルールを読めるよう、${m[1]} に合成結果のセキュリティグループを指定する`],
  // A resource naming a security group outside the output (builder.ts `memberOf`).
  [/^security group (\S+) is not in the synthesized output: the guard cannot read its rules, and reads it as a group open to all traffic both ways$/,
    (m) => `セキュリティグループ ${m[1]} が合成結果になく、ガードはそのルールを読めないため、すべての通信を双方向に許すグループとして読む`],
  [/^(\S+) is no security group of the synthesized output: the guard cannot read the rules of the group it gives, and reads it as a group open to all traffic both ways$/,
    (m) => `${m[1]} は合成結果のセキュリティグループではなく、それが与えるグループのルールをガードは読めないため、すべての通信を双方向に許すグループとして読む`],
  [/^declare security group (\S+) in the output \(a security group of this app, named by reference rather than by its id\), so that the guard reads its rules; a group shared from outside the app \(a shared-services group\) cannot be judged: give the resource a group of the output with the rules it needs$/,
    (m) => `ガードがルールを読めるよう、セキュリティグループ ${m[1]} を合成結果に含める（ID ではなく参照で指定する、このアプリのセキュリティグループにする）。`
      + 'アプリの外から共有されるグループ（共有サービスのグループなど）は判定できないため、必要なルールを持つ合成結果のグループをリソースに付ける'],
  // A node group or Fargate profile of an EKS cluster outside the output (builder.ts `outsideClusterGroup`).
  [/^EKS cluster (\S+) is not in the synthesized output: the guard cannot read the rules of its cluster security group, which EKS gives this resource, and reads it as a group open to all traffic both ways$/,
    (m) => `EKS クラスター ${m[1]} が合成結果になく、EKS がこのリソースに付けるそのクラスターセキュリティグループのルールをガードは読めないため、すべての通信を双方向に許すグループとして読む`],
  [/^guard the cluster together with this resource \(the stack or configuration that creates it\), or give a node group a launch template of the output that names security groups of the output$/,
    () => 'クラスターを、それを作るスタックまたは構成ごとこのリソースと一緒にガードするか、ノードグループには合成結果のセキュリティグループを指定する合成結果の起動テンプレートを与える'],
  [/^name a security group of the output \(by a reference to it\), so that the guard reads its rules$/, () => 'ガードがルールを読めるよう、合成結果のセキュリティグループを参照で指定する'],
  [/^security group (.+) is not in the synthesized output: its rules, which the VPC it is associated with may use, cannot be read$/,
    (m) => `セキュリティグループ ${m[1]} が合成結果になく、関連付けた VPC が使いうるそのルールを読めない`],
  [/^(.+) is not in the synthesized output$/, (m) => `${noun(m[1])} が合成結果にない`],
  // Reachability: where a packet is dropped (FLOW-1).
  [/^attachment (.+) is associated with no transit gateway route table$/, (m) => `アタッチメント ${m[1]} がどの Transit Gateway ルートテーブルにも関連付けられていない`],
  [/^subnet (.+) has no route table$/, (m) => `サブネット ${m[1]} にルートテーブルがない`],
  [/^no route in (.+)$/, (m) => `${m[1]} にルートがない`],
  [/^attachment (.+), which has no subnet in (\S+) \(the Availability Zone of subnet (.+)\)$/,
    (m) => `アタッチメント ${m[1]}（サブネット ${m[3]} のアベイラビリティーゾーン ${m[2]} にアタッチメントのサブネットがない）`],
  [/^blackhole (.+) in (.+)$/, (m) => `${m[2]} のブラックホール ${m[1]}`],
  [/^the (outbound|inbound) entries of (.+) \(subnet (.+), associated with several network ACLs: AWS applies one of them, the association made last\)$/,
    (m) => `${m[2]} の${m[1] === 'outbound' ? 'アウトバウンド' : 'インバウンド'}エントリ（サブネット ${m[3]}。複数のネットワーク ACL に関連付けられており、AWS はそのうち最後に関連付けた一つだけを適用する）`],
  [/^the (outbound|inbound) entries of (.+) \(subnet (.+)\)$/, (m) => `${m[2]} の${m[1] === 'outbound' ? 'アウトバウンド' : 'インバウンド'}エントリ（サブネット ${m[3]}）`],
  // Extractors: the security cloud's Terraform readers.
  [/^the rules are not JSON text the guard can read$/, () => 'ルールが、ガードが読める JSON テキストではない'],
  // Domain problems (src/model/domains.ts).
  [/^is empty or not a string$/, () => 'が空か、文字列ではない'],
  [/^is a bare "\*", which allows everything \(AP-2\)$/, () => 'が単独の "*" で、すべてを許可してしまう（AP-2）'],
  [/^has leading or trailing spaces$/, () => 'の前後に空白がある'],
  [/^has upper-case letters; write domains in lower case$/, () => 'に大文字がある。ドメインは小文字で書く'],
  [/^is longer than 253 characters$/, () => 'が 253 文字を超えている'],
  [/^has a "\*" outside the first label; only "\*\.example\.com" is supported$/, () => 'の先頭ラベル以外に "*" がある。使えるのは "*.example.com" の形だけ'],
  [/^has invalid labels \((.+)\)$/, (m) => `に不正なラベル（${m[1]}）がある`],
  [/^(".+") covers a whole top-level domain \(TLD-wide, AP-2\)$/, (m) => `（${m[1]}）がトップレベルドメイン全体を対象にしている（TLD 全体、AP-2）`],
  [/^is a single label, not a host name$/, () => 'が 1 つのラベルだけで、ホスト名ではない'],
  [/^(".+") covers a whole public suffix \((.+)\) \(TLD-wide, AP-2\)$/, (m) => `（${m[1]}）がパブリックサフィックス（${m[2]}）全体を対象にしている（TLD 全体、AP-2）`],
];

/** What the deploy-time code messages call the output (deploy-code.ts `OutputWord`), in Japanese. */
function jaOutput(word: string): string {
  const one = word.endsWith('configuration') || word.endsWith('configurations') ? '構成' : 'テンプレート';
  return word.startsWith('app\'s ') ? `アプリの${one}` : one;
}

/** What starts code once deployed (deploy-code.ts `Trigger`), in Japanese. */
const JA_TRIGGERS: Readonly<Record<string, string>> = {
  'rule': 'ルール（EventBridge）',
  'schedule': 'スケジュール（EventBridge Scheduler）',
  'pipe': 'パイプ（EventBridge Pipes）',
  'event source mapping': 'イベントソースマッピング（Lambda）',
  'subscription': 'サブスクリプション（SNS）',
  'Config rule': 'Config ルール',
};

/** One item of what lets deploy-time code change the network (custom-resource-code.ts), in Japanese. */
function jaPower(text: string): string {
  const problems: Readonly<Record<string, string>> = {
    'its policy document is not written out in the template': 'ポリシードキュメントがテンプレートに書き出されていない',
    'its policy document is not written out in the configuration': 'ポリシードキュメントが構成に書き出されていない',
    'a statement of its policy is not written out': 'ポリシーのステートメントが書き出されていない',
    'a statement allows every action but those it names (NotAction)': 'ステートメントが、名前を挙げたもの以外のすべてのアクションを許可している（NotAction）',
    'an action of its policy is not written out': 'ポリシーのアクションが書き出されていない',
  };
  let m: RegExpExecArray | null;
  if ((m = /^its service token (.+) is no Lambda function of this (template|configuration), so nothing bounds the code it runs$/.exec(text))) {
    return `サービストークン ${m[1]} がこの${jaOutput(m[2])}の Lambda 関数ではなく、実行するコードを何も制限しない`;
  }
  if ((m = /^the role of (\S+) \((.+)\) is not a role of this (template|configuration)$/.exec(text))) return `${m[1]} のロール（${m[2]}）がこの${jaOutput(m[3])}のロールではない`;
  if ((m = /^(\S+) has managed policy (.+), which is not in the (template|configuration)$/.exec(text))) return `${m[1]} に、${jaOutput(m[3])}にない管理ポリシー ${m[2]} が付いている`;
  if ((m = /^(inline policy|policy) (\S+) of (\S+): (.+)$/.exec(text)) && problems[m[4]]) {
    return `${m[3]} の${m[1] === 'policy' ? 'ポリシー' : 'インラインポリシー'} ${m[2]}: ${problems[m[4]]}`;
  }
  if ((m = /^(\S+) allows (\S+) on (.+), not only on (functions|state machines) of this (template|configuration)$/.exec(text))) {
    return `${m[1]} が ${m[2]} を ${m[3]} に許可しており、この${jaOutput(m[5])}の${m[4] === 'functions' ? '関数' : 'ステートマシン'}に限られない`;
  }
  if ((m = /^the (template|configuration) makes access key (\S+), whose secret the code may be given$/.exec(text))) {
    return `${jaOutput(m[1])}がアクセスキー ${m[2]} を作り、そのシークレットがコードに渡されうる`;
  }
  if ((m = /^permission (\S+) lets (\S+) invoke (.+), not a function of this (template|configuration)$/.exec(text))) {
    return `アクセス許可 ${m[1]} が ${m[2]} に ${m[3]} の呼び出しを許しており、それはこの${jaOutput(m[4])}の関数ではない`;
  }
  if ((m = /^(\S+) allows (\S+)$/.exec(text))) return `${m[1]} が ${m[2]} を許可している`;
  return text;
}

/** The Japanese of an engine text, or undefined when no pattern words it. */
export function jaEngine(en: string): string | undefined {
  for (const [re, ja] of PATTERNS) {
    const m = re.exec(en);
    if (m) return ja(m);
  }
  return undefined;
}

/** The Japanese of an engine text, or the English when no pattern words it (tests find those). */
export function jaOrEn(en: string): string {
  return jaEngine(en) ?? en;
}

/**
 * `Reachability.destinations` in Japanese: prefixes stay as they are; `every IPv4 internet address` and `3 more
 * prefixes` are worded.
 */
export function jaDestinations(text: string): string {
  return text.replace(/every IPv(4|6) internet address outside ((?:[0-9a-f.:/]+, )*[0-9a-f.:/]+ and [0-9a-f.:/]+|[0-9a-f.:/]+)/g,
    (_, family: string, listed: string) => `${listed.replace(/ and /, ', ')} を除くインターネットの全 IPv${family} アドレス`)
    .replace(/every IPv(4|6) internet address/g, 'インターネットの全 IPv$1 アドレス').replace(/(\d+) more prefixes/g, 'ほか $1 個のプレフィックス');
}
