// The display format (LANGUAGE.md §9, STDLIB §3). Values do not say whether a
// JS number is an int or a float, so display walks the static type beside
// the value; everything else is self-describing.

import { prune, type Type } from '../types';
import { EnumVal, ErrVal, FnVal, NONE, OkVal, SomeVal, StructVal, TupleVal, WMap } from './values';

/** C `%.{p}g` of a finite, non-zero-or-zero double (§9.3 step 2). */
function formatG(x: number, p: number): string {
  const exp = x.toExponential(p - 1); // d.ddde±X, correctly rounded
  const ePos = exp.indexOf('e');
  let mant = exp.slice(0, ePos);
  const X = Number(exp.slice(ePos + 1));
  if (X >= -4 && X < p) {
    let s = x.toFixed(Math.max(0, p - 1 - X));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return s;
  }
  if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
  const ax = Math.abs(X);
  return `${mant}e${X < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
}

/** The round-trip `%.15g/%.16g/%.17g` search without the `.0` rule (JSON numbers use this). */
export function floatDigits(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let t = '';
  for (let p = 15; p <= 17; p++) {
    t = formatG(x, p);
    if (Number(t) === x) break;
  }
  return t;
}

/** §9.3: digits, then `.0` when the text has none of `.`, `e`, `n`, `i`. */
export function floatText(x: number): string {
  const t = floatDigits(x);
  return /[.eni]/.test(t) ? t : t + '.0';
}

/** Display text of a value of static type `t` (§9.2); `quoted` for strings inside containers. */
export function display(v: unknown, t: Type, quoted = false): string {
  t = prune(t);
  switch (t.k) {
    case 'float': return typeof v === 'number' ? floatText(v) : dynamicText(v, quoted);
    case 'int': return String(v);
    case 'string': return quoted ? `"${v as string}"` : (v as string);
    case 'array': {
      const xs = v as unknown[];
      return '[' + xs.map((x) => display(x, t.el, true)).join(', ') + ']';
    }
    case 'map': {
      const m = v as WMap;
      return '{' + m.keys().map((k) => `"${k}": ${display(m.get(k), t.val, true)}`).join(', ') + '}';
    }
    case 'tuple': {
      const tv = v as TupleVal;
      return '(' + tv.items.map((x, i) => display(x, t.els[i] ?? { k: 'any' }, true)).join(', ') + ')';
    }
    case 'option':
      return v instanceof SomeVal ? `Some(${display(v.v, t.inner, true)})` : 'none';
    case 'result':
      if (v instanceof OkVal) return `Ok(${display(v.v, t.ok, true)})`;
      return `Err(${display((v as ErrVal).e, t.err, true)})`;
    default:
      return dynamicText(v, quoted, t);
  }
}

/** Display when the static type is unknown or self-describing (structs, enums, generic slots). */
export function dynamicText(v: unknown, quoted = false, t?: Type): string {
  if (typeof v === 'string') return quoted ? `"${v}"` : v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatText(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof StructVal) {
    const d = v.def;
    const args = t !== undefined && t.k === 'struct' ? t.args : [];
    const parts = d.fields.map((f, i) => `${f.name}: ${display(v.f[i], d.fieldType(i, args), true)}`);
    return `${d.name} { ${parts.join(', ')} }`;
  }
  if (v instanceof EnumVal) {
    const variant = v.def.variants[v.tag];
    if (!v.def.hasPayloads) return String(v.tag);
    if (variant.payload.length === 0) return variant.name;
    const args = t !== undefined && t.k === 'enum' ? t.args : [];
    return `${variant.name}(${v.vals.map((x, i) => display(x, v.def.payloadType(v.tag, i, args), true)).join(', ')})`;
  }
  if (v === NONE) return 'none';
  if (v instanceof SomeVal) return `Some(${dynamicText(v.v, true)})`;
  if (v instanceof OkVal) return `Ok(${dynamicText(v.v, true)})`;
  if (v instanceof ErrVal) return `Err(${dynamicText(v.e, true)})`;
  if (v instanceof TupleVal) return '(' + v.items.map((x) => dynamicText(x, true)).join(', ') + ')';
  if (v instanceof WMap) return '{' + v.keys().map((k) => `"${k}": ${dynamicText(v.get(k), true)}`).join(', ') + '}';
  if (Array.isArray(v)) return '[' + v.map((x) => dynamicText(x, true)).join(', ') + ']';
  if (v instanceof FnVal) return `<fn ${v.name}>`;
  return String(v);
}
