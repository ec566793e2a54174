// Regex (STDLIB §20): POSIX extended regular expressions, run on JS RegExp
// after translating the syntax that differs. Subjects are byte strings, so
// offsets are byte offsets and `.` matches one byte, as regexec does in the
// C locale. Like regcomp without REG_NEWLINE, `.` and `[^…]` match a newline
// and `^`/`$` anchor only at the ends (flag `s`, no `m`).
//
// The catch: POSIX picks the leftmost-*longest* match, JS the leftmost match
// of the first alternative that succeeds, so `a|ab` on "ab" matches "ab" in
// C and "a" here. Patterns whose alternatives are not prefixes of each other
// (all the conformance ones) behave identically.

import { BOOL, INT, STRING } from '../types';
import { fn, type ModuleTable } from './entry';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

/** A bracket expression starting at `p[i] === '['`: its JS form and the index after it. */
function bracket(p: string, i: number): [string, number] {
  let j = i + 1;
  let out = '[';
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  // A `]` right after `[` or `[^` is a literal member.
  if (p[j] === ']') {
    out += '\\]';
    j++;
  }
  while (j < p.length && p[j] !== ']') {
    const cls = /^\[:([a-z]+):\]/.exec(p.slice(j));
    if (cls !== null) {
      const members = CLASSES[cls[1]];
      if (members === undefined) throw new SyntaxError(`unknown class [:${cls[1]}:]`);
      out += members;
      j += cls[0].length;
      continue;
    }
    // Backslash is an ordinary member inside brackets; `[` too.
    out += p[j] === '\\' || p[j] === '[' ? '\\' + p[j] : p[j];
    j++;
  }
  if (j >= p.length) throw new SyntaxError('unterminated bracket expression');
  return [out + ']', j + 1];
}

/** ERE → JS source. GNU's `\w \W \s \S \b \B \< \>` keep their meaning; any other escaped character is literal. */
export function translate(p: string): string {
  let out = '';
  for (let i = 0; i < p.length;) {
    const c = p[i];
    if (c === '[') {
      const [b, next] = bracket(p, i);
      out += b;
      i = next;
    } else if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) throw new SyntaxError('trailing backslash');
      if ('wWsSbB'.includes(d)) out += '\\' + d;
      else if (d === '<') out += '\\b(?=\\w)';
      else if (d === '>') out += '\\b(?<=\\w)';
      else out += /[A-Za-z0-9]/.test(d) ? d : '\\' + d;
      i += 2;
    } else if (c === '(' && p[i + 1] === '?') {
      throw new SyntaxError('repetition of nothing');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The compiled pattern, or null when it is invalid (STDLIB §20: every function then has a fixed answer). */
function compile(pattern: string, global: boolean): RegExp | null {
  try {
    return new RegExp(translate(pattern), global ? 'gs' : 's');
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/** Non-empty matches, left to right; an empty match is stepped over as a C `regexec` loop must. */
function matches(s: string, re: RegExp): RegExpExecArray[] {
  return [...s.matchAll(re)].filter((m) => m[0] !== '');
}

export const REGEX_MODULES: ModuleTable = {
  Regex: {
    match: fn([STRING, STRING], BOOL, (_rt, [s, p]) => compile(p as string, false)?.test(s as string) ?? false),
    find: fn([STRING, STRING], INT, (_rt, [s, p]) => {
      const re = compile(p as string, false);
      return re === null ? -1 : (s as string).search(re);
    }),
    // `repl` is literal: `\1` and `$&` are not special.
    replace: fn([STRING, STRING, STRING], STRING, (_rt, [s, p, r]) => {
      const re = compile(p as string, true);
      return re === null ? s : (s as string).replace(re, (m) => (m === '' ? m : (r as string)));
    }),
    find_all: fn([STRING, STRING], STRING, (_rt, [s, p]) => {
      const re = compile(p as string, true);
      return re === null ? '' : matches(s as string, re).map((m) => m[0] + '\n').join('');
    }),
    split: fn([STRING, STRING], STRING, (_rt, [s, p]) => {
      const re = compile(p as string, true);
      if (re === null) return s;
      const pieces: string[] = [];
      let at = 0;
      for (const m of matches(s as string, re)) {
        pieces.push((s as string).slice(at, m.index));
        at = m.index + m[0].length;
      }
      pieces.push((s as string).slice(at));
      return pieces.join('\n');
    }),
  },
};
