/** A poll's field findings as warning sentences: one per field and source, naming the declared expression. */
import type { HttpJsonDeclaration } from './declaration.js';
import type { PollFindings } from './normalize-item.js';

/** Most unmapped state words named in one warning. */
const MAX_WORDS = 5;

/** The warnings of one poll (empty when every field resolved). */
export function findingsWarnings(findings: PollFindings, declaration: HttpJsonDeclaration): string[] {
  const out: string[] = [];
  const of = (count: number) => `${count} of ${findings.items} item${findings.items === 1 ? '' : 's'}`;
  const expression = (field: string) => declaration.fields[field as keyof HttpJsonDeclaration['fields']]?.text ?? '';
  for (const [field, count] of findings.missing) {
    const effect =
      field === 'id' ? ': they have no key and are left out' : field === 'state' ? ': shown as unknown' : '';
    out.push(`fields.${field} (${expression(field)}) resolved to nothing on ${of(count)}${effect}`);
  }
  for (const [field, { count, example }] of findings.badValues)
    out.push(`fields.${field} (${expression(field)}) gave values it cannot read on ${of(count)}, e.g. ${example}`);
  for (const [field, { count, message }] of findings.errors)
    out.push(`fields.${field} (${expression(field)}) failed on ${of(count)}: ${message}`);
  if (findings.unmappedStates.size > 0) {
    const words = [...findings.unmappedStates.keys()];
    const named = words
      .slice(0, MAX_WORDS)
      .map((word) => JSON.stringify(word))
      .join(', ');
    const more = words.length > MAX_WORDS ? ` and ${words.length - MAX_WORDS} more` : '';
    const items = [...findings.unmappedStates.values()].reduce((sum, count) => sum + count, 0);
    out.push(
      `states: ${named}${more} ${words.length === 1 ? 'is' : 'are'} not declared under states (${of(items)} shown as unknown)`,
    );
  }
  return out;
}
