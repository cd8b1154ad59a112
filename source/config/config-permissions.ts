/**
 * Warnings about who else can read or change the config file: an inline secret in a file
 * readable by group or others, and credential commands in a file (or directory) others may
 * edit — whoever can edit it runs commands as you.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A key found in the file, with the line it is on. */
export interface LocatedField {
  /** `sources[0].token` */
  field: string;
  line: number;
}

/** What the loader found that matters for permissions. */
export interface PermissionFindings {
  /** Secret keys whose value is written in the file (not only `${ENV}`). */
  inlineSecrets: LocatedField[];
  /** `<key>Command` keys. */
  commands: LocatedField[];
}

/** Warnings for `path` given what it holds; none when it cannot be stat'ed. */
export function permissionWarnings(path: string, findings: PermissionFindings): string[] {
  const warnings: string[] = [];
  const mode = modeOf(path);
  if (mode === null) return warnings;
  const first = findings.inlineSecrets[0];
  if (first && (mode & 0o044) !== 0) {
    const more = findings.inlineSecrets.length > 1 ? ` (and ${findings.inlineSecrets.length - 1} more)` : '';
    const who = mode & 0o004 ? 'others' : 'its group';
    warnings.push(
      `${path}:${first.line}: ${first.field}${more}: the file holds a secret and is readable by ${who} (mode ${octal(mode)}): run chmod 600 ${path}, or use \${ENV_VAR} or ${first.field.split('.').pop()}Command`,
    );
  }
  const command = findings.commands[0];
  if (command) {
    const directoryMode = modeOf(dirname(path));
    const writable =
      (mode & 0o022) !== 0
        ? `the file (mode ${octal(mode)})`
        : directoryMode !== null && (directoryMode & 0o002) !== 0 && (directoryMode & 0o1000) === 0
          ? `its directory (mode ${octal(directoryMode)})`
          : null;
    if (writable) {
      warnings.push(
        `${path}:${command.line}: ${command.field}: the file runs commands at start and ${writable} is writable by other users: whoever edits it runs commands as you; run chmod 600 ${path}`,
      );
    }
  }
  return warnings;
}

function modeOf(path: string): number | null {
  try {
    return statSync(path).mode;
  } catch {
    return null;
  }
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8);
}
