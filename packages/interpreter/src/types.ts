// Static types (LANGUAGE.md §3.1, §3.10). Inference is unification over type
// variables: `[]`, `Ok(v)`, `None` and unannotated lambda parameters start as
// variables and are fixed by later use. After checking, `prune` gives the final
// type; a variable still unbound then means "unknown" and the compiler falls
// back to a dynamic closure.

import type { EnumDef, StructDef, TraitDef } from './program';

export type Type =
  | IntType | { k: 'float' } | { k: 'bool' } | { k: 'string' } | { k: 'void' } | { k: 'any' }
  | { k: 'array'; el: Type }
  | { k: 'map'; key: Type; val: Type }
  | { k: 'tuple'; els: Type[] }
  | { k: 'option'; inner: Type }
  | { k: 'result'; ok: Type; err: Type }
  | { k: 'fn'; params: Type[]; ret: Type }
  | { k: 'struct'; def: StructDef; args: Type[] }
  | { k: 'enum'; def: EnumDef; args: Type[] }
  | { k: 'trait'; def: TraitDef }
  | { k: 'handle'; name: string }
  | TypeVar;

export interface TypeVar { k: 'var'; ref: Type | null; id: number }

/**
 * `int`, or with `chan` the static type of `channel(n)` / `Task.channel(n)`
 * (CONCURRENCY.md §7.1). A channel is an int handle at run time and converts
 * implicitly to `int` wherever an int is accepted, so it shares the kind
 * `int` and everything that specialises on ints (operators, printing,
 * comparison, passing to `int` parameters) treats it as one. Only the method
 * forms `.send/.recv/.close` (§7.2) look at the flag. It has no annotation
 * syntax (LANGUAGE.md §3.11): a name gets it from its first value
 * (`var ch = channel(4)`), and keeps it when an int is assigned later (§3.10);
 * an `int` annotation, parameter or return type drops it. `el` is what its
 * method-form `recv()` gives: the type of its first method-form `send` (§7.3,
 * as the reference infers it), unbound until then.
 */
export interface IntType { k: 'int'; chan?: true; el?: Type }

export const INT: Type = { k: 'int' };
/** A new channel type: each `channel(n)` has its own element type (see IntType). */
export const chanType = (): Type => ({ k: 'int', chan: true, el: fresh() });
export const FLOAT: Type = { k: 'float' };
export const BOOL: Type = { k: 'bool' };
export const STRING: Type = { k: 'string' };
export const VOID: Type = { k: 'void' };
export const ANY: Type = { k: 'any' };

let nextVar = 0;
export function fresh(): TypeVar {
  return { k: 'var', ref: null, id: nextVar++ };
}
export const arrayOf = (el: Type): Type => ({ k: 'array', el });
export const optionOf = (inner: Type): Type => ({ k: 'option', inner });
export const mapOf = (val: Type): Type => ({ k: 'map', key: STRING, val });
export const fnOf = (params: Type[], ret: Type): Type => ({ k: 'fn', params, ret });

export function prune(t: Type): Type {
  while (t.k === 'var' && t.ref !== null) t = t.ref;
  return t;
}

/** Whether `t` is the channel type (§7.1). */
export function isChan(t: Type): boolean {
  const p = prune(t);
  return p.k === 'int' && p.chan === true;
}

/** `t` with a channel type seen as the plain `int` it converts to. */
export function intOfChan(t: Type): Type {
  return isChan(t) ? INT : t;
}

function occurs(v: TypeVar, t: Type): boolean {
  t = prune(t);
  if (t === v) return true;
  switch (t.k) {
    case 'array': return occurs(v, t.el);
    case 'map': return occurs(v, t.val);
    case 'option': return occurs(v, t.inner);
    case 'result': return occurs(v, t.ok) || occurs(v, t.err);
    case 'tuple': return t.els.some((e) => occurs(v, e));
    case 'fn': return t.params.some((e) => occurs(v, e)) || occurs(v, t.ret);
    case 'struct': case 'enum': return t.args.some((e) => occurs(v, e));
    default: return false;
  }
}

/** Makes `a` and `b` equal by binding variables; false when they cannot be (a static type error). */
export function unify(a: Type, b: Type): boolean {
  a = prune(a);
  b = prune(b);
  if (a === b) return true;
  if (a.k === 'var') {
    if (occurs(a, b)) return false;
    a.ref = b;
    return true;
  }
  if (b.k === 'var') return unify(b, a);
  if (a.k === 'any' || b.k === 'any') return true;
  // A trait-typed slot accepts any struct (or enum) that implements the trait; dispatch is dynamic (§4.6).
  if (a.k === 'trait' && b.k === 'trait') return true;
  if (a.k === 'trait' && (b.k === 'struct' || b.k === 'enum')) return b.def.traits.has(a.def.name);
  if (b.k === 'trait' && (a.k === 'struct' || a.k === 'enum')) return a.def.traits.has(b.def.name);
  // Handles are ints in the reference (STDLIB §0): `fn f(sb: int)` may take a StringBuilder.
  if ((a.k === 'handle' && b.k === 'int') || (a.k === 'int' && b.k === 'handle')) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'array': return unify(a.el, (b as typeof a).el);
    case 'map': return unify(a.val, (b as typeof a).val);
    case 'option': return unify(a.inner, (b as typeof a).inner);
    case 'result': return unify(a.ok, (b as typeof a).ok) && unify(a.err, (b as typeof a).err);
    case 'tuple': {
      const bt = b as typeof a;
      return a.els.length === bt.els.length && a.els.every((e, i) => unify(e, bt.els[i]));
    }
    case 'fn': {
      const bt = b as typeof a;
      if (a.params.length !== bt.params.length) return false;
      return a.params.every((p, i) => unify(p, bt.params[i])) && unifyRet(a.ret, bt.ret);
    }
    case 'struct': case 'enum': {
      const bt = b as typeof a;
      return a.def === bt.def && a.args.every((e, i) => bt.args[i] === undefined || unify(e, bt.args[i]));
    }
    case 'handle': return a.name === (b as typeof a).name;
    case 'int': {
      // Two channels in one place (an array of channels, a variable given another): one element type.
      const bt = b as IntType;
      if (a.el !== undefined && bt.el !== undefined) unify(a.el, bt.el);
      return true;
    }
    default: return true;
  }
}

/** A lambda whose block has no `return` yields nothing; accept it where a value is expected (§8.1). */
function unifyRet(a: Type, b: Type): boolean {
  const pa = prune(a);
  const pb = prune(b);
  if (pa.k === 'void' || pb.k === 'void') return true;
  return unify(pa, pb);
}

export function isNumeric(t: Type): boolean {
  const k = prune(t).k;
  return k === 'int' || k === 'float';
}

export function typeName(t: Type): string {
  t = prune(t);
  switch (t.k) {
    case 'array': return `[${typeName(t.el)}]`;
    case 'map': return `{${typeName(t.key)}: ${typeName(t.val)}}`;
    case 'tuple': return `(${t.els.map(typeName).join(', ')})`;
    case 'option': return `${typeName(t.inner)}?`;
    case 'result': return `Result<${typeName(t.ok)}, ${typeName(t.err)}>`;
    case 'fn': return `fn(${t.params.map(typeName).join(', ')}) -> ${typeName(t.ret)}`;
    case 'struct': case 'enum': return t.args.length ? `${t.def.name}<${t.args.map(typeName).join(', ')}>` : t.def.name;
    case 'trait': return t.def.name;
    case 'handle': return t.name;
    case 'var': return '_';
    case 'int': return t.chan ? 'channel' : 'int';
    default: return t.k;
  }
}

/** A stable key for monomorphised instances (§4.7). */
export function typeKey(t: Type): string {
  return typeName(t);
}
