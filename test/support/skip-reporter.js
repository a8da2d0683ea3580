// @ts-check
/**
 * A Jest reporter (registered in .projenrc.ts after the default one) that repeats, just above Jest's summary, every
 * test file whose tests were skipped because a tool is missing on this machine (test/support/tools.ts registers a
 * skipped test titled "SKIPPED: ..." naming the tool and why). Jest's own summary only counts skipped tests; this says
 * which did not run and why, where nobody can miss it. In CI (CI set) a missing tool fails instead, so this stays empty.
 * Plain JavaScript: Jest loads reporters without transforming them.
 */
class SkipReporter {
  constructor() {
    /** @type {{ file: string; title: string; skipped: number }[]} */
    this.skips = [];
  }

  /** @param {unknown} _test @param {{ testFilePath: string; numPendingTests: number; numTodoTests: number; testResults: { title: string; status: string }[] }} result */
  onTestResult(_test, result) {
    for (const t of result.testResults) {
      if (t.status === 'pending' && t.title.startsWith('SKIPPED: ')) {
        // The banner test itself is one of the pending tests; the others are the ones that did not run.
        this.skips.push({ file: require('path').relative(process.cwd(), result.testFilePath), title: t.title, skipped: result.numPendingTests - 1 });
      }
    }
  }

  onRunComplete() {
    if (this.skips.length === 0) return;
    const lines = [
      '',
      `*** ${this.skips.reduce((n, s) => n + s.skipped, 0)} tests did NOT run on this machine (a tool is missing; CI runs them, and fails without the tool):`,
      ...this.skips.sort((a, b) => a.file.localeCompare(b.file)).map((s) => `***   ${s.file}: ${s.skipped} skipped. ${s.title}`),
      '',
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

module.exports = SkipReporter;
