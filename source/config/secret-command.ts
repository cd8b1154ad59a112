/**
 * Credential commands (`tokenCommand: pass show ops/osapi`): run once at start through
 * /bin/sh, like kubectl's credential plugins or msmtp's passwordeval. The first line of stdout,
 * trimmed, is the secret. A command that fails, prints nothing or runs too long is refused with
 * its exit status and its stderr — never its stdout, which may be the secret.
 *
 * why synchronous: the config loader is synchronous (open-sources.ts builds sources from it
 * directly) and the commands run once, before anything is drawn; spawnSync's timeout still
 * stops a command that hangs (it closes the pipes, so a lingering grandchild cannot block it).
 */
import { spawnSync } from 'node:child_process';
import { sanitizeInline } from '../domain/sanitize.js';

/** What to run and where. */
export interface SecretCommand {
  /** The shell command line, after `${ENV}` interpolation. */
  command: string;
  /** Longest run in ms before it is stopped. */
  timeoutMs: number;
  /** Working directory: the config file's directory, so relative paths in the command work. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Source name, passed to the command as JOBTOP_SOURCE (one helper script can serve several sources). */
  source: string;
  /** Secret key, passed as JOBTOP_CREDENTIAL (`token`, `clientSecret`, …). */
  credential: string;
}

/** The secret a command printed, or why there is none (never containing its stdout). */
export type SecretCommandResult = { ok: true; secret: string } | { ok: false; error: string };

/** Runs a credential command once and returns the first line of its stdout, trimmed. */
export function runSecretCommand(spec: SecretCommand): SecretCommandResult {
  const result = spawnSync('/bin/sh', ['-c', spec.command], {
    cwd: spec.cwd,
    env: { ...spec.env, JOBTOP_SOURCE: spec.source, JOBTOP_CREDENTIAL: spec.credential },
    encoding: 'utf8',
    // why: stdin stays the terminal's, so a command that asks for a passphrase (gpg, op) can.
    stdio: ['inherit', 'pipe', 'pipe'],
    timeout: spec.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 1024 * 1024,
    windowsHide: true,
  });
  const stderr = firstLine(result.stderr ?? '');
  const because = stderr ? `: ${sanitizeInline(stderr, 200)}` : '';
  const error: NodeJS.ErrnoException | undefined = result.error;
  const code = error?.code;
  if (code === 'ETIMEDOUT')
    return {
      ok: false,
      error: `did not finish within ${formatMs(spec.timeoutMs)} and was stopped (raise commandTimeout if it waits for a prompt)`,
    };
  if (result.error) return { ok: false, error: `could not be run (${code ?? result.error.message})` };
  if (result.signal) return { ok: false, error: `was killed by ${result.signal}${because}` };
  if (result.status !== 0) return { ok: false, error: `failed with exit status ${result.status}${because}` };
  const secret = firstLine(result.stdout ?? '');
  if (secret === '')
    return { ok: false, error: `printed nothing on stdout (exit status 0${stderr ? `; stderr${because}` : ''})` };
  return { ok: true, secret };
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim();
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
