// The field makers the policy draft's parts share (PolicyStructure,
// PolicyProgramme): a text in both languages, a number, an item's short id,
// a list's own problem, and stable keys for lists HR adds to and removes from.
import { useRef } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { Field, NumberInput } from "./Field.tsx";
import type { T } from "./api.ts";

export type Localized = Record<Locale, string>;

export const empty = (): Localized => ({ en: "", "zh-cn": "" });

/** Stable React keys for a list whose items HR adds and removes (an item's id is HR's to change as they type). */
export function useKeys(length: number) {
  const next = useRef(0);
  const keys = useRef<number[]>([]);
  while (keys.current.length < length) keys.current.push(next.current++);
  return {
    keys: keys.current,
    removed: (i: number) => keys.current.splice(i, 1),
    inserted: (i: number) => keys.current.splice(i, 0, next.current++),
  };
}

/** The fields drawn with the problem the build finds at their path (criteria.2.weight), in HR's words. */
export function policyFields(t: T, problemAt: (path: string) => string | undefined) {
  const lang = (l: Locale) => t(`admin.policy.lang.${l}`);
  const localized = (path: string, key: string, value: Localized, set: (l: Locale, v: string) => void, rows = 0) =>
    LOCALES.map((l) => (
      <Field key={l} label={t(`admin.policy.field.${key}` as Parameters<T>[0], { lang: lang(l) })} problem={problemAt(`${path}.${l}`)}>
        {(a11y) =>
          rows ? (
            <textarea
              name={`${path}.${l}`}
              lang={l}
              rows={rows}
              value={value[l]}
              onChange={(e) => set(l, e.currentTarget.value)}
              {...a11y}
            />
          ) : (
            <input name={`${path}.${l}`} lang={l} value={value[l]} onChange={(e) => set(l, e.currentTarget.value)} {...a11y} />
          )
        }
      </Field>
    ));
  const number = (path: string, labelText: string, value: number | undefined, set: (n: number, text: string) => void) => (
    <Field label={labelText} problem={problemAt(path)}>
      {(a11y) => <NumberInput name={path} value={value} onChange={set} {...a11y} />}
    </Field>
  );
  const idField = (path: string, value: string, set: (v: string) => void) => (
    <Field label={t("admin.policy.field.id")} hint={t("admin.policy.idHint")} problem={problemAt(path)}>
      {(a11y) => <input name={path} value={value} onChange={(e) => set(e.currentTarget.value.trim())} {...a11y} />}
    </Field>
  );
  const listProblem = (path: string) =>
    problemAt(path) && (
      <p className="field-error" role="alert">
        {problemAt(path)}
      </p>
    );
  /** An item's name in HR's language, else its id, else what a new one is called. */
  const label = (item: { id: string; name: Localized }, fallback: string) => item.name[t.locale] || item.id || fallback;
  return { localized, number, idField, listProblem, label };
}
