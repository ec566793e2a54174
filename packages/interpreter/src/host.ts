// Everything the interpreter may touch in the world, injected by the caller
// the way engine262 takes host hooks (STYLE.md "Packages"). The CLI passes
// `nodeHost()`; tests pass a recording host.

export interface ExecResult { status: number; stdout: string; stderr: string }

export interface Host {
  writeStdout(bytes: Uint8Array | string): void;
  writeStderr(text: string): void;
  /** File contents, or null when the file cannot be read. Imports and File.* use it. */
  readFile(path: string): Uint8Array | null;
  writeFile(path: string, data: Uint8Array, append: boolean): boolean;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  listDir(path: string): string[] | null;
  mkdir(path: string): boolean;
  remove(path: string): boolean;
  rename(from: string, to: string): boolean;
  fileSize(path: string): number;
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
  exec(command: string): ExecResult;
  readLine(): string | null;
  platform(): { os: string; arch: string; hostname: string; pid: number; cpus: number; user: string; home: string; tmp: string };
  hash(algorithm: string, data: Uint8Array): string;
  randomBytes(n: number): Uint8Array;
}

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
