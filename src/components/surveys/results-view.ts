// Published results of one survey, drawn from GET /api/surveys/{id}/results
// into the survey page: a table per question, counts withheld below k shown
// as such, free text never (the API does not send it). Plain DOM, no
// framework; text only via textContent, bar widths via CSSOM (the CSP allows
// no style attributes).

type Text = string | { default: string; "zh-cn"?: string };

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

export type ResultStrings = Record<
  | "heading"
  | "responses"
  | "liveUntil"
  | "suppressedAll"
  | "suppressedQuestion"
  | "freeText"
  | "answered"
  | "withheld"
  | "choice"
  | "count"
  | "share"
  | "mean"
  | "nps"
  | "rank"
  | "meanRank"
  | "notYet"
  | "unavailable",
  string
>;

function pick(text: Text, locale: string): string {
  if (typeof text === "string") return text;
  return locale === "en" ? text.default : (text["zh-cn"] ?? text.default);
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

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
function heading(s: ResultStrings): HTMLElement {
  const h2 = el("h2", s.heading);
  h2.id = "results-title";
  return h2;
}

export function renderResults(root: HTMLElement, data: Results, s: ResultStrings, locale: string): void {
  root.replaceChildren(heading(s));
  if (data.suppressed || data.responses === null) {
    add(root, el("p", fill(s.suppressedAll, { k: data.k }), "notice"));
    return;
  }
  add(root, el("p", fill(s.responses, { n: data.responses, k: data.k }), "lead"));
  if (data.before) add(root, el("p", fill(s.liveUntil, { day: data.before }), "muted"));
  for (const q of data.questions) {
    const section = el("section", undefined, "result-question");
    add(section, el("h3", pick(q.title, locale)));
    if (!q.published) {
      add(section, el("p", s.freeText, "muted"));
    } else if (q.suppressed || q.answered === null) {
      add(section, el("p", fill(s.suppressedQuestion, { k: data.k }), "muted"));
    } else if (q.ranking) {
      add(
        section,
        table(
          fill(s.answered, { n: q.answered }),
          [s.rank, s.choice, s.meanRank],
          q.ranking.map((r, i) => [String(i + 1), pick(r.text, locale), r.meanRank.toFixed(2)]),
        ),
      );
    } else if (q.choices) {
      const answered = q.answered;
      const rows = q.choices.map((c) => {
        const pct = c.count === null ? s.withheld : `${Math.round((c.count / answered) * 100)}%`;
        return [pick(c.text, locale), c.count === null ? s.withheld : String(c.count), bar(c.count, answered, pct)];
      });
      add(section, table(fill(s.answered, { n: answered }), [s.choice, s.count, s.share], rows));
      const facts: string[] = [];
      if (q.mean !== undefined) facts.push(fill(s.mean, { mean: q.mean.toFixed(2) }));
      if (q.nps !== undefined) facts.push(fill(s.nps, { nps: q.nps }));
      if (facts.length) add(section, el("p", facts.join(" · ")));
    }
    add(root, section);
  }
}

/** Fetches and renders; on "not yet" / "hidden" / offline, says so briefly. */
export async function loadResults(root: HTMLElement): Promise<void> {
  const s = JSON.parse(root.dataset.strings ?? "{}") as ResultStrings;
  const locale = root.dataset.locale ?? "en";
  // Known without asking: after-close results of a survey that has not closed
  // (the API would answer 409, which a browser logs as an error).
  const today = new Date().toISOString().slice(0, 10);
  if (root.dataset.visibility === "after-close" && today <= (root.dataset.closes ?? "")) {
    root.replaceChildren(heading(s), el("p", s.notYet, "muted"));
    root.hidden = false;
    return;
  }
  try {
    const res = await fetch(`/api/surveys/${encodeURIComponent(root.dataset.survey ?? "")}/results`, {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (res.ok) {
      renderResults(root, (await res.json()) as Results, s, locale);
      root.hidden = false;
      return;
    }
    if (res.status === 409) {
      root.replaceChildren(heading(s), el("p", s.notYet, "muted"));
      root.hidden = false;
    }
  } catch {
    root.replaceChildren(heading(s), el("p", s.unavailable, "muted"));
    root.hidden = false;
  }
}
