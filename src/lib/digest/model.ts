// The HR digest (docs/operations.md#hr-digest): what waits for HR, once a day
// at the hour the organisation fixed, as counts. Idea titles are what an
// employee wrote (free text, docs/anonymity.md), so no idea is named: the
// message gives counts and a link to the console. The only titles are those
// of surveys, which HR wrote and the site publishes.
import type { Translate } from "#i18n/index.ts";
import { addDays } from "../clock.ts";

export const DIGEST_CHANNELS = ["email", "wecom", "dingtalk", "feishu"] as const;
export type DigestChannel = (typeof DIGEST_CHANNELS)[number];

/** A survey is "closing" in the digest from this many days before its last day. */
export const CLOSING_WITHIN_DAYS = 3;

export interface Digest {
  /** The run's day: everything counted happened before it (HR's console moves at the day boundary too). */
  today: string;
  /** The first day counted as new: the day after the channel's last delivered digest covered. */
  since: string;
  ideas: {
    /** Ideas received from `since` up to yesterday. */
    received: number;
    /** Authors' replies written from `since` up to yesterday. */
    replies: number;
    /** Open ideas nobody in HR has answered, or whose author wrote last: the top of the inbox. */
    waiting: number;
    /** Ideas past the acknowledgement promise with no status move or answer from HR. */
    overdue: number;
  };
  /** Open surveys whose last day is within CLOSING_WITHIN_DAYS days. */
  closing: { title: string; closes: string }[];
  /** Invitation surveys not yet closed with codes issued and not used (HR's stepped count) nor withdrawn. */
  unusedCodes: { title: string; unused: number }[];
  /** The console's address, when the organisation set it. */
  consoleUrl: string | null;
}

export interface DigestMessage {
  subject: string;
  /** Plain text: e-mail and Feishu. */
  text: string;
  /** Markdown: WeCom and DingTalk. */
  markdown: string;
}

/** The message every channel carries, in one language. Pure: the channels' builders only wrap it. */
export function digestMessage(digest: Digest, t: Translate): DigestMessage {
  const { ideas } = digest;
  const period =
    digest.since === addDays(digest.today, -1)
      ? t("digest.period.day", { day: digest.since })
      : t("digest.period.days", { from: digest.since, to: addDays(digest.today, -1) });
  const rows: [string, string][] = [
    [t("digest.ideas.received"), String(ideas.received)],
    [t("digest.ideas.replies"), String(ideas.replies)],
    [t("digest.ideas.waiting"), String(ideas.waiting)],
    [t("digest.ideas.overdue"), String(ideas.overdue)],
  ];
  const closing = digest.closing.map((s) => t("digest.surveys.closingItem", { title: s.title, day: s.closes }));
  const codes = digest.unusedCodes.map((s) => t("digest.surveys.codesItem", { title: s.title, n: s.unused }));
  const sections: { heading: string; items: string[] }[] = [
    { heading: t("digest.surveys.closing"), items: closing.length > 0 ? closing : [t("digest.none")] },
    { heading: t("digest.surveys.codes"), items: codes.length > 0 ? codes : [t("digest.none")] },
  ];
  const link = digest.consoleUrl ? t("digest.console", { url: digest.consoleUrl }) : null;
  const subject = t("digest.subject", { day: digest.today });
  const text = [
    subject,
    period,
    "",
    ...rows.map(([label, n]) => `${label}: ${n}`),
    ...sections.flatMap((s) => ["", s.heading, ...s.items.map((i) => `- ${i}`)]),
    "",
    t("digest.why"),
    ...(link ? [link] : []),
  ].join("\n");
  const markdown = [
    `### ${subject}`,
    period,
    "",
    ...rows.map(([label, n]) => `- ${label}: **${n}**`),
    ...sections.flatMap((s) => ["", `**${s.heading}**`, ...s.items.map((i) => `- ${i}`)]),
    "",
    t("digest.why"),
    ...(link ? [link] : []),
  ].join("\n");
  return { subject, text, markdown };
}
