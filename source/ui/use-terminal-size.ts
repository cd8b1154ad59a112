/**
 * The terminal size from stdout, updated on 'resize' (Ink 6.8 has no window-size hook).
 * Defaults to 100×30 when stdout reports none (ink-testing-library has no `rows`).
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useStdout } from 'ink';
import { DEFAULT_VIEWPORT, type Viewport } from './layout.js';

/** Current terminal size; re-renders on resize. */
export function useTerminalSize(): Viewport {
  const { stdout } = useStdout();
  const subscribe = useCallback(
    (listener: () => void) => {
      stdout.on('resize', listener);
      return () => {
        stdout.off('resize', listener);
      };
    },
    [stdout],
  );
  const read = useCallback(
    () => `${stdout.columns || DEFAULT_VIEWPORT.columns}x${stdout.rows || DEFAULT_VIEWPORT.rows}`,
    [stdout],
  );
  const size = useSyncExternalStore(subscribe, read);
  return useMemo(() => {
    const [columns, rows] = size.split('x').map(Number);
    return { columns, rows };
  }, [size]);
}
