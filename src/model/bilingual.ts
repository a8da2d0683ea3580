/**
 * A text in English and in Japanese (自治体職員が読む日本語), written side by side where it is worded so that the two
 * cannot drift apart. Values interpolated into it (paths, CIDRs, ports, resource names) are the same in both. Used by
 * the guard's findings and the blueprint's validation errors; not part of the jsii API.
 */
export interface Bilingual {
  readonly en: string;
  readonly ja: string;
}

/** `{ en, ja }`. */
export function bi(en: string, ja: string): Bilingual {
  return { en, ja };
}
