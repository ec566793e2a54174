// The real Host, on Node built-ins. The only interpreter file allowed to
// import them (eslint.config.mjs); everything else reaches the world through
// the Host interface.

import { execSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { ExecResult, Host } from './host';

export function nodeHost(options: { args: string[] }): Host {
  let stdin: string[] | null = null;
  return {
    writeStdout: (bytes) => writeAll(1, typeof bytes === 'string' ? Buffer.from(bytes) : bytes),
    writeStderr: (text) => writeAll(2, Buffer.from(text)),
    readFile: (p) => {
      try {
        return fs.readFileSync(p);
      } catch {
        return null;
      }
    },
    writeFile: (p, data, append) => {
      try {
        if (append) fs.appendFileSync(p, data);
        else fs.writeFileSync(p, data);
        return true;
      } catch {
        return false;
      }
    },
    exists: (p) => fs.existsSync(p),
    isDir: (p) => {
      try {
        return fs.statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
    listDir: (p) => {
      try {
        return fs.readdirSync(p).sort();
      } catch {
        return null;
      }
    },
    mkdir: (p) => {
      try {
        fs.mkdirSync(p, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
    remove: (p) => {
      try {
        fs.rmSync(p, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
    rename: (a, b) => {
      try {
        fs.renameSync(a, b);
        return true;
      } catch {
        return false;
      }
    },
    fileSize: (p) => {
      try {
        return fs.statSync(p).size;
      } catch {
        return -1;
      }
    },
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
      try {
        const stdout = execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { status: 0, stdout, stderr: '' };
      } catch (e) {
        const err = e as { status?: number; stdout?: string; stderr?: string };
        return { status: err.status ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
      }
    },
    readLine: () => {
      if (stdin === null) {
        let text: string;
        try {
          text = fs.readFileSync(0, 'utf8');
        } catch {
          text = '';
        }
        stdin = text.split('\n');
        if (stdin[stdin.length - 1] === '') stdin.pop();
      }
      return stdin.length > 0 ? stdin.shift()! : null;
    },
    platform: () => ({
      os: process.platform,
      arch: os.arch(),
      hostname: os.hostname(),
      pid: process.pid,
      cpus: os.availableParallelism(),
      user: os.userInfo().username,
      home: os.homedir(),
      tmp: os.tmpdir(),
    }),
    hash: (algorithm, data) => createHash(algorithm).update(data).digest('hex'),
    randomBytes: (n) => randomBytes(n),
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
