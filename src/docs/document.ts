/**
 * The engine-neutral shape of the design documents (設計書): plain data that every renderer (Markdown, CSV, HTML, Excel)
 * reads the same way. Every cell is text; the model decides wording and language, the renderers only escape and lay out.
 */

/** The language the documents are written in. */
export type DocLanguage = 'ja' | 'en';

/** One column of a table: a stable key (for `data-*` attributes and tests) and its header in the chosen language. */
export interface DocColumn {
  readonly key: string;
  readonly header: string;
}

/** One row: a cell per column (same order), and attributes the HTML report writes as `data-*` on the row. */
export interface DocRow {
  readonly cells: readonly string[];
  /** e.g. `{ flow: 'name', carried: 'yes' }` → `data-flow="name" data-carried="yes"`. Keys are lower-case letters and hyphens. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** One table of a document; its `id` is unique over all documents (CSV file name, Excel sheet, HTML anchor). */
export interface DocTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly DocColumn[];
  readonly rows: readonly DocRow[];
  /** Sentences shown under the title (what the table says, where a value could not be known). */
  readonly notes: readonly string[];
}

/** One document (通信要件一覧, パラメータシート, …): a title and its tables. */
export interface DesignDocument {
  /** `flows` | `parameters` | `cloud-services` | `compliance`. */
  readonly id: string;
  readonly title: string;
  readonly tables: readonly DocTable[];
}

/** Everything the renderers write for one stack. */
export interface DesignDocuments {
  readonly language: DocLanguage;
  /** e.g. `設計書 — Sample City (AlphaStack)`. */
  readonly title: string;
  /** The stack (or scope) the documents describe. */
  readonly stack: string;
  /** The confidentiality label printed on every page (取扱注意 unless the caller gives one). */
  readonly label: string;
  /** Facts of the run (library version, date, model, template hashes), as label/value pairs. */
  readonly facts: readonly { readonly key: string; readonly label: string; readonly value: string }[];
  readonly documents: readonly DesignDocument[];
}

/** Every table of the documents, in document order. */
export function allTables(docs: DesignDocuments): DocTable[] {
  return docs.documents.flatMap((d) => [...d.tables]);
}
