/**
 * Shell completion scripts for bash, zsh and fish, generated from the commands' own flag
 * tables (so a new flag completes without touching this file): subcommands, their flags,
 * flag values that are a fixed set, config files, and — by running
 * `jobtop list --format ids` — the SOURCE/ID of jobs and the source names.
 */
import { JOB_STATES } from '../../domain/job.js';
import { SORT_FIELDS } from '../../domain/job-query.js';
import { GLOBAL_FLAGS, type Command, type FlagSpec } from '../command.js';
import { LIST_FORMATS } from '../list/list-flags.js';

/** The shells jobtop writes completion for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** A shell jobtop writes completion for. */
export type Shell = (typeof SHELLS)[number];

/** Fixed values of flags, by flag name. */
const FLAG_VALUES: Record<string, readonly string[]> = {
  format: LIST_FORMATS,
  state: [...JOB_STATES, 'active'],
  sort: [...SORT_FIELDS, ...SORT_FIELDS.map((field) => `-${field}`)],
};

/** Commands that take SOURCE/ID arguments. */
const JOB_ARGUMENT_COMMANDS = new Set(['get', 'watch', 'cancel', 'delete', 'retry']);

const allFlags = (command: Command): [string, FlagSpec][] => Object.entries({ ...command.flags, ...GLOBAL_FLAGS });
const oneLine = (text: string) => text.replace(/\s+/g, ' ').split('. ')[0].replace(/\.$/, '');

/** The completion script for `shell`. */
export function completionScript(shell: Shell, commands: readonly Command[]): string {
  if (shell === 'bash') return bashScript(commands);
  if (shell === 'zsh') return zshScript(commands);
  return fishScript(commands);
}

function bashScript(commands: readonly Command[]): string {
  const flagCases = commands.map(
    (command) =>
      `    ${command.name}) flags="${allFlags(command)
        .flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])])
        .join(' ')}" ;;`,
  );
  const valueFlags = [
    ...new Set(
      commands.flatMap((command) =>
        allFlags(command)
          .filter(([, spec]) => spec.type === 'string')
          .map(([name]) => `--${name}`),
      ),
    ),
  ];
  const fixed = Object.entries(FLAG_VALUES).map(
    ([name, values]) => `    --${name}) COMPREPLY=($(compgen -W "${values.join(' ')}" -- "$cur")); return ;;`,
  );
  return `# bash completion for jobtop. Load it with:  source <(jobtop completion bash)
# or install it:  jobtop completion bash > ~/.local/share/bash-completion/completions/jobtop
_jobtop_with_sources() {
  # The --config/--demo of the line being completed, so ids come from the same sources.
  local i
  for ((i = 1; i < \${#COMP_WORDS[@]}; i++)); do
    case "\${COMP_WORDS[i]}" in
      --demo) printf '%s\\n' --demo ;;
      --config) printf '%s\\n' --config "\${COMP_WORDS[i+1]}" ;;
    esac
  done
}
_jobtop_ids() {
  local IFS=$'\\n'
  "\${COMP_WORDS[0]}" list --format ids $(_jobtop_with_sources) 2>/dev/null
}
_jobtop() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" flags i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) command="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in
    --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
${fixed.join('\n')}
    --source) COMPREPLY=($(compgen -W "$(_jobtop_ids | cut -d/ -f1 | sort -u)" -- "$cur")); return ;;
    ${valueFlags.filter((flag) => !['--config', '--source', ...Object.keys(FLAG_VALUES).map((name) => `--${name}`)].includes(flag)).join('|')}) return ;;
  esac
  case "$command" in
${flagCases.join('\n')}
    *) flags="${Object.entries(GLOBAL_FLAGS)
      .map(([name]) => `--${name}`)
      .join(' ')} --version" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return; fi
  case "$command" in
    "") COMPREPLY=($(compgen -W "${commands.map((command) => command.name).join(' ')}" -- "$cur")) ;;
    ${[...JOB_ARGUMENT_COMMANDS].join('|')}) local IFS=$'\\n'; COMPREPLY=($(compgen -W "$(_jobtop_ids)" -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")) ;;
  esac
}
complete -F _jobtop jobtop
`;
}

const zshQuote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
const zshDescription = (text: string) =>
  oneLine(text)
    .replace(/[[\]]/g, (bracket) => (bracket === '[' ? '(' : ')'))
    .replace(/:/g, '\\:');

function zshFlag(name: string, spec: FlagSpec): string[] {
  const values = FLAG_VALUES[name];
  let action = '';
  if (spec.type === 'string') {
    const message = (spec.value ?? name).toLowerCase();
    action =
      name === 'config'
        ? `:${message}:_files`
        : name === 'source'
          ? `:${message}:_jobtop_sources`
          : values
            ? `:${message}:(${values.join(' ')})`
            : `:${message}: `;
  }
  const repeat = spec.multiple ? '*' : '';
  const names = spec.short ? [`-${spec.short}`, `--${name}`] : [`--${name}`];
  return names.map((flag) => zshQuote(`${repeat}${flag}[${zshDescription(spec.description)}]${action}`));
}

function zshScript(commands: readonly Command[]): string {
  const described = commands.map((command) => zshQuote(`${command.name}:${zshDescription(command.summary)}`));
  const cases = commands.map((command) => {
    const specs = allFlags(command).flatMap(([name, spec]) => zshFlag(name, spec));
    if (JOB_ARGUMENT_COMMANDS.has(command.name)) specs.push(zshQuote('*:job (SOURCE/ID):_jobtop_ids'));
    if (command.name === 'completion') specs.push(zshQuote(`1:shell:(${SHELLS.join(' ')})`));
    return `    ${command.name}) _arguments -s ${specs.join(' \\\n        ')} ;;`;
  });
  const globals = Object.entries(GLOBAL_FLAGS).flatMap(([name, spec]) => zshFlag(name, spec));
  return `#compdef jobtop
# zsh completion for jobtop. Load it with:  source <(jobtop completion zsh)
# or install it:  jobtop completion zsh > "\${fpath[1]}/_jobtop"
_jobtop_list_ids() {
  # The --config/--demo given on the line, so ids come from the same sources.
  local -a extra
  (( \${+opt_args[--demo]} )) && extra+=(--demo)
  [[ -n "\${opt_args[--config]}" ]] && extra+=(--config "\${opt_args[--config]}")
  command jobtop list --format ids $extra 2>/dev/null
}
_jobtop_ids() {
  local -a ids
  ids=(\${(f)"$(_jobtop_list_ids)"})
  compadd -a ids
}
_jobtop_sources() {
  local -a names
  names=(\${(u)\${(f)"$(_jobtop_list_ids)"}%%/*})
  compadd -a names
}
_jobtop() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  local -a commands
  commands=(${described.join(' ')})
  _arguments -C ${globals.join(' ')} '--version[print the version]' '1: :->command' '*:: :->args'
  case $state in
    command) _describe -t commands 'jobtop command' commands ;;
    args)
      case $words[1] in
${cases.join('\n')}
      esac ;;
  esac
}
if [[ "\${funcstack[1]}" == "_jobtop" ]]; then _jobtop "$@"; else compdef _jobtop jobtop; fi
`;
}

const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(commands: readonly Command[]): string {
  const lines = [
    '# fish completion for jobtop. Load it with:  jobtop completion fish | source',
    '# or install it:  jobtop completion fish > ~/.config/fish/completions/jobtop.fish',
    'complete -c jobtop -f',
    `complete -c jobtop -n '__fish_use_subcommand' -l version -d ${fishQuote('print the version')}`,
  ];
  for (const command of commands)
    lines.push(
      `complete -c jobtop -n '__fish_use_subcommand' -a ${command.name} -d ${fishQuote(oneLine(command.summary))}`,
    );
  for (const command of commands) {
    const condition = `'__fish_seen_subcommand_from ${command.name}'`;
    for (const [name, spec] of Object.entries(command.flags)) lines.push(fishFlag(condition, name, spec));
    if (JOB_ARGUMENT_COMMANDS.has(command.name))
      lines.push(`complete -c jobtop -n ${condition} -a '(jobtop list --format ids 2>/dev/null)' -d job`);
    if (command.name === 'completion') lines.push(`complete -c jobtop -n ${condition} -a '${SHELLS.join(' ')}'`);
  }
  for (const [name, spec] of Object.entries(GLOBAL_FLAGS)) lines.push(fishFlag('', name, spec));
  return `${lines.join('\n')}\n`;
}

function fishFlag(condition: string, name: string, spec: FlagSpec): string {
  const parts = ['complete -c jobtop'];
  if (condition) parts.push(`-n ${condition}`);
  parts.push(`-l ${name}`);
  if (spec.short) parts.push(`-s ${spec.short}`);
  if (spec.type === 'string') {
    if (name === 'config') parts.push('-r -F');
    else if (name === 'source')
      parts.push(`-x -a '(jobtop list --format ids 2>/dev/null | string replace -r "/.*" "" | sort -u)'`);
    else if (FLAG_VALUES[name]) parts.push(`-x -a '${FLAG_VALUES[name].join(' ')}'`);
    else parts.push('-x');
  }
  parts.push(`-d ${fishQuote(oneLine(spec.description))}`);
  return parts.join(' ');
}
