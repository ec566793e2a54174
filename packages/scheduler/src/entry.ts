/**
 * Where the worker entry's compiled JavaScript lives.
 *
 * From `dist/` it sits next to this file. When the package runs from its
 * TypeScript sources (jest, ts-node) there is no `worker.js`, and Node 20
 * cannot start a `.ts` worker, so the sources of this folder are transpiled
 * once with `typescript.transpileModule` into a temporary folder named after
 * a hash of their contents. Concurrent test processes may race to build the
 * same folder: each writes its own copy and renames it into place, and a
 * loser simply uses the winner's identical files.
 */
import type * as Crypto from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type * as Os from 'node:os';
import { join } from 'node:path';

let cached: string | undefined;

export function workerEntry(): string {
  if (cached) return cached;
  const compiled = join(__dirname, 'worker.js');
  cached = existsSync(compiled) ? compiled : transpileSources(__dirname);
  return cached;
}

function transpileSources(dir: string): string {
  const files = listSources(dir);
  // Neither compiled nor source files here (a bundle that left the worker out): say so, never start a stale copy.
  if (!files.includes('worker.ts')) throw new Error(`@wyn/scheduler: no worker.js (nor worker.ts) in ${dir}`);
  // Only source checkouts get here, so the module is loaded on demand.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hash = (require('node:crypto') as typeof Crypto).createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const out = join((require('node:os') as typeof Os).tmpdir(), `wyn-scheduler-${hash.digest('hex').slice(0, 16)}`);
  const entry = join(out, 'worker.js');
  if (existsSync(entry)) return entry;
  // typescript is a development dependency: only source checkouts get here.
  // Through createRequire, so that a bundler never tries to pull the compiler in.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createRequire } = require('node:module') as typeof import('node:module');
  const ts = createRequire(__filename)('typescript') as typeof import('typescript');
  const staging = `${out}.${process.pid}.${Date.now()}`;
  for (const f of files) {
    const source = readFileSync(join(dir, f), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: f,
    });
    const target = join(staging, f.replace(/\.ts$/, '.js'));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, outputText);
  }
  try {
    renameSync(staging, out);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  return entry;
}

function listSources(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listSources(dir, rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}
