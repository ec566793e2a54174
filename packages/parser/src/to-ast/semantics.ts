// The one Ohm semantic operation of the project: `toAST`. Its actions live in
// one file per node family; this module joins them.

import type { Node } from 'ohm-js';
import grammar from '../wyn.ohm-bundle';
import { declarationActions } from './declarations';
import { expressionActions } from './expressions';
import { literalActions } from './literals';
import { patternTypeActions } from './patterns-types';
import { statementActions } from './statements';

export const semantics = grammar.createSemantics().addOperation<unknown>('toAST', {
  ...literalActions,
  ...expressionActions,
  ...statementActions,
  ...declarationActions,
  ...patternTypeActions,
  _iter(this: Node, ...children: Node[]) {
    return children.map((c) => c['toAST']());
  },
  _terminal(this: Node) {
    return this.sourceString;
  },
});

export { grammar };
