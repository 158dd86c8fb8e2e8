// One idea on the board, as plain DOM: its support count on the left (a
// "me too" that can be taken back, offered only while the idea is open), its
// title, a status chip, at least three lines of its text ("Read more" when
// there is more), and HR's response, reward and history folded away. Every
// text from the server is set as text, never as HTML, and shown as HR wrote
// it, in both languages alike.
import type { KeysOf } from "#i18n/index.ts";
import { formatDay, type Translator } from "#i18n/translate.ts";
import type { BoardIdea, StatusChange } from "#lib/ideas/model.ts";
import { takesSupport } from "#lib/ideas/vocabulary.ts";

/** What the board page writes into data-strings: pickStrings(locale, …BOARD_STRINGS). */
export const BOARD_STRINGS = [
  "ideas.board.",
  "ideas.status.",
  "ideas.category.",
  "ideas.verdict.",
  "ideas.rewarded",
  "ideas.support.",
  "ideas.stats.",
  "ideas.filter.clear",
] as const;
export type BoardKey = KeysOf<(typeof BOARD_STRINGS)[number]>;
export type BoardT = Translator<BoardKey>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// appendChild, not append(): the Workers types in this project's tsconfig
// shadow the DOM's Element.append with HTMLRewriter's.
export function add(parent: Node, ...children: (Node | string)[]): void {
  for (const child of children) parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
}

/** The support count and, while the idea is open or this browser supports it, the "me too" toggle. */
export function votes(idea: BoardIdea, t: BoardT, mine: boolean): HTMLElement {
  const cell = el("div", undefined, "idea-votes");
  const countId = `idea-${idea.id}-count`;
  const count = el("span", String(idea.supportCount), "vote-count");
  count.setAttribute("aria-hidden", "true");
  count.dataset.supportCount = "";
  const label = el("span", undefined, "vote-label");
  const open = takesSupport(idea.status);
  let box: HTMLElement;
  if (open || mine) {
    const button = el("button", undefined, "vote");
    button.type = "button";
    button.setAttribute("aria-pressed", String(mine));
    button.setAttribute("aria-describedby", `${countId} idea-${idea.id}`);
    button.dataset.action = "support";
    if (mine) {
      const tick = el("span", "✓ ");
      tick.setAttribute("aria-hidden", "true");
      add(label, tick);
    }
    add(label, t("ideas.support.button"));
    box = button;
  } else {
    box = el("div", undefined, "vote vote-closed");
    label.textContent = t("ideas.support.label");
    label.setAttribute("aria-hidden", "true");
  }
  add(box, count, label);
  const described = el(
    "span",
    t.plural("ideas.support.count", idea.supportCount) +
      (mine ? ` ${t("ideas.support.mine")}` : open ? "" : ` ${t("ideas.support.closedNote")}`),
    "visually-hidden",
  );
  described.id = countId;
  add(cell, box, described);
  return cell;
}

function timeline(history: StatusChange[], t: BoardT): HTMLElement {
  const list = el("ol", undefined, "idea-timeline");
  for (const h of history) {
    const item = el("li");
    const time = el("time", formatDay(t.locale, h.on), "muted");
    time.dateTime = h.on;
    add(item, time, " ", el("strong", t(`ideas.status.${h.status}`)));
    if (h.note) add(item, el("span", `${t.locale === "zh-cn" ? "：" : ": "}${h.note}`, "idea-text"));
    add(list, item);
  }
  return list;
}

/** HR's response, the reward, the duplicate note and the status history, folded away. */
function more(idea: BoardIdea, t: BoardT): HTMLElement {
  const details = el("details", undefined, "idea-more");
  const last = idea.answers.at(-1);
  add(
    details,
    el("summary", last ? t("ideas.board.responseOn", { date: formatDay(t.locale, last.on, "short") }) : t("ideas.board.historyOnly")),
  );
  if (idea.rewarded) {
    // the note and the sentence about claiming it are two lines: a note without a full stop must not run into it
    const reward = el("div", undefined, "notice idea-reward");
    reward.dataset.reward = "";
    if (idea.rewardNote) {
      const note = el("p", t("ideas.rewarded.note", { note: idea.rewardNote }), "idea-text");
      note.dataset.rewardNote = "";
      add(reward, note);
    }
    add(reward, el("p", t("ideas.rewarded.claim")));
    add(details, reward);
  }
  if (idea.duplicateOf) add(details, el("p", t("ideas.board.duplicate"), "muted"));
  for (const a of idea.answers) {
    const quote = el("blockquote", undefined, "idea-answer");
    quote.dataset.answer = "";
    add(quote, el("p", a.body, "idea-text"), el("footer", t("ideas.board.answerBy", { date: formatDay(t.locale, a.on) }), "muted"));
    add(details, quote);
  }
  add(details, el("h4", t("ideas.board.timeline")), timeline(idea.history, t));
  return details;
}

export function ideaRow(idea: BoardIdea, t: BoardT, mine: boolean): HTMLLIElement {
  const row = el("li", undefined, `idea${idea.rewarded ? " rewarded" : ""}`);
  row.dataset.idea = idea.id;
  const main = el("div", undefined, "idea-main");
  const title = el("h3", idea.title, "idea-title");
  title.id = `idea-${idea.id}`;

  const meta = el("p", undefined, "idea-meta");
  const chip = el("span", t(`ideas.status.${idea.status}`), `status-chip status-${idea.status}`);
  chip.dataset.status = idea.status;
  add(meta, chip, el("span", t(`ideas.category.${idea.category}`)));
  add(meta, el("span", t("ideas.board.published", { date: formatDay(t.locale, idea.publishedOn, "short") })));
  if (idea.rewarded) add(meta, el("span", `★ ${t("ideas.rewarded")}`, "badge reward"));
  if (idea.verdict) {
    const verdict = el("span", t(`ideas.verdict.${idea.verdict}`));
    verdict.dataset.verdict = idea.verdict;
    add(meta, verdict);
  }

  // three lines, then "Read more" (shown by the board only when the text is longer)
  const text = el("p", idea.body, "idea-excerpt idea-text");
  text.id = `idea-${idea.id}-text`;
  const toggle = el("button", t("ideas.board.readMore"), "link-button idea-read-more");
  toggle.type = "button";
  toggle.hidden = true;
  toggle.dataset.action = "read-more";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", text.id);

  add(main, title, meta, text, toggle, more(idea, t));
  add(row, votes(idea, t, mine), main);
  return row;
}

/** Opens or closes an idea's text. */
export function setExpanded(row: HTMLElement, t: BoardT, expanded: boolean): void {
  const toggle = row.querySelector<HTMLButtonElement>("[data-action=read-more]")!;
  row.querySelector(".idea-excerpt")!.classList.toggle("expanded", expanded);
  toggle.setAttribute("aria-expanded", String(expanded));
  toggle.textContent = t(expanded ? "ideas.board.readLess" : "ideas.board.readMore");
}

/**
 * Offers "Read more" where the text is cut: all measurements first, then the
 * changes, so the page is laid out once, before it is painted.
 */
export function offerReadMore(rows: readonly HTMLElement[]): void {
  const cut = rows.map((row) => {
    const text = row.querySelector<HTMLElement>(".idea-excerpt")!;
    return text.classList.contains("expanded") || text.scrollHeight > text.clientHeight + 1;
  });
  rows.forEach((row, i) => {
    row.querySelector<HTMLButtonElement>("[data-action=read-more]")!.hidden = !cut[i];
  });
}
