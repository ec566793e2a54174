// The real Host, on Node built-ins. The only interpreter file allowed to
// import them (eslint.config.mjs); everything else reaches the world through
// the Host interface. Every file-system hook reports failure as false / null
// rather than throwing: the File module turns that into its 0 / -1 / "" results.

import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type * as Tty from 'node:tty';
import type { ExecResult, FileStat, Host } from './host';

// Loaded on first use: most programs never run a command or hash anything, and
// every `wyn run` pays for the modules loaded at start-up.
/* eslint-disable @typescript-eslint/no-require-imports */
const childProcess = () => require('node:child_process') as typeof ChildProcess;
const crypto = () => require('node:crypto') as typeof Crypto;
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
  let stdin: string[] | null = null;
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
      return { status: r.status ?? 128 + (r.signal !== null ? os.constants.signals[r.signal] : 0), stdout: r.stdout ?? new Uint8Array(0) };
    },
    readLine: () => {
      if (stdin === null) {
        const text = attempt('', () => fs.readFileSync(0, 'utf8'));
        stdin = text.split('\n');
        if (stdin[stdin.length - 1] === '') stdin.pop();
      }
      return stdin.length > 0 ? stdin.shift()! : null;
    },
    platform: () => ({
      os: OS_NAMES[process.platform] ?? 'unknown',
      arch: ARCH_NAMES[os.arch()] ?? os.arch(),
      hostname: os.hostname(),
      pid: process.pid,
      cpus: os.availableParallelism(),
      user: attempt('', () => os.userInfo().username),
      home: os.homedir(),
      tmp: os.tmpdir(),
    }),
    hash: (algorithm, data) => crypto().createHash(algorithm).update(data).digest(),
    hmac: (algorithm, key, data) => crypto().createHmac(algorithm, key).update(data).digest(),
    randomBytes: (n) => crypto().randomBytes(n),
  };
}

/** Writes every byte: a pipe may accept only part of a large write (EAGAIN is retried). */
function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
    }
  }
}
