// Lists skipped suites by name at the end of a run, so a missing service is never silent.
class SkipReporter {
  constructor() {
    this.skipped = new Set();
  }
  onTestResult(_test, result) {
    for (const assertion of result.testResults) {
      if (assertion.status === 'pending') {
        const suite = assertion.ancestorTitles.find((title) => title.includes('[skipped:'));
        if (suite) this.skipped.add(`${result.testFilePath.replace(process.cwd() + '/', '')}: ${suite}`);
      }
    }
  }
  onRunComplete() {
    if (this.skipped.size === 0) return;
    console.log(`\nSkipped suites (${this.skipped.size}):`);
    for (const line of this.skipped) console.log(`  - ${line}`);
  }
}
module.exports = SkipReporter;
