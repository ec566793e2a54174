// Indexing and slicing (§6.10, §3.5–§3.7): arrays and strings count negative
// indexes from the end and panic out of range; maps panic on a missing key;
// slice bounds clamp, negative bounds to 0 (reference quirk, §6.10).

import type { Index, Slice } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { panicAt, type Site } from '../runtime/errors';
import type { WMap } from '../runtime/values';
import { ANY, INT, prune, STRING } from '../types';
import { compileExpr } from './expr';

export function arrayIndexPanic(site: Site, i: number, n: number): never {
  panicAt(site, 'E0903', `array index out of bounds: index ${i}, length ${n}`);
}

export function missingKey(site: Site, k: string): never {
  panicAt(site, 'E0905', `missing map key: "${k}"`);
}

export function compileIndex(cx: FnCtx, e: Index): Compiled {
  const obj = compileExpr(cx, e.object);
  const t = prune(obj.t);
  const oe = obj.ev;
  const site: Site = { file: cx.file, span: e.span };
  if (t.k === 'map') {
    const k = compileExpr(cx, e.index, STRING);
    cx.expect(STRING, k.t, e.index.span, 'map keys are strings');
    const ke = k.ev;
    return {
      t: t.val,
      ev: (f) => {
        const m = oe(f) as WMap;
        const key = ke(f) as string;
        const v = m.get(key);
        if (v === undefined && !m.has(key)) missingKey(site, key);
        return v;
      },
    };
  }
  const idx = compileExpr(cx, e.index, INT);
  cx.expect(INT, idx.t, e.index.span, 'index must be an int');
  const ie = idx.ev as (f: unknown[]) => number;
  if (t.k === 'string') {
    return {
      t: STRING,
      ev: (f) => {
        const s = oe(f) as string;
        const i = ie(f);
        const j = i < 0 ? i + s.length : i;
        if (j < 0 || j >= s.length) panicAt(site, 'E0904', `string index out of bounds: index ${i}, length ${s.length}`);
        return s[j];
      },
    };
  }
  if (t.k === 'array') {
    return {
      t: t.el,
      ev: (f) => {
        const a = oe(f) as unknown[];
        let i = ie(f);
        if (i < 0) i += a.length;
        if (i >= 0 && i < a.length) return a[i];
        return arrayIndexPanic(site, i, a.length);
      },
    };
  }
  if (t.k !== 'any' && t.k !== 'var') cx.error('E0310', `cannot index a value of type \`${t.k}\``, e.span);
  return { t: ANY, ev: (f) => (oe(f) as unknown[])[ie(f)] };
}

export function clampSlice(n: number, s: number | undefined, e: number | undefined): [number, number] {
  let a = s === undefined ? 0 : s;
  let b = e === undefined ? n : e;
  if (a < 0) a = 0;
  if (b > n) b = n;
  if (b < 0) b = 0;
  if (a > b) a = b;
  return [a, b];
}

export function compileSlice(cx: FnCtx, e: Slice): Compiled {
  const obj = compileExpr(cx, e.object);
  const t = prune(obj.t);
  const oe = obj.ev;
  const se = e.start === null ? null : compileExpr(cx, e.start, INT);
  const ee = e.end === null ? null : compileExpr(cx, e.end, INT);
  if (se !== null) cx.expect(INT, se.t, e.start!.span);
  if (ee !== null) cx.expect(INT, ee.t, e.end!.span);
  const s = se?.ev;
  const en = ee?.ev;
  if (t.k !== 'string' && t.k !== 'array') cx.error('E0310', `cannot slice a value of type \`${t.k}\``, e.span);
  return {
    t: obj.t,
    ev: (f) => {
      const v = oe(f) as string | unknown[];
      const [a, b] = clampSlice(v.length, s?.(f) as number | undefined, en?.(f) as number | undefined);
      return v.slice(a, b);
    },
  };
}
