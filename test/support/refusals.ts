/**
 * The lines of a refused synthesis that name a finding (critical, error; 重大, エラー in Japanese), trimmed; none when
 * `synth` succeeds.
 */
export function refusals(synth: () => unknown): string[] {
  try {
    synth();
    return [];
  } catch (e) {
    return String((e as Error).message).split('\n').filter((l) => /\b(critical|error) \(|（|重大|エラー/.test(l) && /\] [A-Z]+-\d+ /.test(l)).map((l) => l.trim());
  }
}
