/** The files of the design documents (設計書) the guard can write next to what it checked. */
export enum DesignDocumentFormat {
  /** One self-contained, printable HTML report: the network diagram and every table. */
  HTML = 'html',
  /** The same tables in Markdown, for a repository or a wiki. */
  MARKDOWN = 'md',
  /** One CSV per table (UTF-8 with BOM, CRLF, RFC 4180), for Excel and scripts. */
  CSV = 'csv',
  /** The network diagram (ネットワーク構成図) alone, as SVG. */
  SVG = 'svg',
  /**
   * An Excel workbook with one sheet per table. At synthesis it is written by a short-lived child process (the
   * workbook library is asynchronous and synthesis is not): about half a second per stack.
   */
  XLSX = 'xlsx',
}

/** The language of the design documents. */
export enum DocumentLanguage {
  /** 日本語: what municipal staff and auditors read. */
  JAPANESE = 'ja',
  /** English, with the guideline's Japanese terms in parentheses. */
  ENGLISH = 'en',
}

/**
 * Design documents (設計書) written at synthesis from what was synthesized: the network diagram (ネットワーク構成図),
 * the communication matrix (通信要件一覧), the parameter sheet (パラメータシート), the α′ cloud-service list
 * (接続先クラウドサービス一覧) and the guideline correspondence table with the guard's result for every rule
 * (ガイドライン対応表). They are written next to the template (CDK) or `cdk.tf.json` (CDKTF) once the stack is written,
 * only when the guard lets the synthesis through; `jichitai-network docs` writes the same from `cdk.out`, a Terraform
 * configuration or a plan, refused or not.
 */
export interface DesignDocumentsOptions {
  /**
   * Which files to write.
   * @default - HTML, MARKDOWN, CSV and SVG (XLSX on request: it costs a child process per stack)
   */
  readonly formats?: DesignDocumentFormat[];
  /**
   * The documents' language.
   * @default DocumentLanguage.JAPANESE
   */
  readonly language?: DocumentLanguage;
  /**
   * The confidentiality label printed on every document and on the diagram.
   * @default '取扱注意' (English: 'Confidential')
   */
  readonly label?: string;
  /**
   * The date printed on the documents, `YYYY-MM-DD`. Documents are byte-identical run after run, so the clock is
   * never read.
   * @default - the date of SOURCE_DATE_EPOCH when it is set, otherwise "not recorded"
   */
  readonly date?: string;
}

/** The formats written when `formats` is not given. */
export const DEFAULT_DESIGN_FORMATS: readonly DesignDocumentFormat[] = [
  DesignDocumentFormat.HTML, DesignDocumentFormat.MARKDOWN, DesignDocumentFormat.CSV, DesignDocumentFormat.SVG,
];
