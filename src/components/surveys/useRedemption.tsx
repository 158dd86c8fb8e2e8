// Redeeming an invitation code before the questions (./redeem.ts): the code
// typed, the check, and what a refusal says. A send that was waiting for a
// new code goes on once it is redeemed.
import { useRef, useState, type FormEvent } from "react";
import type { Key, SetStage, Stage } from "./form-stage.ts";
import { redeem } from "./redeem.ts";
import type { Drafts } from "./useDraft.tsx";

interface Redemption {
  surveyId: string;
  key: string;
  /** The survey's published key, built into the page: the server's answer is checked against it alone. */
  invitationKey: string | undefined;
  drafts: Drafts;
  stage: Stage;
  setStage: SetStage;
  deliver(): Promise<void>;
}

export function useRedemption({ surveyId, key, invitationKey, drafts, stage, setStage, deliver }: Redemption) {
  const [code, setCode] = useState("");
  const codeRef = useRef<HTMLInputElement>(null);

  // The code is redeemed now, before the questions, for a token kept for
  // this session: the answers go later with the token, never with the code.
  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = code.trim();
    if (!value) return setStage({ name: "code", error: "survey.code.required" });
    if (stage.name === "code" && stage.checking) return;
    await redeemCode(value);
  }

  async function redeemCode(value: string) {
    setStage({ name: "code", checking: true });
    if (!invitationKey) return setStage({ name: "code", error: "survey.code.unavailable" });
    const result = await redeem(surveyId, key, value, invitationKey, drafts.placeRef.current);
    if (result.ok) {
      setCode("");
      const draft = drafts.draftRef.current;
      // answers kept while the code was asked for again: send them now
      if (draft?.pending) return void deliver();
      return setStage({ name: "survey" });
    }
    // Another key than the published one: no token, and no way on from this page.
    if (result.failure === "wrong_key") return setStage({ name: "wrongKey" });
    const errors: Record<Exclude<typeof result.failure, "wrong_key">, Key> = {
      invalid: "survey.code.invalid",
      used: "survey.code.used",
      closed: "survey.closedNow",
      unavailable: "survey.code.unavailable",
      rate_limited: "survey.code.rateLimited",
      network: "survey.code.network",
    };
    setCode((typed) => typed || value);
    setStage({ name: "code", error: errors[result.failure], seconds: result.retryAfter });
  }

  return { code, setCode, codeRef, submitCode, redeemCode };
}
