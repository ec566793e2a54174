// Map methods (LANGUAGE.md §11.5, STDLIB §8). Keys are byte strings;
// `keys()`/`values()` follow the bucket iteration order of §3.7.

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { widen } from '../eval/call-args';
import type { WMap } from '../runtime/values';
import { arrayOf, BOOL, INT, prune, STRING, type Type, unify, VOID } from '../types';
import { argsOf, BAD, method, type MethodCall } from './helpers';

function zero(t: Type): unknown {
  const k = prune(t).k;
  return k === 'int' || k === 'float' ? 0 : k === 'bool' ? false : '';
}

export function compileMapMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call): Compiled | null {
  if (t.k !== 'map') return null;
  const val = t.val;
  const m: MethodCall = { cx, recv, name, call };
  const mp = (r: unknown) => r as WMap;
  switch (name) {
    case 'len': return method(m, [0], INT, (r) => mp(r).size);
    case 'is_empty': return method(m, [0], BOOL, (r) => mp(r).size === 0);
    case 'contains': case 'has': case 'contains_key': return method(m, [1], BOOL, (r, [k]) => mp(r).has(k as string), [STRING]);
    case 'remove': return method(m, [1], VOID, (r, [k]) => { mp(r).delete(k as string); }, [STRING]);
    case 'clear': return method(m, [0], VOID, (r) => { mp(r).clear(); });
    case 'keys': return method(m, [0], arrayOf(STRING), (r) => mp(r).keys().slice());
    case 'values': return method(m, [0], arrayOf(val), (r) => mp(r).keys().map((k) => mp(r).get(k)));
    case 'insert': case 'set': {
      const args = argsOf(m, [2], [STRING, val]);
      if (args === null) return BAD;
      cx.expect(STRING, args[0].t, call.span);
      if (!(prune(val).k === 'float' && prune(args[1].t).k === 'int') && !unify(val, args[1].t)) cx.expect(val, args[1].t, call.span);
      const ke = args[0].ev;
      const ve = widen(cx, val, args[1], call.span);
      const re = recv.ev;
      return { t: VOID, ev: (f) => { mp(re(f)).set(ke(f) as string, ve(f)); return undefined; } };
    }
    case 'get': {
      const args = argsOf(m, [1, 2], [STRING, val]);
      if (args === null) return BAD;
      const ke = args[0].ev;
      const de = args[1] === undefined ? null : widen(cx, val, args[1], call.span);
      const re = recv.ev;
      return {
        t: val,
        ev: (f) => {
          const mm = mp(re(f));
          const k = ke(f) as string;
          if (mm.has(k)) return mm.get(k);
          return de === null ? zero(val) : de(f);
        },
      };
    }
    default: return null;
  }
}
