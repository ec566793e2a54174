// Log (STDLIB §21: stderr, after flushing stdout) and Color (§22).

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

export const WORLD_MODULES: ModuleTable = {
  Color: Object.fromEntries(Object.entries(COLORS).map(([k, v]) => [k, color(v)])),
  Log: {
    debug: log(0), info: log(1), warn: log(2), error: log(3),
    set_level: { params: [INT], ret: VOID, impl: (rt, [n]) => { minLevel.set(rt, Number(n)); } },
  },
};
