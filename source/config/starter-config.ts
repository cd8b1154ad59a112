/**
 * The commented starter config `jobtop init` writes, generated from schema.ts so it lists
 * every key of every vendor and cannot drift from what the loader accepts. Secrets are
 * `${ENV_VAR}` references; every alternative (a `<key>Command`, the other credential group,
 * the per-source settings) is there as a comment.
 */
import { VENDORS, type Vendor } from '../domain/job.js';
import {
  REQUIRED_CREDENTIALS,
  SHARED_FIELDS,
  SOURCE_FIELDS,
  VENDOR_EXAMPLES,
  VENDOR_FIELDS,
  commandFieldsOf,
  type FieldRule,
} from './schema.js';

/** The file's text and the environment variables it reads. */
export interface StarterConfig {
  text: string;
  envVars: string[];
}

/** Column where the explaining comments start. */
const COMMENT_COLUMN = 48;

const VENDOR_TITLES: Record<Vendor, string> = {
  vectorcharts: 'VectorCharts Portal',
  osapi: 'OSAPI',
  vectara: 'Vectara',
  mcrit: 'MCRIT',
  alteryx: 'Alteryx Server (API v3)',
};

/** The environment variable a vendor's secret key is read from (`alteryx`, `clientSecret` → ALTERYX_CLIENT_SECRET). */
export function envVarFor(vendor: Vendor, key: string): string {
  return `${vendor}_${key.replace(/([a-z])([A-Z])/g, '$1_$2')}`.toUpperCase();
}

/** Renders the starter config. */
export function renderStarterConfig(version: string): StarterConfig {
  const envVars: string[] = [];
  const lines = [
    `# jobtop configuration, written by \`jobtop init\` (jobtop ${version}).`,
    '# Keep the sources you use, delete the others, then run `jobtop check`.',
    '#',
    '# Secrets do not belong in this file: every credential below is read from an environment',
    '# variable (${NAME}), or from a command run once at start that prints it, e.g.',
    '#   tokenCommand: pass show ops/osapi',
    '# (any secret key + "Command": tokenCommand, passwordCommand, apiKeyCommand, clientSecretCommand,',
    '# apiTokenCommand; the first line of its output is used). Any string value may use ${NAME}.',
    '',
    '# Settings for every source; each source may set them again (its value wins).',
    ...Object.entries(SHARED_FIELDS).map(([key, rule]) => entry('', key, exampleOf(rule), rule.description, true)),
    '',
    'sources:',
  ];
  for (const [index, vendor] of VENDORS.entries()) {
    const example = VENDOR_EXAMPLES[vendor];
    const active = new Set(REQUIRED_CREDENTIALS[vendor][0]);
    lines.push(`  # ${VENDOR_TITLES[vendor]}: ${example.auth}`);
    lines.push(entry('  - ', 'name', example.name, SOURCE_FIELDS.name.description, false));
    lines.push(entry('    ', 'type', vendor, SOURCE_FIELDS.type.description, false));
    lines.push(entry('    ', 'url', example.url, SOURCE_FIELDS.url.description, false));
    const commands = commandFieldsOf(vendor);
    for (const [key, rule] of Object.entries(VENDOR_FIELDS[vendor])) {
      let value = exampleOf(rule);
      if (rule.secret) {
        value = `\${${envVarFor(vendor, key)}}`;
        if (active.has(key)) envVars.push(envVarFor(vendor, key));
      }
      lines.push(entry('    ', key, value, rule.description, !active.has(key)));
      const command = Object.entries(commands).find(([, commandRule]) => commandRule.commandFor === key);
      if (command)
        lines.push(
          entry(
            '    ',
            command[0],
            `pass show jobtop/${example.name}`,
            `or a command printing the ${key}, run once at start`,
            true,
          ),
        );
    }
    if (index === 0) {
      // why: the per-source settings are the same for every vendor; listing them once keeps the file readable.
      lines.push('    # Any source may also set (shown with their defaults):');
      for (const key of ['caFile', 'insecure', 'priorityMap'] as const)
        lines.push(entry('    ', key, exampleOf(SOURCE_FIELDS[key]), SOURCE_FIELDS[key].description, true));
      for (const [key, rule] of Object.entries(SHARED_FIELDS))
        lines.push(entry('    ', key, exampleOf(rule), rule.description, true));
    } else {
      lines.push(
        `    # (caFile, insecure, priorityMap, ${Object.keys(SHARED_FIELDS).join(', ')}: as on the first source)`,
      );
    }
    lines.push('');
  }
  return { text: `${lines.join('\n').trimEnd()}\n`, envVars };
}

function exampleOf(rule: FieldRule): string {
  const value = rule.example ?? rule.default ?? '';
  return value === '' ? '""' : value;
}

/** One `key: value   # description` line, commented out when `commented`. */
function entry(indent: string, key: string, value: string, description: string, commented: boolean): string {
  // why: a commented list item keeps the item's indentation so uncommenting it is one deletion.
  const text = commented ? `${indent.replace('- ', '  ')}# ${key}: ${value}` : `${indent}${key}: ${value}`;
  return `${text.padEnd(COMMENT_COLUMN - 1)} # ${description}`;
}
