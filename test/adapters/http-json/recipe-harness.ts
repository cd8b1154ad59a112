/** Loads a recipe from examples/sources/ against a stub server, as `jobtop` would load it from a config file. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobSource } from '../../../source/adapters/contract.js';
import { createSource } from '../../../source/adapters/registry.js';
import { loadConfigFile, type LoadedConfig } from '../../../source/config/load-config.js';
import type { Job } from '../../../source/domain/job.js';

/** The recipe file of a name. */
export function recipePath(name: string): string {
  return new URL(`../../../examples/sources/${name}.yaml`, import.meta.url).pathname;
}

/** A recorded-shape fixture written from the system's API docs. */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/http-json/${name}`, import.meta.url), 'utf8'));
}

/** Changes to a recipe for one test: the jobs per poll, and text replaced before loading (a smaller page size). */
export interface RecipeEdits {
  limit?: number;
  readonly?: boolean;
  replace?: readonly [string, string];
}

/** The recipe's config (validated, with its secrets) and its source, loaded from a file like any config. */
export function openRecipe(
  name: string,
  env: NodeJS.ProcessEnv,
  edits: RecipeEdits = {},
): { config: LoadedConfig; source: JobSource } {
  let path = recipePath(name);
  if (edits.replace) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes(edits.replace[0])) throw new Error(`${name}: no "${edits.replace[0]}" to replace`);
    path = join(mkdtempSync(join(tmpdir(), 'jobtop-recipe-')), `${name}.yaml`);
    writeFileSync(path, text.replace(edits.replace[0], edits.replace[1]), { mode: 0o600 });
  }
  const limit = edits.limit;
  const config = loadConfigFile(path, env);
  const spec = config.sources[0].spec;
  return {
    config,
    source: createSource({
      ...spec,
      ...(limit === undefined ? {} : { limit }),
      ...(edits.readonly ? { readonly: true } : {}),
    }),
  };
}

/** The fields a recipe test asserts, per job. */
export function summary(job: Job): [string, string, string, string, string | null, string | null, string | null] {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return [job.id, job.type, job.state, job.nativeState, iso(job.createdAt), iso(job.startedAt), iso(job.finishedAt)];
}
