// File, Path, System, Env, Process and Os (STDLIB §14, §15) against the
// in-memory Host: no real files, no child processes.

import { runRecorded, runWyn } from './run-helper';

const main = (body: string) => `fn main() {\n${body}\n}\n`;

test('whole-file reads and writes report 1 / 0 and read_lines drops CR and the trailing newline (§14)', async () => {
  const r = await runWyn(main(`
    println(File.write("/tmp/a.txt", "x\\r\\n\\ny\\n"))
    println(File.append("/tmp/a.txt", "z"))
    println(File.read_lines("/tmp/a.txt"))
    println(File.size("/tmp/a.txt"), File.file_size("/tmp/none"), File.size("/tmp/none"))
    println(File.write("/no/such/dir/f", "x"))
    println("[" + File.read("/tmp/none") + "]")
    println(File.exists("/tmp/a.txt"), File.is_file("/tmp/a.txt"), File.is_dir("/tmp"))
    println(File.copy("/tmp/a.txt", "/tmp/b.txt"), File.read("/tmp/b.txt") == File.read("/tmp/a.txt"))
    println(File.delete("/tmp/b.txt"), File.delete("/tmp/b.txt"))`));
  expect(r.stdout).toBe('1\n1\n["x", "", "y", "z"]\n7 -1 0\n0\n[]\ntrue true true\n1 true\n1 0\n');
});

test('directories: mkdir fails on an existing one, create_dir_all does not, list_dir skips hidden names (§14)', async () => {
  const r = await runWyn(main(`
    println(File.mkdir("/tmp/d"), File.mkdir("/tmp/d"), File.create_dir_all("/tmp/d/x/y"), File.create_dir_all("/tmp/d/x/y"))
    File.write("/tmp/d/f.txt", "1")
    File.write("/tmp/d/.hidden", "1")
    var names = File.list_dir("/tmp/d").split("\\n")
    names.sort()
    println(names)
    println(File.rmdir("/tmp/d"), File.remove_dir_all("/tmp/d"), File.remove_dir_all("/tmp/d"), File.exists("/tmp/d"))`));
  expect(r.stdout).toBe('1 0 1 1\n["", "f.txt", "x"]\n0 1 0 false\n');
});

test('file handles read lines with their newline, set eof at the end, and write_line adds a newline (§14)', async () => {
  const r = await runWyn(main(`
    var w = File.open("/tmp/h.txt", "w")
    File.write_line(w, "one")
    File.write_line(w, "two")
    File.close(w)
    var h = File.open("/tmp/h.txt", "r")
    println(File.eof(h))
    print(File.read_line(h)) // print ends the line too (§2)
    print(File.read_line(h))
    println("[" + File.read_line(h) + "]", File.eof(h))
    File.close(h)
    println(File.read_line(h) == "", File.eof(h), File.open("/nope/x", "r"))`));
  expect(r.stdout).toBe('false\none\n\ntwo\n\n[] true\ntrue true -1\n');
});

test('path helpers split on the last slash and dot (§14)', async () => {
  const r = await runWyn(main(`
    println(Path.basename("/a/b.c/d"), Path.dirname("d"), Path.dirname("/d"), Path.extension("/a.b/c"), Path.extension("x.tar.gz"))
    println(Path.join("a/", "b"), File.path_join("", "b"), Dir.basename("/x/y"))`));
  expect(r.stdout).toBe('d . /  gz\na/b b y\n');
});

test('System.exec flushes stdout first and keeps the trailing newline; exec_capture sends all of stderr along (§15)', async () => {
  // Braced, so that in `a; b` the stderr of `a` is captured too, not only that of `b`.
  const commands: Record<string, [number, string]> = { 'echo hi': [0, 'hi\n'], 'exit 3': [3, ''], '{ ls\n} 2>&1': [2, 'ls: no\n'] };
  const { rec } = await runRecorded(main(`
    println("before")
    println("[" + System.exec("echo hi") + "]")
    println(System.exec_code("exit 3"), Process.exec_status("exit 3"))
    println(Process.exec_capture("ls"))`), {}, { commands });
  expect(rec.stdout()).toBe('before\n[hi\n]\n3 3\nls: no\n\n');
  expect(rec.events()[0]).toEqual(['out', 'before\n']);
});

test('environment, arguments and platform facts (§15)', async () => {
  const r = await runWyn(main(`
    println("[" + Env.get("WYN_X") + "]", System.set_env("WYN_X", "1"), Env.get("WYN_X"), System.env("WYN_X"))
    println(System.args(), System.argc(), "[" + System.arg(5) + "]")
    println(Os.platform(), Os.arch(), Os.pid(), Os.temp_dir(), Os.hostname())
    println(System.shell_escape("it's"))`));
  expect(r.stdout).toBe(`[] 1 1 1\n["main.wyn"] 1 []\nlinux x86_64 4242 /tmp test\n'it'\\''s'\n`);
});

test('System.load_env reads KEY=VALUE lines, skipping comments and removing one level of quotes (§15)', async () => {
  const r = await runWyn(main(`
    System.load_env("/tmp/.env")
    System.load_env("/tmp/missing")
    println(Env.get("A"), Env.get("B"), "[" + Env.get("C") + "]")`), { '/tmp/.env': '# c\nA=1\n\nB="two words"\n#C=3\n' });
  expect(r.stdout).toBe('1 two words []\n');
});

test('a string used as a path has the File predicates and actions as methods, with File\'s results (§4 last row, §14)', async () => {
  const r = await runWyn(main(`
    var d = "/tmp/pd"
    println(d.exists(), d.mkdir(), d.mkdir(), d.is_dir(), d.is_file())
    var f = d + "/a.txt"
    File.write(f, "hello")
    println(f.exists(), f.is_file(), f.file_size(), "/tmp/none".file_size())
    println(d.rmdir(), f.delete(), f.delete(), d.rmdir(), d.exists())`));
  expect(r).toEqual({ stdout: 'false 1 0 true false\ntrue true 5 -1\n0 1 0 1 false\n', stderr: '', status: 0 });
});

test('a string of JSON text parses with parse_json() into a handle with getter methods (§4, §16)', async () => {
  const r = await runWyn(main(`
    var j = "{\\"n\\": 3, \\"s\\": \\"x\\", \\"f\\": 2.5, \\"b\\": true}".parse_json()
    println(j.get_int("n"), j.get_string("s"), j.get_float("f"), j.get_bool("b"))`));
  expect(r).toEqual({ stdout: '3 x 2.5 true\n', stderr: '', status: 0 });
});
