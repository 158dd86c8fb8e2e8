// Published results of one survey, drawn from GET /api/surveys/{id}/results
// into the survey page: first the biggest changes since the previous run,
// then each question with its headline figure and its change ("vs H2 2025"),
// its table folded away (details/summary: the page is read question by
// question, and seventeen open tables made it 9,000 px long), every withheld
// figure saying why in words that agree with the figures around it; free
// text never (the API does not send it). Plain DOM, no framework; text only
// via textContent, bar widths via CSSOM (the CSP allows no style attributes).
import type { KeysOf } from "#i18n/index.ts";
import { readStrings, translator, type Translator } from "#i18n/translate.ts";
import type { TSurveyText } from "#lib/surveys/schema.ts";
import { localText } from "#lib/surveys/text.ts";
import { serverStatus } from "./status.ts";
import type { PublishedBreakdown, PublishedSegment } from "#lib/surveys/breakdown.ts";
import { breakdownTable, heatClass } from "#lib/surveys/breakdown-table.ts";
import type { Trends, Withheld } from "#lib/surveys/tools.ts";
import { signedNumber, trendParts } from "#lib/surveys/trend-words.ts";
import { biggestChanges, type QuestionTrend } from "#lib/surveys/trends.ts";
import type { WithheldBecause } from "#lib/surveys/results.ts";

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
  withheldBecause?: WithheldBecause;
  choices?: Choice[];
  mean?: number;
  nps?: number;
  ranking?: { value: string | number; text: Text; meanRank: number }[];
}

interface Results {
  k: number;
  responses: number | null;
  suppressed: boolean;
  withheld?: Withheld | null;
  questions: QuestionResult[];
  breakdown?: PublishedBreakdown | null;
  trends?: Trends | null;
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

function table(caption: string, head: string[], rows: (string | HTMLElement)[][], captionClass?: string): HTMLElement {
  const wrap = el("div", undefined, "table-wrap");
  const t = el("table");
  add(t, el("caption", caption, captionClass));
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
      // a short row (a question withheld for a grouping) spans the columns it leaves empty
      if (i === row.length - 1 && row.length < head.length) (c as HTMLTableCellElement).colSpan = head.length - i;
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

/**
 * A table folded into a disclosure: the summary names it, and its caption
 * (the table's accessible name) is kept for screen readers only, since the
 * summary just said the same.
 */
function folded(summary: string, content: HTMLElement): HTMLDetailsElement {
  const details = el("details", undefined, "result-table");
  add(details, el("summary", summary), content);
  return details;
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

/** A rating scale's two ends in words, by question name: what "1" and "5" mean. */
export type Scales = Record<string, { min: number; max: number; minText?: string; maxText?: string }>;

const pct = (n: number, total: number) => Math.round((n / total) * 100);

/** A rating row's label with its meaning at the ends of the scale: "1 (very dissatisfied)". */
function ratingLabel(t: T, value: string, scale: Scales[string] | undefined): string {
  if (!scale) return value;
  const end = Number(value) === scale.min ? scale.minText : Number(value) === scale.max ? scale.maxText : undefined;
  return end ? t("results.scalePoint", { value, meaning: end }) : value;
}

/** The one figure a reader wants first, before the table: an average, the most chosen answer, the top rank. */
function headline(t: T, q: QuestionResult, scale: Scales[string] | undefined): string | null {
  const locale = t.locale;
  if (q.nps !== undefined) return t("results.headline.nps", { nps: q.nps > 0 ? `+${q.nps}` : String(q.nps) });
  if (q.mean !== undefined && scale) return t("results.headline.mean", { mean: q.mean.toFixed(1), max: scale.max });
  if (q.ranking?.length) return t("results.headline.rank", { choice: localText(q.ranking[0]!.text, locale) });
  if (q.choices && q.answered) {
    const counted = q.choices.filter((c) => c.count !== null) as (Choice & { count: number })[];
    if (counted.length === 0) return null;
    const top = counted.reduce((a, b) => (b.count > a.count ? b : a));
    if (counted.filter((c) => c.count === top.count).length > 1) return null; // a tie has no single answer to lead with
    return t(q.type === "checkbox" ? "results.headline.chosen" : "results.headline.most", {
      choice: localText(top.text, locale),
      pct: pct(top.count, q.answered),
    });
  }
  return null;
}

/** Why a published question shows no figures, in words that agree with the response count above it. */
function withheldText(t: T, q: QuestionResult, data: Results): string {
  const k = data.k;
  switch (q.withheldBecause) {
    case "few_answered":
      return t("results.withheldBecause.few_answered", { k, n: data.responses ?? 0 });
    case "small_answer":
      return t("results.withheldBecause.small_answer", { k });
    case "depends_on_withheld":
      return t("results.withheldBecause.depends_on_withheld", { k });
    default:
      return t("results.withheldBecause.other", { k });
  }
}

export function renderResults(root: HTMLElement, data: Results, t: T, scales: Scales = {}): void {
  const locale = t.locale;
  root.replaceChildren(heading(t));
  if (data.withheld) {
    const note = el("p", t("results.overAudience", { audience: data.withheld.audience }), "notice");
    note.dataset.withheld = data.withheld.reason;
    add(root, note);
    return;
  }
  if (data.suppressed || data.responses === null) {
    add(root, el("p", t("results.suppressedAll", { k: data.k }), "notice"));
    return;
  }
  add(root, el("p", t.plural("results.responses", data.responses, { k: data.k }), "lead"));
  if (data.trends) add(root, summary(data, t));
  const tables: HTMLDetailsElement[] = [];
  for (const q of data.questions) {
    const section = el("section", undefined, "result-question");
    section.id = `result-${q.name}`;
    section.dataset.question = q.name;
    add(section, el("h3", localText(q.title, locale)));
    const scale = q.type === "rating" ? scales[q.name] : undefined;
    const trend =
      data.trends &&
      trendText(
        data.trends.questions.find((x) => x.name === q.name),
        q,
        t,
      );
    const since = trend
      ? el("p", t("results.trend", { title: localText(data.trends!.previous.shortTitle, locale), change: trend }), "muted result-trend")
      : null;
    if (since) since.dataset.trend = q.name;
    if (!q.published) {
      add(section, el("p", t("results.freeText"), "muted"));
    } else if (q.suppressed || q.answered === null) {
      const why = el("p", withheldText(t, q, data), "muted");
      why.dataset.withheldBecause = q.withheldBecause ?? "";
      add(section, why);
      if (since) add(section, since);
    } else {
      const lead = headline(t, q, scale);
      if (lead) add(section, el("p", lead, "result-headline"));
      if (since) add(section, since);
      const answered = t.plural("results.answered", q.answered);
      if (q.ranking) {
        const details = folded(
          t("results.table", { answered }),
          table(
            answered,
            [t("results.rank"), t("results.choice"), t("results.meanRank")],
            q.ranking.map((r, i) => [String(i + 1), localText(r.text, locale), r.meanRank.toFixed(2)]),
            "visually-hidden",
          ),
        );
        tables.push(details);
        add(section, details);
      } else if (q.choices) {
        const withheld = t("results.withheld", { k: data.k });
        const rows = q.choices.map((c) => {
          const share = c.count === null ? withheld : `${pct(c.count, q.answered!)}%`;
          const label = q.type === "rating" ? ratingLabel(t, localText(c.text, locale), scale) : localText(c.text, locale);
          return [label, c.count === null ? withheld : String(c.count), bar(c.count, q.answered!, share)];
        });
        const details = folded(
          t("results.table", { answered }),
          table(answered, [t("results.choice"), t("results.count"), t("results.share")], rows, "visually-hidden"),
        );
        tables.push(details);
        // the average, when the headline did not already say it
        if (q.mean !== undefined && !scale) add(section, el("p", t("results.mean", { mean: q.mean.toFixed(2) })));
        // a rating with a count withheld publishes no average: say so, or the missing figure looks like an oversight
        if (q.type === "rating" && q.mean === undefined && q.choices.some((c) => c.count === null)) {
          const none = el("p", t("results.noMean"), "muted");
          none.dataset.noMean = "";
          add(section, none);
        }
        add(section, details);
      }
    }
    add(root, section);
  }
  if (data.breakdown && data.breakdown.segments.length > 0) {
    const section = breakdown(data.breakdown, data.k, t);
    tables.push(...section.querySelectorAll("details"));
    add(root, section);
  }
  if (tables.length > 0) root.insertBefore(toggleAll(tables, t), root.querySelector(".result-question"));
}

/**
 * The biggest moves since the previous run, each a link to its question:
 * from the published trend figures only (biggestChanges), shares in points.
 */
function summary(data: Results, t: T): HTMLElement {
  const locale = t.locale;
  const trends = data.trends!;
  const previous = localText(trends.previous.shortTitle, locale);
  const section = el("section", undefined, "result-summary");
  section.dataset.summary = "";
  const h3 = el("h3", t("results.summary.title", { title: previous }));
  h3.id = "results-summary-title";
  section.setAttribute("aria-labelledby", h3.id);
  add(section, h3);
  const changes = biggestChanges(trends.questions);
  if (changes.length === 0) {
    add(section, el("p", t("results.summary.none", { title: previous })));
  } else {
    const list = el("ul");
    for (const c of changes) {
      const q = data.questions.find((x) => x.name === c.name);
      if (!q) continue;
      const change = signedNumber(locale, c.change, 1);
      const choice = q.choices?.find((x) => String(x.value) === String(c.value));
      const words =
        c.kind === "favourable"
          ? t("results.trend.favourable", { change })
          : t("results.trend.choice", { label: choice ? localText(choice.text, locale) : String(c.value), change });
      const item = el("li");
      item.dataset.change = c.name;
      const link = el("a", localText(q.title, locale));
      link.href = `#result-${q.name}`;
      add(item, link, el("span", words, "result-change"));
      add(list, item);
    }
    add(section, list);
  }
  const { title, responses } = trends.previous;
  add(
    section,
    el(
      "p",
      responses === null
        ? t("results.summary.previous", { title: localText(title, locale) })
        : t.plural("results.summary.previousResponses", responses, { title: localText(title, locale) }),
      "muted",
    ),
  );
  return section;
}

/** One button opening or closing every table, and every table open for printing. */
function toggleAll(tables: HTMLDetailsElement[], t: T): HTMLElement {
  const p = el("p", undefined, "result-toggle");
  const button = el("button", undefined, "button secondary");
  button.type = "button";
  const label = () => {
    const allOpen = tables.every((d) => d.open);
    button.textContent = t(allOpen ? "results.closeAll" : "results.openAll");
    button.setAttribute("aria-expanded", String(allOpen));
  };
  button.addEventListener("click", () => {
    const open = !tables.every((d) => d.open);
    for (const d of tables) d.open = open;
    label();
  });
  for (const d of tables) d.addEventListener("toggle", label);
  label();
  // a printed page has no disclosure to press: print every table, then fold them back as they were
  let before: boolean[] = [];
  window.addEventListener("beforeprint", () => {
    before = tables.map((d) => d.open);
    for (const d of tables) d.open = true;
  });
  window.addEventListener("afterprint", () => tables.forEach((d, i) => (d.open = before[i] ?? d.open)));
  add(p, button);
  return p;
}

/** The change since the previous run in words, or "" when there is nothing to say. */
function trendText(trend: QuestionTrend | undefined, q: QuestionResult, t: T): string {
  if (!trend) return "";
  if (trend.status === "withheld") return t("results.trend.withheld");
  if (trend.status === "new") return t("results.trend.new");
  if (trend.status === "scale_changed") return t("results.trend.scale");
  return t.list(
    trendParts(trend, q, t.locale, {
      mean: (change) => t("results.trend.mean", { change }),
      favourable: (change) => t("results.trend.favourable", { change }),
      choice: (label, change) => t("results.trend.choice", { label, change }),
      rank: (label, change) => t("results.trend.rank", { label, change }),
    }),
  );
}

function breakdown(data: PublishedBreakdown, k: number, t: T): HTMLElement {
  const locale = t.locale;
  const section = el("section", undefined, "result-breakdown");
  const h3 = el("h3", t("results.breakdown.title"));
  h3.id = "breakdown-title";
  section.setAttribute("aria-labelledby", h3.id);
  add(section, h3, el("p", t("results.breakdown.lead", { k }), "muted"));
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  for (const segment of data.segments) add(section, segmentTable(segment, percent, k, t));
  return section;
}

function segmentTable(segment: PublishedSegment, percent: Intl.NumberFormat, k: number, t: T): HTMLElement {
  const locale = t.locale;
  const model = breakdownTable(segment);
  const title = localText(segment.title, locale);
  if (model.empty) {
    const wrap = el("div");
    add(wrap, el("h4", title), el("p", t("results.breakdown.none"), "muted"));
    return wrap;
  }
  const label = (i: number) => {
    const g = segment.groups[i]!;
    return g.text === null ? t("results.breakdown.noAnswer") : localText(g.text, locale);
  };
  const head = [t("results.breakdown.question"), ...model.groups.map(label), ...(model.others ? [t("results.breakdown.others")] : [])];
  const rows = model.rows.map((row) => {
    if (!row.shown) {
      const cell = el("span", t("results.breakdown.rowWithheld", { k }), "muted");
      return [localText(row.title, locale), cell];
    }
    return [
      localText(row.title, locale),
      ...row.cells.map((c) =>
        c === null
          ? el("span", t("results.withheld", { k }), "muted")
          : el("span", t("results.breakdown.cell", { share: percent.format(c.favourable / c.answered), n: c.answered }), heatClass(c)),
      ),
    ];
  });
  const details = folded(title, table(title, head, rows, "visually-hidden"));
  details.dataset.segment = segment.name;
  return details;
}

/** Fetches and renders; on "not yet" / "hidden" / offline, says so briefly. */
export async function loadResults(root: HTMLElement): Promise<void> {
  const t = translator(readStrings<KeysOf<"results.">>(root));
  // Known without asking for them: the results of a survey the server says
  // has not closed (the API would answer 409, which a browser logs as an
  // error). Answers are published once, after the close, and never before.
  // The status request is the one the form makes anyway.
  const surveyId = root.dataset.survey ?? "";
  const status = await serverStatus(surveyId);
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
      renderResults(root, (await res.json()) as Results, t, JSON.parse(root.dataset.scales ?? "{}") as Scales);
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
