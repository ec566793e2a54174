// Runs a Wyn snippet through `run` with a recording Host.

import { run } from '@wyn/interpreter';
import { recordingHost } from './recording-host';

export async function runWyn(code: string, files: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; status: number }> {
  const rec = recordingHost({ files });
  const status = await run('main.wyn', code, rec.host);
  return { stdout: rec.stdout(), stderr: rec.stderr(), status };
}
