import fc from 'fast-check';
import { Codec, Heap, type CustomTag } from '@wyn/scheduler';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const pointTag: CustomTag = {
  tag: 7,
  test: (v) => v instanceof Point,
  encode: (v) => [(v as Point).x, (v as Point).y],
  decode: (d) => new Point((d as number[])[0], (d as number[])[1]),
};

function roundTrip(codec: Codec, value: unknown): unknown {
  codec.encode(value);
  return codec.decode(codec.tag, codec.payload);
}

const { value: valueArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double(),
    fc.integer(),
    fc.bigInt(),
    fc.string({ unit: 'grapheme' }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.float64Array(),
    fc.int32Array(),
    fc.uint8Array(),
    fc.bigInt64Array(),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  // Null-prototype objects are copied as plain objects, so generate plain ones.
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 5, noNullPrototype: true }),
}));

test('any plain value round-trips through the shared heap and frees its block', () => {
  const heap = new Heap(1 << 16);
  const codec = new Codec(heap);
  fc.assert(
    fc.property(valueArb, (value) => {
      expect(roundTrip(codec, value)).toStrictEqual(value);
    }),
    { numRuns: 500 },
  );
  expect(heap.freeBlocks()).toBe(heap.carvedBlocks());
});

test('small values travel inline, without the heap', () => {
  const heap = new Heap(4096);
  const codec = new Codec(heap);
  for (const v of [0, -1, 2 ** 31 - 1, true, false, null, undefined]) {
    codec.encode(v);
    expect(codec.tag).not.toBe(5);
  }
  expect(heap.carvedBlocks()).toBe(0);
  expect(Object.is(roundTrip(codec, -0), -0)).toBe(true);
});

test('registered tags round-trip embedder types, nested in plain data', () => {
  const codec = new Codec(new Heap(4096), [pointTag]);
  const out = roundTrip(codec, { p: new Point(1, 2.5), list: [new Point(3, 4)] }) as { p: Point; list: Point[] };
  expect(out.p).toBeInstanceOf(Point);
  expect(out.p).toEqual(new Point(1, 2.5));
  expect(out.list[0]).toEqual(new Point(3, 4));
});

test('functions, symbols, class instances and cycles are rejected, not mangled', () => {
  const codec = new Codec(new Heap(4096));
  expect(() => codec.encode(() => 1)).toThrow(/function/);
  expect(() => codec.encode(Symbol('s'))).toThrow(TypeError);
  expect(() => codec.encode(new Point(1, 2))).toThrow(/Point/);
  const cycle: unknown[] = [];
  cycle.push(cycle);
  expect(() => codec.encode(cycle)).toThrow(/too deep/);
});

test('a "__proto__" key stays an own property', () => {
  const codec = new Codec(new Heap(4096));
  const value = JSON.parse('{"__proto__": {"x": 1}}');
  const out = roundTrip(codec, value) as object;
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  expect(out).toStrictEqual(value);
});
