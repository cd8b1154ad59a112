/**
 * JMESPath (https://jmespath.site, the community edition's spec) compiled once and evaluated
 * without throwing: a compile error is a config problem, an evaluation error a per-source warning.
 * why @jmespath-community/jmespath: it ships types and ESM and implements the arithmetic the
 * declarations use (`progress * \`100\``), which jmespath 0.16 does not (docs/development.md).
 */
import { compile, TreeInterpreter, type JSONValue } from '@jmespath-community/jmespath';

/** A compiled JMESPath expression with its source text (for messages). */
export interface Expression {
  readonly text: string;
  readonly node: ReturnType<typeof compile>;
}

/** Compiles an expression, or says why it is not valid JMESPath. */
export function compileExpression(text: string): Expression | { error: string } {
  if (text.trim() === '') return { error: 'expected a JMESPath expression, got an empty string' };
  try {
    return { text, node: compile(text) };
  } catch (error) {
    return { error: `invalid JMESPath "${text}": ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** True when compileExpression failed. */
export function isCompileError(result: Expression | { error: string }): result is { error: string } {
  return 'error' in result;
}

/** The result of evaluating an expression on one value. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates an expression on untrusted data; a runtime error (e.g. arithmetic on a string) is returned, not thrown. */
export function evaluate(expression: Expression, data: unknown): Evaluation {
  try {
    const value = TreeInterpreter.search(expression.node, (data ?? null) as JSONValue);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
