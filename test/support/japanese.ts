/**
 * Checks that a text meant for Japanese readers is Japanese: it holds Japanese script, and no English sentence is left
 * in it. Interpolated values (paths, CIDRs, ports, resource names, settings such as `breakout.tenantProxy`) are allowed:
 * a run of English counts only when it is made of at least `min` consecutive plain words (letters only, no capital after
 * the first letter), e.g. "the subnet has no literal" — what an untranslated phrase leaves behind.
 */

/** Hiragana, katakana or kanji. */
export const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;

/** The first run of `min` or more consecutive plain English words, or undefined. */
export function englishRun(text: string, min = 4): string | undefined {
  // Japanese script, brackets and quotes end a run; spaces and ASCII punctuation inside a phrase do not.
  for (const segment of text.split(/[^A-Za-z0-9\s.,;:'/_\-=*@#%&+?!<>|$]+/)) {
    let run: string[] = [];
    for (const raw of segment.split(/\s+/)) {
      const word = raw.replace(/[.,;:!?]+$/, '');
      if (/^[A-Za-z][a-z]*('s)?$/.test(word)) {
        run.push(word);
      } else {
        if (run.length >= min) return run.join(' ');
        run = [];
      }
    }
    if (run.length >= min) return run.join(' ');
  }
  return undefined;
}

/** Why `text` is not the Japanese it should be, or undefined when it is. */
export function notJapanese(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return 'empty';
  if (!JAPANESE_SCRIPT.test(text)) return `no Japanese script in "${text}"`;
  const run = englishRun(text);
  return run === undefined ? undefined : `English left ("${run}") in "${text}"`;
}
