// Property tests: int arithmetic is BigInt.asIntN(64, …) exactly (§3.2) and
// float text round-trips (§9.3).

import fc from 'fast-check';
import * as I from '../src/runtime/int64';
import { floatText } from '../src/runtime/format';

const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const asInt = (b: bigint): I.Int => I.norm(b);
const back = (x: I.Int): bigint => BigInt(x);

test('int + - * wrap exactly like BigInt.asIntN(64, …)', () => {
  fc.assert(fc.property(i64, i64, (a, b) => {
    expect(back(I.add(asInt(a), asInt(b)))).toBe(BigInt.asIntN(64, a + b));
    expect(back(I.sub(asInt(a), asInt(b)))).toBe(BigInt.asIntN(64, a - b));
    expect(back(I.mul(asInt(a), asInt(b)))).toBe(BigInt.asIntN(64, a * b));
  }));
});

test('int / and % truncate toward zero like C', () => {
  fc.assert(fc.property(i64, i64.filter((b) => b !== 0n), (a, b) => {
    expect(back(I.div(asInt(a), asInt(b)))).toBe(BigInt.asIntN(64, a / b));
    expect(back(I.mod(asInt(a), asInt(b)))).toBe(BigInt.asIntN(64, a % b));
  }));
});

test('an int is a JS number exactly when it is a safe integer', () => {
  fc.assert(fc.property(i64, i64, (a, b) => {
    const r = I.add(asInt(a), asInt(b));
    expect(typeof r === 'number').toBe(Number.isSafeInteger(Number(BigInt.asIntN(64, a + b))) && BigInt(Number(BigInt.asIntN(64, a + b))) === BigInt.asIntN(64, a + b));
  }));
});

test('float text parses back to the same double', () => {
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
    expect(Object.is(Number(floatText(x)), x)).toBe(true);
  }));
});

test('float text follows the %g examples of §9.3', () => {
  const cases: [number, string][] = [[3, '3.0'], [0.1 + 0.2, '0.30000000000000004'], [1e14, '100000000000000.0'], [1e15, '1e+15'],
    [1234567890123456, '1234567890123456.0'], [0.00001, '1e-05'], [1e-7, '1e-07'], [-0, '-0.0'], [5e-324, '4.94065645841247e-324'], [Infinity, 'inf']];
  for (const [x, t] of cases) expect(floatText(x)).toBe(t);
});
