// Json, Csv, Encoding/Base64/Url, Crypto/Uuid, Regex, DateTime, Test, HashSet and Random
// (STDLIB §11, §12, §16–§20, §23, §24) through small programs and the in-memory Host.

import { runWyn } from './run-helper';

const main = (body: string) => `fn main() {\n${body}\n}\n`;
const out = async (body: string) => (await runWyn(main(body))).stdout;

beforeAll(() => {
  // Calendar fields are local time (§11); pin the zone.
  process.env.TZ = 'UTC';
});

test('Json documents keep key order, decode escapes and stay independent of each other (§16)', async () => {
  expect(await out(`
    var a = Json.parse("{\\"2\\": 1, \\"1\\": \\"x\\\\ny\\", \\"b\\": true, \\"n\\": null, \\"big\\": 1e21}")
    var b = Json.parse("[1, 2.5]")
    println(Json.keys(a), Json.get_string(a, "1").len(), Json.get(a, "b"), "[" + Json.get(a, "n") + "]", Json.get(a, "big"))
    println(Json.node_str(Json.array_get(b, 1)), Json.array_get(b, 7), Json.get_int(a, "2"), a.get_bool("b"))
    println(Json.stringify(b), "[" + Json.stringify(Json.parse("{oops")) + "]")`)).toBe(
    '["2", "1", "b", "n", "big"] 3 true [] 1e+21\n2.5 -1 1 true\n[1, 2.5] []\n');
});

test('Json builders replace existing keys, escape strings and print bools as true/false (§16)', async () => {
  expect(await out(`
    var j = Json.new()
    Json.set(j, "s", "a\\"b")
    Json.set_int(j, "n", 9223372036854775807)
    Json.set_bool(j, "ok", true)
    Json.set_int(j, "n", 1)
    println(Json.stringify(j))
    println(Json.get_int(j, "n"), Json.get_string(j, "s"))`)).toBe('{"s": "a\\"b", "n": 1, "ok": true}\n1 a"b\n');
});

test('Csv quoted fields keep commas and doubled quotes; Csv.write quotes what needs it (§17)', async () => {
  const r = await runWyn(main(`
    var c = Csv.parse("h1,h2\\r\\n\\n\\"a,b\\",\\"say \\"\\"x\\"\\"\\"\\n")
    println(Csv.row_count(c), Csv.header_count(c), Csv.get(c, 1, 0), Csv.get(c, 1, 1), Csv.get_field(c, 1, "h2"))
    Csv.write("/tmp/o.csv", [["a", "b,c"], ["q\\"", ""]])
    print(File.read("/tmp/o.csv"))`));
  expect(r.stdout).toBe('2 2 a,b say "x" say "x"\na,"b,c"\n"q""",\n\n');
});

test('Base64, hex and URL encoding work on bytes (§18)', async () => {
  expect(await out(`
    println(Base64.encode("é"), Base64.decode("w6k="), Encoding.hex_encode("é"), "[" + Encoding.hex_decode("abc") + "]")
    println(Url.encode("a b/é"), Url.decode("%C3%A9+%2f"))`)).toBe('w6k= é c3a9 []\na%20b%2F%C3%A9 é /\n');
});

test('Crypto digests, HMAC with a hex key, FNV hashes and v4 UUIDs (§19)', async () => {
  expect(await out(`
    println(Crypto.sha256("abc").len(), Crypto.md5("abc"))
    println(Crypto.hmac_sha256_hex("6b6579", "The quick brown fox jumps over the lazy dog"))
    println("[" + Crypto.hmac_sha256_hex("6b6", "x") + "]", Crypto.hash32(""), Crypto.hash64(""))
    println(Crypto.random_bytes(3).len(), Uuid.v4().char_at(14))`)).toBe(
    '64 900150983cd24fb0d6963f7d28e17f72\nf7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\n[] 2166136261 -3750763034362895579\n6 4\n');
});

test('Regex speaks POSIX ERE: classes, literal escapes and replacements, fixed answers for bad patterns (§20)', async () => {
  expect(await out(`
    println(Regex.match("ab12", "^[[:alpha:]]+[[:digit:]]+$"), Regex.match("d", "\\\\d"), Regex.find("a.b", "\\\\."))
    println(Regex.replace("a1b2", "[0-9]", "\\\\1$&"), Regex.split("a1b", "[0-9]*"))
    println(Regex.match("x", "("), Regex.find("x", "["), "[" + Regex.find_all("x", "(") + "]", Regex.replace("x", "(", "y"), Regex.split("x", "("))`)).toBe(
    'true true 1\na\\1$&b\\1$& a\nb\nfalse -1 [] x x\n');
});

test('DateTime formats with strftime conversions in local time (§11)', async () => {
  expect(await out(`
    var t = 1700000000
    println(DateTime.format(t, "%a %b %e %j %I%p %y %% %q"), Time.format(t))
    println(DateTime.format_duration(1250), DateTime.format_duration(59999), DateTime.format_duration(7200000))`)).toBe(
    'Tue Nov 14 318 10PM 23 % %q 2023-11-14 22:13:20\n1.2s 60.0s 2h 0m\n');
});

test('Test checks print one line each and make the exit status 1 after a failure (§12)', async () => {
  const pass = await runWyn(main('Test.init("S")\nTest.assert_eq_float(1.0, 1.05, 0.1, "close")\nTest.skip("later")'));
  expect(pass).toMatchObject({ stdout: '\n=== Test Suite: S ===\n\n  ✓ close\n  ⊘ SKIPPED: later\n', status: 0 });
  const fail = await runWyn(main('Test.assert_eq_int(9223372036854775807, -1, "big")\nvar n = Test.summary()\nprintln(n)'));
  expect(fail.stdout).toBe('  ✗ big (expected: -1, got: 9223372036854775807)\n\n=== Test Summary ===\nTotal:   1\nPassed:  0\nFailed:  1\nSkipped: 0\nTime:    0.000s\n         (< 1ms)\n\n✗ 1 test(s) failed\n\n1\n');
  expect(fail.status).toBe(1);
});

test('Math converts ints for max/min and checks overflow in checked_* (§9)', async () => {
  const r = await runWyn(main('println(Math.max(3, 7), Math.sign(-9), Math.clamp(9, 0, 5), Math.checked_add(1, 2))\nprintln(Math.checked_mul(4611686018427387904, 2))'));
  expect(r.stdout).toBe('7.0 -1 5 3\n');
  expect(r.stderr).toContain('panic: integer overflow in checked_mul(4611686018427387904, 2)');
  expect(r.status).toBe(1);
});

test('HashSet holds strings behind a shared handle; set operations return new sets (§23)', async () => {
  const r = await runWyn(`fn main() {
    var seen = HashSet.new()
    var dups: [string] = []
    for w in "a b a c b d".split(" ") {
      if seen.contains(w) { dups.push(w) } else { seen.add(w) }
    }
    println(dups, seen.len(), seen.is_empty())
    var other = HashSet.new()
    other.insert("a")
    HashSet.add(other, "z")
    println(seen.union(other).len(), seen.intersection(other).len(), seen.difference(other).len(), seen.len())
    println(seen.intersection(other).is_subset(seen), seen.is_superset(other), seen.difference(other).is_disjoint(other))
    var alias = seen
    alias.remove("a")
    println(seen.len())
    alias.clear()
    println(seen.len(), seen.is_empty())
  }`);
  expect(r).toEqual({ stdout: '["a", "b"] 4 false\n5 1 3 4\ntrue false true\n3\n0 true\n', stderr: '', status: 0 });
});

test('random numbers: seed_random makes a run repeatable, ranges hold, and user functions shadow the legacy names (§24, §2)', async () => {
  const r = await runWyn(`fn main() {
    seed_random(7)
    var a = [random_int(1, 6), Random.int(1, 6), random_range(0, 2), Math.random().to_int()]
    seed_random(7)
    var b = [random_int(1, 6), Random.int(1, 6), random_range(0, 2), Math.random().to_int()]
    println(a.join(",") == b.join(","), a[0] >= 1 and a[0] <= 6, a[2] < 2, a[3])
    println(random_string(5).len(), random_hex(4).len(), random_uuid()[14], random_choice_int([]), random_choice_str(["only"]))
    println(random_bool() == random_bool() or true, shadowed())
  }
  fn shadowed() -> int => random_float()
  fn random_float() -> int => 3`);
  expect(r).toEqual({ stdout: 'true true true 0\n5 4 4 0 only\ntrue 3\n', stderr: '', status: 0 });
});

test('handles are ints to the type checker too: a StringBuilder may go to an int parameter, and HashSet names a type (STDLIB §0)', async () => {
  const r = await runWyn(`fn header(sb: int, title: string) { StringBuilder.append_line(sb, "# " + title) }
fn add(s: HashSet, w: string) -> bool {
  if s.contains(w) { return false }
  s.add(w)
  return true
}
var sb: int = StringBuilder.new()
header(sb, "T")
seen = HashSet.new()
print(StringBuilder.to_string(sb).trim(), add(seen, "a"), add(seen, "a"), sb)`);
  expect(r).toEqual({ stdout: '# T true false 1\n', stderr: '', status: 0 });
});
