import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECIPE_TEXTS } from '../../source/commands/init/recipe-texts.js';
import { loadConfigFile } from '../../source/config/load-config.js';
import { temporaryDirectory } from '../config/config-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const EXAMPLES = new URL('../../examples/sources/', import.meta.url);

describe('jobtop init --recipe', () => {
  it('ships exactly the recipes of examples/sources/ (run node scripts/update-recipes.mjs after editing one)', () => {
    const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'));
    expect(Object.keys(RECIPE_TEXTS).sort()).toEqual(files.map((name) => name.replace(/\.yaml$/, '')).sort());
    for (const file of files)
      expect(RECIPE_TEXTS[file.replace(/\.yaml$/, '')], file).toBe(readFileSync(new URL(file, EXAMPLES), 'utf8'));
  });

  it('writes the github-actions recipe as a mode-600 config that loads, naming the variables it reads', async () => {
    const path = join(temporaryDirectory(), 'github.yaml');
    const result = await runCli(['init', '--recipe', 'github-actions', path]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Wrote ${path} (mode 600) from the github-actions recipe.`);
    expect(result.stdout).toContain(
      'It reads these environment variables: GITHUB_API_URL, GITHUB_TOKEN, GITHUB_REPOSITORY.',
    );
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    const config = loadConfigFile(path, {
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_TOKEN: 'ghp_x1234',
      GITHUB_REPOSITORY: 'o/r',
    });
    expect(config.sources.map((source) => [source.spec.name, source.spec.type])).toEqual([['github', 'http-json']]);
  });

  it('refuses an unknown recipe with the likely one and the list, writing nothing', async () => {
    const dir = temporaryDirectory();
    const result = await runCli(['init', '--recipe', 'gitlab', join(dir, 'x.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'no recipe "gitlab"; did you mean gitlab-pipelines? (recipes: airflow-dag-runs, celery-flower, github-actions, gitlab-pipelines, kubernetes-jobs, osapi)',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
