import { useEffect, useEffectEvent } from 'react';

/** Screen-level shortcuts (Ctrl+S, Alt+D, Esc) that work wherever the focus is. */
export function useWindowKeydown(
  handler: (event: KeyboardEvent) => void,
  options: { capture?: boolean } = {},
): void {
  const onKey = useEffectEvent(handler);
  const capture = options.capture ?? false;
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener, capture);
    return () => window.removeEventListener('keydown', listener, capture);
  }, [capture]);
}
