// Option and Result methods (LANGUAGE.md §11.6, STDLIB §7).

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { widen } from '../eval/call-args';
import { dynamicText } from '../runtime/format';
import { panicAt } from '../runtime/errors';
import { ErrVal, OkVal, SomeVal } from '../runtime/values';
import { BOOL, type Type } from '../types';
import { argsOf, BAD, method, type MethodCall } from './helpers';

export function compileOptionMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call): Compiled | null {
  const m: MethodCall = { cx, recv, name, call };
  const site = { file: cx.file, span: call.span };
  if (t.k === 'option') {
    switch (name) {
      case 'is_some': return method(m, [0], BOOL, (r) => r instanceof SomeVal);
      case 'is_none': return method(m, [0], BOOL, (r) => !(r instanceof SomeVal));
      case 'unwrap': return method(m, [0], t.inner, (r) => (r instanceof SomeVal ? r.v : panicAt(site, 'E0906', 'Error: unwrap() called on None')));
      case 'unwrap_or': return unwrapOr(m, t.inner, (r) => (r instanceof SomeVal ? { v: r.v } : null));
      default: return null;
    }
  }
  if (t.k === 'result') {
    switch (name) {
      case 'is_ok': return method(m, [0], BOOL, (r) => r instanceof OkVal);
      case 'is_err': return method(m, [0], BOOL, (r) => r instanceof ErrVal);
      case 'unwrap': return method(m, [0], t.ok, (r) => (r instanceof OkVal ? r.v : panicAt(site, 'E0906', `Error: unwrap() called on Err: ${dynamicText((r as ErrVal).e)}`)));
      case 'unwrap_err': return method(m, [0], t.err, (r) => (r instanceof ErrVal ? r.e : panicAt(site, 'E0906', 'Error: unwrap_err() called on Ok')));
      case 'unwrap_or': return unwrapOr(m, t.ok, (r) => (r instanceof OkVal ? { v: r.v } : null));
      default: return null;
    }
  }
  return null;
}

function unwrapOr(m: MethodCall, inner: Type, get: (r: unknown) => { v: unknown } | null): Compiled {
  const args = argsOf(m, [1], [inner]);
  if (args === null) return BAD;
  const d = widen(m.cx, inner, args[0], m.call.span);
  const re = m.recv.ev;
  return {
    t: inner,
    ev: (f) => {
      const x = get(re(f));
      return x !== null ? x.v : d(f);
    },
  };
}
