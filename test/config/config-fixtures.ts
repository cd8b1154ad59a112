/**
 * Helpers for config tests: temporary config files with a chosen mode, and YAML for sources.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../source/config/config-error.js';

/** A fresh temporary directory. */
export function temporaryDirectory(prefix = 'jobtop-config-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` (YAML text, or an object to stringify) as a config file with `mode` (default 600). */
export function writeConfig(
  content: string | Record<string, unknown>,
  options: { dir?: string; name?: string; mode?: number } = {},
): string {
  const path = join(options.dir ?? temporaryDirectory(), options.name ?? 'config.yaml');
  writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  chmodSync(path, options.mode ?? 0o600);
  return path;
}

/** The problems of a ConfigError thrown by `load`; fails when nothing is thrown. */
export function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
