/**
 * Asking the operator on the terminal before a mutating action: a y/N question whose default
 * is No, and the stronger check for destructive actions (type the job's token, or "delete 3"
 * for several: domain/confirm-token.ts, the monitor's rule). The question goes to stderr so stdout stays the command's output.
 */
import { createInterface } from 'node:readline';
import { confirmationFor as tokenConfirmation, confirms, type Confirmation } from '../../domain/confirm-token.js';

/** Streams the question needs. */
export interface PromptIo {
  stdin: NodeJS.ReadableStream;
  stderr: NodeJS.WritableStream;
}

/** Asks one question; resolves with the answer, or null on Ctrl-C or end of input. */
export function ask(question: string, io: PromptIo): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    let settled = false;
    const done = (answer: string | null) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    // why: readline puts the terminal in raw mode, so Ctrl-C arrives here instead of as a signal.
    rl.on('SIGINT', () => {
      io.stderr.write('\n');
      done(null);
    });
    rl.on('close', () => done(null));
    rl.question(question, (answer) => done(answer));
  });
}

export type { Confirmation };

/** The confirmation an action needs: y/N, or (when it deletes) the monitor's token — the id's shortest unique end among the named jobs, or "<action> N" for several. */
export function confirmationFor(action: string, ids: readonly string[], deletes: boolean): Confirmation {
  return tokenConfirmation(action, ids, ids, deletes);
}

/** The question line for a confirmation. */
export function confirmationQuestion(label: string, count: number, confirmation: Confirmation): string {
  const what = `${label} ${count === 1 ? 'this job' : `these ${count} jobs`}`;
  if (confirmation.kind === 'yes-no') return `${what}? [y/N] `;
  const thing = `"${confirmation.expected}"`;
  return `${what}? This cannot be undone: type ${thing} to confirm, anything else aborts: `;
}

/** True when the answer confirms; anything else, including an empty answer, is No. */
export function isConfirmed(answer: string | null, confirmation: Confirmation): boolean {
  return confirms(answer, confirmation);
}
