// A Host with no side effects, for unit tests (STYLE.md "Tests": no child
// processes): an in-memory file system under `/`, a clock that only moves
// when the program sleeps, an environment map, and shell commands answered
// from a table. Digests come from node:crypto, which tests may use directly.

import { createHash, createHmac } from 'node:crypto';
import type { FileStat, Host } from '@wyn/interpreter';

export interface MemoryOptions {
  files?: Record<string, string>;
  /** Shell command → [status, stdout]. Unknown commands exit 127 with no output. */
  commands?: Record<string, [number, string]>;
  stdin?: string[];
  terminal?: boolean;
}

const enc = new TextEncoder();

/** The parent directory of an absolute or relative path, for the directory table. */
const parentOf = (p: string): string => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));

export function memoryHost(options: MemoryOptions = {}): Host {
  const files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  const dirs = new Set<string>(['/', '/tmp']);
  const env = new Map<string, string>();
  const stdin = [...(options.stdin ?? [])];
  const pendingBytes: number[] = [];
  let clockMs = 1_700_000_000_000;
  for (const [p, text] of Object.entries(options.files ?? {})) files.set(p, { data: enc.encode(text), mtimeMs: clockMs });
  const under = (p: string) => [...files.keys(), ...dirs].filter((q) => q.startsWith(p + '/'));
  const host: Host = {
    writeStdout: () => undefined,
    writeStderr: () => undefined,
    stdoutIsTerminal: () => options.terminal ?? false,
    readFile: (p) => files.get(p)?.data.slice() ?? null,
    writeFile: (p, data, append) => {
      if (!dirs.has(parentOf(p)) && p.includes('/')) return false;
      const old = append ? (files.get(p)?.data ?? new Uint8Array(0)) : new Uint8Array(0);
      const next = new Uint8Array(old.length + data.length);
      next.set(old);
      next.set(data, old.length);
      files.set(p, { data: next, mtimeMs: clockMs });
      return true;
    },
    stat: (p): FileStat | null => {
      const f = files.get(p);
      if (f !== undefined) return { kind: 'file', size: f.data.length, mtimeMs: f.mtimeMs };
      return dirs.has(p) ? { kind: 'dir', size: 0, mtimeMs: clockMs } : null;
    },
    listDir: (p) => (dirs.has(p) ? under(p).map((q) => q.slice(p.length + 1)).filter((q) => !q.includes('/')) : null),
    mkdir: (p, recursive) => {
      if (dirs.has(p)) return recursive;
      if (!dirs.has(parentOf(p)) && !recursive) return false;
      for (let q = p; !dirs.has(q); q = parentOf(q)) dirs.add(q);
      return true;
    },
    remove: (p, recursive) => {
      if (files.delete(p)) return true;
      if (!dirs.has(p) || (!recursive && under(p).length > 0)) return false;
      for (const q of under(p)) {
        files.delete(q);
        dirs.delete(q);
      }
      return dirs.delete(p);
    },
    rename: (a, b) => {
      const f = files.get(a);
      if (f === undefined) return false;
      files.delete(a);
      files.set(b, f);
      return true;
    },
    copyFile: (a, b) => {
      const f = files.get(a);
      return f !== undefined && host.writeFile(b, f.data, false);
    },
    cwd: () => '/',
    env: (name) => env.get(name) ?? null,
    setEnv: (name, value) => {
      env.set(name, value);
    },
    args: () => ['main.wyn'],
    now: () => clockMs,
    monotonicNs: () => BigInt(clockMs) * 1_000_000n,
    sleepMs: (ms) => {
      clockMs += ms;
    },
    exec: (command) => {
      const [status, out] = options.commands?.[command] ?? [127, ''];
      return { status, stdout: enc.encode(out) };
    },
    readLine: () => stdin.shift() ?? null,
    readByte: () => {
      // Bytes come from the same lines, each followed by its newline.
      if (pendingBytes.length === 0 && stdin.length > 0) pendingBytes.push(...enc.encode(stdin.shift() + '\n'));
      return pendingBytes.shift() ?? null;
    },
    terminalSize: () => (options.terminal === true ? { cols: 100, rows: 30 } : null),
    setRawMode: () => options.terminal === true,
    platform: () => ({ os: 'linux', arch: 'x86_64', hostname: 'test', pid: 4242, cpus: 2, user: 'wyn', home: '/home/wyn', tmp: '/tmp' }),
    hash: (algorithm, data) => createHash(algorithm).update(data).digest(),
    hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
    randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255),
  };
  return host;
}
