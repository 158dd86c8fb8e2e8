// Published results of one survey, drawn from GET /api/surveys/{id}/results
// into the survey page: a table per question, counts withheld below k shown
// as such, free text never (the API does not send it). Plain DOM, no
// framework; text only via textContent, bar widths via CSSOM (the CSP allows
// no style attributes).
import type { KeysOf } from "../../i18n/index.ts";
import { readStrings, translator, type Translator } from "../../i18n/translate.ts";
import type { TSurveyText } from "../../lib/surveys/schema.ts";
import { localText } from "../../lib/surveys/text.ts";
import { serverStatus } from "./status.ts";

type Text = TSurveyText | string;

interface Choice {
  value: string | number | boolean;
  text: Text;
  count: number | null;
}

interface QuestionResult {
  name: string;
  type: string;
  title: Text;
  answered: number | null;
  suppressed: boolean;
  published: boolean;
  choices?: Choice[];
  mean?: number;
  nps?: number;
  ranking?: { value: string | number; text: Text; meanRank: number }[];
}

interface Results {
  k: number;
  responses: number | null;
  suppressed: boolean;
  before: string | null;
  questions: QuestionResult[];
}

/** The survey page writes pickStrings(locale, "results.") into data-strings. */
type T = Translator<KeysOf<"results.">>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// appendChild, not append(): the Workers types in this project's tsconfig
// shadow the DOM's Element.append with HTMLRewriter's.
function add(parent: Node, ...children: Node[]): void {
  for (const child of children) parent.appendChild(child);
}

function table(caption: string, head: string[], rows: (string | HTMLElement)[][]): HTMLElement {
  const wrap = el("div", undefined, "table-wrap");
  const t = el("table");
  add(t, el("caption", caption));
  const thead = el("thead");
  const tr = el("tr");
  for (const h of head) {
    const th = el("th", h);
    th.scope = "col";
    add(tr, th);
  }
  add(thead, tr);
  const tbody = el("tbody");
  for (const row of rows) {
    const r = el("tr");
    row.forEach((cell, i) => {
      const c = i === 0 ? el("th") : el("td");
      if (i === 0) (c as HTMLTableCellElement).scope = "row";
      if (typeof cell === "string") c.textContent = cell;
      else add(c, cell);
      add(r, c);
    });
    add(tbody, r);
  }
  add(t, thead, tbody);
  add(wrap, t);
  return wrap;
}

function bar(count: number | null, total: number, label: string): HTMLElement {
  const span = el("span", undefined, "result-share");
  const track = el("span", undefined, "result-bar");
  track.setAttribute("aria-hidden", "true");
  const fillEl = el("span");
  if (count !== null && total > 0) fillEl.style.width = `${Math.round((count / total) * 100)}%`;
  add(track, fillEl);
  add(span, track, el("span", label));
  return span;
}

/** The section is labelled by its heading (aria-labelledby="results-title"), so every state has one. */
function heading(t: T): HTMLElement {
  const h2 = el("h2", t("results.heading"));
  h2.id = "results-title";
  return h2;
}

export function renderResults(root: HTMLElement, data: Results, t: T): void {
  const locale = t.locale;
  root.replaceChildren(heading(t));
  if (data.suppressed || data.responses === null) {
    add(root, el("p", t("results.suppressedAll", { k: data.k }), "notice"));
    return;
  }
  add(root, el("p", t.plural("results.responses", data.responses, { k: data.k }), "lead"));
  if (data.before) add(root, el("p", t("results.liveUntil", { day: data.before }), "muted"));
  for (const q of data.questions) {
    const section = el("section", undefined, "result-question");
    add(section, el("h3", localText(q.title, locale)));
    if (!q.published) {
      add(section, el("p", t("results.freeText"), "muted"));
    } else if (q.suppressed || q.answered === null) {
      add(section, el("p", t("results.suppressedQuestion", { k: data.k }), "muted"));
    } else if (q.ranking) {
      add(
        section,
        table(
          t.plural("results.answered", q.answered),
          [t("results.rank"), t("results.choice"), t("results.meanRank")],
          q.ranking.map((r, i) => [String(i + 1), localText(r.text, locale), r.meanRank.toFixed(2)]),
        ),
      );
    } else if (q.choices) {
      const answered = q.answered;
      const withheld = t("results.withheld");
      const rows = q.choices.map((c) => {
        const pct = c.count === null ? withheld : `${Math.round((c.count / answered) * 100)}%`;
        return [localText(c.text, locale), c.count === null ? withheld : String(c.count), bar(c.count, answered, pct)];
      });
      add(section, table(t.plural("results.answered", answered), [t("results.choice"), t("results.count"), t("results.share")], rows));
      const facts: string[] = [];
      if (q.mean !== undefined) facts.push(t("results.mean", { mean: q.mean.toFixed(2) }));
      if (q.nps !== undefined) facts.push(t("results.nps", { nps: q.nps }));
      if (facts.length) add(section, el("p", facts.join(" · ")));
    }
    add(root, section);
  }
}

/** Fetches and renders; on "not yet" / "hidden" / offline, says so briefly. */
export async function loadResults(root: HTMLElement): Promise<void> {
  const t = translator(readStrings<KeysOf<"results.">>(root));
  // Known without asking for them: after-close results of a survey the server
  // says has not closed (the API would answer 409, which a browser logs as an
  // error). The status request is the one the form makes anyway.
  const surveyId = root.dataset.survey ?? "";
  const status = root.dataset.visibility === "after-close" ? await serverStatus(surveyId) : null;
  if (status === "open" || status === "upcoming") {
    root.replaceChildren(heading(t), el("p", t("results.notYet"), "muted"));
    root.hidden = false;
    return;
  }
  try {
    const res = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}/results`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (res.ok) {
      renderResults(root, (await res.json()) as Results, t);
      root.hidden = false;
      return;
    }
    if (res.status === 409) {
      root.replaceChildren(heading(t), el("p", t("results.notYet"), "muted"));
      root.hidden = false;
    }
  } catch {
    root.replaceChildren(heading(t), el("p", t("results.unavailable"), "muted"));
    root.hidden = false;
  }
}
