// The HR console's shell: sign-in, the console's own navigation, the panel on
// what HR can never see, and one view (ideas, audit log; survey tools add
// theirs). Each console page mounts this island with its view; the sign-in is
// shared through sessionStorage, so moving between pages keeps it.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { translator } from "../../i18n/translate.ts";
import { adminApi, describeError, tokenStore, type AdminStrings, type T } from "./api.ts";
import { AuditLog } from "./AuditLog.tsx";
import { Inbox } from "./Inbox.tsx";
import { IdeaView } from "./IdeaView.tsx";
import "../ideas/ideas.css";
import "./admin.css";

export type AdminView = "ideas" | "audit";

interface Props {
  strings: AdminStrings;
  view: AdminView;
  /** Links between console pages, already localised: { ideas: "/admin/", audit: "/admin/audit/" }. */
  links: Record<AdminView, string>;
}

type Session =
  | { state: "checking" }
  | { state: "signed-out"; error?: string }
  | { state: "disabled" }
  | { state: "in"; actor: string; viaToken: boolean };

/** The idea open in the ideas view, from the address's fragment (#idea/<id>): back and forward work, nothing reaches the server. */
function useIdeaFromHash(): [string | null, (id: string | null) => void] {
  const read = () => {
    const m = /^#idea\/([0-9a-f-]{36})$/i.exec(window.location.hash);
    return m ? m[1]!.toLowerCase() : null;
  };
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    setId(read());
    const onHash = () => setId(read());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const open = useCallback((next: string | null) => {
    if (next) window.location.hash = `idea/${next}`;
    else history.pushState(null, "", window.location.pathname + window.location.search);
    setId(next);
  }, []);
  return [id, open];
}

export default function AdminApp({ strings, view, links }: Props) {
  const t: T = translator(strings);
  const [session, setSession] = useState<Session>({ state: "checking" });
  const [token, setToken] = useState("");
  const [ideaId, openIdea] = useIdeaFromHash();

  const check = useCallback(async () => {
    const res = await adminApi<{ actor: string }>("/api/admin/me");
    if (res.ok) setSession({ state: "in", actor: res.body.actor, viaToken: tokenStore.get() !== null });
    else if (res.status === 403 && res.error.code === "admin_disabled") setSession({ state: "disabled" });
    else if (res.status === 401) {
      const hadToken = tokenStore.get() !== null;
      tokenStore.clear();
      setSession({ state: "signed-out", error: hadToken ? t("admin.signIn.wrong") : undefined });
    } else setSession({ state: "signed-out", error: describeError(t, res.error) });
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
  if (session.state === "checking") {
    body = (
      <p className="muted" role="status">
        {t("admin.loading")}
      </p>
    );
  } else if (session.state === "disabled") {
    body = (
      <p className="admin-error" role="alert">
        {t("admin.signIn.disabled")}
      </p>
    );
  } else if (session.state === "signed-out") {
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
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={session.error ? "admin-signin-error" : undefined}
            aria-invalid={session.error ? true : undefined}
          />
          <button type="submit" className="button">
            {t("admin.signIn.submit")}
          </button>
        </form>
        {session.error && (
          <p id="admin-signin-error" className="admin-error" role="alert">
            {session.error}
          </p>
        )}
      </section>
    );
  } else if (view === "audit") {
    body = <AuditLog t={t} onOpenIdea={(id) => (window.location.href = `${links.ideas}#idea/${id}`)} />;
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
            {(["ideas", "audit"] as const).map((v) => (
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
      </details>
      {body}
    </div>
  );
}
