/**
 * ConfigError: a config problem named by file, line and field, with what was expected. Every
 * problem is sanitized like server text (a config file is text someone else may have written:
 * escape sequences, C1 controls and bidi overrides must not reach the terminal), and long lists
 * are cut so a broken or binary file cannot flood the screen.
 */
import { sanitizeInline } from '../domain/sanitize.js';

/** Most problems printed; the rest are counted. */
const MAX_PROBLEMS = 20;

/** A problem in the config file; `problems` lists every one found, each naming file:line and the field. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const clean = problems.slice(0, MAX_PROBLEMS).map((problem) => sanitizeInline(problem, 1_000));
    if (problems.length > MAX_PROBLEMS) clean.push(`… and ${problems.length - MAX_PROBLEMS} more`);
    super(clean.length === 1 ? clean[0] : `${problems.length} problems in the config:\n  ${clean.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = clean;
  }
}
