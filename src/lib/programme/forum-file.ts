// A forum file as the repository keeps it, from what HR drafted in the
// console: the front matter fields and the minutes per locale (the draft's
// body in D1) written as YAML between two --- lines, then each locale's
// minutes after its `<!-- locale -->` line, laid out as the hand-made files
// are (and as Prettier leaves them), so a published file passes `npm run lint`
// and its diff shows only what changed.
import { Document, isScalar, visit } from "yaml";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { splitForumFile } from "./forums.ts";

/** A forum draft's body: the front matter's fields, and `minutes` (Markdown per locale) once it is held. */
export type ForumBody = Record<string, unknown> & { minutes?: Partial<Record<Locale, string>> };

export function formatForumFile(body: ForumBody): string {
  const { minutes, ...front } = body;
  const doc = new Document(front);
  // a list of plain values stays on one line ([a, b]), as in every hand-made forum
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const sections = LOCALES.filter((l) => minutes?.[l]?.trim()).map((l) => `\n<!-- ${l} -->\n\n${minutes![l]!.trim()}\n`);
  return `---\n${yaml}---\n${sections.join("")}`;
}

/** The draft body of an existing forum file (null: not a forum file). */
export function readForumFile(text: string): ForumBody | null {
  const split = splitForumFile(text, () => {});
  if (!split || !split.raw || typeof split.raw !== "object" || Array.isArray(split.raw)) return null;
  const body: ForumBody = { ...(split.raw as Record<string, unknown>) };
  if (Object.keys(split.minutes).length > 0) body.minutes = split.minutes;
  return body;
}
