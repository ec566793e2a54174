// `wyn test [PATH] [--filter TEXT]`: runs the `test_*.wyn` files under PATH
// (default `.`; a file given by name runs whatever its name).
//
// What counts as one test:
//   - each `test "name" { }` block of a file. The file's top level runs
//     first, once, as setup; then each block runs in the same session, so it
//     sees the file's functions and globals. A block passes when it finishes
//     without a panic, a failed `assert` or Test-module check, or `exit(n)`
//     with n ≠ 0;
//   - a file with no test blocks is one test named by its path, run as a
//     program (main mode included) that must exit 0: a Test-module file such
//     as conformance 363/364 fails when any of its checks fails.
// --filter keeps the tests whose name contains TEXT. Static errors fail the
// whole file. Exit 1 when any test failed or no test file was found.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSession, type Host, run } from '@wyn/interpreter';
import { parse, renderDiagnostic } from '@wyn/parser';
import { cliHost } from '../host';
import type { Io } from '../io';
import { readSource } from '../read-source';
import { type Captured, TestReport } from './test-report';

export interface TestOptions {
  path: string;
  filter: string | null;
  color: boolean;
}

/** A host whose program output is kept for the report instead of printed. */
function capturingHost(io: Io, file: string): { host: Host; take(): Captured } {
  const dec = new TextDecoder();
  let stdout = '';
  let stderr = '';
  const host: Host = {
    ...cliHost(io, [file]),
    writeStdout: (b) => void (stdout += typeof b === 'string' ? b : dec.decode(b, { stream: true })),
    writeStderr: (t) => void (stderr += t),
    stdoutIsTerminal: () => false,
  };
  return {
    host,
    take() {
      const c = { stdout, stderr };
      stdout = stderr = '';
      return c;
    },
  };
}

/** `test_*.wyn` files under `dir`, sorted, skipping hidden folders and node_modules. */
function findTestFiles(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relPath = rel === '.' ? entry.name : path.join(rel, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      out.push(...findTestFiles(path.join(dir, entry.name), relPath));
    } else if (entry.isFile() && entry.name.startsWith('test_') && entry.name.endsWith('.wyn')) {
      out.push(relPath);
    }
  }
  return out;
}

function testFiles(target: string, io: Io): string[] | null {
  const abs = path.resolve(io.cwd, target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    io.stderr.write(`wyn: cannot read ${target}: no such file or directory\n`);
    return null;
  }
  return stat.isDirectory() ? findTestFiles(abs, target) : [target];
}

export async function testCommand(options: TestOptions, io: Io): Promise<number> {
  const files = testFiles(options.path, io);
  if (files === null) return 1;
  if (files.length === 0) {
    io.stderr.write(`wyn: no test_*.wyn files under ${options.path}\n`);
    return 1;
  }
  const report = new TestReport(io);
  const selected = (name: string) => options.filter === null || name.includes(options.filter);
  for (const [i, file] of files.entries()) {
    const text = readSource(file, io);
    if (text === null) {
      report.record({ name: file, file, passed: false, output: { stdout: '', stderr: '' } });
      continue;
    }
    const progress = (label: string) => report.progress(i, files.length, label);
    const parsed = parse(text, file);
    const hasBlocks = parsed.program?.body.some((s) => s.kind === 'TestDecl') ?? false;
    if (hasBlocks) {
      await runBlocks(file, text, { io, report, selected, color: options.color, progress });
    } else if (selected(file)) {
      progress(file);
      await runProgram(file, text, io, report);
    }
  }
  report.summary();
  return report.failed > 0 ? 1 : 0;
}

interface BlockContext {
  io: Io;
  report: TestReport;
  selected: (name: string) => boolean;
  color: boolean;
  /** Shows the test about to run on the progress line. */
  progress: (label: string) => void;
}

async function runProgram(file: string, text: string, io: Io, report: TestReport): Promise<void> {
  const { host, take } = capturingHost(io, file);
  const status = await run(file, text, host);
  report.record({ name: file, file, passed: status === 0, output: take() });
}

/** Test blocks run in one session per file; one that spawns gets worker threads, which end with the file. */
async function runBlocks(file: string, text: string, cx: BlockContext): Promise<void> {
  const { host, take } = capturingHost(cx.io, file);
  const session = createSession(host, file);
  try {
    cx.progress(file);
    const setup = session.evaluate(text);
    await session.settle();
    if (setup.diagnostics.length > 0 || setup.failed || (setup.exit ?? 0) !== 0) {
      const rendered = setup.diagnostics.map((d) => renderDiagnostic(d, setup.sources.get(d.file), { color: cx.color })).join('');
      const out = take();
      cx.report.record({ name: file, file, passed: false, output: { stdout: out.stdout, stderr: rendered + out.stderr } });
      return;
    }
    take();
    for (const t of setup.tests) {
      if (!cx.selected(t.name)) continue;
      cx.progress(`${file} › ${t.name}`);
      const r = session.runTest(t);
      // A failed test that left tasks behind: their last output belongs to it.
      await session.settle();
      const rendered = r.diagnostics.map((d) => renderDiagnostic(d, r.sources.get(d.file), { color: cx.color })).join('');
      const out = take();
      const passed = r.diagnostics.length === 0 && !r.failed && (r.exit ?? 0) === 0;
      cx.report.record({ name: t.name, file, passed, output: { stdout: out.stdout, stderr: rendered + out.stderr } });
    }
  } finally {
    await session.close();
  }
}
