// Reserved words of Wyn (LANGUAGE.md §2.4). The grammar's `keyword` rule, the
// editor grammar (editors/wyn.tmLanguage.json) and this list must agree; a
// test checks all three.

export const KEYWORDS: readonly string[] = [
  'and', 'as', 'await', 'break', 'channel', 'const', 'continue', 'defer', 'else', 'enum', 'export',
  'extern', 'false', 'fn', 'for', 'from', 'if', 'impl', 'import', 'in', 'match', 'mut', 'None', 'not', 'or',
  'parallel', 'pub', 'return', 'root', 'select', 'self', 'Some', 'spawn', 'struct', 'trait', 'true',
  'type', 'var', 'while', 'yield',
];

const keywordSet = new Set(KEYWORDS);

export function isKeyword(word: string): boolean {
  return keywordSet.has(word);
}
