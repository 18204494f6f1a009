/**
 * Ends a test run with one plain line, `N passed, N failed, N skipped`, that any CI can read.
 * A suite or file that fails outside its tests (a layer that cannot be built, say) counts as one failure.
 */
import type { Reporter, TestModule } from "vitest/node"

export default class SummaryReporter implements Reporter {
  private summary = ""

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      if (module.errors().length > 0) failed++
      for (const suite of module.children.allSuites()) {
        if (suite.errors().length > 0) failed++
      }
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
    }
    this.summary = `${passed} passed, ${failed} failed, ${skipped} skipped`
  }

  // The default reporter prints its summary in onFinished, after onTestRunEnd: print ours after it.
  onFinished(): void {
    if (this.summary !== "") process.stdout.write(`\n${this.summary}\n`)
  }
}
