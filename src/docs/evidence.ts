/**
 * Audit evidence the design documents print besides what was synthesized: the mutation suite's size, and the guideline
 * measures outside what a network can express (REQUIREMENTS.md §3: listed in the 対応表, never silently claimed).
 */
import { SOURCES, SourceDocument } from '../guard/rules/catalogue';

/**
 * The mutation suite (test/guard/mutations-cdk.test.ts, mutations-tf.test.ts): forbidden changes a user could make by hand
 * to the reference examples, each of which the guard must refuse naming its rule. `mutations` counts the distinct
 * changes of the suite, `cases` the (example, change) pairs it runs. test/docs/evidence.test.ts counts them in the suite's
 * sources and fails when these numbers are stale.
 */
export const MUTATION_SUITE = {
  cdk: { mutations: 182, cases: 473 },
  cdktf: { mutations: 192, cases: 502 },
} as const;

/** A guideline measure the network cannot show (端末, 組織的・人的対策…), with where the sources name it. */
export interface OutOfScopeMeasure {
  readonly id: string;
  readonly ja: string;
  readonly en: string;
  /** Who or what carries it instead. */
  readonly carriedByJa: string;
  readonly carriedByEn: string;
  readonly source: SourceDocument;
  /** Where in the source, in its own terms. */
  readonly where: string;
}

/** The measures of REQUIREMENTS.md §3 "outside what a network can express", cited to the seeds. */
export const OUT_OF_SCOPE_MEASURES: readonly OutOfScopeMeasure[] = [
  {
    id: 'two-factor',
    ja: '二要素認証',
    en: 'Two-factor authentication',
    carriedByJa: '端末・認証基盤',
    carriedByEn: 'terminals and the sign-in system',
    source: SOURCES.NEC,
    where: '3 端末 (2)「ID、パスワードの他に認証方法を導入し二要素認証とすること」',
  },
  {
    id: 'media-control',
    ja: '外部記憶媒体の制御',
    en: 'External storage media control',
    carriedByJa: '端末',
    carriedByEn: 'terminals',
    source: SOURCES.NEC,
    where: '4 媒体 (1)「USBメモリ等の外部記憶媒体による端末からの情報持ち出しができないように設定すること」',
  },
  {
    id: 'access-records',
    ja: '端末操作・アクセスの記録',
    en: 'Records of terminal operation and access',
    carriedByJa: '端末・業務システム',
    carriedByEn: 'terminals and business systems',
    source: SOURCES.NEC,
    where: '3 端末 (3)「アクセスの記録を残して不正な利用を発見できること」',
  },
  {
    id: 'anti-malware',
    ja: 'マルウェア対策ソフト',
    en: 'Anti-malware software',
    carriedByJa: '端末・サーバ',
    carriedByEn: 'terminals and servers',
    source: SOURCES.MIC_2024,
    where: 'α′モデルの対策 技術的対策「マルウェア対策ソフト」',
  },
  {
    id: 'edr',
    ja: 'EDR（未知の不正プログラム対策・エンドポイント対策）',
    en: 'EDR (endpoint detection and response)',
    carriedByJa: '端末',
    carriedByEn: 'terminals',
    source: SOURCES.MIC_2024,
    where: 'α′ 見直しポイント「従来から運用しているEPPに加え、新たにEDRの導入が必要」; 000 β/β′ 主な対策「未知の不正プログラム対策(エンドポイント対策)」',
  },
  {
    id: 'patching',
    ja: '脆弱性管理（資産管理、パッチ適用等）',
    en: 'Vulnerability management (asset management, patching)',
    carriedByJa: '運用',
    carriedByEn: 'operations',
    source: SOURCES.FUJITSU,
    where: 'β/β′モデル 主な対策「脆弱性管理(資産管理、パッチ適用等)」; 002 α′ 技術的対策「パッチ適用」',
  },
  {
    id: 'privileges',
    ja: '権限管理',
    en: 'Privilege management',
    carriedByJa: '業務システム・運用',
    carriedByEn: 'business systems and operations',
    source: SOURCES.MIC_2024,
    where: 'α′モデルの対策 技術的対策「権限管理」',
  },
  {
    id: 'ddos',
    ja: 'DDoS対策（AWS Shield Standard を超えるもの）',
    en: 'DDoS measures beyond AWS Shield Standard',
    carriedByJa: 'クラウドサービス事業者・運用',
    carriedByEn: 'cloud service providers and operations',
    source: SOURCES.MIC_2024,
    where: 'α′モデルの対策 技術的対策「DDoS対策」',
  },
  {
    id: 'procedures',
    ja: '手続・規定（クラウドサービス利用の申請・承認）',
    en: 'Procedures and rules (applying for and approving cloud services)',
    carriedByJa: '組織',
    carriedByEn: 'the organisation',
    source: SOURCES.MIC_2024,
    where: 'α′モデルの対策 組織的・人的対策「手続・規定」',
  },
  {
    id: 'training',
    ja: '研修・訓練（CYDER 等）',
    en: 'Training and exercises (CYDER etc.)',
    carriedByJa: '組織',
    carriedByEn: 'the organisation',
    source: SOURCES.MIC_2024,
    where: '第2章 情報セキュリティ対策基準 5.2 研修・訓練',
  },
  {
    id: 'audit',
    ja: '外部監査・定期監査・自己点検',
    en: 'External audit, periodic audit and self-inspection',
    carriedByJa: '組織（本書は監査の証跡の一部）',
    carriedByEn: 'the organisation (these documents are part of the evidence)',
    source: SOURCES.FUJITSU,
    where: 'β/β′モデル「事前の外部監査の実施、J-LISへの報告と定期的な監査の実施が必要」; 002 9.1 監査, 9.2 自己点検',
  },
];
