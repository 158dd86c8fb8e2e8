// The survey form's stages, shared by the form and its hooks: one at a time,
// and what each shows is in SurveyForm's renderStage.
import type { KeysOf } from "#i18n/index.ts";
import type { Translator } from "#i18n/translate.ts";
import type { WaitReason } from "./send.ts";

export type Key = KeysOf<"survey.">;
export type T = Translator<Key>;

export type Stage =
  | { name: "loading" }
  | { name: "upcoming" }
  | { name: "closed" }
  | { name: "code"; error?: Key; checking?: boolean; seconds?: number }
  | { name: "survey"; notice?: Key }
  | { name: "sending"; wait?: { reason: WaitReason; seconds: number; attempt: number } }
  | { name: "done" }
  | { name: "answered" }
  | { name: "wrongKey" }
  | { name: "failed"; message: string };

export type SetStage = (stage: Stage) => void;
