// Running conformance programs the way the golden tests do: through `run()`
// with a recording Host, from the program's own directory (imports and file
// operations are relative to it), with the expectations stored beside it.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeHost, run, type RunOptions } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

export const conformanceRoot = path.join(__dirname, 'conformance');

/** A known-failing list (`known-failing.txt` by default): program → reason. */
export function knownFailing(list = 'known-failing.txt'): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(__dirname, list), 'utf8').split('\n')) {
    const m = /^(\S+)\s+(.+)$/.exec(line.trim());
    if (m !== null && !line.startsWith('#')) known.set(m[1], m[2]);
  }
  return known;
}

/** The `.out` text and `.exit` status (0 when there is no `.exit` file) of a program. */
export function expectation(file: string): { stdout: string; status: number } {
  const base = file.slice(0, -'.wyn'.length);
  const status = fs.existsSync(base + '.exit') ? Number(fs.readFileSync(base + '.exit', 'utf8').trim()) : 0;
  return { stdout: fs.readFileSync(base + '.out', 'utf8'), status };
}

/** Runs `text` as the program at `file` (with `args` after it) and returns what it printed and its status. */
export async function runConformance(
  file: string,
  text: string,
  args: string[] = [],
  options?: RunOptions,
): Promise<{ stdout: string; status: number }> {
  const rec = recordingHost({ base: nodeHost({ args: [path.relative(process.cwd(), file), ...args] }) });
  const cwd = process.cwd();
  process.chdir(path.dirname(file));
  try {
    const status = await run(path.basename(file), text, rec.host, options);
    return { stdout: rec.stdout(), status };
  } finally {
    process.chdir(cwd);
  }
}

/** Kills a child still running after this long: a hang guard, not a performance limit. */
export const HANG_GUARD_MS = 60_000;

/**
 * Runs `wyn run --workers N FILE` from the TypeScript sources
 * (scripts/wyn-src.js) in a child process under the hang guard, from `cwd`:
 * for programs that may hang, which must not take the test process with them.
 */
export function runGuarded(file: string, workers: number, cwd: string): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const cli = path.join(__dirname, '..', 'scripts', 'wyn-src.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--stack-size=7000', cli, 'run', '--workers', String(workers), file], {
      cwd,
      timeout: HANG_GUARD_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}
