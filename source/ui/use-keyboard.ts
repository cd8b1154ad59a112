/**
 * THE keyboard hook: Ink's useInput feeding the navigation reducer with canonical key names.
 * No state is read here (the reducer resolves keys against current state), so fast key
 * presses are never dropped. Inactive without a TTY, where useInput would throw.
 */
import { useCallback, useRef, type Dispatch } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { splitChunk, toKeyName } from './keys.js';
import type { NavigationAction } from './navigation-state.js';

/** Wires key presses to `dispatch`, stamping each with the clock's time. */
export function useKeyboard(dispatch: Dispatch<NavigationAction>, clock: () => number): void {
  const { isRawModeSupported } = useStdin();
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const handler = useCallback(
    (input: string, key: Key) => {
      const at = clockRef.current();
      const name = toKeyName(input, key);
      if (name !== null) dispatch({ type: 'key', key: name, at });
      else if (!key.ctrl && !key.meta && input.length > 1)
        for (const each of splitChunk(input)) dispatch({ type: 'key', key: each, at });
    },
    [dispatch],
  );
  useInput(handler, { isActive: isRawModeSupported === true });
}
