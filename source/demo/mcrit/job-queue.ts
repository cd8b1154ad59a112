/** mongoqueue's choice of the next job a free worker takes. */
import type { McritJobDocument } from './job-document.js';

function isCandidate(document: McritJobDocument): boolean {
  return (
    document.locked_by === null &&
    document.locked_at === null &&
    document.attempts_left > 0 &&
    document.finished_at === null &&
    document.unfinished_dependencies.length === 0
  );
}

/** mongoqueue `next()`: of the unlocked, unfinished jobs with attempts left and no open dependencies, highest priority first, then oldest. */
export function nextCandidate(documents: readonly McritJobDocument[]): McritJobDocument | undefined {
  let best: McritJobDocument | undefined;
  for (const document of documents) {
    if (!isCandidate(document)) continue;
    if (
      !best ||
      document.priority > best.priority ||
      (document.priority === best.priority && document.created_at.$date < best.created_at.$date)
    )
      best = document;
  }
  return best;
}
