import { Segment } from './segment';

/**
 * The network models of the MIC guideline (地方公共団体における情報セキュリティポリシーに関するガイドライン).
 */
export enum NetworkModel {
  /** α model (αモデル, 従来モデル): terminals and business systems in LGWAN; internet by screen transfer. */
  ALPHA = 'ALPHA',
  /** α′ model (α'モデル, 2024 revision): α plus local breakout from LGWAN to allow-listed cloud services. */
  ALPHA_PRIME = 'ALPHA_PRIME',
  /** β model (βモデル): terminals in the Internet segment, business systems in LGWAN. */
  BETA = 'BETA',
  /** β′ model (β'モデル): terminals and most business systems in the Internet segment. */
  BETA_PRIME = 'BETA_PRIME',
}

/**
 * The α′ use cases of the MIC 2024 revision deck (seed 002).
 */
export enum AlphaPrimeCase {
  /** Case ア: license authentication and virus-definition updates only; no tenant of the municipality. */
  LICENSE_AND_UPDATES = 'LICENSE_AND_UPDATES',
  /** Case イ: communication tools (web meetings, file sharing, mail) with no file download into LGWAN. */
  COMMUNICATION_NO_DOWNLOAD = 'COMMUNICATION_NO_DOWNLOAD',
  /** Case ウ: communication tools with file exchange; files enter LGWAN only after sanitization (無害化). */
  COMMUNICATION_WITH_SANITIZATION = 'COMMUNICATION_WITH_SANITIZATION',
}

/** Japanese name of each model, for messages and reports. */
export const MODEL_JA: Readonly<Record<NetworkModel, string>> = {
  [NetworkModel.ALPHA]: 'αモデル',
  [NetworkModel.ALPHA_PRIME]: "α'モデル",
  [NetworkModel.BETA]: 'βモデル',
  [NetworkModel.BETA_PRIME]: "β'モデル",
};

/** Japanese label of each α′ case (ア, イ, ウ). */
export const ALPHA_PRIME_CASE_JA: Readonly<Record<AlphaPrimeCase, string>> = {
  [AlphaPrimeCase.LICENSE_AND_UPDATES]: 'ケース(ア) ライセンス認証・定義ファイル更新',
  [AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD]: 'ケース(イ) コミュニケーションツール・ダウンロード制限',
  [AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION]: 'ケース(ウ) コミュニケーションツール・無害化',
};

/**
 * Where a model places things (REQUIREMENTS.md §2, seeds 000 and 002).
 */
export interface ModelPlacement {
  /** Segment of the business terminals (業務端末). */
  readonly terminalSegment: Segment;
  /** Segments where internal business systems (業務システム) may sit; the first is the usual one. */
  readonly businessSystemSegments: Segment[];
  /** True if LGWAN may break out to allow-listed cloud services (α′ only). */
  readonly lgwanLocalBreakout: boolean;
  /** True if the model requires shipping logs to a SIEM (β, β′). */
  readonly requiresSiem: boolean;
}

/** The placement table of REQUIREMENTS.md §2. */
export const MODEL_PLACEMENT: Readonly<Record<NetworkModel, ModelPlacement>> = {
  [NetworkModel.ALPHA]: {
    terminalSegment: Segment.LGWAN,
    businessSystemSegments: [Segment.LGWAN],
    lgwanLocalBreakout: false,
    requiresSiem: false,
  },
  [NetworkModel.ALPHA_PRIME]: {
    terminalSegment: Segment.LGWAN,
    businessSystemSegments: [Segment.LGWAN],
    lgwanLocalBreakout: true,
    requiresSiem: false,
  },
  [NetworkModel.BETA]: {
    terminalSegment: Segment.INTERNET,
    businessSystemSegments: [Segment.LGWAN],
    lgwanLocalBreakout: false,
    requiresSiem: true,
  },
  [NetworkModel.BETA_PRIME]: {
    // Seed 000: "業務システム: インターネット接続系に移行" — most move, some stay in LGWAN (REQUIREMENTS §2).
    terminalSegment: Segment.INTERNET,
    businessSystemSegments: [Segment.INTERNET, Segment.LGWAN],
    lgwanLocalBreakout: false,
    requiresSiem: true,
  },
};
