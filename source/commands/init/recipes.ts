/**
 * The recipes `jobtop init --recipe NAME` offers (examples/sources/, docs/http-json.md): looking
 * one up by name, with a suggestion for a typo, and the environment variables it reads.
 */
import { suggestKey } from '../../domain/suggest.js';
import { UsageError } from '../command.js';
import { RECIPE_TEXTS } from './recipe-texts.js';

/** The recipe names, sorted. */
export function recipeNames(): string[] {
  return Object.keys(RECIPE_TEXTS).sort();
}

/** A recipe's text; a UsageError naming the recipes (and the likely one) for an unknown name. */
export function recipeText(name: string): string {
  if (Object.hasOwn(RECIPE_TEXTS, name)) return RECIPE_TEXTS[name];
  const prefixed = recipeNames().filter((recipe) => recipe.startsWith(name.toLowerCase()));
  const suggestion = prefixed.length === 1 ? prefixed[0] : suggestKey(name, recipeNames());
  throw new UsageError(
    `no recipe "${name}"${suggestion ? `; did you mean ${suggestion}?` : ''} (recipes: ${recipeNames().join(', ')})`,
  );
}

/** The `${NAME}` environment variables a config text reads outside its comments, in order of appearance. */
export function environmentVariablesOf(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    for (const match of line.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(match[1]);
  }
  return [...names];
}
