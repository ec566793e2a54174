// Json (STDLIB §16) and Csv (§17) as module functions over handles. A Json
// handle names one node of a document (json.ts); a Csv handle names a parsed
// table whose row 0 is also the header row.

import * as I from '../runtime/int64';
import type { Runtime } from '../runtime/runtime';
import { bytesOf, toUtf8 } from '../runtime/values';
import { arrayOf, BOOL, FLOAT, INT, STRING, type Type, VOID } from '../types';
import { fn, type ModuleTable } from './entry';
import { type JNode, newObject, numberText, parseJson, setMember, stringify } from './json';

export const JSON_HANDLE: Type = { k: 'handle', name: 'Json' };
const J = JSON_HANDLE;

const node = (rt: Runtime, h: unknown): JNode | undefined => rt.handle('json', h) as JNode | undefined;
const member = (rt: Runtime, h: unknown, key: unknown): JNode | undefined => {
  const o = node(rt, h);
  return o?.k === 'obj' ? o.vals.get(key as string) : undefined;
};
/** A string's content, a number's text, `true`/`false`; "" otherwise (`Json.get_string`, `node_str`). */
const text = (n: JNode | undefined, bools: boolean): string =>
  n?.k === 'str' ? n.s : n?.k === 'num' ? numberText(n) : n?.k === 'bool' && bools ? String(n.b) : '';
const handleOf = (rt: Runtime, n: JNode | undefined): number => (n === undefined ? -1 : rt.newHandle('json', n));
const set = (t: Type, v: (x: unknown) => JNode) => fn([J, STRING, t], VOID, (rt, [h, k, x]) => {
  const o = node(rt, h);
  if (o !== undefined) setMember(o, k as string, v(x));
});
const str = (x: unknown): JNode => ({ k: 'str', s: x as string });
const int = (x: unknown): JNode => ({ k: 'num', n: Number(x), text: String(x) });
const bool = (x: unknown): JNode => ({ k: 'bool', b: x as boolean });
const getString = fn([J, STRING], STRING, (rt, [h, k]) => text(member(rt, h, k), true));

const JSON_MODULE: ModuleTable[string] = {
  parse: fn([STRING], J, (rt, [t]) => handleOf(rt, parseJson(t as string) ?? undefined)),
  new: fn([], J, (rt) => rt.newHandle('json', newObject())),
  get: getString,
  get_string: getString,
  get_int: fn([J, STRING], INT, (rt, [h, k]) => {
    const n = member(rt, h, k);
    return n?.k === 'num' ? (n.text !== undefined ? I.norm(BigInt(n.text)) : I.fromFloat(n.n)) : 0;
  }),
  get_float: fn([J, STRING], FLOAT, (rt, [h, k]) => {
    const n = member(rt, h, k);
    return n?.k === 'num' ? n.n : 0;
  }),
  get_bool: fn([J, STRING], BOOL, (rt, [h, k]) => {
    const n = member(rt, h, k);
    return n?.k === 'bool' ? n.b : n?.k === 'num' && n.n !== 0;
  }),
  has: fn([J, STRING], BOOL, (rt, [h, k]) => member(rt, h, k) !== undefined),
  keys: fn([J], arrayOf(STRING), (rt, [h]) => {
    const o = node(rt, h);
    return o?.k === 'obj' ? o.keys.slice() : [];
  }),
  get_array: fn([J, STRING], J, (rt, [h, k]) => handleOf(rt, member(rt, h, k))),
  get_object: fn([J, STRING], J, (rt, [h, k]) => handleOf(rt, member(rt, h, k))),
  array_len: fn([J], INT, (rt, [h]) => {
    const a = node(rt, h);
    return a?.k === 'arr' ? a.items.length : 0;
  }),
  array_get: fn([J, INT], J, (rt, [h, i]) => {
    const a = node(rt, h);
    return handleOf(rt, a?.k === 'arr' ? a.items[Number(i)] : undefined);
  }),
  node_str: fn([J], STRING, (rt, [h]) => text(node(rt, h), false)),
  set: set(STRING, str),
  set_string: set(STRING, str),
  set_int: set(INT, int),
  set_bool: set(BOOL, bool),
  stringify: fn([J], STRING, (rt, [h]) => {
    const n = node(rt, h);
    return n === undefined ? '' : stringify(n);
  }),
  to_pretty_string: fn([J], STRING, (rt, [h]) => {
    const n = node(rt, h);
    return n === undefined ? '' : stringify(n, 2);
  }),
};

/** Fields of one CSV line; a field starting with `"` runs to the next lone `"`, `""` meaning `"` (STDLIB §17). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++;
  }
}

const table = (rt: Runtime, h: unknown): string[][] => (rt.handle('csv', h) as string[][] | undefined) ?? [];
const quoteField = (f: string): string => (/[,"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);

const CSV_MODULE: ModuleTable[string] = {
  parse: fn([STRING], INT, (rt, [t]) => rt.newHandle('csv', (t as string).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '').map(csvFields))),
  row_count: fn([INT], INT, (rt, [c]) => table(rt, c).length),
  get: fn([INT, INT, INT], STRING, (rt, [c, r, i]) => table(rt, c)[Number(r)]?.[Number(i)] ?? ''),
  get_field: fn([INT, INT, STRING], STRING, (rt, [c, r, name]) => {
    const t = table(rt, c);
    const col = (t[0] ?? []).indexOf(name as string);
    return col < 0 ? '' : (t[Number(r)]?.[col] ?? '');
  }),
  col_count: fn([INT, INT], INT, (rt, [c, r]) => table(rt, c)[Number(r)]?.length ?? 0),
  header: fn([INT, INT], STRING, (rt, [c, i]) => table(rt, c)[0]?.[Number(i)] ?? ''),
  header_count: fn([INT], INT, (rt, [c]) => table(rt, c)[0]?.length ?? 0),
  write: fn([STRING, arrayOf(arrayOf(STRING))], VOID, (rt, [p, rows]) => {
    const body = (rows as string[][]).map((r) => r.map(quoteField).join(',') + '\n').join('');
    rt.host.writeFile(toUtf8(p as string), bytesOf(body), false);
  }),
};

export const DATA_MODULES: ModuleTable = { Json: JSON_MODULE, Csv: CSV_MODULE };
