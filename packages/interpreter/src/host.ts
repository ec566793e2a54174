// Everything the interpreter may touch in the world, injected by the caller
// the way engine262 takes host hooks (STYLE.md "Packages"). The CLI passes
// `nodeHost()`; tests pass a recording host. Byte data crosses as Uint8Array;
// paths, commands and names are JS text.

/** What a finished shell command left: its status and its stdout bytes (STDLIB §15). */
export interface ExecResult { status: number; stdout: Uint8Array }

export interface FileStat { kind: 'file' | 'dir' | 'other'; size: number; mtimeMs: number }

export interface Platform { os: string; arch: string; hostname: string; pid: number; cpus: number; user: string; home: string; tmp: string }

export interface Host {
  writeStdout(bytes: Uint8Array | string): void;
  writeStderr(text: string): void;
  /** True when stdout is a terminal: the runtime then flushes per line (DESIGN §3). */
  stdoutIsTerminal(): boolean;
  /** File contents, or null when the file cannot be read. Imports and File.* use it. */
  readFile(path: string): Uint8Array | null;
  writeFile(path: string, data: Uint8Array, append: boolean): boolean;
  /** Null when nothing exists at `path`. */
  stat(path: string): FileStat | null;
  /** Entry names in directory order (STDLIB §14 `list_dir` is unsorted), or null. */
  listDir(path: string): string[] | null;
  /** One directory, failing when it exists; `recursive` creates parents and accepts an existing one. */
  mkdir(path: string, recursive: boolean): boolean;
  /** A file or an empty directory; `recursive` removes a whole tree. False when nothing was removed. */
  remove(path: string, recursive: boolean): boolean;
  rename(from: string, to: string): boolean;
  copyFile(from: string, to: string): boolean;
  cwd(): string;
  env(name: string): string | null;
  setEnv(name: string, value: string): void;
  /** Program arguments: `args()[0]` is the program path, then what followed `--`. */
  args(): string[];
  /** Wall clock, milliseconds since the epoch. */
  now(): number;
  /** Monotonic clock, nanoseconds as a bigint. */
  monotonicNs(): bigint;
  sleepMs(ms: number): void;
  /** Runs `command` with `/bin/sh -c`; its stderr is not captured (STDLIB §15). */
  exec(command: string): ExecResult;
  /** One line of stdin without its `\n`, or null at the end of input. */
  readLine(): string | null;
  /** One byte of stdin (Terminal.read_key), or null at the end of input; shares readLine's buffer. */
  readByte(): number | null;
  /** The terminal's size when stdout is one, else null (Terminal.cols/rows, STDLIB §22). */
  terminalSize(): { cols: number; rows: number } | null;
  /** Raw, unechoed keyboard input on (true) or back to how it was (false); false when stdin is no terminal. */
  setRawMode(on: boolean): boolean;
  /** Wyn names: os is linux / macos / windows / unknown, arch is x86_64 / arm64 / … (STDLIB §15). */
  platform(): Platform;
  /** Raw digest of `data` (`sha256`, `sha1`, `md5`). */
  hash(algorithm: string, data: Uint8Array): Uint8Array;
  /** Raw HMAC of `data` under `key`. */
  hmac(algorithm: string, key: Uint8Array, data: Uint8Array): Uint8Array;
  randomBytes(n: number): Uint8Array;
}

/**
 * Runs `body` so that the caller's environment can stop it from outside,
 * the way Ctrl-C stops a program (the CLI's hook terminates JavaScript
 * execution on SIGINT). Returns true when `body` ran to its end, false when
 * it was stopped; what `body` throws passes through. Stopped code leaves its
 * state wherever it was, so the interpreter resets what it can afterwards.
 */
export type Interruptible = (body: () => void) => boolean;

/** Path helpers without node:path (the interpreter has no Node imports outside host-node.ts). */
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function joinPath(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '' || a === '.') return b;
  return a.endsWith('/') ? a + b : a + '/' + b;
}
