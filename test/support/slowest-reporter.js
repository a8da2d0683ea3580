// A Jest reporter (issue 17): after the run, the ten slowest test files with their wall time, so that the cost of the
// suite is visible in every `npm test` and CI log. Plain JavaScript: Jest loads reporters without a transform.
class SlowestReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((r) => ({ file: r.testFilePath.replace(`${process.cwd()}/`, ''), seconds: (r.perfStats.end - r.perfStats.start) / 1000 }))
      .filter((r) => Number.isFinite(r.seconds))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 10);
    if (files.length === 0) return;
    const wall = (Date.now() - results.startTime) / 1000;
    const lines = files.map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}`);
    process.stderr.write(`\nSlowest test files (wall time each; the whole run took ${wall.toFixed(0)} s):\n${lines.join('\n')}\n`);
  }
}
module.exports = SlowestReporter;
