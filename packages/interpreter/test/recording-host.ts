// A Host that records output. Without `base` everything else is the
// side-effect-free memory host; with `base` (the golden runner passes the
// real one) only output and arguments are intercepted.

import type { Host } from '@wyn/interpreter';
import { memoryHost, type MemoryOptions } from './memory-host';

export interface Recording {
  host: Host;
  stdout: () => string;
  stderr: () => string;
  /** Output in the order it reached the host: `['out', text]` / `['err', text]`, one entry per host call. */
  events: () => [string, string][];
}

export function recordingHost(options: MemoryOptions & { args?: string[]; base?: Host } = {}): Recording {
  const events: [string, string][] = [];
  const dec = new TextDecoder();
  const base = options.base ?? memoryHost(options);
  const host: Host = {
    ...base,
    writeStdout: (b) => {
      events.push(['out', typeof b === 'string' ? b : dec.decode(b)]);
    },
    writeStderr: (t) => {
      events.push(['err', t]);
    },
    args: () => options.args ?? base.args(),
  };
  const text = (kind: string) => events.filter((e) => e[0] === kind).map((e) => e[1]).join('');
  return { host, stdout: () => text('out'), stderr: () => text('err'), events: () => events };
}
