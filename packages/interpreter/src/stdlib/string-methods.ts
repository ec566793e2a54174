// String methods (STDLIB §4). Strings are byte strings (runtime/values.ts),
// so lengths and offsets are byte counts; case mapping touches ASCII only.

import type { Call } from '@wyn/parser';
import type { Compiled, FnCtx } from '../compile/context';
import { repeat } from '../eval/binary';
import { clampSlice } from '../eval/index-expr';
import { display } from '../runtime/format';
import { panicAt } from '../runtime/errors';
import { utf8Chars } from '../runtime/values';
import { arrayOf, BOOL, FLOAT, INT, STRING, type Type } from '../types';
import { argsOf, BAD, method, type MethodCall } from './helpers';
import { compileModuleCall } from './modules';
import { parseFloatText, parseIntText, tryParseFloat } from './parse-number';

const upper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const lower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const WS = /^[ \t\n\r]+|[ \t\n\r]+$/g;

function split(s: string, sep: string): string[] {
  return sep === '' ? utf8Chars(s) : s.split(sep);
}

function replaceAll(s: string, a: string, b: string): string {
  return a === '' ? s : s.split(a).join(b);
}

function countOf(s: string, t: string): number {
  return t === '' ? 0 : s.split(t).length - 1;
}

function isNumeric(s: string): boolean {
  return /^[+-]?[0-9.]+$/.test(s) && (s.match(/\./g)?.length ?? 0) <= 1;
}

export function compileStringMethod(cx: FnCtx, t: Type, recv: Compiled, name: string, call: Call): Compiled | null {
  if (t.k !== 'string') return null;
  const m: MethodCall = { cx, recv, name, call };
  const site = { file: cx.file, span: call.span };
  const s = (r: unknown) => r as string;
  switch (name) {
    case 'len': return method(m, [0], INT, (r) => s(r).length);
    case 'is_empty': return method(m, [0], BOOL, (r) => s(r).length === 0);
    case 'upper': return method(m, [0], STRING, (r) => upper(s(r)));
    case 'lower': return method(m, [0], STRING, (r) => lower(s(r)));
    case 'capitalize': return method(m, [0], STRING, (r) => upper(s(r).slice(0, 1)) + lower(s(r).slice(1)));
    case 'title': return method(m, [0], STRING, (r) => lower(s(r)).replace(/(^|[ \t\n])([a-z])/g, (_x, a: string, b: string) => a + b.toUpperCase()));
    case 'trim': return method(m, [0], STRING, (r) => s(r).replace(WS, ''));
    case 'trim_left': return method(m, [0], STRING, (r) => s(r).replace(/^[ \t\n\r]+/, ''));
    case 'trim_right': return method(m, [0], STRING, (r) => s(r).replace(/[ \t\n\r]+$/, ''));
    case 'contains': return method(m, [1], BOOL, (r, [a]) => s(r).includes(a as string));
    case 'starts_with': return method(m, [1], BOOL, (r, [a]) => s(r).startsWith(a as string));
    case 'ends_with': return method(m, [1], BOOL, (r, [a]) => s(r).endsWith(a as string));
    case 'index_of': return method(m, [1], INT, (r, [a]) => s(r).indexOf(a as string));
    case 'last_index_of': return method(m, [1], INT, (r, [a]) => s(r).lastIndexOf(a as string));
    case 'replace': case 'replace_all': return method(m, [2], STRING, (r, [a, b]) => replaceAll(s(r), a as string, b as string));
    case 'slice': case 'substring': return method(m, [1, 2], STRING, (r, [a, b]) => {
      const [x, y] = clampSlice(s(r).length, a as number, b as number | undefined);
      return s(r).slice(x, y);
    });
    case 'char_at': return method(m, [1], STRING, (r, [i]) => ((i as number) < 0 ? '' : (s(r)[i as number] ?? '')));
    case 'repeat': return method(m, [1], STRING, (r, [n]) => repeat(s(r), n as number));
    case 'concat': return method(m, [1], STRING, (r, [a]) => s(r) + (a as string));
    case 'equals': return method(m, [1], BOOL, (r, [a]) => r === a);
    case 'split': return method(m, [1], arrayOf(STRING), (r, [a]) => split(s(r), a as string));
    case 'split_at': return method(m, [2], STRING, (r, [a, i]) => split(s(r), a as string)[i as number] ?? '');
    case 'split_count': return method(m, [1], INT, (r, [a]) => split(s(r), a as string).length);
    case 'lines': return method(m, [0], arrayOf(STRING), (r) => s(r).split('\n').filter((x) => x !== ''));
    case 'words': return method(m, [0], arrayOf(STRING), (r) => s(r).split(/[ \t\n\r]+/).filter((x) => x !== ''));
    case 'chars': return method(m, [0], arrayOf(STRING), (r) => utf8Chars(s(r)));
    case 'bytes': case 'to_bytes': return method(m, [0], arrayOf(INT), (r) => Array.from(s(r), (c) => c.charCodeAt(0)));
    case 'reverse': return method(m, [0], STRING, (r) => utf8Chars(s(r)).reverse().join(''));
    case 'pad_left': case 'pad_right': return method(m, [1, 2], STRING, (r, [w, p]) => {
      const str = s(r);
      const fill = p === undefined ? ' ' : (p as string);
      const n = (w as number) - str.length;
      if (n <= 0 || fill === '') return str;
      const pad = fill[0].repeat(n);
      return name === 'pad_left' ? pad + str : str + pad;
    });
    case 'count': return method(m, [1], INT, (r, [a]) => countOf(s(r), a as string));
    case 'is_alpha': return method(m, [0], BOOL, (r) => /^[A-Za-z]+$/.test(s(r)));
    case 'is_digit': return method(m, [0], BOOL, (r) => /^[0-9]+$/.test(s(r)));
    case 'is_alnum': return method(m, [0], BOOL, (r) => /^[A-Za-z0-9]+$/.test(s(r)));
    case 'is_whitespace': return method(m, [0], BOOL, (r) => /^[ \t\n\v\f\r]+$/.test(s(r)));
    case 'is_numeric': return method(m, [0], BOOL, (r) => isNumeric(s(r)));
    case 'to_int': case 'parse_int': return method(m, [0], INT, (r) => parseIntText(s(r), site));
    case 'to_float': case 'parse_float': return method(m, [0], FLOAT, (r) => parseFloatText(s(r), site));
    case 'is_float': return method(m, [0], BOOL, (r) => tryParseFloat(s(r)) !== null);
    case 'ascii': return method(m, [0], INT, (r) => (s(r).length === 0 ? 0 : s(r).charCodeAt(0)));
    case 'format': {
      const args = argsOf(m, [...Array(17).keys()]);
      if (args === null) return BAD;
      const lit = call.callee.kind === 'Field' && call.callee.object.kind === 'StringLit' ? call.callee.object.value : null;
      if (lit !== null) {
        const p = (lit.replace(/\{\{|\}\}/g, '').match(/\{\}/g) ?? []).length;
        if (p !== args.length) cx.error('E0316', `.format() has ${p} {} placeholders but ${args.length} argument(s)`, call.span);
      }
      const re = recv.ev;
      const evs = args.map((a) => a.ev);
      const ts = args.map((a) => a.t);
      return {
        t: STRING,
        ev: (f) => {
          const vals = evs.map((e, i) => display(e(f), ts[i]));
          let i = 0;
          const text = s(re(f));
          const p = (text.replace(/\{\{|\}\}/g, '').match(/\{\}/g) ?? []).length;
          if (p !== vals.length) panicAt(site, 'E0908', `format() has ${p} {} placeholders but ${vals.length} argument(s)`);
          return text.replace(/\{\{|\}\}|\{\}/g, (x) => (x === '{{' ? '{' : x === '}}' ? '}' : vals[i++]));
        },
      };
    }
    // A string used as a path is the first argument of the File function of
    // the same name (STDLIB §4, last row; §14 for results), and a string of
    // JSON text parses as `Json.parse(s)` (STDLIB §4, §16).
    case 'exists': case 'is_file': case 'is_dir': case 'mkdir': case 'rmdir': case 'delete': case 'file_size':
      return compileModuleCall(cx, 'File', name, call, undefined, recv);
    case 'parse_json':
      return compileModuleCall(cx, 'Json', 'parse', call, undefined, recv);
    default:
      return null;
  }
}
