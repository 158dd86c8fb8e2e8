// The HR console's shell: sign-in, the console's own navigation, the panel on
// what HR can never see, and one view (ideas, surveys, publishing, audit log). Each
// console page mounts this island with its view; the sign-in is shared
// through sessionStorage, so moving between pages keeps it.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { translator } from "#i18n/translate.ts";
import { adminApi, describeError, tokenStore, type AdminStrings, type T } from "./api.ts";
import { AuditLog } from "./AuditLog.tsx";
import { Inbox } from "./Inbox.tsx";
import { Publications } from "./Publications.tsx";
import type { SeriesLatest } from "#lib/publishing/series.ts";
import type { SurveyTemplate } from "#lib/publishing/templates.ts";
import type { CalculatorStrings } from "../policy/TierCalculator.tsx";
import type { DiffLabels } from "./PolicyDraft.tsx";
import type { ResultsContext } from "./ResultsDraft.tsx";
import type { ForumContext } from "./ForumForm.tsx";
import { IdeaView } from "./IdeaView.tsx";
import type { SlipStrings } from "./Slips.tsx";
import { SurveyList, SurveyView } from "./Surveys.tsx";
import "../ideas/ideas.css";
import "./admin.css";

export type AdminView = "ideas" | "surveys" | "publish" | "audit";
const VIEWS: readonly AdminView[] = ["ideas", "surveys", "publish", "audit"];

interface Props {
  strings: AdminStrings;
  view: AdminView;
  /** Links between console pages, already localised: { ideas: "/admin/", surveys: "/admin/surveys/", publish: "/admin/publish/", audit: "/admin/audit/" }. */
  links: Record<AdminView, string>;
  /** A survey's public page, localised, with "{id}" for the survey. */
  surveyHref: string;
  /** k as configured, for the panel on what HR never sees. */
  k: number;
  /** The printed slips' words, in every language. */
  slipStrings: SlipStrings;
  /** The survey series whose next run HR can start (the publishing view). */
  series: SeriesLatest[];
  /** The published surveys a new survey can start from (the publishing view). */
  templates?: SurveyTemplate[];
  /** The policy version in force, and the tier calculator's words (the publishing view). */
  policy?: { current: string; calcStrings: CalculatorStrings; labels: DiffLabels } | null;
  /** What the results form checks a cycle against (the publishing view). */
  results?: ResultsContext | null;
  /** What the forum form checks a forum against (the publishing view). */
  forums?: ForumContext | null;
}

type Session =
  | { state: "checking" }
  | { state: "signed-out"; error?: string }
  | { state: "disabled" }
  | { state: "in"; actor: string; viaToken: boolean };

/**
 * The item open in a view, from the address's fragment (#idea/<id>,
 * #survey/<id>): back and forward work, and nothing reaches the server.
 */
function useOpenFromHash(kind: string, pattern: RegExp): [string | null, (id: string | null) => void] {
  const read = useCallback(() => {
    const m = new RegExp(`^#${kind}/(${pattern.source})$`, "i").exec(window.location.hash);
    return m ? m[1]!.toLowerCase() : null;
  }, [kind, pattern]);
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    setId(read());
    const onHash = () => setId(read());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [read]);
  const open = useCallback(
    (next: string | null) => {
      if (next) window.location.hash = `${kind}/${next}`;
      else history.pushState(null, "", window.location.pathname + window.location.search);
      setId(next);
    },
    [kind],
  );
  return [id, open];
}

const IDEA_ID = /[0-9a-f-]{36}/;
const SURVEY_ID = /[a-z][a-z0-9-]{1,62}/;

export default function AdminApp({
  strings,
  view,
  links,
  surveyHref,
  k,
  slipStrings,
  series,
  templates = [],
  policy = null,
  results = null,
  forums = null,
}: Props) {
  const t: T = translator(strings);
  const [session, setSession] = useState<Session>({ state: "checking" });
  const [token, setToken] = useState("");
  const [ideaId, openIdea] = useOpenFromHash("idea", IDEA_ID);
  const [surveyId, openSurvey] = useOpenFromHash("survey", SURVEY_ID);

  const check = useCallback(async () => {
    // answered {signedIn: false}, not refused, when nobody (or a refused token) is signed in: no error in the browser's console
    const res = await adminApi<{ signedIn: true; actor: string } | { signedIn: false }>("/api/admin/me");
    if (res.ok && res.body.signedIn) setSession({ state: "in", actor: res.body.actor, viaToken: tokenStore.get() !== null });
    else if (res.ok || res.status === 401) {
      const hadToken = tokenStore.get() !== null;
      tokenStore.clear();
      setSession({ state: "signed-out", error: hadToken ? t("admin.signIn.wrong") : undefined });
    } else if (res.status === 403 && res.error.code === "admin_disabled") setSession({ state: "disabled" });
    else setSession({ state: "signed-out", error: describeError(t, res.error) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is rebuilt each render from the same strings
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  async function signIn(event: { preventDefault(): void }) {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    tokenStore.set(value);
    setToken("");
    setSession({ state: "checking" });
    await check();
  }

  function signOut() {
    tokenStore.clear();
    setSession({ state: "signed-out" });
  }

  let body: ReactNode;
  if (session.state === "disabled") {
    body = (
      <p className="admin-error" role="alert">
        {t("admin.signIn.disabled")}
      </p>
    );
  } else if (session.state === "checking" || session.state === "signed-out") {
    // Rendered into the page at build time in the "checking" state: the first paint already says what the
    // console needs, with the token form in place (disabled until the check answers), so nothing moves.
    const checking = session.state === "checking";
    body = (
      <section className="card admin-signin" aria-labelledby="admin-signin-title">
        <h2 id="admin-signin-title">{t("admin.signIn.title")}</h2>
        <p>{t("admin.signIn.lead")}</p>
        <form onSubmit={signIn}>
          <label htmlFor="admin-token">{t("admin.signIn.token")}</label>
          <input
            id="admin-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            disabled={checking}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={session.state === "signed-out" && session.error ? "admin-signin-error" : undefined}
            aria-invalid={session.state === "signed-out" && session.error ? true : undefined}
          />
          <button type="submit" className="button" disabled={checking}>
            {t("admin.signIn.submit")}
          </button>
        </form>
        {/* once answered, hidden but kept: its line (taller in Chinese) stays, so the card does not move */}
        <p className="muted admin-checking" role="status" data-answered={checking ? undefined : ""}>
          {t("admin.loading")}
        </p>
        {session.state === "signed-out" && session.error && (
          <p id="admin-signin-error" className="admin-error" role="alert">
            {session.error}
          </p>
        )}
      </section>
    );
  } else if (view === "publish") {
    body = (
      <Publications t={t} actor={session.actor} series={series} templates={templates} policy={policy} results={results} forums={forums} />
    );
  } else if (view === "audit") {
    body = (
      <AuditLog
        t={t}
        onOpenIdea={(id) => (window.location.href = `${links.ideas}#idea/${id}`)}
        onOpenSurvey={(id) => (window.location.href = `${links.surveys}#survey/${id}`)}
      />
    );
  } else if (view === "surveys") {
    body = surveyId ? (
      <SurveyView key={surveyId} id={surveyId} t={t} onBack={() => openSurvey(null)} surveyHref={surveyHref} slipStrings={slipStrings} />
    ) : (
      <SurveyList t={t} onOpen={openSurvey} />
    );
  } else if (ideaId) {
    body = <IdeaView key={ideaId} id={ideaId} t={t} onBack={() => openIdea(null)} />;
  } else {
    body = <Inbox t={t} onOpen={openIdea} />;
  }

  return (
    <div className="admin" data-admin-session={session.state}>
      <div className="admin-bar">
        <nav aria-label={t("admin.nav.label")}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <a href={links[v]} aria-current={v === view ? "page" : undefined}>
                  {t(`admin.nav.${v}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {session.state === "in" && (
          <p className="admin-who">
            <span data-actor>{t("admin.signedInAs", { actor: session.actor })}</span>{" "}
            {session.viaToken ? (
              <button type="button" className="button secondary" onClick={signOut}>
                {t("admin.signOut")}
              </button>
            ) : (
              // signed in by Cloudflare Access: its own logout ends the session
              <a className="button secondary" href="/cdn-cgi/access/logout">
                {t("admin.signOut")}
              </a>
            )}
          </p>
        )}
      </div>
      <details className="admin-never">
        <summary>{t("admin.never.title")}</summary>
        <p>{t("admin.never.body")}</p>
        <p>{t("admin.never.surveys", { k })}</p>
      </details>
      {body}
    </div>
  );
}
