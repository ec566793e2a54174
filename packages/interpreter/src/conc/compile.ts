// Compiling the concurrency forms (CONCURRENCY.md §2–§8): `spawn`, `await`,
// the builtins `channel`/`await_all`/`await_any`, the `Task`, `Shared` and
// `Time.sleep` module functions, and the channel methods. Each suspension
// point gets both forms: `ev` blocks (main pumps meanwhile), `gen` parks the
// task (used by suspendable bodies, gen.ts). Both take their operands' values
// from closures: when an operand itself may suspend, gen.ts compiles the
// node again over slots that its generator fills first.

import type { Call, Expr, SpawnExpr } from '@wyn/parser';
import { type Compiled, type FnCtx } from '../compile/context';
import { compileCall, findFunction } from '../eval/call';
import { bindArgs, widen } from '../eval/call-args';
import { compileExpr } from '../eval/expr';
import type { Site } from '../runtime/errors';
import { NONE, SomeVal } from '../runtime/values';
import { ANY, arrayOf, BOOL, chanType, fresh, INT, isChan, optionOf, prune, type Type, unify, VOID } from '../types';
import {
  awaitAnyIndex, awaitB, awaitLeaf, awaitReq, awaitRetry, awaitStart, chanCreate, close, conc, recvB, recvLeaf, selectB, selectG, sendB, sendLeaf, sharedOp, sleepB,
  sleepLeaf, taskValueOp, tryRecvOpt,
} from './ops';
import type { FnInstance } from '../program';
import { FutureVal } from './plain';
import { zeroValue } from '../runtime/zero-value';
import { compileParallelBuiltin } from './parallel';
import type { Gen } from './runtime';
import { type ExprGen, type Leaf, leafGen, PENDING } from './gen';
import { argsOf } from '../stdlib/helpers';

const none = (): Compiled => ({ t: ANY, ev: () => undefined });

/**
 * A suspension point whose operands cannot suspend: its blocking form, and
 * in a body that may suspend its Leaf over `nslots` fresh frame slots (gen.ts).
 */
function leafForms(cx: FnCtx, t: Type, ev: Compiled['ev'], leaf: (slot: number) => Leaf, nslots = 1): Compiled {
  if (!cx.suspends) return { t, ev };
  const slot = cx.temp();
  for (let i = 1; i < nslots; i++) cx.temp();
  const l = leaf(slot);
  return { t, ev, gen: leafGen(l), leaf: l };
}

/** `spawn f(args)`: a future (expression) or fire-and-forget (statement), §2. */
export function compileSpawn(cx: FnCtx, e: SpawnExpr, wantFuture: boolean): Compiled {
  const call = e.call;
  const rt = cx.rt;
  const def = call.callee.kind === 'Ident' && cx.lookup(call.callee.name) === null ? findFunction(cx, call.callee.name) : null;
  if (def === null || def.decl.typeParams.length > 0) return compileSpawnOther(cx, call, wantFuture);
  const bound = bindArgs(cx, def, call.args, call.span, false);
  if (bound === null) return none();
  const inst = cx.comp.instance(def, new Map(), null);
  cx.comp.ensureCompiled(inst);
  if (!rt.spawnables.includes(inst)) rt.spawnables.push(inst);
  const index = rt.spawnables.indexOf(inst);
  const evs = bound.map((a, i) => {
    const p = def.decl.params[i];
    if (a === null) return compileExpr(cx, p.defaultValue!).ev;
    return widen(cx, inst.params[i], compileExpr(cx, a, inst.params[i]), a.span);
  });
  return {
    t: inst.ret,
    ev: (f) => conc(rt).spawn(index, evs, f, wantFuture),
  };
}

/**
 * `spawn obj.method(..)`, `spawn generic(..)` and calls of function values
 * (`spawn g(4)`, `spawn ((x) => x * 2)(3)`, `spawn s.field(1)`) run as tasks
 * (§2.2, §14 row 1). The call is compiled as usual; the instance it resolves
 * to is spawned with the receiver as its first argument, or the function
 * value is spawned with its arguments; receiver, closure and arguments are
 * evaluated at the spawn and copied like any argument (§12.2). Anything else
 * (a built-in's call) has no task form: it runs at the spawn, as an already
 * finished task.
 */
function compileSpawnOther(cx: FnCtx, call: Call, wantFuture: boolean): Compiled {
  const rt = cx.rt;
  type Ev = Compiled['ev'];
  let target: { inst: FnInstance | null; callee: Ev | null; evs: Ev[] } | null = null;
  const saved = cx.spawnCapture;
  cx.spawnCapture = {
    call,
    take: (inst, evs) => (target = { inst, callee: null, evs }),
    takeValue: (callee, evs) => (target = { inst: null, callee, evs }),
  };
  // Compiled without compileExpr: the call's receiver and arguments are this
  // node's own operands, so a second compile over slots (gen.ts) captures again.
  let c: Compiled;
  try {
    c = compileCall(cx, call);
  } finally {
    cx.spawnCapture = saved;
  }
  const found = target as { inst: FnInstance | null; callee: Ev | null; evs: Ev[] } | null;
  if (found !== null && found.inst !== null) {
    const { inst, evs } = found;
    cx.comp.ensureCompiled(inst);
    if (!rt.spawnables.includes(inst)) rt.spawnables.push(inst);
    const index = rt.spawnables.indexOf(inst);
    return {
      t: c.t,
      ev: (f) => conc(rt).spawn(index, evs, f, wantFuture),
    };
  }
  if (found !== null && found.callee !== null) {
    const { callee, evs } = found;
    return {
      t: c.t,
      // Spawnable -1: a function value, the first "argument" (conc/runtime.ts runValue).
      ev: (f) => conc(rt).spawn(-1, [callee, ...evs], f, wantFuture),
    };
  }
  const ev = c.ev;
  const out: Compiled = {
    t: c.t,
    ev: (f) => {
      const v = ev(f);
      return wantFuture ? conc(rt).finished(v) : undefined;
    },
  };
  const g = c.gen as ExprGen | undefined;
  if (g !== undefined) {
    out.gen = function* (f) {
      const v = yield* g(f);
      return wantFuture ? conc(rt).finished(v) : undefined;
    };
  }
  return out;
}

export function compileAwait(cx: FnCtx, operand: Expr): Compiled {
  const v = compileExpr(cx, operand);
  const site: Site = { file: cx.file, span: operand.span };
  const rt = cx.rt;
  const ev = v.ev;
  // §3.4: what a cancelled task's await of an unfinished future gives, of the awaited type (types are final by the time it runs).
  const zero = (): unknown => zeroValue(v.t);
  return leafForms(cx, v.t, (f) => awaitB(conc(rt), ev(f), site, zero), (slot) => awaitLeaf(rt, ev, site, slot, zero));
}

/**
 * A call's arguments, compiled against `types`; another count is E0303
 * (`what` is the function's name). Missing ones are stand-ins that never
 * run: a static error stops the program before it starts.
 */
function args(cx: FnCtx, call: Call, types: Type[], what: string): Array<Compiled['ev']> {
  if (call.args.length !== types.length) {
    cx.error('E0303', `\`${what}\` takes ${types.length} argument(s) but ${call.args.length} were given`, call.span);
  }
  const evs = call.args.map((a, i) => {
    const c = compileExpr(cx, a.value, types[i]);
    if (types[i] !== undefined) cx.expect(types[i], c.t, a.span, 'mismatched argument');
    return c.ev;
  });
  while (evs.length < types.length) evs.push(() => 0);
  return evs;
}

/** Argument counts of the `Shared.*` functions (§8.1) and of `Task.*`'s cells (§8.2). */
const SHARED_ARITY: Record<string, number> = { new: 1, get: 1, set: 2, add: 2, sub: 2 };
const TASK_VALUE_ARITY: Record<string, number> = { value: 1, get: 1, set: 2, add: 2, free_value: 1 };
const ints = (n: number): Type[] => Array.from({ length: n }, () => INT);

/** Builtins `channel(n)`, `await_all`, `await_any`, `sleep_ms`; null when `name` is not one. */
export function compileConcBuiltin(cx: FnCtx, name: string, call: Call, expected?: Type): Compiled | null {
  const rt = cx.rt;
  const site: Site = { file: cx.file, span: call.span };
  switch (name) {
    case 'channel': return compileTaskCall(cx, 'channel', call, expected);
    case 'sleep_ms': return compileTimeSleep(cx, call);
    case 'await_all': {
      const arg = compileExpr(cx, call.args[0].value);
      const a = arg.ev;
      // Futures are typed as their task's result (§3.1), so the input's type is the output's.
      const t = prune(arg.t).k === 'array' ? arg.t : arrayOf(fresh());
      const zero = (): unknown => { const at = prune(t); return at.k === 'array' ? zeroValue(at.el) : 0; };
      const ev: Compiled['ev'] = (f) => (a(f) as unknown[]).map((x) => awaitB(conc(rt), x, site, zero));
      if (!cx.suspends) return { t, ev };
      // Each await in turn, as awaitLeaf's, over one slot.
      const slot = cx.temp();
      return {
        t,
        ev,
        gen: function* (f): Gen<unknown> {
          const out: unknown[] = [];
          for (const x of a(f) as unknown[]) {
            let r = awaitStart(conc(rt), x, site, f, slot, zero);
            while (r === PENDING) {
              yield awaitReq(f, slot);
              r = awaitRetry(conc(rt), f, slot);
            }
            out.push(r);
          }
          return out;
        },
      };
    }
    case 'await_any': {
      const arg = compileExpr(cx, call.args[0].value);
      const a = arg.ev;
      const at = prune(arg.t);
      const pick = (fs: unknown[]): number => awaitAnyIndex(conc(rt), fs, site);
      return {
        t: at.k === 'array' ? at.el : (expected ?? fresh()),
        ev: (f) => {
          const fs = a(f) as unknown[];
          if (fs.length === 0) return 0;
          const c = conc(rt);
          c.waitUntil(() => pick(fs) >= 0);
          return awaitB(c, fs[pick(fs)], site);
        },
        gen: function* (f): Gen<unknown> {
          const fs = a(f) as unknown[];
          if (fs.length === 0) return 0;
          const c = conc(rt);
          while (pick(fs) < 0) yield { futs: fs.map((x) => c.fidOf(x as FutureVal)) };
          return c.resultOf(fs[pick(fs)] as FutureVal);
        },
      };
    }
    case '$await_timeout': case '$par_group': case '$par_track': case '$par_join':
      return compileParallelBuiltin(cx, name, call);
  }
  return null;
}

function compileTimeSleep(cx: FnCtx, call: Call): Compiled {
  const [ms] = args(cx, call, [INT], call.callee.kind === 'Field' ? 'Time.sleep' : 'sleep_ms');
  const rt = cx.rt;
  return leafForms(cx, VOID, (f) => sleepB(rt, Number(ms(f))), (slot) => sleepLeaf(rt, ms, slot));
}

/** `Task.*`, `Shared.*`, `Time.sleep`; null for other module functions. */
export function compileConcModuleCall(cx: FnCtx, mod: string, name: string, call: Call, expected?: Type): Compiled | null {
  if (mod === 'Time' && name === 'sleep') return compileTimeSleep(cx, call);
  if (mod === 'Shared') {
    if (!Object.hasOwn(SHARED_ARITY, name)) return noSuchFunction(cx, mod, name, call);
    const rt = cx.rt;
    const site: Site = { file: cx.file, span: call.span };
    const evs = args(cx, call, ints(SHARED_ARITY[name]), `Shared.${name}`);
    const t = name === 'set' ? VOID : INT;
    return { t, ev: (f) => sharedOp(conc(rt), name, evs.map((e) => e(f)), site) };
  }
  if (mod === 'Task') return compileTaskCall(cx, name, call, expected) ?? noSuchFunction(cx, mod, name, call);
  return null;
}

function noSuchFunction(cx: FnCtx, mod: string, name: string, call: Call): Compiled {
  cx.error('E0213', `module \`${mod}\` has no function \`${name}\``, call.callee.span);
  call.args.forEach((a) => compileExpr(cx, a.value));
  return none();
}

/** The value of an int expression made of literals, negation and + - * only (a compile-time constant, §7.1); else null. */
function constInt(e: Expr): bigint | null {
  if (e.kind === 'IntLit') return e.value;
  if (e.kind === 'Unary' && e.op === '-') {
    const v = constInt(e.operand);
    return v === null ? null : -v;
  }
  if (e.kind === 'Binary' && (e.op === '+' || e.op === '-' || e.op === '*')) {
    const l = constInt(e.left);
    const r = constInt(e.right);
    if (l === null || r === null) return null;
    return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
  }
  return null;
}

function compileTaskCall(cx: FnCtx, name: string, call: Call, expected?: Type): Compiled | null {
  const rt = cx.rt;
  const site: Site = { file: cx.file, span: call.span };
  switch (name) {
    case 'channel': {
      const a = call.args[0]?.value;
      const got = a === undefined ? 0n : constInt(a);
      if (got !== null && got < 1n) {
        cx.error('E0502', `channel capacity must be >= 1 (got ${got}) - unbuffered channels are not currently supported`, call.span);
        return none();
      }
      const [cap] = args(cx, call, [INT], call.callee.kind === 'Field' ? 'Task.channel' : 'channel');
      return { t: chanType(), ev: (f) => chanCreate(conc(rt), Number(cap(f)), site) };
    }
    case 'send': {
      const [ch, v] = args(cx, call, [INT, ANY], 'Task.send');
      return leafForms(cx, VOID, (f) => sendB(conc(rt), ch(f), v(f)), (slot) => sendLeaf(rt, ch, v, slot), 2);
    }
    case 'recv': {
      const [ch] = args(cx, call, [INT], 'Task.recv');
      return leafForms(cx, expected ?? fresh(), (f) => recvB(conc(rt), ch(f)), (slot) => recvLeaf(rt, ch, slot));
    }
    case 'try_recv': {
      const [ch] = args(cx, call, [INT], 'Task.try_recv');
      return { t: optionOf(fresh()), ev: (f) => tryRecvOpt(conc(rt), ch(f)) };
    }
    case 'close': {
      const [ch] = args(cx, call, [INT], 'Task.close');
      return { t: VOID, ev: (f) => close(conc(rt), ch(f)) };
    }
    case 'select_2': case 'select_3': {
      const evs = args(cx, call, ints(name === 'select_2' ? 2 : 3), `Task.${name}`);
      return {
        t: INT,
        ev: (f) => selectB(conc(rt), evs.map((e) => e(f)), false).index,
        gen: function* (f): Gen<unknown> {
          return (yield* selectG(conc(rt), evs.map((e) => e(f)), false)).index;
        },
      };
    }
    case 'select':
      cx.error('E0203', "unknown function 'Task.select' - did you mean 'Task.select_2' or 'Task.select_3'?", call.callee.span);
      return none();
    case 'cancel': {
      const [fut] = args(cx, call, [ANY], 'Task.cancel');
      return { t: VOID, ev: (f) => { const v = fut(f); const c = conc(rt); if (v instanceof FutureVal && v.world === c.world && !v.ran) c.cancel(c.fidOf(v)); return undefined; } };
    }
    case 'is_cancelled':
      args(cx, call, [], 'Task.is_cancelled');
      return { t: BOOL, ev: () => (rt.conc === null ? false : conc(rt).isCancelled()) };
    case 'value': case 'get': case 'set': case 'add': case 'free_value': {
      const evs = args(cx, call, ints(TASK_VALUE_ARITY[name]), `Task.${name}`);
      const t = name === 'value' || name === 'get' ? INT : VOID;
      return { t, ev: (f) => taskValueOp(conc(rt), name, evs.map((e) => e(f))) };
    }
  }
  return null;
}

/** `a.b.c` for a path of names, else `alt`: the operands a hint can name. */
function pathText(e: Expr | undefined, alt: string): string {
  if (e?.kind === 'Ident') return e.name;
  if (e?.kind === 'Field') {
    const o = pathText(e.object, '');
    return o === '' ? alt : `${o}.${e.name}`;
  }
  return alt;
}

/** The function form of a channel method (§7.2), for the hint on an int receiver. */
function functionForm(name: string, call: Call): string {
  const ch = pathText(call.callee.kind === 'Field' ? call.callee.object : undefined, 'ch');
  return name === 'send' ? `Task.send(${ch}, ${pathText(call.args[0]?.value, 'v')})` : `Task.${name}(${ch})`;
}

/**
 * `ch.send(v)`, `ch.recv()`, `ch.close()` (§7.2) on a value of the channel
 * type (§7.1); null for other receivers and names. On a plain `int` (an
 * `int` parameter holding a handle) the method forms do not exist: a static
 * error, as in the reference (`Unknown method 'send' for type 'int'`).
 */
export function compileChannelMethod(cx: FnCtx, recv: Compiled, name: string, call: Call, expected?: Type): Compiled | null {
  if (name !== 'send' && name !== 'recv' && name !== 'close') return null;
  const t = prune(recv.t);
  if (t.k !== 'int') return null;
  if (!isChan(t)) {
    cx.error('E0305', `no method \`${name}\` on type \`int\``, call.callee.span,
      `the method forms need a value of channel type (\`channel(n)\`); on an int handle use \`${functionForm(name, call)}\``);
    call.args.forEach((a) => compileExpr(cx, a.value));
    return none();
  }
  const given = argsOf({ cx, recv, name, call }, [name === 'send' ? 1 : 0]);
  if (given === null) return none();
  const rt = cx.rt;
  const ch = recv.ev;
  if (name === 'send') {
    // §7.3: the first method-form send gives the channel its element type. Channels carry any value, so a
    // later send of another type is no error here (the reference's is), only recv() keeps the first type.
    if (t.el !== undefined) unify(t.el, given[0].t);
    const v = given[0].ev;
    return leafForms(cx, VOID, (f) => sendB(conc(rt), ch(f), v(f)), (slot) => sendLeaf(rt, ch, v, slot), 2);
  }
  if (name === 'recv') {
    // The channel's element type (§7.3: fixed by its first method-form send, or by how a recv's value is
    // used), unless an annotation asks for one: recvs annotated with different types from one channel (its
    // sends are function-form, elsewhere) each get theirs, as channels carry any value.
    const type = expected ?? t.el ?? fresh();
    return leafForms(cx, type, (f) => recvB(conc(rt), ch(f)), (slot) => recvLeaf(rt, ch, slot));
  }
  return { t: VOID, ev: (f) => close(conc(rt), ch(f)) };
}

export { NONE, SomeVal, selectB, selectG };
