/** Small app-wide signals between screens and the shell, on window events. */
export const FOCUS_SEARCH_EVENT = 'ward:focus-search';
export const DATA_CHANGED_EVENT = 'ward:data-changed';

export function announceDataChanged(): void {
  window.dispatchEvent(new Event(DATA_CHANGED_EVENT));
}
