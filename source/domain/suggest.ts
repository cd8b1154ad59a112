/**
 * "Did you mean …?" for unknown config keys, subcommands and `:` commands and their arguments: a
 * close spelling (`intervall` → `interval`, `apikey` → `apiKey`, `sorce` → `source`) or a longer
 * key ending in the typed one (`secretCommand` → `clientSecretCommand`, `token` on MCRIT → `apiToken`).
 */

/** The allowed key the user most likely meant, or null. */
export function suggestKey(typed: string, allowed: Iterable<string>): string | null {
  const lower = typed.toLowerCase();
  let best: { key: string; score: number } | null = null;
  for (const key of allowed) {
    const candidate = key.toLowerCase();
    let score: number;
    if (candidate === lower) score = 0;
    else if (lower.length >= 4 && candidate.endsWith(lower)) score = 1;
    else {
      const distance = editDistance(lower, candidate);
      if (distance > (lower.length <= 4 ? 1 : 2)) continue;
      score = 1 + distance;
    }
    if (!best || score < best.score) best = { key, score };
  }
  return best?.key ?? null;
}

/** "did you mean :source?" for the allowed word closest to `typed` (written with `prefix`), or null when none is close. */
export function didYouMean(typed: string, allowed: Iterable<string>, prefix = ''): string | null {
  if (typed.trim() === '') return null;
  const suggestion = suggestKey(typed, allowed);
  return suggestion === null ? null : `did you mean ${prefix}${suggestion}?`;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      // why: every index read here was written in this or the previous row (noUncheckedIndexedAccess cannot see it).
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}
