// Turns Ohm's rightmost failure into a Diagnostic a person can act on. Ohm's
// own message lists every token that could have come next ("expected "}", an
// identifier, "channel", ..."); we keep the position and the expected set, and
// describe both in words: what was found, what was expected, and which bracket
// is still open.

import type { MatchResult } from 'ohm-js';
import { type Diagnostic, error } from './diagnostics';
import { isKeyword } from './keywords';
import { type Bracket, openBracketAt } from './scan';
import type { SourceFile } from './span';

/** Tokens that can start an expression; a set holding them all reads "an expression". */
const expressionStarts = [
  'an identifier', 'a number', 'a string', '"("', '"["', '"{"', '"-"', '"not"', '"~"', '"await"', '"spawn"',
  '"fn"', '"|"', '"||"', '"if"', '"match"', '"true"', '"false"', '"None"', '"none"', '"Some"', '"self"', '"channel"', '"!"',
];
const statementStarts = [
  '"var"', '"const"', '"while"', '"for"', '"return"', '"break"', '"continue"', '"defer"', '"struct"', '"enum"', '"_"',
  '"let"', '"parallel"', '"select"', '"extern"', '"type"', '"impl"', '"trait"', '"import"', '"pub"', '"export"', '"test"',
  '";"', '"++"', '"--"', 'end of input',
];
/** Tokens that may follow any complete expression; listed only when nothing else is possible. */
const continuations = new Set([
  '"("', '"["', '"."', '"?."', '"::"', '"?"', '"??"', '"|>"', '"or"', '"||"', '"and"', '"&&"', '"=="', '"!="', '"==="', '"!=="',
  '"<"', '"<="', '">"', '">="', '"not"', '"<<"', '">>"', '"+"', '"-"', '"&"', '"|"', '"^"', '"*"', '"/"', '"%"', '"**"',
  '"="', '"+="', '"-="', '"*="', '"/="', '"%="', '"<<="', '">>="', '"**="', '"++"', '"--"', '"..="', '".."', '":"',
]);
const closerFor = { '(': ')', '[': ']', '{': '}' } as const;
const bracketNoun = { '(': 'parenthesis', '[': 'bracket', '{': 'block' } as const;

function quote(t: string): string {
  return t.startsWith('"') ? '`' + t.slice(1, -1) + '`' : t;
}

/** The parts of Ohm's (untyped) failure records that we read. */
interface OhmFailure {
  isFluffy(): boolean;
  toString(): string;
}
interface FailureDetails {
  getRightmostFailurePosition(): number;
  getRightmostFailures(): OhmFailure[];
}

function expectedSet(match: FailureDetails): string[] {
  const texts = new Set<string>();
  for (const f of match.getRightmostFailures()) {
    const text = f.toString();
    if (f.isFluffy() || text.startsWith('not ') || text.includes('".."') || text === 'space' || text === 'comment' || text === '"\\uFEFF"') continue;
    texts.add(text);
  }
  let list = [...texts];
  const hasAll = (group: string[], min: number) => group.filter((t) => texts.has(t)).length >= min;
  if (hasAll(expressionStarts, 4)) {
    const statement = hasAll(statementStarts, 4);
    list = list.filter((t) => !expressionStarts.includes(t) && !(statement && statementStarts.includes(t)));
    list.unshift(statement ? 'a statement' : 'an expression');
  }
  // After an expression (where `.` could follow), `in` is just another operator.
  const afterExpression = texts.has('"."');
  const essential = list.filter((t) => !continuations.has(t) && !(t === '"in"' && afterExpression));
  const keep = essential.length > 0 ? essential : list;
  return keep.map(quote);
}

function describeFound(text: string, pos: number): { what: string; length: number } {
  const rest = text.slice(pos);
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
  if (word !== null) return { what: `\`${word[0]}\``, length: word[0].length };
  const num = /^[0-9][0-9A-Za-z_.]*/.exec(rest);
  if (num !== null) return { what: `\`${num[0]}\``, length: num[0].length };
  if (rest[0] === '"' || rest[0] === "'") return { what: 'a string', length: 1 };
  const op = /^(===|!==|<<=|>>=|\*\*=|\.\.=|\.\.\.|=>|->|==|!=|<=|>=|&&|\|\||\|>|\?\?|\?\.|::|\+\+|--|\*\*|[+\-*/%=<>&|^~!?.,:;()[\]{}@$`\\])/.exec(rest);
  if (op !== null) return { what: `\`${op[0]}\``, length: op[0].length };
  return { what: `\`${String.fromCodePoint(rest.codePointAt(0) ?? 32)}\``, length: 1 };
}


/** A reserved word used as a name, at the failure or just before it (`fn f(from: int)`, `match = 3`). */
function keywordHint(text: string, pos: number): string | undefined {
  const at = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos))?.[0];
  const before = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(Math.max(0, pos - 40), pos))?.[1];
  for (const word of [at, before]) {
    if (word !== undefined && isKeyword(word)) return `\`${word}\` is a reserved word and cannot be used as a name`;
  }
  return undefined;
}

/** `1.` and `.5`: Wyn wants digits on both sides of the point (LANGUAGE.md §2.6). */
function numberHint(text: string, pos: number): string | undefined {
  if (/^\.[0-9]/.test(text.slice(pos))) return 'a float needs a digit before the point: write `0.5`';
  return undefined;
}

function joinAlternatives(items: string[]): string {
  const shown = items.slice(0, 6);
  if (shown.length === 1) return shown[0];
  return shown.slice(0, -1).join(', ') + ' or ' + shown[shown.length - 1];
}

export function syntaxError(result: MatchResult, source: SourceFile, brackets: readonly Bracket[]): Diagnostic {
  const match = result as unknown as FailureDetails;
  const pos = match.getRightmostFailurePosition();
  const text = source.text;
  const atEnd = text.slice(pos).trim() === '' || /^\s*$/.test(text.slice(pos).replace(/(\/\/|#)[^\n]*/g, ''));
  const expected = expectedSet(match);
  const open = openBracketAt(brackets, pos);
  const before = text.slice(0, pos).trimEnd();
  const danglingPoint = /[0-9][0-9_]*\.$/.exec(before);
  if (danglingPoint !== null) {
    const start = before.length - danglingPoint[0].length;
    return error('E0104', `invalid number literal \`${danglingPoint[0]}\``, source.name, source.span(start, before.length), {
      hint: `a float needs digits after the point: write \`${danglingPoint[0]}0\``,
    });
  }
  if (atEnd) {
    // Point just after the last token rather than at an empty last line.
    const end = lastTokenEnd(text, pos);
    if (open !== null && open.close === -1) {
      const p = source.position(open.offset);
      const closer = closerFor[open.char];
      return error('E0101', `unexpected end of input: expected \`${closer}\` to close the ${bracketNoun[open.char]} opened at ${p.line}:${p.col}`,
        source.name, source.span(end, end), { hint: `add \`${closer}\`` });
    }
    const what = expected.length === 0 ? '' : `: expected ${joinAlternatives(expected)}`;
    return error('E0101', `unexpected end of input${what}`, source.name, source.span(end, end), numberHint(text, end) === undefined ? {} : { hint: numberHint(text, end) });
  }
  const found = describeFound(text, pos);
  const span = source.span(pos, pos + found.length);
  let hint = keywordHint(text, pos) ?? numberHint(text, pos);
  if (open !== null && hint === undefined) {
    const closer = '`' + closerFor[open.char] + '`';
    if (expected.includes(closer)) {
      const p = source.position(open.offset);
      hint = `the \`${open.char}\` opened at ${p.line}:${p.col} is still open here`;
    }
  }
  const message = expected.length === 0 || (expected.length === 1 && expected[0] === 'a statement')
    ? `unexpected ${found.what}`
    : `expected ${joinAlternatives(expected)}, found ${found.what}`;
  return error('E0100', message, source.name, span, hint === undefined ? {} : { hint });
}

/** Offset just past the last non-blank, non-comment character before the end of input. */
function lastTokenEnd(text: string, from: number): number {
  let end = from;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}
