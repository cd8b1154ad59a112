/**
 * The config file's `exporter:` mapping: typeGroups, validated with file:line like every key.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/config-error.js';
import { parseConfigText } from '../../source/config/load-config.js';

const SOURCES = 'sources:\n  - {name: a, type: mcrit, url: "http://h:8000"}\n';

const problemsOf = (text: string, env: NodeJS.ProcessEnv = {}) => {
  try {
    parseConfigText(text, 'jobtop.yaml', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('the exporter: config mapping', () => {
  it('defaults to no type groups', () => {
    expect(parseConfigText(SOURCES, 'c.yaml', {}).exporter).toEqual({ typeGroups: [] });
  });

  it('reads typeGroups, with ${ENV} references', () => {
    const config = parseConfigText(`exporter:\n  typeGroups: [render, "\${EXTRA}", 42]\n${SOURCES}`, 'c.yaml', {
      EXTRA: 'export',
    });
    expect(config.exporter.typeGroups).toEqual(['render', 'export', '42']);
  });

  it.each([
    [
      'a scalar instead of a list',
      'exporter:\n  typeGroups: render\n',
      'jobtop.yaml:2: exporter.typeGroups: expected a list such as [render, export]',
    ],
    [
      'an empty entry',
      'exporter:\n  typeGroups: [render, ""]\n',
      'jobtop.yaml:2: exporter.typeGroups: entry 2: expected a non-empty string',
    ],
    [
      'a repeated entry',
      'exporter:\n  typeGroups: [render, render]\n',
      'jobtop.yaml:2: exporter.typeGroups: entry 2: "render" is listed twice',
    ],
    [
      'too many entries',
      `exporter:\n  typeGroups: [${Array.from({ length: 51 }, (_, n) => `t${n}`).join(', ')}]\n`,
      'jobtop.yaml:2: exporter.typeGroups: expected at most 50 entries, got 51',
    ],
    [
      'an unknown key',
      'exporter:\n  typeGroup: [render]\n',
      'jobtop.yaml:2: exporter.typeGroup: unknown key, did you mean typeGroups? (expected one of typeGroups)',
    ],
    [
      'a list instead of a mapping',
      'exporter: [render]\n',
      'jobtop.yaml:1: exporter: expected a mapping (typeGroups: [...])',
    ],
  ])('reports %s with file, line and field', (_name, text, problem) => {
    expect(problemsOf(`${text}${SOURCES}`)).toEqual([problem]);
  });
});
