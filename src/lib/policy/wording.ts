// Which words of a reworded policy text changed: a diff over words (Chinese
// words too, found by the ICU word segmenter, not by spaces), so "what
// changed" marks "quarter → month" instead of striking one whole sentence and
// underlining another. Used at build time by the comparison pages.
import { LANG_TAG, type Locale } from "#i18n/config.ts";

export interface WordChange {
  op: "same" | "removed" | "added";
  text: string;
}

const segmenters = new Map<Locale, Intl.Segmenter>();

/** Words, spaces and punctuation, each its own token; joined they give the text back. */
export function tokens(text: string, locale: Locale): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(LANG_TAG[locale], { granularity: "word" })));
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Longest common subsequence of two token lists, as a list of operations in order. */
function lcs(a: string[], b: string[]): WordChange[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..]; policy texts are a few hundred tokens at most
  const lengths = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const out: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) out.push({ op: "removed", text: a[i++]! });
    else out.push({ op: "added", text: b[j++]! });
  }
  while (i < n) out.push({ op: "removed", text: a[i++]! });
  while (j < m) out.push({ op: "added", text: b[j++]! });
  return out;
}

const FILLER = /^[\s\p{P}]*$/u;

/**
 * The changes from `before` to `after`, in reading order: unchanged runs, and
 * for each changed place what was removed, then what was added. A space or
 * comma left alone between two changes joins them ("results report" →
 * "figures show" is one change, not four).
 */
export function diffWords(before: string, after: string, locale: Locale): WordChange[] {
  const ops = lcs(tokens(before, locale), tokens(after, locale));
  // fold filler kept between two changes into the change
  for (let k = 1; k < ops.length - 1; k++) {
    const op = ops[k]!;
    if (op.op === "same" && FILLER.test(op.text) && ops[k - 1]!.op !== "same" && ops[k + 1]!.op !== "same") {
      ops.splice(k, 1, { op: "removed", text: op.text }, { op: "added", text: op.text });
      k++;
    }
  }
  // group: a run of same; then, for each changed stretch, all removed text before all added text
  const out: WordChange[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) out.push({ op: "removed", text: removed });
    if (added) out.push({ op: "added", text: added });
    removed = "";
    added = "";
  };
  for (const op of ops) {
    if (op.op === "removed") removed += op.text;
    else if (op.op === "added") added += op.text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === "same") last.text += op.text;
      else out.push({ op: "same", text: op.text });
    }
  }
  flush();
  return out;
}
