// Runs a Wyn snippet through `run` with a recording Host (in-memory world).

import { run } from '@wyn/interpreter';
import type { MemoryOptions } from './memory-host';
import { type Recording, recordingHost } from './recording-host';

export async function runWyn(code: string, files: Record<string, string> = {}, options: MemoryOptions = {}): Promise<{ stdout: string; stderr: string; status: number }> {
  const { rec, status } = await runRecorded(code, files, options);
  return { stdout: rec.stdout(), stderr: rec.stderr(), status };
}

/** Like runWyn, but keeps the recording: tests of output order look at `rec.events()`. */
export async function runRecorded(code: string, files: Record<string, string> = {}, options: MemoryOptions = {}): Promise<{ rec: Recording; status: number }> {
  const rec = recordingHost({ ...options, files });
  const status = await run('main.wyn', code, rec.host);
  return { rec, status };
}
