// Lists every skipped test by file and name at the end of a run, so a missing service or a
// skipped case is never silent. Under CI (CI=true, as .ci/run sets) a skipped test that is not
// in test/allowed-skips.json, with its reason, fails the run: CI promises that nothing else is skipped.
const { readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ALLOWED_FILE = join(__dirname, '..', 'allowed-skips.json');

class SkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    // A run filtered by test name (-t) skips the rest on purpose; only whole runs are checked.
    this.filtered = Boolean(globalConfig.testNamePattern);
    this.skipped = [];
    this.error = undefined;
  }
  onTestResult(_test, result) {
    const file = relative(this.rootDir, result.testFilePath);
    for (const assertion of result.testResults) {
      if (assertion.status === 'pending' || assertion.status === 'todo' || assertion.status === 'skipped') {
        this.skipped.push({ file, test: assertion.fullName });
      }
    }
  }
  onRunComplete() {
    this.error = undefined;
    if (this.skipped.length === 0) return;
    if (this.filtered) {
      console.log(`\n${this.skipped.length} test(s) left out by the name filter (-t).`);
      return;
    }
    const allowed = loadAllowed();
    const reasonOf = (skip) => allowed.find((entry) => entry.file === skip.file && entry.test === skip.test)?.reason;
    console.log(`\nSkipped tests (${this.skipped.length}):`);
    for (const skip of this.skipped) {
      const reason = reasonOf(skip);
      console.log(`  - ${skip.file}: ${skip.test}${reason ? `\n      allowed: ${reason}` : ''}`);
    }
    const unexpected = this.skipped.filter((skip) => !reasonOf(skip));
    if (process.env.CI === 'true' && !this.filtered && unexpected.length > 0) {
      const list = unexpected.map((skip) => `  - ${skip.file}: ${skip.test}`).join('\n');
      console.log(`\nCI: ${unexpected.length} skipped test(s) not allowed in test/allowed-skips.json:\n${list}`);
      this.error = new Error(`${unexpected.length} unexpected skipped test(s) under CI; see the list above`);
    }
  }
  getLastError() {
    return this.error;
  }
}

function loadAllowed() {
  return JSON.parse(readFileSync(ALLOWED_FILE, 'utf8')).allowed;
}

module.exports = SkipReporter;
