// Log (STDLIB §21: stderr, after flushing stdout), Color and Terminal (§22).

import { toUtf8 } from '../runtime/values';
import { INT, STRING, VOID } from '../types';
import type { Entry, ModuleTable } from './entry';

const COLORS: Record<string, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2, underline: 4 };
const color = (code: number): Entry => ({ params: [STRING], ret: STRING, impl: (_rt, [s]) => `\x1b[${code}m${s as string}\x1b[0m` });

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const LEVEL_COLORS = [90, 32, 33, 31];
/** Per-run minimum level (`Log.set_level`), keyed by the run's Runtime. */
const minLevel = new WeakMap<object, number>();
const pad = (n: number) => String(n).padStart(2, '0');
const log = (level: number): Entry => ({
  params: [STRING],
  ret: VOID,
  impl: (rt, [msg]) => {
    if (level < (minLevel.get(rt) ?? 0)) return;
    const d = new Date(rt.host.now());
    const ts = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    rt.writeStderr(`\x1b[${LEVEL_COLORS[level]}m[${LEVELS[level]}] ${ts} ${toUtf8(msg as string)}\x1b[0m\n`);
  },
});

/**
 * Terminal writes escape sequences to stdout (§22). The Host cannot report a
 * terminal's size, so cols/rows give the spec's 80×24 for a non-terminal; the
 * raw-mode key reading and the box/progress drawings are not provided.
 */
const esc = (text: (a: unknown[]) => string, params: Entry['params'] = []): Entry => ({
  params, ret: VOID, impl: (rt, a) => { rt.write(text(a)); },
});
const TERMINAL: Record<string, Entry> = {
  cols: { params: [], ret: INT, impl: () => 80 },
  rows: { params: [], ret: INT, impl: () => 24 },
  clear: esc(() => '\x1b[2J\x1b[H'),
  move: esc(([r, c]) => `\x1b[${String(r)};${String(c)}H`, [INT, INT]),
  write: esc(([s]) => s as string, [STRING]),
  color: esc(([n]) => `\x1b[${String(n)}m`, [INT]),
  bg: esc(([n]) => `\x1b[${Number(n) + 10}m`, [INT]),
  reset: esc(() => '\x1b[0m'),
  bold: esc(() => '\x1b[1m'),
  dim: esc(() => '\x1b[2m'),
  underline: esc(() => '\x1b[4m'),
  hide_cursor: esc(() => '\x1b[?25l'),
  show_cursor: esc(() => '\x1b[?25h'),
  print_color: esc(([s, n]) => `\x1b[${String(n)}m${s as string}\x1b[0m\n`, [STRING, INT]),
};

export const WORLD_MODULES: ModuleTable = {
  Terminal: TERMINAL,
  Color: Object.fromEntries(Object.entries(COLORS).map(([k, v]) => [k, color(v)])),
  Log: {
    debug: log(0), info: log(1), warn: log(2), error: log(3),
    set_level: { params: [INT], ret: VOID, impl: (rt, [n]) => { minLevel.set(rt, Number(n)); } },
  },
};
