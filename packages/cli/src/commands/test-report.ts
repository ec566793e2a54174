// What `wyn test` shows. stdout: one line per test (`ok` or `FAIL`), the
// output of each failed test indented under it, and `N passed, M failed` as
// the last line. stderr: diagnostics and panics of failed tests, and, on a
// terminal only, a progress line that is redrawn in place and erased before
// anything else is written, so it never ends up in a log or a pipe.

import type { Io } from '../io';

/** Output a test produced while it ran, kept apart until we know whether it failed. */
export interface Captured {
  stdout: string;
  stderr: string;
}

export interface Outcome {
  /** The name --filter matches: the `test "name"` text, or the file path for a file without test blocks. */
  name: string;
  file: string;
  passed: boolean;
  output: Captured;
}

const ERASE_LINE = '\r\x1b[K';

export class TestReport {
  passed = 0;
  failed = 0;
  private progressShown = false;

  constructor(private readonly io: Io) {}

  /** Shows what runs now, as `[i/n] file › name` (i counts files), cut to the terminal's width. */
  progress(fileIndex: number, files: number, label: string): void {
    if (!this.io.stderr.isTTY) return;
    const line = `[${fileIndex + 1}/${files}] ${label}`;
    const width = this.io.stderr.columns ?? 80;
    this.io.stderr.write(ERASE_LINE + (line.length < width ? line : line.slice(0, width - 2) + '…'));
    this.progressShown = true;
  }

  record(outcome: Outcome): void {
    this.clearProgress();
    const label = outcome.name === outcome.file ? outcome.file : `${outcome.file} › ${outcome.name}`;
    if (outcome.passed) {
      this.passed++;
      this.io.stdout.write(`ok   ${label}\n`);
      return;
    }
    this.failed++;
    this.io.stdout.write(`FAIL ${label}\n`);
    const out = outcome.output.stdout.replace(/\n$/, '');
    if (out !== '') this.io.stdout.write(out.split('\n').map((l) => (l === '' ? '\n' : `     ${l}\n`)).join(''));
    if (outcome.output.stderr !== '') this.io.stderr.write(outcome.output.stderr);
  }

  summary(): void {
    this.clearProgress();
    this.io.stdout.write(`${this.passed} passed, ${this.failed} failed\n`);
  }

  private clearProgress(): void {
    if (!this.progressShown) return;
    this.io.stderr.write(ERASE_LINE);
    this.progressShown = false;
  }
}
