import path from 'node:path';
import { TestEnvironment } from 'jest-environment-node';
import type { Circus } from '@jest/types';
import type { FailureInfo } from '../../api/src/test-support/diagnostics';

const ROOT = path.resolve(__dirname, '../..');

const fullName = (test: Circus.TestEntry | Circus.DescribeBlock): string => {
  const names: string[] = [];
  for (
    let at: Circus.TestEntry | Circus.DescribeBlock | undefined = test;
    at && at.name !== 'ROOT_DESCRIBE_BLOCK';
    at = at.parent
  )
    names.unshift(at.name);
  return names.join(' › ');
};

/**
 * Node's test environment plus failure reports: when a test (or a hook) fails, every hook the test file
 * registered through api/src/test-support/diagnostics.ts (the app's server log, the browser's pages) is
 * called while the pages are still open, and what they return is added to the test's failure, so the CI
 * log shows the failing step, the last state seen, the server's lines for the requests involved and where
 * the screenshots are.
 */
export default class DiagnosticsEnvironment extends TestEnvironment {
  private started = Date.now();
  private file = '';

  constructor(
    config: ConstructorParameters<typeof TestEnvironment>[0],
    context: ConstructorParameters<typeof TestEnvironment>[1],
  ) {
    super(config, context);
    this.file = path.relative(ROOT, context.testPath);
  }

  async handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent): Promise<void> {
    if (event.name === 'test_start' || event.name === 'hook_start') this.started = Date.now();
    if (event.name === 'test_fn_failure') {
      const report = await this.collect({ name: fullName(event.test), startedAt: this.started, file: this.file });
      if (report) event.test.errors.push(asFailure(report));
    }
    if (event.name === 'hook_failure') {
      const owner = event.test ?? event.describeBlock;
      const report = await this.collect({
        name: `${event.hook.type} of ${owner ? fullName(owner) || this.file : this.file}`,
        startedAt: this.started,
        file: this.file,
      });
      if (!report) return;
      // A beforeAll/afterAll failure is reported on the tests it skips; its report goes to the worker's
      // stderr (printed by Jest) as well as onto the test when there is one.
      if (event.test) event.test.errors.push(asFailure(report));
      else process.stderr.write(`\n[diagnostics] ${this.file}: ${event.hook.type} failed\n${report}\n`);
    }
  }

  private async collect(info: FailureInfo): Promise<string | null> {
    const registry = this.global.__nekjDiagnostics as
      { hooks: Set<(info: FailureInfo) => Promise<string | null> | string | null> } | undefined;
    const parts: string[] = [];
    for (const hook of registry?.hooks ?? []) {
      try {
        const part = await hook(info);
        if (part) parts.push(part);
      } catch (err) {
        parts.push(`(a diagnostics hook failed: ${(err as Error).message})`);
      }
    }
    return parts.length ? `Diagnostics for "${info.name}":\n${parts.join('\n\n')}` : null;
  }
}

/** An error whose whole text is the report (no stack frames: it points at nothing in the code). */
function asFailure(report: string): Error {
  const err = new Error(report);
  err.stack = report;
  return err;
}
