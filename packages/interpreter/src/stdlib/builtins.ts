// Free built-in functions (LANGUAGE.md §11.1, STDLIB §2).

import type { Call } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { compileExpr } from '../eval/expr';
import { textOf } from '../eval/interpolation';
import { display } from '../runtime/format';
import { ExitSignal, panicAt, type Site } from '../runtime/errors';
import * as I from '../runtime/int64';
import { WMap } from '../runtime/values';
import { ANY, FLOAT, INT, prune, STRING, type Type, VOID } from '../types';
import { parseFloatText, parseIntText } from './parse-number';
import { inputFloat, inputInt, inputLine } from './stdin';
import { isStdlibModule } from './modules';
import { compareValues } from '../runtime/equality';

const RESERVED = new Set(['print', 'println', 'len', 'min', 'max', 'abs', 'exit', 'panic', 'assert', 'int', 'str', 'float', 'range', 'zip']);

/** Every free built-in function, for the REPL's tab completion. */
export const BUILTIN_NAMES: readonly string[] = [
  ...RESERVED, 'assert_eq', 'clamp', 'gcd', 'input', 'input_float', 'input_line', 'lcm', 'pow_int', 'sign', 'sleep_ms', 'sorted',
];

/** Built-in names cannot be assigned (§2.4). */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name) || isStdlibModule(name);
}

type Ev = Compiled['ev'];

export function compileBuiltinCall(cx: FnCtx, name: string, call: Call, _expected?: Type): Compiled | null {
  const site: Site = { file: cx.file, span: call.span };
  if (name === 'print' || name === 'println') return compilePrint(cx, call);
  const positional = call.args.filter((a) => a.name === null).map((a) => a.value);
  const args = (): Compiled[] => positional.map((a) => compileExpr(cx, a));
  const arity = (n: number[]): boolean => {
    if (n.includes(positional.length)) return true;
    cx.error('E0303', `\`${name}\` takes ${n.join(' or ')} argument(s) but ${positional.length} were given`, call.span);
    return false;
  };
  const rt = cx.rt;
  switch (name) {
    case 'len': {
      if (!arity([1])) return bad();
      const [a] = args();
      const k = prune(a.t).k;
      const ev = a.ev;
      if (k === 'map') return { t: INT, ev: (f) => (ev(f) as WMap).size };
      if (k !== 'string' && k !== 'array' && k !== 'any') cx.error('E0306', '`len` needs a string or an array', call.span);
      return { t: INT, ev: (f) => (ev(f) as string).length };
    }
    case 'str': {
      if (!arity([1])) return bad();
      return { t: STRING, ev: textOf(args()[0]) };
    }
    case 'int': {
      if (!arity([1])) return bad();
      const [a] = args();
      const k = prune(a.t).k;
      const ev = a.ev;
      if (k === 'string') return { t: INT, ev: (f) => parseIntText(ev(f) as string, site) };
      if (k === 'float') return { t: INT, ev: (f) => I.fromFloat(ev(f) as number) };
      // As `b.to_int()` (STDLIB §5.3): 1 or 0.
      if (k === 'bool') return { t: INT, ev: (f) => (ev(f) ? 1 : 0) };
      if (k !== 'int' && k !== 'var' && k !== 'any') cx.error('E0306', '`int` needs a number, a string or a bool', call.span);
      return { t: INT, ev };
    }
    case 'float': {
      if (!arity([1])) return bad();
      const [a] = args();
      const k = prune(a.t).k;
      const ev = a.ev;
      if (k === 'string') return { t: FLOAT, ev: (f) => parseFloatText(ev(f) as string, site) };
      if (!['int', 'float', 'bool', 'var', 'any'].includes(k)) cx.error('E0306', '`float` needs a number, a string or a bool', call.span);
      return { t: FLOAT, ev: (f) => Number(ev(f)) };
    }
    case 'abs': {
      if (!arity([1])) return bad();
      const [a] = args();
      const ev = a.ev;
      if (prune(a.t).k === 'float') return { t: FLOAT, ev: (f) => Math.abs(ev(f) as number) };
      return { t: INT, ev: (f) => { const x = ev(f) as I.Int; return x < 0 ? I.neg(x) : x; } };
    }
    case 'min': case 'max': {
      if (!arity([2])) return bad();
      const [a, b] = args();
      const isInt = prune(a.t).k === 'int' && prune(b.t).k === 'int';
      const ae = a.ev;
      const be = b.ev;
      const pickMin = name === 'min';
      return {
        t: isInt ? INT : FLOAT,
        ev: (f) => {
          const x = isInt ? ae(f) : Number(ae(f));
          const y = isInt ? be(f) : Number(be(f));
          return pickMin ? (compareValues(y, x) < 0 ? y : x) : compareValues(y, x) > 0 ? y : x;
        },
      };
    }
    case 'exit': {
      if (!arity([1])) return bad();
      const ev = args()[0].ev;
      return { t: VOID, ev: (f) => { throw new ExitSignal(Number(BigInt.asUintN(8, BigInt(ev(f) as number)))); } };
    }
    case 'panic': {
      if (!arity([1])) return bad();
      const ev = textOf(args()[0]);
      return { t: VOID, ev: (f) => panicAt(site, 'E0909', 'Panic: ' + ev(f)) };
    }
    case 'assert': {
      if (!arity([1, 2])) return bad();
      const [c, m] = args();
      const ce = c.ev;
      const me = m === undefined ? null : textOf(m);
      return {
        t: VOID,
        ev: (f) => {
          if (!ce(f)) {
            rt.writeStderr('\x1b[31m    assert failed\x1b[0m\n' + (me === null ? '' : `      ${me(f)}\n`));
            rt.assertFailed = true;
          }
          return undefined;
        },
      };
    }
    case 'assert_eq': {
      if (!arity([2])) return bad();
      const [a, b] = args();
      const ae = a.ev;
      const be = b.ev;
      const t = a.t;
      return {
        t: VOID,
        ev: (f) => {
          const x = ae(f);
          const y = be(f);
          if (x !== y) {
            rt.writeStderr(`\x1b[31m    assert_eq failed\x1b[0m\n      expected: ${display(y, t, true)}\n      got:      ${display(x, t, true)}\n`);
            rt.assertFailed = true;
          }
          return undefined;
        },
      };
    }
    case 'sorted': {
      if (!arity([1])) return bad();
      const [a] = args();
      const ev = a.ev;
      return { t: a.t, ev: (f) => (ev(f) as unknown[]).slice().sort(compareValues) };
    }
    case 'pow_int': return int2(cx, call, args, arity, (b, e) => ipow(b, e));
    case 'gcd': return int2(cx, call, args, arity, (a, b) => gcd(a, b));
    case 'lcm': return int2(cx, call, args, arity, (a, b) => {
      const g = gcd(a, b);
      if (g === 0) panicAt(site, 'E0901', 'division by zero');
      return I.div(I.mul(a, b), g);
    });
    case 'sign': {
      if (!arity([1])) return bad();
      const ev = args()[0].ev;
      return { t: INT, ev: (f) => { const x = ev(f) as I.Int; return x > 0 ? 1 : x < 0 ? -1 : 0; } };
    }
    case 'clamp': {
      // Typed like min/max: all ints give an int, any float makes it a float clamp.
      if (!arity([3])) return bad();
      const cs = args();
      const isInt = cs.every((c) => prune(c.t).k === 'int');
      const [x, lo, hi] = cs.map((c) => (isInt ? c.ev : (f: Parameters<Ev>[0]) => Number(c.ev(f))));
      return { t: isInt ? INT : FLOAT, ev: (f) => { const v = x(f) as I.Int; const l = lo(f) as I.Int; const h = hi(f) as I.Int; return v < l ? l : v > h ? h : v; } };
    }
    case 'sleep_ms': {
      if (!arity([1])) return bad();
      const ev = args()[0].ev;
      return { t: VOID, ev: (f) => { rt.flush(); rt.host.sleepMs(Number(ev(f))); return undefined; } };
    }
    case 'input_line': case 'input': case 'input_float': {
      if (!arity([0])) return bad();
      return {
        t: name === 'input_line' ? STRING : name === 'input' ? INT : FLOAT,
        ev: () => (name === 'input_line' ? inputLine(rt) : name === 'input' ? inputInt(rt) : inputFloat(rt)),
      };
    }
    default:
      return null;
  }
}

function bad(): Compiled {
  return { t: ANY, ev: () => undefined };
}

function int2(cx: FnCtx, call: Call, args: () => Compiled[], arity: (n: number[]) => boolean, fn: (a: I.Int, b: I.Int) => I.Int): Compiled {
  if (!arity([2])) return bad();
  const [a, b] = args();
  cx.expect(INT, a.t, call.span);
  cx.expect(INT, b.t, call.span);
  const ae = a.ev;
  const be = b.ev;
  return { t: INT, ev: (f) => fn(ae(f) as I.Int, be(f) as I.Int) };
}

export function ipow(b: I.Int, e: I.Int): I.Int {
  if (e < 0) return b === 1 ? 1 : b === -1 ? (Number(e) % 2 === 0 ? 1 : -1) : 0;
  let r: I.Int = 1;
  let base = b;
  let n = BigInt(e);
  while (n > 0n) {
    if (n & 1n) r = I.mul(r, base);
    base = I.mul(base, base);
    n >>= 1n;
  }
  return r;
}

function gcd(a: I.Int, b: I.Int): I.Int {
  let x = a < 0 ? I.neg(a) : a;
  let y = b < 0 ? I.neg(b) : b;
  while (y !== 0) {
    const t = I.mod(x, y);
    x = y;
    y = t;
  }
  return x;
}

/** `print(a, b, sep: s, end: e)` (§9.1): arguments are evaluated before anything is written. */
function compilePrint(cx: FnCtx, call: Call): Compiled {
  const parts: Ev[] = [];
  let sep: Ev | null = null;
  let end: Ev | null = null;
  for (const a of call.args) {
    const c = cx.value(compileExpr(cx, a.value), a.value);
    if (a.name === 'sep') sep = textOf(c);
    else if (a.name === 'end') end = textOf(c);
    else if (a.name === null) parts.push(textOf(c));
    else cx.error('E0303', `print has no parameter \`${a.name}\``, a.span);
  }
  const rt = cx.rt;
  if (sep === null && end === null && parts.length === 1) {
    const p = parts[0];
    return { t: VOID, ev: (f) => { rt.write(p(f) + '\n'); return undefined; } };
  }
  return {
    t: VOID,
    ev: (f) => {
      const texts = parts.map((p) => p(f));
      const s = sep === null ? ' ' : (sep(f) as string);
      const e = end === null ? '\n' : (end(f) as string);
      rt.write(texts.join(s) + e);
      return undefined;
    },
  };
}

