// @wyn/parser: the Wyn grammar (Ohm), the typed AST, source spans and diagnostics.
export * from './ast';
export * from './diagnostics';
export { isKeyword, KEYWORDS } from './keywords';
export { parse, type ParseResult } from './parse';
export { format, type FormatResult, withoutSpans } from './print/format';
export { printProgram } from './print/statements';
export { renderDiagnostic, type RenderOptions } from './render';
export { SourceFile, type Span } from './span';
