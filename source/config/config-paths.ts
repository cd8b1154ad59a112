/**
 * Where jobtop looks for its config file when no --config or $JOBTOP_CONFIG names one.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_CONFIG_HOME/jobtop/config.yaml`, else `~/.config/jobtop/config.yaml`. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'jobtop', 'config.yaml');
}

/**
 * Where jobtop keeps what it remembers across runs (action history, command history):
 * `$XDG_STATE_HOME/jobtop`, else `~/.local/state/jobtop`. Files there are written 0600.
 */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'jobtop');
}
