/**
 * The navigation state's part the footer draws: the open text prompt and the short message
 * ("copied 42"). It lives apart from the reducer's state so views need not import it.
 */

/** An open text prompt (filter on the list, search on the messages tab, a `:` command). */
export interface PromptState {
  kind: 'filter' | 'search' | 'command';
  text: string;
  /** Why the text does not parse (a query's column and problem); the last good filter stays applied. */
  error?: string | null;
  /** Where ↑/↓ are in the command history (null = the text being typed). */
  recall?: number | null;
}

/** How a footer message is coloured. */
export type FlashTone = 'info' | 'ok' | 'error';

/** A short message in the footer and when it was set; `ms` overrides how long it stays. */
export interface Flash {
  text: string;
  at: number;
  tone?: FlashTone;
  ms?: number;
}
