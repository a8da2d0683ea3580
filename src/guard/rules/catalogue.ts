/**
 * Traceability of every guard rule to the documents it comes from: the Japanese source text, where it stands, the
 * rule's rationale, and the rule in Japanese for README.ja.md. `npm run docs:rules` writes docs/rules.md and the README
 * rule tables from this and the rule definitions; a test fails when a rule has no entry or the documents are stale.
 *
 * Quotes are verbatim from the source documents (spelling as in the source: 強靭 / 強靱 both occur).
 */

/** A source document the rules cite. */
export interface SourceDocument {
  readonly id: string;
  /** Title and publisher, in Japanese as published. */
  readonly title: string;
  /** What it is, in English. */
  readonly description: string;
}

export const SOURCES = {
  FUJITSU: {
    id: '000',
    title: '富士通「自治体の情報セキュリティ強靱化対策2.0」',
    description: 'Vendor summary of MIC\'s 自治体情報システム強靱性向上モデル and the 2020 guideline revision (models α, β, β′ and their measures).',
  },
  NEC: {
    id: '001',
    title: 'NEC「自治体情報システム強靭性向上モデル」（カテゴリ別対応製品一覧・要件例）',
    description: 'Vendor table of the model\'s requirements per segment (庁内ネットワーク, 外部との接続, 端末, 媒体).',
  },
  MIC_2024: {
    id: '002',
    title: '総務省「地方公共団体における情報セキュリティポリシーに関するガイドラインの改定方針」（令和6年7月、自治行政局デジタル基盤推進室）',
    description: 'MIC\'s 2024 revision policy; the authority for model α′ (local breakout) and its cases ア, イ, ウ.',
  },
  SECURITY_CLOUD: {
    id: '004',
    title: '「次期自治体情報セキュリティクラウド要件とは?」（総務省「次期自治体情報セキュリティクラウド機能要件」の解説）',
    description: 'Summary of the functional requirements of the next prefecture security cloud.',
  },
} as const satisfies Record<string, SourceDocument>;

/** One citation: the document, where in it, and the words. */
export interface Citation {
  readonly source: SourceDocument;
  /** Where in the document (section, table row), in the document's own terms. */
  readonly where: string;
  /** Verbatim Japanese text. */
  readonly quote: string;
}

/** What the documentation says about one rule besides its definition. */
export interface RuleDocumentation {
  /** The rule in Japanese (README.ja.md's table). */
  readonly summaryJa: string;
  /** Why the rule is there and why it has its severity, in English. */
  readonly rationale: string;
  readonly citations: readonly Citation[];
}

const NEC_MY_NUMBER_EXTERNAL: Citation = {
  source: SOURCES.NEC,
  where: 'マイナンバー利用事務系 No.2 外部との接続 (1)',
  quote: '個人番号利用事務ネットワーク以外との通信は、アクセスしても安全と認められる特定通信限定とする。特定通信に限定する際は、通信経路の限定(MACアドレス、IPアドレス)に加えて、'
    + 'アプリケーションプロトコル(ポート番号)のレベルでの限定も行うこと。',
};
const FUJITSU_MY_NUMBER: Citation = {
  source: SOURCES.FUJITSU,
  where: '「三層の構え」について — マイナンバー利用事務系',
  quote: 'マイナンバー(個人番号)利用事務系においては、原則として他の領域との通信をできないようにした上で、端末からの情報持ち出し不可設定や端末への二要素認証の導入等を図ることにより、'
    + '個人情報の流出を徹底して防ぐこと',
};
const FUJITSU_LGWAN: Citation = {
  source: SOURCES.FUJITSU,
  where: '「三層の構え」について — LGWAN接続系',
  quote: '財務会計などLGWANを活用する業務用システムと、Web閲覧やインターネットメールなどのシステムとの通信経路を分割すること。やむを得ず両システム間で通信する場合には、'
    + 'ウイルスの感染のない無害化通信を図ること',
};
const NEC_LGWAN_INTERNET: Citation = {
  source: SOURCES.NEC,
  where: 'LGWAN接続系 No.6 外部との接続 (2)',
  quote: 'インターネットにアクセス可能なネットワークとの通信は、直接、間接を問わず禁止すること。ただし、添付ファイル削除やテキストデータ化によって無害化を行っているインターネットメールの取込みや'
    + '仮想デスクトップによって分離された端末環境での利用は要検討。',
};
const MIC_DESTINATION: Citation = {
  source: SOURCES.MIC_2024,
  where: 'α\'モデル ケース（ア）（イ）（ウ）の技術的対策 — 接続先制限',
  quote: 'LGWAN接続系から外部へのアクセス先をLGWAN-ASP及び利用が許可されたクラウドサービスのみに限定する。',
};
const FUJITSU_SECURITY_CLOUD: Citation = {
  source: SOURCES.FUJITSU,
  where: '「三層の構え」について — インターネット接続系',
  quote: '都道府県と市区町村が協力してインターネット接続口を集約した上で、自治体情報セキュリティクラウドを構築し、高度なセキュリティ対策を講じること。',
};
const SECURITY_CLOUD_AGGREGATION: Citation = {
  source: SOURCES.SECURITY_CLOUD,
  where: 'なぜ必要なのか?',
  quote: '都道府県と市区町村がWebサーバー等を集約し、監視及びログ分析・解析をはじめ高度なセキュリティ対策をしています。',
};
const SECURITY_CLOUD_SERVERS: Citation = {
  source: SOURCES.SECURITY_CLOUD,
  where: 'インターネット通信の監視',
  quote: '主にサーバー監視を要件としており、Webサーバー・メールリレーサーバー、プロキシサーバー、外部DNSサーバー、構成団体ADサーバーが対象となっています。',
};
const FUJITSU_MODELS: Citation = {
  source: SOURCES.FUJITSU,
  where: '「地方公共団体における情報セキュリティポリシーに関するガイドライン」の改定 — αモデル / βモデル / β’モデル',
  quote: 'βモデル(重要情報なし) 業務端末 : インターネット接続系に配置 業務システム: LGWAN接続系に設置 … β’モデル(重要情報あり) 業務端末 : インターネット接続系に配置 '
    + '業務システム: インターネット接続系に移行',
};

/** Every rule's documentation, by rule ID. */
export const RULE_DOCUMENTATION: Readonly<Record<string, RuleDocumentation>> = {
  'MN-1': {
    summaryJa: 'マイナンバー利用事務系のサブネットから、インターネットと自治体情報セキュリティクラウドへの経路がないこと（系の中に IGW・NAT・パブリック IP を置かず、そこへ至る経路もない）。'
      + '自治体情報セキュリティクラウドから入る通信も、系に届かないこと。自ら配信する AWS のサービス（キュー、トピック、ルール、送信先、サブスクリプションフィルター、通知、統合、'
      + 'リソースポリシー）が、系の関数やエンドポイントと系の外との間でデータを運ばないこと。',
    rationale: 'The My Number segment talks to declared specific-communication peers only; any way to the internet is the leak the three-layer '
      + 'separation exists to prevent. Critical: no acknowledgement can accept it.',
    citations: [FUJITSU_MY_NUMBER, NEC_MY_NUMBER_EXTERNAL],
  },
  'MN-2': {
    summaryJa: 'マイナンバー利用事務系とインターネット接続系の間に、どちら向きにも経路がないこと。',
    rationale: 'The two segments never talk, directly or through another hop; a path either way would let internet-borne threats reach '
      + 'resident data or let the data out. Critical.',
    citations: [
      { source: SOURCES.NEC, where: 'マイナンバー利用事務系 No.1 庁内ネットワーク (1)', quote: '個人番号利用事務専用のネットワークセグメントとすること。(徹底分離)' },
      FUJITSU_MY_NUMBER,
    ],
  },
  'MN-3': {
    summaryJa: 'マイナンバー利用事務系 ↔ LGWAN接続系、およびマイナンバー利用事務系 ↔ LGWAN（中間サーバーなど）は特定通信のみ: 相手側のサブネット全体に届く経路がなく'
      + '（経路、Transit Gateway の表、ブラックホール、NACL を考慮）、LGWAN では宣言した接続先を超えるアドレスに届く経路がなく（宣言がなければ /24 を超える連続範囲がなく）、'
      + 'LGWAN から宣言したホストを超えて届く経路もなく、相手側に全通信・全ポート・サブネット全体を開くセキュリティグループのルールも、（通信を宣言したときは）宣言した通信にないポートを相手側のホストへ開くルールもないこと。',
    rationale: 'Specific communication (特定通信) is limited by address AND by application protocol (port); the seed says so as a must, so the '
      + 'rule is critical. It holds toward the LGWAN WAN too (the 中間サーバー is reached over LGWAN as specific communication). The guard '
      + 'judges the exact paths (a path that carries a whole subnet of the other side names no host) and the security-group rules together '
      + '(split port ranges and CIDR unions count as one rule).',
    citations: [NEC_MY_NUMBER_EXTERNAL],
  },
  'MN-4': {
    summaryJa: 'マイナンバー利用事務系が到達するサブネット自身が、インターネット・自治体情報セキュリティクラウド・クラウドサービスへの経路を持たないこと'
      + '（α′ のローカルブレイクアウトも例外としない）。',
    rationale: 'A host that the My Number segment may reach must not itself reach the internet, or it becomes the bridge. The seed names no '
      + 'exception, so the α′ breakout is none: MunicipalNetwork places My Number\'s LGWAN peers in workload subnets, which have no route to '
      + 'the breakout, and validation refuses one in a terminal subnet. Critical: it cannot be acknowledged.',
    citations: [{ source: SOURCES.NEC, where: 'マイナンバー利用事務系 No.2 外部との接続 (2)', quote: '特定通信先のサーバーや端末もインターネットとの通信ができないこと。' }],
  },
  'MN-5': {
    summaryJa: 'マイナンバー利用事務系の VPC エンドポイントはすべて、両側を自団体のアカウントに限るエンドポイントポリシーを持つこと: どの Allow 文も、操作する主体'
      + '（aws:PrincipalAccount の StringEquals 条件、またはアカウント内のプリンシパルの指定）と対象（aws:ResourceAccount、またはアカウント内のリソースの ARN や AWS 所有の SSM ドキュメント。'
      + 'SSM のメッセージチャネルは対象なし）を、ガードが読めるデプロイ先のアカウントに固定すること（リテラルのアカウント ID、組織、デプロイ時の値は不可）。',
    rationale: 'A VPC endpoint is a path from the segment to AWS APIs; with the default policy it reaches any account\'s resources, so data of the '
      + 'My Number segment could be written to another account (a personal bucket, say) without a route ever leaving the VPC. The policy holds '
      + 'the endpoint to the municipality\'s own account on both sides — the own principals may otherwise write to a bucket of another account, and '
      + 'someone else\'s credentials may otherwise act from the segment —, with the AWS-owned resources Systems Manager needs as named exceptions. '
      + 'A literal account ID proves nothing unless the guard knows it is the deploying account. An error, '
      + 'not critical: the seed does not name AWS APIs, and IAM still governs who may call them.',
    citations: [FUJITSU_MY_NUMBER],
  },
  'LG-1': {
    summaryJa: 'α・β・β′ では、LGWAN接続系からインターネット（自治体情報セキュリティクラウドを含む）への経路がないこと。すべてのモデルで、'
      + 'インターネット接続系と LGWAN の間に、どちら向きにも経路がなく、自治体情報セキュリティクラウドから入る通信が LGWAN接続系に届かず、'
      + 'LGWAN接続系のサブネットがパブリック IP アドレスを付与しない（インターネットゲートウェイのある VPC でグローバル IPv6 アドレスも持たない）こと。'
      + 'α・β・β′ では、自ら配信する AWS のサービスが、系の関数やエンドポイントと系の外との間でデータを運ばないこと（MN-1 と同じ）。',
    rationale: 'Outside α′ the LGWAN segment has no way to the internet at all, directly or indirectly. In every model the closed LGWAN is '
      + 'reached from the LGWAN segment only: a path between it and the Internet segment would join LGWAN and the internet around the three '
      + 'layers (validation already names LG-1 for a declared flow between them). Critical.',
    citations: [NEC_LGWAN_INTERNET, FUJITSU_LGWAN],
  },
  'LG-2': {
    summaryJa: 'LGWAN接続系 ↔ インターネット接続系は、宣言した無害化の中継と画面転送のみ: 相手側のサブネット全体に届く経路がなく、'
      + '相手側に全通信・全ポート・サブネット全体を開くセキュリティグループのルールもなく、相手側から接続を開けるのはモデルの向き'
      + '（無害化は LGWAN へ、画面転送は端末のある系から）の宣言した通信だけであること。',
    rationale: 'The two segments are split; where they must talk, only sanitized files and screen transfer cross, to declared hosts and ports. '
      + 'The direction is the model\'s: files only into LGWAN, and screen transfer from the terminals\' segment (α/α′: LGWAN terminals to the '
      + 'Internet segment\'s virtual browser; β/β′: Internet-segment terminals to LGWAN\'s VDI). Validation refuses a declared flow the other '
      + 'way, FLOW-1 proves the declared ones open, and the security groups may let the other segment open connections only as those flows do.',
    citations: [FUJITSU_LGWAN, NEC_LGWAN_INTERNET],
  },
  'LG-3': {
    summaryJa: 'LGWAN接続系 ↔ LGWAN は、宣言した LGWAN-ASP のサービス（ホストの CIDR とポート）のみ: 宣言したサービスのホスト以外の WAN アドレスに届く経路、'
      + '宣言した LGWAN 側ホスト以外に WAN から届く経路がなく（宣言がないときは /24 より広い範囲・サブネット全体に届かないこと）、経路のある WAN に全通信・全ポートを開く'
      + 'セキュリティグループのルールも、（通信を宣言したときは）宣言した通信にないポートを WAN のホストへ開くルールもないこと。',
    rationale: 'The LGWAN segment talks to the LGWAN WAN only for specific services (LGWAN-ASP, LGWAN mail), like any other specific communication; '
      + 'the whole WAN range on any port would make every host of every other municipality and ASP a peer. The plan routes only the declared '
      + 'service hosts and blackholes the rest of the WAN ranges at the transit gateway.',
    citations: [{ source: SOURCES.NEC, where: 'LGWAN接続系 No.6 外部との接続 (1)', quote: 'LGWAN-ASP(LGWANメール含む)など特定通信限定とすること。' }],
  },
  'LG-4': {
    summaryJa: 'LGWAN接続系の VPC エンドポイントはすべて、MN-5 がマイナンバー利用事務系に求めるのと同じく、両側を自団体のアカウントに限るエンドポイントポリシーを持つこと'
      + '（AWS 所有の SSM ドキュメントと、s3:GetObject だけで読む Amazon Linux 2023 のパッケージリポジトリは名前を挙げた例外）。',
    rationale: 'A VPC endpoint with AWS\'s default policy reaches any account\'s resources: the LGWAN segment could write to a bucket or log group '
      + 'of another account, which the internet reaches, or be driven by another account\'s credentials, with no route leaving the VPC. The seed '
      + 'forbids communication with networks that reach the internet, directly or indirectly. An error like MN-5: the seed does not name AWS APIs.',
    citations: [NEC_LGWAN_INTERNET],
  },
  'AP-1': {
    summaryJa: 'LGWAN接続系からインターネットへは、既定で遮断し（aws:drop_strict、または aws:drop_established と TCP 以外を遮断するルール。途中で切れた接続は続けずに遮断）FQDN 許可リスト（TLS SNI / HTTP Host）で許可し、それを迂回させない（ステートレスの aws:pass がなく、'
      + '許可リストより前に pass ルールがなく、後にはリテラルのアドレスブロックと特定のポートへの pass ルールだけがあり、そのアドレスは合わせて IPv4 の /8、IPv6 の /12 以内）'
      + 'ファイアウォールを通る場合のみで、迂回する経路がないこと'
      + '（自治体情報セキュリティクラウドもインターネット側）。ファイアウォールの先でガードが追跡できない経路もないこと。'
      + 'ブレイクアウト自体のサブネット（ファイアウォール・NAT ゲートウェイ用）には経路の構成要素以外を置かないこと（そのルートはフィルタを迂回して外へ向かう）。'
      + '自ら配信する AWS のサービスが、系の関数やエンドポイントと系の外との間でデータを運ばないこと（MN-1 と同じ）。',
    rationale: 'The α′ local breakout exists only to reach allow-listed cloud services; anything past the allow-list is the LGWAN segment on '
      + 'the internet. Critical. An IP allow-list after the FQDN one (meeting media, which no domain names) names a vendor\'s published ranges: '
      + 'together the pass rules there may reach no more addresses than IANA allocates to a regional registry at a time (a /8 of IPv4, a /12 '
      + 'of IPv6), or two halves of the internet would pass as two blocks.',
    citations: [
      MIC_DESTINATION,
      {
        source: SOURCES.MIC_2024,
        where: 'α\'モデルの規定',
        quote: 'Web会議等の目的で、LGWAN接続系の業務端末からインターネット経由で、特定のクラウドサービスを安全に利用するための対策（アクセス制御等）をα\'モデルとして規定。',
      },
    ],
  },
  'AP-2': {
    summaryJa: '許可リストの各ドメインは、ISMAP 登録のカタログサービスか、3 条件を満たすセキュリティ関連サービスのもの（独自の ISMAP 登録サービスは登録を記した例外承認で）。`*` や TLD 全体（co.jp・lg.jp・tokyo.jp などの公開サフィックスを含む）のワイルドカード、ガードが読めないエントリは不可（例外承認できない critical の指摘）。ケース（ア）ではコミュニケーションツールのドメインは不可。許可リストより後の pass ルールが通すパブリックなアドレスブロックは、許可リストにあるカタログサービスが公開するメディアのアドレス範囲の中に限る。',
    rationale: 'Only ISMAP-listed services (within the scope of their registration) or security-update services meeting all three conditions '
      + 'may be reached; a service of your own needs an acknowledgement that names its registration.',
    citations: [
      {
        source: SOURCES.MIC_2024,
        where: 'α\'モデルの規定 — 利用可能なクラウドサービス',
        quote: '本モデルにおいて利用可能なクラウドサービスは、ISMAP管理基準を満たし、ISMAPクラウドサービスリストに登録されているサービスとする。',
      },
      {
        source: SOURCES.MIC_2024,
        where: 'α\'モデルの規定 — セキュリティ関連サービス',
        quote: 'セキュリティ関連サービス（ウイルス定義ファイルやIPアドレス、URLドメインリスト等の更新をインターネット経由で提供するサービス）については、更新情報の配信ツールであるため、'
          + ' … 行政文書や行政文書に相当する情報を扱わないこと … 利用するクラウドサービスの接続先のURLを確認の上、当該接続先のみ接続を制限すること'
          + ' … 信頼できる機関が発行した証明書を用いた認証の実施により、サービス提供元の真正性が担保されていること … を条件に、'
          + 'ISMAPクラウドサービスリストに登録されていないクラウドサービスについても、利用を認めるものとする。',
      },
      { source: SOURCES.MIC_2024, where: 'ISMAP登録サービスの利用に係る留意点', quote: '言明対象の範囲を詳細に確認する。（表題のみで許可は判断できない）' },
    ],
  },
  'AP-3': {
    summaryJa: 'ケース（イ）（ウ）: テナント制限に対応する許可リストのサービスは、TLS を復号するプロキシを通り、クライアントが送ったヘッダーを削除したうえで設定したテナントの値を付与すること。'
      + 'ブレイクアウトへ中継しうるプロキシはすべてそうし（設定は起動スクリプトが書く squid.conf から読み、ガードが認識しないスクリプトは読めないものとする）、'
      + 'プロキシ専用のサブネット以外の LGWAN接続系のサブネットはプロキシを迂回して外へ出ない（カタログの Web 会議メディアの範囲だけは可）。'
      + 'ヘッダーによる制限のないコミュニケーションツール（Zoom、Box など）やカタログにない接続先は、サービス側の設定を記した例外承認が必要。',
    rationale: 'Tenant access control keeps the breakout to the municipality\'s own tenant; a header the client can forge or omit does not. The deck '
      + 'lists it for cases イ and ウ without exception, so a tool the proxy cannot restrict is refused until someone records which setting of '
      + 'the service does it, and a destination the guard does not know counts as one it cannot restrict (fail closed). The header holds only '
      + 'on traffic that passes the proxy: so every proxy a terminal may be sent to must add it, and no terminal may leave around the proxies '
      + '(a firewall\'s FQDN allow-list lets the sign-in hosts through by name, to any address).',
    citations: [{
      source: SOURCES.MIC_2024,
      where: 'α\'モデル ケース（イ）（ウ）の技術的対策 — ローカルブレイクアウトテナントアクセス制御',
      quote: '利用するクラウドサービスへのアクセスを自らの団体が利用するテナントのみに制限する。',
    }],
  },
  'AP-4': {
    summaryJa: 'ブレイクアウトの経路上に、検知した通信を遮断する IDS/IPS があること（ファイアウォールポリシーの AWS マネージドの脅威シグネチャのルールグループで、'
      + 'アラートへのオーバーライド（DROP_TO_ALERT）がなく、LGWAN接続系から出る通信のアドレスを対象に含み（$HOME_NET のシグネチャはその外を検査しない）、'
      + 'STRICT_ORDER で許可リストと通信を通すすべてのグループより先に評価されるもの、または経路上の IDS 装置と宣言した（タグ jichitai:inspection=IDS_IPS）GWLB エンドポイント）。'
      + '手書きの遮断ルールだけのときは指摘になる: ガードはルールの組を IDS/IPS と判断できないため、例外承認の理由にその出所（ベンダーの配信とその版）を書く。',
    rationale: 'The deck lists IDS/IPS for the communication-tool cases; the library applies it to case ア too. The deck\'s IDS/IPS collects and analyses '
      + 'the packets and detects and blocks unauthorized traffic (検知及び遮断): signatures of known threats kept up to date, which the AWS managed '
      + 'threat-signature groups are. A rule set written by hand may be as little as a port filter (an outside auditor found the library\'s own two rules '
      + 'counted), so the guard does not take it as an IDS/IPS: alone, it is a finding whose acknowledgement names the rule set\'s source. A GWLB '
      + 'endpoint counts only when declared an IDS appliance\'s, since any appliance (or none that inspects) may stand behind one. Alert-only rules, and '
      + 'a group whose drops an override turns into alerts (DROP_TO_ALERT), do not count; nor does an IPS group that runs after the allow-list, since a '
      + 'pass ends a flow\'s evaluation and what the breakout lets out is then never inspected.',
    citations: [{ source: SOURCES.MIC_2024, where: 'α\'モデル ケース（イ）（ウ）の技術的対策 — IDS/IPS', quote: 'ネットワーク上の通信パケットを収集・解析し、不正な通信の検知及び遮断を行う。' }],
  },
  'AP-5': {
    summaryJa: 'クラウドサービスへは TLS（443）のみで、プロキシは接続先の証明書を検証すること（`sslproxy_cert_error allow`・`DONT_VERIFY_PEER`・`DONT_VERIFY_DOMAIN` は不可。例外承認できない critical の指摘）。'
      + 'その他のポート（Web 会議の UDP メディア、80 番の OCSP/CRL）と、平文の HTTP を通す FQDN 許可リスト（HTTP_HOST のターゲット）は、ベンダーの要件を記した例外承認が必要。',
    rationale: 'Channel encryption and certificate authentication of the service are listed for every case: TLS on the wire, and a proxy that '
      + 'intercepts TLS must itself authenticate the service, or it hands the terminals a forged one. Other ports need a written reason, and so '
      + 'does an FQDN allow-list on HTTP Host: Network Firewall matches it on every port, so one list of both target types lets cleartext HTTP out '
      + 'to every allow-listed service, not only to the update services a vendor serves over HTTP.',
    citations: [
      { source: SOURCES.MIC_2024, where: 'α\'モデル 各ケースの組織的・人的対策 — 通信路暗号化', quote: '通信路上の盗聴・改ざんによる被害を最小化するために、暗号技術を用いて通信路上のデータを暗号化する。' },
      { source: SOURCES.MIC_2024, where: 'α\'モデル 各ケースの技術的対策 — 接続先のクラウドサービスの証明書による認証', quote: '接続先のクラウドサービスが本物であるか否か、正当性を確認する。' },
    ],
  },
  'AP-6': {
    summaryJa: 'ケース（イ）: 許可リストのコミュニケーションツールからのファイルダウンロードをプロキシで拒否すること（すべての添付ファイルと、'
      + 'ツールの画面や API の応答（HTML、JSON、CSS、JavaScript）以外の中身のあるすべての応答。型を問わず、型がなくても）。ケース（ウ）: ツールの各ホストを'
      + 'プロキシが復号し、ファイルとなる応答を LGWAN 接続系のアドレスにある ICAP RESPMOD の無害化サービス（bypass=off、停止時は拒否）に渡すか、'
      + '拒否すること。無害化の中継があるだけでは不十分。どちらも、ブレイクアウトへ中継しうるプロキシはすべてそうし、プロキシ専用のサブネット以外の'
      + ' LGWAN接続系のサブネットはプロキシを迂回して外へ出ない（AP-3 と同じ）。',
    rationale: 'Case イ brings no file into LGWAN; case ウ brings files in only after sanitization, so the sanitization must be on the path every '
      + 'file takes: the proxy hands each file reply of a communication tool to the sanitizer (ICAP RESPMOD, RFC 3507) and refuses it while the '
      + 'sanitizer cannot answer (Squid bypass=off), or refuses file replies and files come in only through the relay. A relay somewhere '
      + 'beside an open download path sanitizes nothing.',
    citations: [
      { source: SOURCES.MIC_2024, where: 'α\'モデル ケース（イ）の技術的対策 — クラウドサービスからファイルダウンロード制限', quote: 'クラウドサービス上から業務端末へのファイルダウンロードを制限する。' },
      {
        source: SOURCES.MIC_2024,
        where: 'α\'モデル ケース（ウ）の技術的対策 — メール無害化/ファイル無害化',
        quote: '危険因子が無いことを確認した上で、LGWAN接続系にインターネットからファイルを取り込む。',
      },
    ],
  },
  'AP-7': {
    summaryJa: 'ローカルブレイクアウトを使うのは、LGWAN接続系の業務端末（端末プール）と宣言したセキュリティ更新の取得元だけ。'
      + 'それ以外の宣言済み・ロール付きのLGWANホストは、外へ出る経路のないサブネットに置き、フォワードプロキシの前段のセキュリティグループが許可する範囲の外に置くこと。'
      + '外へ出る経路のある LGWAN接続系のサブネットは、それらだけを収容すると分かること（宣言した端末プール・更新の取得元がブロックを覆う、タグ '
      + 'jichitai:subnet-role=terminals、またはタグ jichitai:subnet-role=proxy を持ち宣言したホストと重ならず、テンプレートの最新バージョンで起動するプロキシとそのロードバランサーのほかに何もないフォワードプロキシ自身のサブネット）。'
      + 'それ以外はサーバを収容するものとみなす（フェイルクローズ）。'
      + 'ガードが位置を特定できない所で動くもの（出力の外のサブネット・VPC・ネットワークインターフェース・起動テンプレートに置いたラベル付きのリソース、'
      + 'リテラルのサブネット ID や出力の外のネットワークインターフェースに置いたラベルなしのリソース）は、そのようなサブネットにあるものとみなす（フェイルクローズ）。',
    rationale: 'The guideline opens the breakout for the business terminals\' use of specific cloud services; servers and systems of the LGWAN '
      + 'segment keep no way out. MunicipalNetwork lays out terminal subnets (the only ones routed to the breakout and admitted by the proxy) '
      + 'apart from workload subnets.',
    citations: [{
      source: SOURCES.MIC_2024,
      where: '中間報告の概要 — クラウドサービスの利用に対する対応',
      quote: 'LGWAN接続系の業務端末からインターネット経由で、特定のクラウドサービスを安全に利用するための対策（アクセス制御等）をα\'モデルとして規定。',
    }],
  },
  'IN-1': {
    summaryJa: 'インターネット接続系の出口は自治体情報セキュリティクラウド経由のみで、業務サブネットから IGW・NAT へ直接向かう経路がないこと。'
      + '検証用の組み込みの代替（スタンドイン）は自ら検査すること（既定で遮断し（aws:drop_strict、または aws:drop_established と TCP 以外を遮断するルール。途中で切れた接続は続けずに遮断）、すべてのパケットをステートフルエンジンに渡し、'
      + 'AP-4 と同じ IDS/IPS として、アラートへオーバーライドされない AWS マネージドの脅威シグネチャのグループが通信のアドレスを対象に含み（HOME_NET）、何かを通すより先に評価されるか、'
      + '経路上に IDS 装置と宣言した（タグ jichitai:inspection=IDS_IPS）GWLB エンドポイントがある。手書きの遮断ルールだけのときはファイアウォールへの指摘になり、例外承認の理由にその出所を書く）。既定で通すファイアウォールは数えない。'
      + '代替は Web プロキシ（ガードがサブネットを読める Squid）を持ち、その出口はファイアウォールを通り、許可より前にすべてのプライベートな宛先を拒否し、'
      + '同じ VPC のほかのサブネットはプロキシを通らずにインターネットに出ないこと。'
      + '出口経路自体のサブネット（ファイアウォール・NAT ゲートウェイ用）には経路の構成要素以外を置かないこと。'
      + 'インターネット接続系の VPC を Cloud WAN のコアネットワークに接続する VPC アタッチメントがないこと（自治体情報セキュリティクラウドの迂回路。'
      + '自治体情報セキュリティクラウドにだけ届くポリシーのセグメントを理由に例外承認する）。',
    rationale: 'The prefecture aggregates the internet exits of its municipalities in the security cloud; a municipality\'s own exit bypasses it. '
      + 'A stand-in only stands in if it inspects: a firewall whose default passes everything is an exit with a log, not a security cloud, and its IPS '
      + 'counts as AP-4\'s does (two protocol rules written by hand are no IDS/IPS: alone, a finding whose acknowledgement names their source). '
      + 'The security cloud also proxies the web (the revision of 2026-12-01: "default-drop or IPS in drop mode plus a proxy"), so a stand-in does too, '
      + 'and its workloads reach the internet only through its proxy, which relays into no private network.',
    citations: [FUJITSU_SECURITY_CLOUD],
  },
  'IN-2': {
    summaryJa: 'インターネット接続系の名前解決は自治体情報セキュリティクラウドの DNS（リゾルバの転送ルール）か、代替の場合はフィルタ付きリゾルバ'
      + '（フェイルクローズで、何かを遮断し、その前にすべての名前・TLD・読めないリストを通すルールがない DNS Firewall）を通ること。フィルタのない迂回路（それを迂回するほかのリゾルバルール、AmazonProvidedDNS 以外の DNS サーバーを'
      + 'インスタンスに渡す DHCP オプションセット）がないこと。',
    rationale: 'The security cloud runs the external DNS for its municipalities and monitors it; names resolved elsewhere escape its filtering '
      + 'and monitoring, and DNS is a channel of its own (tunnelling, malicious domains).',
    citations: [{
      source: SOURCES.SECURITY_CLOUD,
      where: 'インターネット通信の監視',
      quote: '主にサーバー監視を要件としており、Webサーバー・メールリレーサーバー、プロキシサーバー、外部DNSサーバー、構成団体ADサーバーが対象となっています。',
    }],
  },
  'BP-1': {
    summaryJa: 'β\'モデル: インターネット接続系の各業務システムは専用のセキュリティグループを持ち、宣言したクライアントとポートだけを受け入れること'
      + '（全通信・サブネットや系の全体を許すルールも、宣言した通信にないものも不可）。',
    rationale: 'In β′ the business systems sit in the Internet segment, next to the terminals and the internet; what protects each information asset '
      + 'is its own access control, so a group that admits a whole segment makes every terminal and server a client.',
    citations: [{ source: SOURCES.FUJITSU, where: 'β’モデル(重要情報あり) <主な対策>', quote: '情報資産単位でのアクセス制御' }],
  },
  'FLOW-1': {
    summaryJa: '宣言した通信はすべて端から端まで通ること: 要求が宛先ホストのすべてのアドレスに宣言したポートで届き、応答が戻ること（双方向の経路、'
      + 'Transit Gateway の表、ブラックホール、NACL）。経路上のすべての Network Firewall がそれを通すと示せること（ステートレスのルールはそれを通る向きごとに、'
      + 'ステートフルのルールまたはデフォルトアクションは接続として。ドメインリスト、内容で一致するルール、ガードが読めないグループ、Gateway Load Balancer '
      + 'エンドポイントの先のアプライアンスは何も示さない）。ステートフルエンジンで通信を判断するファイアウォールは、応答の経路にも同じエンドポイントで'
      + 'あること（Network Firewall は非対称ルーティングに対応しない: 前段の Transit Gateway はアプライアンスモード、ファイアウォールごとにエンドポイントは一つ）。'
      + '両端のホストのセキュリティグループも許可していること。',
    rationale: 'The positive half of the communication matrix (通信要件一覧): the other rules prove that everything else is closed; this one proves '
      + 'that what is declared works, so that a blocked 特定通信, sanitization or screen-transfer flow is found before deployment, with '
      + 'the hop that drops it.',
    citations: [NEC_MY_NUMBER_EXTERNAL, {
      source: SOURCES.NEC, where: 'LGWAN接続系 No.6 外部との接続 (1)', quote: 'LGWAN-ASP(LGWANメール含む)など特定通信限定とすること。',
    }],
  },
  'LOG-1': {
    summaryJa: 'すべての系の VPC にフローログ（全通信、既定のレコード形式のフィールドを含む）、すべてのファイアウォールにアラートログとフローログ、フォワードプロキシのアクセスログは CloudWatch エージェントでロググループへ送ること。'
      + 'それらを受ける合成結果のロググループは 400 日以上保持し（aws-cdk-lib の LogRetention で名前に別に設定した保持期間も数える）、フローログ・ファイアウォールログを受ける合成結果のバケットはそれより早く失効させないこと（ライフサイクルルール）。'
      + 'β・β′ では、そのすべてを宣言した SIEM の受け口へ届けること（宣言があれば、リテラルの送り先はブループリントの logging.siemBucketArn を指すこと）。',
    rationale: 'β and β′ put the terminals on the internet side and depend on log management (SIEM); every model needs the logs for 監査 '
      + '(a log kept a day is no 証跡 for a yearly audit: the floor is the library\'s default retention, 400 days). '
      + 'The α′ proxy sees every request to the cloud services by URL; a log that stays on an instance of an Auto Scaling group is lost with it.',
    citations: [
      { source: SOURCES.FUJITSU, where: 'βモデル(重要情報なし) <主な対策>', quote: 'ログ管理(SIEM等)' },
      { source: SOURCES.FUJITSU, where: 'β’モデル(重要情報あり) <主な対策>', quote: 'ログ管理(SIEM等)、業務システムログ管理' },
    ],
  },
  'SC-1': {
    summaryJa: '自治体情報セキュリティクラウドの構成団体どうしが互いに到達しないこと: ある構成団体のサブネットから別の構成団体のサブネットへの経路（すべてのアドレス、すべての経由点）がなく、'
      + '中継するハブのプロキシもない（Squid の設定が、許可より前にすべての RFC 1918 宛先を拒否し、プロキシのサブネットが NAT64 のプレフィックス 64:ff9b::/96 を NAT ゲートウェイに'
      + 'ルーティングするときはそのプレフィックスも拒否する）。',
    rationale: 'The hub aggregates the internet exits of many municipalities; it must not become a network between them, neither by routing '
      + '(a member table that holds another member\'s propagation) nor by an application relay (a proxy that forwards to private addresses). '
      + 'Critical: a path between two municipalities joins their Internet segments, which no acknowledgement can accept.',
    citations: [FUJITSU_SECURITY_CLOUD, SECURITY_CLOUD_AGGREGATION],
  },
  'SC-2': {
    summaryJa: 'ハブがある場合: 構成団体の VPC にインターネットゲートウェイ・Egress-only インターネットゲートウェイ・パブリック NAT ゲートウェイがなく（AP ルールが扱う α′ の LGWAN接続系の'
      + 'ローカルブレイクアウトを除く）、構成団体のインターネット接続系の'
      + 'インターネットへの経路はすべてハブの検査用ファイアウォール（すべてのパケットをステートフルエンジンに渡し、ステートレスの aws:pass がなく、ステートフルの既定で遮断し（aws:drop_established なら TCP 以外を遮断するルールとともに）、途中で切れた接続を続けずに遮断し、トランスポート全体を通すルールグループや読めないルールグループがなく、AP-4 と同じ IDS/IPS として、通信のアドレスを対象に含みアラートへオーバーライドされない AWS マネージドの脅威シグネチャのグループが通すものより先にあるか、経路上に IDS 装置と宣言した GWLB エンドポイントがある。手書きの遮断ルールだけのときはファイアウォールへの指摘になり、例外承認の理由にその出所を書く）を通り、ハブにはその検査を通ってインターネットに出る Web プロキシがあり、'
      + 'ハブのサブネットに置いたもの（ロードバランサーを除く）も検査を通らずにインターネットに出ないこと。',
    rationale: 'Aggregating the internet exits (インターネット接続口を集約) means the members have none of their own; the hub\'s exit is worth '
      + 'aggregating only if it inspects (gateway firewall, URL filter) and the members browse through its proxy. Its IDS/IPS (不正通信検知) counts as '
      + 'AP-4\'s does: signatures of known threats kept up to date, not protocol rules and blocked domains written by hand, which alone are a finding '
      + 'whose acknowledgement names their source.',
    citations: [FUJITSU_SECURITY_CLOUD, {
      source: SOURCES.SECURITY_CLOUD,
      where: 'インシデントの予防',
      quote: 'クラウドとインターネットを繋ぐゲートウェイ対策、メールセキュリティ対策、メール・インターネットセキュリティ対策、Webサーバーセキュリティ対策、リモートデスクトップなどの対策が挙げられます。',
    }],
  },
  'SC-3': {
    summaryJa: 'ハブがある場合: インターネットからハブへの入口は、SQL インジェクションを遮断する WAFv2 のウェブ ACL を関連付けた public-web のロードバランサーか、'
      + 'TCP 25 だけで待ち受ける mail-relay のロードバランサー（インターネット向け、または CloudFront の VPC オリジン・Global Accelerator・API Gateway の VPC リンク・'
      + 'Verified Access エンドポイントの背後）だけで、ほかの入口（EC2 Instance Connect エンドポイント、Client VPN、サブネットやインスタンスへの VPC リンク・オリジン、'
      + 'そこの関数を呼び出す関数 URL や API、App Runner、Transfer Family、EKS のパブリックエンドポイント、パブリックアクセス可能なデータベース、AppStream、WorkSpaces、'
      + 'Classic Load Balancer、インターネットゲートウェイの内側のパブリック IP アドレス、入口になるかどうかをガードが判断できない、知らない種類のリソース）を置かず、'
      + 'インターネットゲートウェイの内側に'
      + 'パブリック IP のサブネットを置かず、構成団体はインターネットからの入口を持たないこと。',
    rationale: 'The security cloud hosts the municipalities\' web servers and mail relay; those are its only doors from the internet, and the '
      + 'web door must stop SQL injection, which the requirements name. A member with its own door bypasses the hub\'s protection.',
    citations: [
      SECURITY_CLOUD_SERVERS,
      { source: SOURCES.SECURITY_CLOUD, where: 'インシデントの予防', quote: 'サーバーに対してDDoS(Denial of Service attack/サービス拒否攻撃)やSQLインジェクション攻撃の対策も必要です。' },
    ],
  },
  'SC-4': {
    summaryJa: 'ハブがある場合: すべての VPC（ハブと構成団体）のフローログ（すべての通信を、SIEM が読むフィールドとともに）、すべてのファイアウォールのアラートログとフローログ、'
      + 'WAF のログ、ハブの Resolver のクエリログをハブの SIEM バケットへ送り、構成団体のフローログとファイアウォールのログは自らの members/<団体コード>/ の下、'
      + 'ハブのものは hub/ の下に（Firehose のストリーム経由でも）置き、プロキシとメールリレーのロググループは、そこに届く配信ストリームにサブスクライブすること。',
    rationale: 'Log collection and analysis (ログ収集・分析) by the security cloud\'s monitoring staff needs every log in one place; a log that '
      + 'stays in a member or in a server\'s log group is not analysed. Each member\'s logs stay apart under its own prefix (the hub\'s bucket '
      + 'policy lets each member account write only there), and a flow log of one kind of traffic, or without the addresses, ports, protocol, '
      + 'action and times, cannot be analysed.',
    citations: [
      SECURITY_CLOUD_AGGREGATION,
      { source: SOURCES.SECURITY_CLOUD, where: '高度な人材による監視と検知', quote: 'ログ収集・分析、イベント監視、障害発生時の1次対応、EDR(Endpoint Detection and Response)監視・運用が対象となっています。' },
    ],
  },
  'SEG-1': {
    summaryJa: 'ガード対象のすべてのサブネットが（VPC と同じ）1 つの系に属し、系の間にピアリング・伝播・共有のデフォルトルートテーブルがないこと。',
    rationale: 'The three segments are separate networks; a shared table or a peering between them is a path waiting for a route.',
    citations: [
      { source: SOURCES.NEC, where: 'マイナンバー利用事務系 No.1 庁内ネットワーク (1)', quote: '個人番号利用事務専用のネットワークセグメントとすること。(徹底分離)' },
      {
        source: SOURCES.NEC,
        where: 'LGWAN接続系 No.5 庁内ネットワーク (1)',
        quote: 'LGWAN接続系専用のネットワークセグメントとすること。(LGWAN環境とインターネット環境を分割して、無害化したメール通信のみを許可する)',
      },
    ],
  },
  'SEG-2': {
    summaryJa: '系の VPC のアドレス範囲（プライマリとセカンダリ、IPv4 と IPv6）が互いにも、宣言した外部のネットワーク（LGWAN・自治体情報セキュリティクラウドのホスト）とも重ならないこと。',
    rationale: 'Overlapping segments make routes ambiguous: a route to one segment would also carry the other.',
    citations: [{ source: SOURCES.NEC, where: 'マイナンバー利用事務系 No.1 庁内ネットワーク (1)', quote: '個人番号利用事務専用のネットワークセグメントとすること。(徹底分離)' }],
  },
  'PL-1': {
    summaryJa: '業務端末・業務システム・マイナンバー系システムのラベル（`jichitai:role`）を付けたリソースが、モデルの定める系にあること。',
    rationale: 'Each model places terminals and business systems in a given segment; a resource elsewhere is a different model.',
    citations: [FUJITSU_MODELS],
  },
  'GUARD-1': {
    summaryJa: 'フェイルクローズ: ガードが必要とするもの（経路の宛先、表、VPC とサブネットの ID、アドレス範囲、系のラベル）がすべて合成結果の中で解決でき、ガード対象に検査するものがあること。',
    rationale: 'A principle of the library, not a guideline requirement: what the guard cannot resolve or does not model is treated as '
      + 'reaching everywhere and reported, so that a pass means every path was seen. Critical, so that no acknowledgement turns an unseen '
      + 'path into a pass.',
    citations: [],
  },
  'GUARD-2': {
    summaryJa: '型によるフェイルクローズ: マイナンバー利用事務系・LGWAN接続系のサブネット（またはガードが位置を判断できないサブネット）で動くものは、サブネットのルートとは別の独自の経路を持たないと'
      + 'ガードが知っているリソースタイプであるか、理由を付けて例外承認されていること（三層の対策）。',
    rationale: 'A principle of the library, not a guideline requirement: the guard judges what runs in a subnet by the subnet\'s routes, and refuses the '
      + 'resource types it knows to open a path of their own beside them (GUARD-1); a type it does not know may be one of those, so in the My Number or '
      + 'LGWAN segment it is reported rather than passed. An error, not critical: AWS adds resource types every year, and a legitimate one whose '
      + 'documentation shows it has no path of its own is acknowledged on that resource with that reason, recorded in the report, until the guard knows it.',
    citations: [],
  },
};
