// The CLI's view of the process: streams, environment, stdin. `main` receives
// one of these, so tests drive the whole CLI without spawning a process.

import { isTerminal, writeAll } from '@wyn/interpreter';

export interface OutStream {
  write(chunk: string | Uint8Array): void;
  readonly isTTY: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  stdinIsTTY: boolean;
  readStdin(): Promise<string>;
  /** The streams the REPL reads and draws on: the process's own, or test doubles. */
  replStreams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

/**
 * Writes synchronously, so output is never lost when the process ends right
 * after. The Node stream is consulted only for the terminal's width: creating
 * process.stdout costs milliseconds every `wyn run` would pay.
 */
function fdStream(fd: number, stream: () => NodeJS.WriteStream): OutStream {
  return {
    write(chunk) {
      writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    },
    get isTTY() {
      return isTerminal(fd);
    },
    get columns() {
      return stream().columns;
    },
  };
}

export function processIo(): Io {
  return {
    stdout: fdStream(1, () => process.stdout),
    stderr: fdStream(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    get stdinIsTTY() {
      return isTerminal(0);
    },
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
    get replStreams() {
      return { input: process.stdin, output: process.stdout };
    },
  };
}
