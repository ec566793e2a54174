// The real Host, on Node built-ins. The only interpreter file allowed to
// import them (eslint.config.mjs); everything else reaches the world through
// the Host interface. Every file-system hook reports failure as false / null
// rather than throwing: the File module turns that into its 0 / -1 / "" results.

import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import type * as Os from 'node:os';
import type * as Tty from 'node:tty';
import type { ExecResult, FileStat, Host } from './host';
import { ExitSignal } from './runtime/errors';

// Loaded on first use: most programs never run a command or hash anything, and
// every `wyn run` pays for the modules loaded at start-up.
/* eslint-disable @typescript-eslint/no-require-imports */
const childProcess = () => require('node:child_process') as typeof ChildProcess;
const crypto = () => require('node:crypto') as typeof Crypto;
const os = () => require('node:os') as typeof Os;
const tty = () => require('node:tty') as typeof Tty;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs `f`, turning any thrown error into `fallback`. */
function attempt<T>(fallback: T, f: () => T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

/**
 * Whether fd is a terminal, and on Linux without loading node:tty
 * (milliseconds of every start-up, workers' included): a character device's
 * major number tells a terminal (4 and 5: consoles and /dev/tty; 136–143:
 * pseudo-terminals) from /dev/null and its kin (1). Any other device asks
 * node:tty. The CLI uses it too, so it never creates process.stdout to ask.
 */
export function isTerminal(fd: number): boolean {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch {
    return false;
  }
  if (!st.isCharacterDevice()) return false;
  if (process.platform === 'linux') {
    const major = (st.rdev >> 8) & 0xfff;
    if (major === 1) return false;
    if (major === 4 || major === 5 || (major >= 136 && major <= 143)) return true;
  }
  return tty().isatty(fd);
}

const OS_NAMES: Record<string, string> = { linux: 'linux', darwin: 'macos', win32: 'windows' };
const ARCH_NAMES: Record<string, string> = { x64: 'x86_64', arm64: 'arm64', ia32: 'x86', arm: 'arm' };

export function nodeHost(options: { args: string[] }): Host {
  const stdin = stdinReader();
  return {
    writeStdout: (bytes) => writeAll(1, typeof bytes === 'string' ? Buffer.from(bytes) : bytes),
    writeStderr: (text) => writeAll(2, Buffer.from(text)),
    // fstat first: node:tty costs milliseconds to load, and only a character device can be a terminal.
    stdoutIsTerminal: () => isTerminal(1),
    readFile: (p) => attempt(null, () => fs.readFileSync(p)),
    writeFile: (p, data, append) => attempt(false, () => {
      if (append) fs.appendFileSync(p, data);
      else fs.writeFileSync(p, data);
      return true;
    }),
    stat: (p) => attempt(null, (): FileStat => {
      const s = fs.statSync(p);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other', size: s.size, mtimeMs: s.mtimeMs };
    }),
    listDir: (p) => attempt(null, () => fs.readdirSync(p)),
    mkdir: (p, recursive) => attempt(false, () => {
      fs.mkdirSync(p, { recursive, mode: 0o755 });
      return true;
    }),
    remove: (p, recursive) => attempt(false, () => {
      if (recursive) {
        if (!fs.existsSync(p)) return false;
        fs.rmSync(p, { recursive: true });
      } else if (fs.lstatSync(p).isDirectory()) fs.rmdirSync(p);
      else fs.unlinkSync(p);
      return true;
    }),
    rename: (a, b) => attempt(false, () => {
      fs.renameSync(a, b);
      return true;
    }),
    copyFile: (a, b) => attempt(false, () => {
      fs.copyFileSync(a, b);
      return true;
    }),
    cwd: () => process.cwd(),
    env: (name) => process.env[name] ?? null,
    setEnv: (name, value) => {
      process.env[name] = value;
    },
    args: () => options.args,
    now: () => Date.now(),
    monotonicNs: () => process.hrtime.bigint(),
    sleepMs: (ms) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    },
    exec: (command): ExecResult => {
      // stderr goes straight to ours, as popen leaves it (STDLIB §15). The env is passed explicitly:
      // an embedder's `process.env` may be a copy (jest's is) that children would not otherwise see.
      const r = childProcess().spawnSync('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env, maxBuffer: 1 << 30 });
      return { status: r.status ?? 128 + (r.signal !== null ? os().constants.signals[r.signal] : 0), stdout: r.stdout ?? new Uint8Array(0) };
    },
    readLine: () => stdin.line(),
    readByte: () => stdin.byte(),
    terminalSize: () => {
      // In a worker thread process.stdout is a pipe to the main thread, with no size to ask.
      const out = process.stdout as Partial<Tty.WriteStream>;
      if (!isTerminal(1) || out.getWindowSize === undefined) return null;
      const [cols, rows] = out.getWindowSize();
      // A pseudo-terminal nobody sized (`script` under a pipe) reports 0×0.
      return cols > 0 && rows > 0 ? { cols, rows } : null;
    },
    setRawMode: (on) => rawMode(on),
    platform: () => ({
      os: OS_NAMES[process.platform] ?? 'unknown',
      arch: ARCH_NAMES[os().arch()] ?? os().arch(),
      hostname: os().hostname(),
      pid: process.pid,
      cpus: os().availableParallelism(),
      user: attempt('', () => os().userInfo().username),
      home: os().homedir(),
      tmp: os().tmpdir(),
    }),
    hash: (algorithm, data) => crypto().createHash(algorithm).update(data).digest(),
    hmac: (algorithm, key, data) => crypto().createHmac(algorithm, key).update(data).digest(),
    randomBytes: (n) => crypto().randomBytes(n),
  };
}

/**
 * Stdin read as it arrives, not slurped to the end: a program that prompts
 * gets each answer as soon as its line is typed, and Terminal.read_key gets
 * single bytes in raw mode. Lines and bytes come from one buffer.
 */
function stdinReader(): { line(): string | null; byte(): number | null } {
  let buf = Buffer.alloc(0);
  let pos = 0;
  let ended = false;
  const chunk = Buffer.alloc(1 << 16);
  /** Appends what stdin has next; false at its end (or when it cannot be read). */
  const fill = (): boolean => {
    while (!ended) {
      try {
        const n = fs.readSync(0, chunk, 0, chunk.length, null);
        if (n === 0) break;
        buf = Buffer.concat([buf.subarray(pos), chunk.subarray(0, n)]);
        pos = 0;
        return true;
      } catch (e) {
        // A non-blocking stdin with nothing yet: wait for input rather than call it the end.
        if ((e as { code?: string }).code !== 'EAGAIN') break;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
    ended = true;
    return false;
  };
  return {
    line() {
      for (;;) {
        const nl = buf.indexOf(10, pos);
        if (nl >= 0) {
          const text = buf.toString('utf8', pos, nl);
          pos = nl + 1;
          return text;
        }
        if (!fill()) {
          if (pos >= buf.length) return null;
          const text = buf.toString('utf8', pos);
          pos = buf.length;
          return text;
        }
      }
    },
    byte() {
      if (pos >= buf.length && !fill()) return null;
      return buf[pos++];
    },
  };
}

/** The terminal settings before raw mode (`stty -g`), restored by rawMode(false) or when the process exits. */
let savedTty: string | null = null;

function stty(args: string[]): string | null {
  const r = childProcess().spawnSync('stty', args, { stdio: ['inherit', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.toString().trim() : null;
}

function rawMode(on: boolean): boolean {
  if (!on) {
    if (savedTty === null) return false;
    const ok = stty([savedTty]) !== null;
    savedTty = null;
    return ok;
  }
  if (savedTty !== null) return true;
  const saved = stty(['-g']);
  if (saved === null || stty(['raw', '-echo']) === null) return false;
  savedTty = saved;
  // A program that ends without Terminal.restore() must not leave the shell in raw mode.
  process.once('exit', () => rawMode(false));
  return true;
}

/** Set once a write met EPIPE: nobody reads that stream any more (fd 1 and 2). */
const closed = [false, false, false];

/**
 * Writes every byte: a pipe may accept only part of a large write (EAGAIN is
 * retried). When the reader has gone (EPIPE, `wyn run x | head -1`), what is
 * written there later is dropped, and a program writing to stdout ends as a
 * C program would on SIGPIPE: quietly, with status 141 (128 + SIGPIPE), as
 * `exit(141)` from whichever thread wrote.
 */
export function writeAll(fd: number, data: Uint8Array): void {
  if (closed[fd]) return;
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') continue;
      if (code !== 'EPIPE' || fd > 2) throw e;
      closed[fd] = true;
      if (fd === 1) throw new ExitSignal(141);
      return;
    }
  }
}
