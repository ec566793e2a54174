// Puts the source's comments back into printed code (`wyn fmt`). The AST has no
// comments, so the printer asks, statement by statement, for the comments that
// belong there:
//   - comments between two statements of a block (or inside a statement but
//     not inside one of its nested blocks) go on their own lines before the
//     statement;
//   - a comment after a statement on the same line stays at the end of it;
//   - comments after the last statement go before the closing brace.
// Every comment comes out exactly once: whatever no statement claims is
// printed where the enclosing list ends.

import type { Comment } from '../scan';
import type { SourceFile } from '../span';

export class CommentPlacer {
  private readonly taken: boolean[];

  constructor(
    private readonly comments: readonly Comment[],
    private readonly source: SourceFile,
  ) {
    this.taken = comments.map(() => false);
  }

  /** Comments not yet placed that start in `[from, to)`, in source order; they are placed now. */
  take(from: number, to: number): Comment[] {
    const out: Comment[] = [];
    this.comments.forEach((c, i) => {
      if (!this.taken[i] && c.start >= from && c.start < to) {
        this.taken[i] = true;
        out.push(c);
      }
    });
    return out;
  }

  /** A one-line comment right after `end` on the same line (and before `limit`), if there is one. */
  takeTrailing(end: number, limit: number): Comment | null {
    const text = this.source.text;
    for (let i = 0; i < this.comments.length; i++) {
      const c = this.comments[i];
      if (this.taken[i] || c.start < end) continue;
      if (c.start >= limit || text.slice(end, c.start).includes('\n') || c.text.includes('\n')) return null;
      this.taken[i] = true;
      return c;
    }
    return null;
  }

  /** True when the source has an empty line between offsets `a` and `b`. */
  blankLineBetween(a: number, b: number): boolean {
    return /\n[ \t\r]*\n/.test(this.source.text.slice(a, b));
  }

  hasAny(from: number, to: number): boolean {
    return this.comments.some((c, i) => !this.taken[i] && c.start >= from && c.start < to);
  }
}
