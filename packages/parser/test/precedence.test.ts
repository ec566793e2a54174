// Operator precedence and associativity exactly as LANGUAGE.md §6.1 lists them,
// including its "verified consequences".

import { parse } from '@wyn/parser';
import { assigned, sexpr } from './helpers';

const cases: Array<[string, string]> = [
  ['2 + 3 & 1', '(+ 2 (& 3 1))'],
  ['1 | 2 * 4', '(| 1 (* 2 4))'],
  ['8 - 2 ^ 1', '(- 8 (^ 2 1))'],
  ['1 << 2 + 1', '(<< 1 (+ 2 1))'],
  ['5 & 3 == 1', '(== (& 5 3) 1)'],
  ['-2.abs()', '(- (call (. 2 abs)))'],
  ['not false and false', '(and (not false) false)'],
  ['true or false and false', '(or true (and false false))'],
  ['not x == y', '(== (not x) y)'],
  ['1 < 2 == true', '(== (< 1 2) true)'],
  ['10 - 4 - 3', '(- (- 10 4) 3)'],
  ['2 * 3 % 4 / 5', '(/ (% (* 2 3) 4) 5)'],
  ['a ?? b or c', '(?? a (or b c))'],
  ['c ? 1 : 2 + 3', '(? c 1 (+ 2 3))'],
  ['a ? b : c ? d : e', '(? a b (? c d e))'],
  ['x in xs and y not in ys', '(and (in x xs) (not in y ys))'],
  ['-8 >> 1', '(>> (- 8) 1)'],
  ['~x & 0xff', '(& (~ x) 0xff)'],
  ['await a + await b', '(+ (await a) (await b))'],
  ['f(x)[0].y?.z', '(?. (. ([] (call f x) 0) y) z)'],
  ['g(a, n: 2)', '(call g a n:2)'],
];

describe('binary and unary operators group as §6.1 says', () => {
  test.each(cases)('%s groups as %s', (source, expected) => {
    expect(sexpr(assigned(`v = ${source}`))).toBe(expected);
  });
});

test('two relational operators in a row are rejected, parenthesised ones are not', () => {
  expect(parse('v = 0 < x < 10', 't.wyn').diagnostics.map((d) => d.code)).toEqual(['E0111']);
  expect(parse('v = (0 < x) == (x < 10)', 't.wyn').diagnostics).toEqual([]);
});
