// The zero value of a static type: what a name gets where a task's result
// is not there, as the reference's 0/NULL (CONCURRENCY.md §3.4: `await` in
// a cancelled task on an unfinished future; §6 rule 6: a parallel join that
// timed out). A value of the right type, so that using it never trips over
// a bare 0 where a string, struct or array was expected.

import { prune, type Type } from '../types';
import { NONE, StructVal, TupleVal, WMap } from './values';

/** Struct fields deeper than this get 0: a struct can only contain itself through arrays, options and maps, which are empty. */
const MAX_DEPTH = 16;

export function zeroValue(t: Type, depth = 0): unknown {
  const p = prune(t);
  switch (p.k) {
    case 'int': case 'float': return 0;
    case 'bool': return false;
    case 'string': return '';
    case 'array': return [];
    case 'map': return new WMap();
    case 'option': return NONE;
    case 'tuple': return new TupleVal(p.els.map((e) => zeroValue(e, depth + 1)));
    case 'struct':
      if (depth > MAX_DEPTH) return 0;
      return new StructVal(p.def, p.def.fields.map((_, i) => zeroValue(p.def.fieldType(i, p.args), depth + 1)));
    default: return 0;
  }
}
