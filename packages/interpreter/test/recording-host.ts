// A Host that records output and serves files from memory first, then disk
// through a read-only view (tests never spawn processes: STYLE.md "Tests").

import type { Host } from '@wyn/interpreter';

export interface Recording {
  host: Host;
  stdout: () => string;
  stderr: () => string;
}

export function recordingHost(options: { files?: Record<string, string>; args?: string[]; readFile?: (p: string) => Uint8Array | null; base?: Host } = {}): Recording {
  const out: Uint8Array[] = [];
  let err = '';
  const files = new Map(Object.entries(options.files ?? {}));
  const enc = new TextEncoder();
  const base = options.base;
  const host: Host = {
    ...(base ?? ({} as Host)),
    writeStdout: (b) => out.push(typeof b === 'string' ? enc.encode(b) : b.slice()),
    writeStderr: (t) => {
      err += t;
    },
    readFile: (p) => {
      const f = files.get(p);
      if (f !== undefined) return enc.encode(f);
      return options.readFile?.(p) ?? base?.readFile(p) ?? null;
    },
    args: () => options.args ?? base?.args() ?? ['main.wyn'],
  };
  return {
    host,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => err,
  };
}
