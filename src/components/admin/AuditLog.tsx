// The audit log, newest first, with filters and "show older". Each entry at
// the reader's local time, its idea or survey by title (the server names the
// page's ids), linked to it in the console; the id itself stays in a tooltip
// and the filter, for whoever needs it.
import { useState } from "react";
import { LOCALE_NAME, LOCALES, type Locale } from "#i18n/config.ts";
import { formatMoment } from "#i18n/translate.ts";
import { localText } from "#lib/surveys/text.ts";
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditPage, type AuthorEvent } from "#lib/audit/vocabulary.ts";
import type { IdeaStatus, MessageVisibility } from "#lib/ideas/vocabulary.ts";
import type { IdentifyingKind } from "#lib/text/identifying.ts";
import type { T } from "./api.ts";
import { usePaged } from "./usePaged.tsx";

interface Filters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}
const NONE: Filters = { actor: "", action: "", target: "", from: "", to: "" };

function queryOf(f: Filters, cursor?: string | null): string {
  const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v.trim() !== ""));
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

type Titles = NonNullable<AuditPage["titles"]>;

function describeDetail(entry: AuditEntry, t: T, titles: Titles): string {
  const d = entry.detail ?? {};
  const parts: string[] = [];
  if (typeof d.from === "string" && typeof d.to === "string")
    parts.push(`${t(`ideas.status.${d.from as IdeaStatus}`)} → ${t(`ideas.status.${d.to as IdeaStatus}`)}`);
  if (typeof d.visibility === "string") parts.push(t(`admin.idea.visibility.${d.visibility as MessageVisibility}`));
  // quoted texts are HR's own words; another idea by its title, or its shortened id when the server has none
  for (const key of ["title", "note"] as const) if (typeof d[key] === "string") parts.push(`“${d[key]}”`);
  for (const key of ["of", "was"] as const)
    if (typeof d[key] === "string") {
      const other = titles.ideas[d[key] as string];
      parts.push(`→ ${other === undefined ? (d[key] as string).slice(0, 8) : `“${other}”`}`);
    }
  if (typeof d.count === "number") parts.push(`× ${d.count}`);
  if (typeof d.responses === "number") parts.push(t("admin.audit.responses", { n: d.responses }));
  if (typeof d.lang === "string" && (LOCALES as readonly string[]).includes(d.lang)) parts.push(LOCALE_NAME[d.lang as Locale]);
  if (Array.isArray(d.confirmedIdentifying))
    parts.push(`✓ ${t.list((d.confirmedIdentifying as IdentifyingKind[]).map((k) => t(`identifying.kind.${k}`)))}`);
  return parts.join(" · ");
}

export function AuditLog({ t, onOpenIdea, onOpenSurvey }: { t: T; onOpenIdea: (id: string) => void; onOpenSurvey: (id: string) => void }) {
  const [form, setForm] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const {
    page,
    error,
    more: older,
  } = usePaged<AuditPage>(
    t,
    (cursor) => `/api/admin/audit${queryOf(applied, cursor)}`,
    (loaded, next) => ({
      ...loaded,
      entries: [...loaded.entries, ...next.entries],
      nextCursor: next.nextCursor,
      titles: {
        ideas: { ...loaded.titles?.ideas, ...next.titles?.ideas },
        surveys: { ...loaded.titles?.surveys, ...next.titles?.surveys },
      },
    }),
  );

  const titles: Titles = page?.titles ?? { ideas: {}, surveys: {} };

  const field = (key: keyof Filters, type = "text") => (
    <div className="admin-field">
      <label htmlFor={`audit-${key}`}>{t(`admin.audit.${key}`)}</label>
      {key === "action" ? (
        <select id="audit-action" value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
          <option value="">{t("admin.inbox.any")}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`admin.audit.action.${a}`)}
            </option>
          ))}
        </select>
      ) : (
        <input id={`audit-${key}`} type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      )}
    </div>
  );

  return (
    <section aria-labelledby="admin-audit-title" data-audit>
      <h2 id="admin-audit-title">{t("admin.audit.title")}</h2>
      <p className="muted">{t("admin.audit.lead")}</p>
      <form
        className="admin-filters"
        aria-label={t("admin.audit.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ ...form });
        }}
      >
        {field("actor")}
        {field("action")}
        {field("target")}
        {field("from", "date")}
        {field("to", "date")}
        <button type="submit" className="button">
          {t("admin.audit.apply")}
        </button>
      </form>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {page && page.entries.length === 0 && <p role="status">{t("admin.audit.empty")}</p>}
      {page && page.entries.length > 0 && (
        <ol className="admin-audit">
          {page.entries.map((e) => (
            <li key={e.id} data-audit-action={e.action} data-audit-target={e.targetId ?? ""}>
              <p>
                <time dateTime={e.at} title={e.at}>
                  {formatMoment(t.locale, e.at)}
                </time>{" "}
                · <strong>{e.actor}</strong> · {t(`admin.audit.action.${e.action as AuditAction}`)}
                {e.targetType === "idea" && e.targetId ? (
                  <>
                    {" "}
                    ·{" "}
                    <a
                      href={`#idea/${e.targetId}`}
                      title={e.targetId}
                      data-audit-title
                      onClick={(ev) => {
                        ev.preventDefault();
                        onOpenIdea(e.targetId!);
                      }}
                    >
                      {titles.ideas[e.targetId] !== undefined ? (
                        <span className="idea-text">{titles.ideas[e.targetId]}</span>
                      ) : (
                        <code>{e.targetId.slice(0, 8)}</code>
                      )}
                    </a>
                  </>
                ) : e.targetType === "survey" && e.targetId ? (
                  <>
                    {" "}
                    ·{" "}
                    <a
                      href={`#survey/${e.targetId}`}
                      title={e.targetId}
                      data-audit-title
                      onClick={(ev) => {
                        ev.preventDefault();
                        onOpenSurvey(e.targetId!);
                      }}
                    >
                      {titles.surveys[e.targetId] !== undefined ? (
                        localText(titles.surveys[e.targetId]!, t.locale)
                      ) : (
                        <code>{e.targetId}</code>
                      )}
                    </a>
                  </>
                ) : (
                  e.targetId && (
                    <>
                      {" "}
                      · <code>{e.targetId}</code>
                    </>
                  )
                )}
              </p>
              {describeDetail(e, t, titles) && <p className="muted idea-text">{describeDetail(e, t, titles)}</p>}
            </li>
          ))}
        </ol>
      )}
      {page?.authorSide && page.authorSide.length > 0 && <AuthorSide events={page.authorSide} t={t} />}
      {page?.nextCursor && (
        <button type="button" className="button secondary" onClick={older}>
          {t("admin.audit.more")}
        </button>
      )}
    </section>
  );
}

function AuthorSide({ events, t }: { events: AuthorEvent[]; t: T }) {
  return (
    <section aria-labelledby="admin-audit-author" data-author-side>
      <h3 id="admin-audit-author">{t("admin.audit.author.title")}</h3>
      <p className="muted">{t("admin.audit.author.lead")}</p>
      <ol className="admin-audit">
        {events.map((e, i) => (
          <li key={i} data-author-event={e.kind === "verdict" ? e.verdict : "reply"}>
            <p>
              <time dateTime={e.on}>{e.on}</time> · <strong>{t("admin.audit.author.who")}</strong> ·{" "}
              {e.kind === "verdict"
                ? t(`admin.inbox.badge.${e.verdict === "resolved" ? "resolved" : "contested"}`)
                : t("admin.audit.author.reply")}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
