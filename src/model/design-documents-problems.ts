/** Validation of the design-document options (not jsii API: the blueprint's validation and TopologyGuard.apply use it). */
import { bi, Bilingual } from './bilingual';
import { DesignDocumentFormat, DocumentLanguage } from './design-documents';
import { GuardLanguage, TopologyGuardOptions } from './guard-options';
import { AlphaPrimeCase, NetworkModel } from './network-model';
import { unsafeTextCharacter } from './validate-common';

/** One problem of design-document options: the prop, what is wrong, how to fix it (in English and Japanese). */
export interface DesignDocumentsProblem {
  readonly prop: string;
  readonly what: Bilingual;
  readonly fix: Bilingual;
}

/** Everything wrong with design-document options (empty when they are valid); `prop` is where they were given. */
export function designDocumentsProblems(o: unknown, prop: string): DesignDocumentsProblem[] {
  if (o === undefined) return [];
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    return [{ prop, what: bi('must be an object', 'はオブジェクトでなければならない'), fix: bi('give { formats, language, label, date } or leave it out', '{ formats, language, label, date } を指定するか、省略する') }];
  }
  const v = o as Record<string, unknown>;
  const problems: DesignDocumentsProblem[] = [];
  const formats = Object.values(DesignDocumentFormat) as string[];
  if (v.formats !== undefined) {
    if (!Array.isArray(v.formats) || v.formats.length === 0) {
      problems.push({
        prop: `${prop}.formats`,
        what: bi('must be a non-empty list', 'は空でないリストでなければならない'),
        fix: bi(`give some of ${formats.join(', ')} (DesignDocumentFormat), or leave it out for the default`, `${formats.join(', ')}（DesignDocumentFormat）から指定するか、既定のために省略する`),
      });
    } else {
      for (const f of v.formats) {
        if (formats.includes(f as string)) continue;
        problems.push({
          prop: `${prop}.formats`,
          what: bi(`${JSON.stringify(f)} is not a format`, `${JSON.stringify(f)} は形式ではない`),
          fix: bi(`use DesignDocumentFormat (${formats.join(', ')})`, `DesignDocumentFormat（${formats.join(', ')}）を使う`),
        });
      }
    }
  }
  if (v.language !== undefined && !(Object.values(DocumentLanguage) as unknown[]).includes(v.language)) {
    problems.push({
      prop: `${prop}.language`,
      what: bi(`${JSON.stringify(v.language)} is not a language`, `${JSON.stringify(v.language)} は言語ではない`),
      fix: bi('use DocumentLanguage.JAPANESE (ja) or DocumentLanguage.ENGLISH (en)', 'DocumentLanguage.JAPANESE（ja）か DocumentLanguage.ENGLISH（en）を使う'),
    });
  }
  // Printed in every document and the diagram: escaped there by construction; kept to one plain line here, without
  // invisible formatting (a bidirectional override would show the reader another label).
  if (v.label !== undefined && !(typeof v.label === 'string' && v.label.trim().length > 0 && v.label.length <= 100 && !unsafeTextCharacter(v.label, false))) {
    problems.push({
      prop: `${prop}.label`,
      what: bi('must be one line of 1–100 characters without control, invisible formatting or separator characters',
        'は制御文字・見えない書式文字・区切り文字を含まない 1～100 文字の 1 行でなければならない'),
      fix: bi("write e.g. '取扱注意' or '関係者外秘'", "'取扱注意' や '関係者外秘' のように書く"),
    });
  }
  const date = v.date;
  if (date !== undefined && !(typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))
    && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date))) {
    problems.push({
      prop: `${prop}.date`,
      what: bi(`${JSON.stringify(date)} is not a date`, `${JSON.stringify(date)} は日付ではない`),
      fix: bi("write YYYY-MM-DD, e.g. '2026-12-01'", "YYYY-MM-DD の形で書く（例: '2026-12-01'）"),
    });
  }
  return problems;
}

/** Options given to TopologyGuard.apply by hand are checked like a blueprint's (both engines): every problem at once. */
export function checkGuardOptions(where: string, options: TopologyGuardOptions): void {
  const problems = [...designDocumentsProblems(options.designDocuments, 'designDocuments'), ...hubEvidenceProblems(options.securityCloudHub), ...caseProblems(options)];
  if (problems.length === 0) return;
  const lines = options.language === GuardLanguage.JAPANESE
    ? problems.map((p) => `  [${p.prop}] ${p.what.ja}。対処: ${p.fix.ja}`)
    : problems.map((p) => `  [${p.prop}] ${p.what.en}. Fix: ${p.fix.en}.`);
  throw new Error(`[${where}] invalid TopologyGuard options:\n${lines.join('\n')}`);
}

/**
 * α′ is judged by its case (ア, イ, ウ of the 2024 revision): tenant restriction (AP-3) and file download restriction (AP-6)
 * apply in イ and ウ, and ア allows no communication tool (AP-2). A guard applied without the case would judge a case it
 * was not told; the blueprint of a MunicipalNetwork always has one.
 */
function caseProblems(options: TopologyGuardOptions): DesignDocumentsProblem[] {
  const c: unknown = options.alphaPrimeCase;
  const known = Object.values(AlphaPrimeCase) as unknown[];
  const fix = bi('give alphaPrimeCase: AlphaPrimeCase.LICENSE_AND_UPDATES (ア), COMMUNICATION_NO_DOWNLOAD (イ) or COMMUNICATION_WITH_SANITIZATION (ウ)',
    'alphaPrimeCase に AlphaPrimeCase.LICENSE_AND_UPDATES（ア）、COMMUNICATION_NO_DOWNLOAD（イ）、COMMUNICATION_WITH_SANITIZATION（ウ）のいずれかを指定する');
  if (c !== undefined && !known.includes(c)) return [{ prop: 'alphaPrimeCase', what: bi(`${JSON.stringify(c)} is not an AlphaPrimeCase`, `${JSON.stringify(c)} は AlphaPrimeCase ではない`), fix }];
  if (options.model === NetworkModel.ALPHA_PRIME && c === undefined) {
    return [{ prop: 'alphaPrimeCase', what: bi('model ALPHA_PRIME is judged by its case, and none is given', "α'モデルはケースで判定するが、ケースの指定がない"), fix }];
  }
  return [];
}

/** The hub evidence option's shape (the files are read at synthesis, where a missing one is reported). */
function hubEvidenceProblems(o: unknown): DesignDocumentsProblem[] {
  if (o === undefined) return [];
  const prop = 'securityCloudHub';
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    return [{ prop, what: bi('must be an object', 'はオブジェクトでなければならない'), fix: bi('give { artifact, outputs } or leave it out', '{ artifact, outputs } を指定するか、省略する') }];
  }
  const v = o as Record<string, unknown>;
  return (['artifact', 'outputs'] as const).filter((k) => !(typeof v[k] === 'string' && (v[k] as string).trim().length > 0)).map((k) => ({
    prop: `${prop}.${k}`,
    what: bi('must be a non-empty path', 'は空でないパスでなければならない'),
    fix: k === 'artifact'
      ? bi("give the hub app's cdk.out (AWS CDK) or cdk.tf.json (CDKTF)", 'ハブのアプリの cdk.out（AWS CDK）か cdk.tf.json（CDKTF）のパスを指定する')
      : bi("give the hub's deployed outputs (cdk deploy --outputs-file, or terraform output -json)", 'ハブのデプロイ出力（cdk deploy --outputs-file か terraform output -json）のパスを指定する'),
  }));
}
