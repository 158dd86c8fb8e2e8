// One idea in the console and the pattern every action on it shares: busy
// while a request is out, the idea the server answers with replacing the
// screen, and the outcome said beside the button that caused it (Outcome.tsx).
// On 409 edit_conflict the current state replaces the screen while HR's
// unsent text stays in its fields (each panel keeps its own).
import { useEffect, useRef, useState } from "react";
import type { AdminIdea, TDuplicateIntent, TPublicationIntent, TRewardIntent, TStatusIntent } from "#lib/ideas/model.ts";
import { adminApi, describeError, type ApiResult, type T } from "./api.ts";
import type { Outcome } from "./Outcome.tsx";

/** The actions on an idea, each with its outcome line beside its button. */
export type Action = "answer" | "status" | "publish" | "reward" | "duplicate";

/** Each change is its own route (functions/api/admin/ideas/[id]/), sent with the version on screen. */
export type Change =
  | { route: "status"; body: Omit<TStatusIntent, "version"> }
  | { route: "duplicate"; body: Omit<TDuplicateIntent, "version"> }
  | { route: "publication"; body: Omit<TPublicationIntent, "version"> }
  | { route: "reward"; body: Omit<TRewardIntent, "version"> };

export interface IdeaActions {
  busy: boolean;
  outcome: Outcome<Action> | null;
  /** Says something beside an action's button without a request (a failed search). */
  say(outcome: Outcome<Action>): void;
  /** A change of the idea: its route and body without the version, what to say when done, what to do then. */
  change(at: Action, change: Change, done: string, after?: () => void): Promise<void>;
  /** HR's answer (not a change of state: it carries no version). */
  answer(body: { visibility: string; body: string }, done: string, after?: () => void): Promise<void>;
}

export function useIdea(id: string, t: T) {
  const [idea, setIdea] = useState<AdminIdea | null>(null);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome<Action> | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}`).then((res) => {
      if (res.ok) {
        setIdea(res.body.idea);
        heading.current?.focus();
      } else if (res.status === 404) setMissing(true);
      else setLoadError(describeError(t, res.error));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one load per idea (the view is keyed by id)
  }, [id]);

  async function send(at: Action, request: Promise<ApiResult<{ idea: AdminIdea }>>, done: string, after?: () => void) {
    setBusy(true);
    setOutcome(null);
    const res = await request;
    setBusy(false);
    if (res.ok) {
      setIdea(res.body.idea);
      setOutcome({ at, text: done });
      after?.();
      return;
    }
    if (res.error.code === "edit_conflict" && res.error.current) {
      setIdea(res.error.current as AdminIdea);
      setOutcome({ at, text: t("admin.idea.conflict"), error: true });
      return;
    }
    setOutcome({ at, text: describeError(t, res.error), error: true });
  }

  const actions: IdeaActions = {
    busy,
    outcome,
    say: setOutcome,
    async change(at, { route, body }, done, after) {
      if (!idea) return;
      const request = adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}/${route}`, {
        method: route === "status" ? "POST" : "PUT",
        json: { version: idea.version, ...body },
      });
      await send(at, request, done, after);
    },
    async answer(body, done, after) {
      await send("answer", adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}/messages`, { method: "POST", json: body }), done, after);
    },
  };
  return { idea, missing, loadError, heading, actions };
}
