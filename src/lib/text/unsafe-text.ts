// The characters no text anyone sends may hold — survey answers, ideas,
// replies, HR's answers and notes: one rule, used by every schema that takes
// free text. Control characters (NUL among them) break or hide text in logs,
// CSV files and terminals; direction overrides and isolates make text show
// in another order than it is stored, so what HR reads (or what the
// identifying-details check sees) would not be what a reader of the board
// sees. Tab and line breaks are text; zero-width characters and other
// invisible format characters are allowed too (they are not counted towards
// a minimum length: ideas/vocabulary.ts visibleText).

// C0 controls other than tab, line feed and carriage return; DEL and the C1
// controls; the embeddings and overrides U+202A–U+202E; the isolates U+2066–U+2069.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n]/;

/**
 * True when `text` holds a character no stored text may hold; with
 * `lineBreaks: false` (a one-line field such as a title), a line break too.
 */
export function hasUnsafeCharacters(text: string, options: { lineBreaks?: boolean } = {}): boolean {
  return UNSAFE.test(text) || (options.lineBreaks === false && LINE_BREAK.test(text));
}

/** The API's message for a field refused by this rule. */
export const UNSAFE_TEXT_MESSAGE = "Control characters and text-direction overrides are not allowed.";
/** The same for a one-line field. */
export const UNSAFE_LINE_MESSAGE = "One line, without control characters or text-direction overrides.";
