// Terminal (STDLIB §22): escape sequences written to stdout, the size of the
// terminal, and raw keyboard input through the Host. Off a terminal, cols
// and rows are the spec's 80×24, raw_mode does nothing and read_key reads
// stdin's next byte.
//
// The spec names box and progress without their drawing, so they draw what
// their names say with the single-line box characters of the reference's era
// (`┌─┐ │ └─┘`) and a bar of `█` / `░` cells: `[████░░░░] 50%`.

import { fromUtf8 } from '../runtime/values';
import { BOOL, INT, STRING, VOID } from '../types';
import type { Entry, ModuleTable } from './entry';

const esc = (text: (a: unknown[]) => string, params: Entry['params'] = []): Entry => ({
  params, ret: VOID, impl: (rt, a) => { rt.write(text(a)); },
});
const move = (row: number, col: number): string => `\x1b[${row};${col}H`;
const [TL, TR, BL, BR, H, V, FULL, EMPTY] = ['┌', '┐', '└', '┘', '─', '│', '█', '░'].map(fromUtf8);

/** A `w`×`h` frame whose top-left corner is at (row, col); smaller than 2×2 draws nothing. */
function box(row: number, col: number, w: number, h: number): string {
  if (w < 2 || h < 2) return '';
  let out = move(row, col) + TL + H.repeat(w - 2) + TR;
  for (let r = 1; r < h - 1; r++) out += move(row + r, col) + V + move(row + r, col + w - 1) + V;
  return out + move(row + h - 1, col) + BL + H.repeat(w - 2) + BR;
}

/** `width` cells between brackets, filled in proportion to `percent` (clamped to 0–100), then the percentage. */
function progress(row: number, col: number, width: number, percent: number): string {
  const p = Math.max(0, Math.min(100, percent));
  const cells = Math.max(0, width);
  const filled = Math.floor((cells * p) / 100);
  return `${move(row, col)}[${FULL.repeat(filled)}${EMPTY.repeat(cells - filled)}] ${p}%`;
}

const num = (x: unknown): number => Number(x);

export const TERMINAL_MODULES: ModuleTable = {
  Terminal: {
    cols: { params: [], ret: INT, impl: (rt) => rt.host.terminalSize()?.cols ?? 80 },
    rows: { params: [], ret: INT, impl: (rt) => rt.host.terminalSize()?.rows ?? 24 },
    clear: esc(() => '\x1b[2J\x1b[H'),
    move: esc(([r, c]) => move(num(r), num(c)), [INT, INT]),
    write: esc(([s]) => s as string, [STRING]),
    color: esc(([n]) => `\x1b[${num(n)}m`, [INT]),
    bg: esc(([n]) => `\x1b[${num(n) + 10}m`, [INT]),
    reset: esc(() => '\x1b[0m'),
    bold: esc(() => '\x1b[1m'),
    dim: esc(() => '\x1b[2m'),
    underline: esc(() => '\x1b[4m'),
    hide_cursor: esc(() => '\x1b[?25l'),
    show_cursor: esc(() => '\x1b[?25h'),
    print_color: esc(([s, n]) => `\x1b[${num(n)}m${s as string}\x1b[0m\n`, [STRING, INT]),
    box: esc(([r, c, w, h]) => box(num(r), num(c), num(w), num(h)), [INT, INT, INT, INT]),
    progress: esc(([r, c, w, p]) => progress(num(r), num(c), num(w), num(p)), [INT, INT, INT, INT]),
    // Output written so far reaches the terminal before its mode changes or a key is awaited.
    raw_mode: { params: [], ret: BOOL, impl: (rt) => { rt.flush(); return rt.host.setRawMode(true); } },
    restore: { params: [], ret: BOOL, impl: (rt) => { rt.flush(); return rt.host.setRawMode(false); } },
    /** The next byte typed (a key; arrows arrive as `ESC [ A`…), -1 at the end of input. */
    read_key: { params: [], ret: INT, impl: (rt) => { rt.flush(); return rt.host.readByte() ?? -1; } },
  },
};
