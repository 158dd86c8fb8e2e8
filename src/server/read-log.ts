// The public list of HR's reads of what employees wrote (/results/access/ and
// GET /api/read-log): from the audit log, the day and the action of every
// read of survey comments and every export, per survey — the role only,
// unless the organisation sets READ_LOG_NAMES = "name". It is what makes
// "HR reads comments only from k responses" checkable by the people who wrote
// them. Below the list, the head of the audit log's hash chain, so anyone can
// record it and see later whether the log was cut short or rewritten.
// Rendered into the static page by the server (HTMLRewriter): the page
// needs no JavaScript.
import type { Locale } from "#i18n/config.ts";
import { useTranslations } from "#i18n/index.ts";
import { formatDay } from "#i18n/translate.ts";
import { READ_ACTIONS, type AuditAction } from "#lib/audit/model.ts";
import { beforeNumber } from "#lib/text/typography.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { localText } from "#lib/surveys/text.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { listActions, listRetentionRuns, readChainHashAt, readChainHead } from "./db/audit.ts";
import { parseTerms, publishedRunCount, type RetentionKind, type RetentionTerms } from "#lib/retention.ts";

/** The most reads listed: years of a busy HR team's reads. */
export const READ_LOG_LIMIT = 2000;

export interface ReadLog {
  names: boolean;
  surveys: { id: string; title: Survey["title"]; reads: { day: string; action: AuditAction; by: string | null; times: number }[] }[];
  /**
   * The audit log's hash chain (src/lib/audit/chain.ts): how many rows it
   * holds and the hash of the last, which anyone can record; with `?at=n`,
   * the hash row n has now (null: the log has no row n), which must be the
   * one recorded for it.
   */
  chain: { count: number; head: string; at?: { seq: number; hash: string | null } };
  /**
   * How long what employees wrote is kept (src/lib/retention.ts), and what
   * each retention run deleted, per day and kind: a count below k is given
   * as null ("fewer than k"), as every small group is, and so is a survey
   * kind's count when one survey in it counted fewer than k (the others'
   * counts, if known, would give it away: docs/anonymity.md). Retry records are
   * not listed: their daily count would follow the number of ideas sent two
   * days before. A malformed RETENTION_* variable never fails the page: its
   * name is in `malformed`, its term is shown as the documented default,
   * and the page says that no run deletes anything until it is corrected
   * (the run refuses a malformed term: src/lib/retention.ts).
   */
  retention: {
    terms: RetentionTerms;
    malformed: string[];
    k: number;
    runs: { day: string; kind: Exclude<RetentionKind, "retryRecords">; count: number | null }[];
  };
}

/** Per survey (newest first), reads grouped by day, action and person (null: the role only); the chain's head. */
export async function readLog(env: AppEnv, at?: number): Promise<ReadLog> {
  const names = readConfig(env).readLogNames;
  const k = readConfig(env).minGroupSize;
  const [rows, head, runs] = await Promise.all([
    listActions(env, READ_ACTIONS, READ_LOG_LIMIT),
    readChainHead(env),
    listRetentionRuns(env, READ_LOG_LIMIT),
  ]);
  const { terms, malformed } = parseTerms(env);
  return {
    names,
    retention: {
      terms,
      malformed,
      k,
      runs: runs.flatMap((r) =>
        r.kind === "ideaTexts" || r.kind === "surveyComments" || r.kind === "surveyAnswers"
          ? [{ day: r.day, kind: r.kind, count: publishedRunCount(r, k) }]
          : [],
      ),
    },
    chain: { ...head, ...(at === undefined ? {} : { at: { seq: at, hash: await readChainHashAt(env, at) } }) },
    surveys: SURVEYS.flatMap((survey) => {
      const reads: ReadLog["surveys"][number]["reads"] = [];
      for (const row of rows.filter((r) => r.targetId === survey.id)) {
        const by = names ? row.actor : null;
        const same = reads.find((r) => r.day === row.day && r.action === row.action && r.by === by);
        if (same) same.times++;
        else reads.push({ day: row.day, action: row.action, by, times: 1 });
      }
      return reads.length > 0 ? [{ id: survey.id, title: survey.title, reads }] : [];
    }),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "Exported the answers (CSV) (2 times)" / "导出答卷（CSV）2 次", "查看文字回答 7 次". */
function readAction(t: ReturnType<typeof useTranslations>, action: (typeof READ_ACTIONS)[number], times: number): string {
  const what = t(`readLog.action.${action}` as `readLog.action.${(typeof READ_ACTIONS)[number]}`);
  return times > 1 ? t("readLog.withTimes", { action: beforeNumber(what), times: t.plural("readLog.times", times) }) : what;
}

/** The chain's head, with how to check later that the log still reaches it. */
function renderChain(chain: ReadLog["chain"], locale: Locale): string {
  const t = useTranslations(locale);
  const check = `/api/read-log?at=${chain.count}`;
  return `<section aria-labelledby="read-log-chain" class="read-log-chain"><h2 id="read-log-chain">${escape(t("readLog.chain.title"))}</h2><p>${escape(
    t("readLog.chain.lead"),
  )}</p><dl><dt>${escape(t("readLog.chain.count"))}</dt><dd data-chain-count>${chain.count}</dd><dt>${escape(
    t("readLog.chain.head"),
  )}</dt><dd><code data-chain-head>${chain.head}</code></dd></dl><p>${escape(t("readLog.chain.how"))}</p><p>${escape(
    t("readLog.chain.check", { count: chain.count }),
  )} <code>${escape(check)}</code></p></section>`;
}

/** How long texts are kept, and what each retention run deleted. */
function renderRetention(retention: ReadLog["retention"], locale: Locale): string {
  const t = useTranslations(locale);
  const { terms, k } = retention;
  const items = [
    t("readLog.retention.ideas", { days: terms.ideaTextDays }),
    t("readLog.retention.comments", { days: terms.commentDays, standalone: terms.standaloneCommentDays }),
    t("readLog.retention.answers", { days: terms.answerDays }),
    t("readLog.retention.retry", { days: terms.retryDays }),
  ]
    .map((text) => `<li>${escape(text)}</li>`)
    .join("");
  const rows = retention.runs
    .map(
      (r) =>
        `<tr><th scope="row"><time datetime="${r.day}">${escape(formatDay(locale, r.day))}</time></th><td>${escape(
          t(`readLog.retention.kind.${r.kind}`),
        )}</td><td>${escape(r.count === null ? t("readLog.retention.fewer", { k }) : String(r.count))}</td></tr>`,
    )
    .join("");
  const runs =
    rows === ""
      ? `<p>${escape(t("readLog.retention.none"))}</p>`
      : `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="read-log-retention"><table><caption>${escape(
          t("readLog.retention.caption"),
        )}</caption><thead><tr><th scope="col">${escape(t("readLog.day"))}</th><th scope="col">${escape(
          t("readLog.retention.what"),
        )}</th><th scope="col">${escape(t("readLog.retention.count"))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const malformed =
    retention.malformed.length === 0
      ? ""
      : `<p class="notice" data-retention-malformed>${escape(t("readLog.retention.malformed", { names: retention.malformed.join(", ") }))}</p>`;
  return `<section aria-labelledby="read-log-retention"><h2 id="read-log-retention">${escape(t("readLog.retention.title"))}</h2><p>${escape(
    t("readLog.retention.lead"),
  )}</p>${malformed}<ul>${items}</ul>${runs}</section>`;
}

/** The list as HTML for the page's placeholder, every text escaped. */
export function renderReadLog(log: ReadLog, locale: Locale): string {
  const t = useTranslations(locale);
  const note = `<p class="muted">${escape(t(log.names ? "readLog.names" : "readLog.roles"))}</p>`;
  const chain = renderRetention(log.retention, locale) + renderChain(log.chain, locale);
  if (log.surveys.length === 0) return `${note}<p>${escape(t("readLog.empty"))}</p>${chain}`;
  const tables = log.surveys.map((s) => {
    const title = localText(s.title, locale);
    const rows = s.reads
      .map(
        (r) =>
          `<tr><th scope="row"><time datetime="${r.day}">${escape(formatDay(locale, r.day))}</time></th><td>${escape(
            readAction(t, r.action as (typeof READ_ACTIONS)[number], r.times),
          )}</td><td>${escape(r.by ?? t("readLog.role"))}</td></tr>`,
      )
      .join("");
    return `<section aria-labelledby="read-log-${s.id}"><h2 id="read-log-${s.id}">${escape(title)}</h2><div class="table-wrap" role="region" tabindex="0" aria-labelledby="read-log-${s.id}"><table><caption>${escape(
      t("readLog.caption", { title }),
    )}</caption><thead><tr><th scope="col">${escape(t("readLog.day"))}</th><th scope="col">${escape(t("readLog.what"))}</th><th scope="col">${escape(
      t("readLog.who"),
    )}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
  });
  return note + tables.join("") + chain;
}

/** The static page with the list filled in (or its fallback text left, if the database cannot be read). */
export async function serveReadLogPage(env: AppEnv, page: Response, locale: Locale): Promise<Response> {
  let html: string;
  try {
    html = renderReadLog(await readLog(env), locale);
  } catch (err) {
    console.error("read log unavailable", err);
    return page;
  }
  const rewritten = new HTMLRewriter()
    .on("[data-read-log]", {
      element(el) {
        el.setInnerContent(html, { html: true });
      },
    })
    .transform(page);
  const out = new Response(rewritten.body, rewritten);
  out.headers.set("Cache-Control", "no-store");
  return out;
}
