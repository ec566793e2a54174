// File, Path and Dir (STDLIB §14). Paths are Wyn byte strings, converted to
// text for the Host; success flags are ints (1 / 0) unless the spec says bool.
// File handles (`File.open`) live in the runtime's handle table: a read
// handle holds the file's bytes and a cursor, a write handle appends through
// the Host on every write, so nothing is lost if the program exits early.

import type { Host } from '../host';
import type { Runtime } from '../runtime/runtime';
import { bytesOf, fromBytes, fromUtf8, toUtf8 } from '../runtime/values';
import { arrayOf, BOOL, INT, STRING, VOID } from '../types';
import { type Entry, flag, fn, type ModuleTable } from './entry';

interface Handle { path: string; data: string; pos: number; eof: boolean; writable: boolean }

const s = (v: unknown): string => toUtf8(v as string);
const str1 = (ret: Entry['ret'], f: (host: Host, p: string) => unknown): Entry => fn([STRING], ret, (rt, [p]) => f(rt.host, s(p)));

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}
export function extension(p: string): string {
  const dot = p.lastIndexOf('.');
  return dot > p.lastIndexOf('/') ? p.slice(dot + 1) : '';
}
export function pathJoin(a: string, b: string): string {
  return a === '' ? b : a.endsWith('/') ? a + b : a + '/' + b;
}

/** Lines without terminators; a `\r` before `\n` dropped; no element for a trailing newline. */
function readLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Every file below `dir`, depth first in directory order (`File.walk_dir`). */
function walk(host: Host, dir: string, out: string[]): void {
  for (const name of host.listDir(dir) ?? []) {
    const p = pathJoin(dir, name);
    const st = host.stat(p);
    if (st?.kind === 'dir') walk(host, p, out);
    else if (st !== null) out.push(p);
  }
}

/** `*`, `?` and `[...]` matched one path segment at a time, as glob(3) does; hidden names need a literal dot. */
function glob(host: Host, pattern: string): string[] {
  const abs = pattern.startsWith('/');
  let paths = [abs ? '/' : ''];
  for (const seg of pattern.split('/').filter((x) => x !== '')) {
    const next: string[] = [];
    const wild = /[*?[]/.test(seg);
    const re = new RegExp('^' + seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    for (const base of paths) {
      if (!wild) {
        const p = base === '' ? seg : pathJoin(base, seg);
        if (host.stat(p) !== null) next.push(p);
        continue;
      }
      for (const name of host.listDir(base === '' ? '.' : base) ?? []) {
        if (re.test(name) && (!name.startsWith('.') || seg.startsWith('.'))) next.push(base === '' ? name : pathJoin(base, name));
      }
    }
    paths = next.sort();
  }
  return paths.filter((p) => p !== '' && p !== '/');
}

const handle = (rt: Runtime, h: unknown): Handle | undefined => rt.handle('file', h) as Handle | undefined;

function open(rt: Runtime, path: string, mode: string): number {
  const m = mode.replace('b', '');
  if (m.startsWith('r')) {
    const data = rt.host.readFile(path);
    if (data === null) return -1;
    return rt.newHandle('file', { path, data: fromBytes(data), pos: 0, eof: false, writable: m.includes('+') } satisfies Handle);
  }
  if (m.startsWith('w') || m.startsWith('a')) {
    if (!rt.host.writeFile(path, new Uint8Array(0), m.startsWith('a'))) return -1;
    return rt.newHandle('file', { path, data: '', pos: 0, eof: true, writable: true } satisfies Handle);
  }
  return -1;
}

/** The next line including its `\n` (at most 4095 bytes, as the reference's buffer); "" at the end. */
function readLine(h: Handle | undefined): string {
  if (h === undefined) return '';
  if (h.pos >= h.data.length) {
    h.eof = true;
    return '';
  }
  const nl = h.data.indexOf('\n', h.pos);
  const end = Math.min(nl < 0 ? h.data.length : nl + 1, h.pos + 4095);
  const line = h.data.slice(h.pos, end);
  h.pos = end;
  if (nl < 0 && end === h.data.length) h.eof = true;
  return line;
}

const write = (rt: Runtime, h: unknown, text: string): number => {
  const f = handle(rt, h);
  return flag(f !== undefined && f.writable && rt.host.writeFile(f.path, bytesOf(text), true));
};

let tempCounter = 0;

const PATH: ModuleTable[string] = {
  basename: fn([STRING], STRING, (_rt, [p]) => basename(p as string)),
  dirname: fn([STRING], STRING, (_rt, [p]) => dirname(p as string)),
  extension: fn([STRING], STRING, (_rt, [p]) => extension(p as string)),
  join: fn([STRING, STRING], STRING, (_rt, [a, b]) => pathJoin(a as string, b as string)),
};

const FILE: ModuleTable[string] = {
  read: str1(STRING, (host, p) => fromBytes(host.readFile(p) ?? new Uint8Array(0))),
  read_lines: str1(arrayOf(STRING), (host, p) => readLines(fromBytes(host.readFile(p) ?? new Uint8Array(0)))),
  write: fn([STRING, STRING], INT, (rt, [p, t]) => flag(rt.host.writeFile(s(p), bytesOf(t as string), false))),
  append: fn([STRING, STRING], INT, (rt, [p, t]) => flag(rt.host.writeFile(s(p), bytesOf(t as string), true))),
  exists: str1(BOOL, (host, p) => host.stat(p) !== null),
  is_file: str1(BOOL, (host, p) => host.stat(p)?.kind === 'file'),
  is_dir: str1(BOOL, (host, p) => host.stat(p)?.kind === 'dir'),
  size: str1(INT, (host, p) => host.stat(p)?.size ?? 0),
  file_size: str1(INT, (host, p) => host.stat(p)?.size ?? -1),
  delete: str1(INT, (host, p) => flag(host.remove(p, false))),
  copy: fn([STRING, STRING], INT, (rt, [a, b]) => flag(rt.host.copyFile(s(a), s(b)))),
  move: fn([STRING, STRING], INT, (rt, [a, b]) => flag(rt.host.rename(s(a), s(b)))),
  rename: fn([STRING, STRING], INT, (rt, [a, b]) => flag(rt.host.rename(s(a), s(b)))),
  mkdir: str1(INT, (host, p) => flag(host.mkdir(p, false))),
  create_dir: str1(INT, (host, p) => flag(host.mkdir(p, false))),
  create_dir_all: str1(INT, (host, p) => flag(host.mkdir(p, true))),
  rmdir: str1(INT, (host, p) => flag(host.stat(p)?.kind === 'dir' && host.remove(p, false))),
  remove_dir_all: str1(INT, (host, p) => flag(host.remove(p, true))),
  list_dir: str1(STRING, (host, p) => (host.listDir(p) ?? []).filter((n) => !n.startsWith('.')).map((n) => fromUtf8(n) + '\n').join('')),
  cwd: fn([], STRING, (rt) => fromUtf8(rt.host.cwd())),
  get_cwd: fn([], STRING, (rt) => fromUtf8(rt.host.cwd())),
  modified_time: str1(INT, (host, p) => {
    const st = host.stat(p);
    return st === null ? -1 : Math.floor(st.mtimeMs / 1000);
  }),
  temp_file: fn([], STRING, (rt) => fromUtf8(pathJoin(rt.host.platform().tmp, `wyn_${rt.host.platform().pid}_${++tempCounter}.tmp`))),
  glob: str1(STRING, (host, p) => glob(host, p).map((x) => fromUtf8(x) + '\n').join('')),
  walk_dir: str1(STRING, (host, p) => {
    const out: string[] = [];
    walk(host, p, out);
    return out.map((x) => fromUtf8(x) + '\n').join('');
  }),
  basename: PATH.basename,
  dirname: PATH.dirname,
  extension: PATH.extension,
  path_join: PATH.join,
  open: fn([STRING, STRING], INT, (rt, [p, m]) => open(rt, s(p), m as string)),
  read_line: fn([INT], STRING, (rt, [h]) => readLine(handle(rt, h))),
  // The reference's write_line adds no newline; the spec asks for one (STDLIB §14).
  write_line: fn([INT, STRING], INT, (rt, [h, t]) => write(rt, h, (t as string) + '\n')),
  write_str: fn([INT, STRING], INT, (rt, [h, t]) => write(rt, h, t as string)),
  eof: fn([INT], BOOL, (rt, [h]) => handle(rt, h)?.eof ?? true),
  close: fn([INT], VOID, (rt, [h]) => rt.closeHandle('file', h)),
};

export const FILE_MODULES: ModuleTable = { File: FILE, Path: PATH };
