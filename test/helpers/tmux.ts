/** Whether tmux is installed here (.ci/run installs it; without it the tmux tests are skipped). */
import { execFileSync } from 'node:child_process';

/** True when `tmux -V` runs. */
export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
