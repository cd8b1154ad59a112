/**
 * ConfigError: a config problem named by file, line and field, with what was expected.
 */

/** A problem in the config file; `problems` lists every one found, each naming file:line and the field. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the config:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
