/**
 * What the operator types to confirm a destructive action, the same rule in the TUI and the
 * CLI: for one job, the shortest suffix of its id (at least 4 characters) that no other listed
 * job's id ends with — demo MCRIT and Alteryx ids share a timestamp prefix, so a prefix cannot
 * tell them apart; for several jobs, "<action> <count>".
 */

/** Fewest characters a suffix token has (shorter ids are typed whole). */
export const MIN_TOKEN_LENGTH = 4;

/** What confirms an action: y/N, or typing `expected`. */
export type Confirmation = { kind: 'yes-no' } | { kind: 'type'; expected: string };

const TYPEABLE = /^[\x21-\x7e]+$/;

/** The shortest suffix of `id` (≥ 4 characters) that no other id in `listed` ends with; the whole id when none is shorter. */
export function uniqueSuffix(id: string, listed: readonly string[]): string {
  const others = [...new Set(listed)].filter((other) => other !== id);
  for (let length = Math.min(MIN_TOKEN_LENGTH, id.length); length < id.length; length += 1) {
    const suffix = id.slice(-length);
    if (!others.some((other) => other.endsWith(suffix))) return suffix;
  }
  return id;
}

/**
 * The confirmation of an action on `targetIds` among the `listed` ids (the jobs the operator
 * can see, or named): y/N unless `typed`; typed: the unique suffix of the one id, or
 * "<action> <count>" for several jobs or an id that cannot be typed on a keyboard.
 */
export function confirmationFor(
  action: string,
  targetIds: readonly string[],
  listed: readonly string[],
  typed: boolean,
): Confirmation {
  if (!typed) return { kind: 'yes-no' };
  const [only] = targetIds;
  if (targetIds.length === 1 && only !== undefined) {
    const token = uniqueSuffix(only, [...listed, ...targetIds]);
    if (TYPEABLE.test(token)) return { kind: 'type', expected: token };
  }
  return { kind: 'type', expected: `${action} ${targetIds.length}` };
}

/** True when `given` confirms (case-insensitive, surrounding blanks ignored); empty is always No. */
export function confirms(given: string | null, confirmation: Confirmation): boolean {
  if (given === null) return false;
  const answer = given.trim();
  if (confirmation.kind === 'yes-no') return /^(y|yes)$/i.test(answer);
  return answer !== '' && answer.toLowerCase() === confirmation.expected.toLowerCase();
}
