// A new honour in the console: HR writes the recognition in both languages
// and sees as they type what the build would refuse (the build's own schema,
// src/lib/publishing/content-checks.ts). A named person's consent is not a
// field here: it is its own audited step on the draft, once they agreed.
import { useEffect, useMemo, useState, type ChangeEvent, type ReactNode, type SyntheticEvent } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import type { TRewardForm } from "#lib/policy/schema.ts";
import { honourDraftProblems } from "#lib/publishing/content-checks.ts";
import { problemKey } from "#lib/problems.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { Field, type FieldA11y } from "./Field.tsx";

interface Props {
  t: T;
  /** The policy version in force, whose reward forms an honour is awarded as. */
  policyVersion: string;
  onCreated: (file: string) => void;
}

type Localized = Record<Locale, string>;
const empty = (): Localized => ({ en: "", "zh-cn": "" });

/** The file's name after the recipient: "Guo Ying" → guo-ying (the day goes before it). */
export const honourSlug = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

export function HonourForm({ t, policyVersion, onCreated }: Props) {
  const [forms, setForms] = useState<TRewardForm[]>([]);
  const [date, setDate] = useState("");
  const [cycle, setCycle] = useState("");
  const [award, setAward] = useState("");
  const [kind, setKind] = useState<"person" | "team">("person");
  const [title, setTitle] = useState(empty);
  const [name, setName] = useState(empty);
  const [reason, setReason] = useState(empty);
  /** Fields HR has left (or all of them, once HR tried to create it): their problems show. */
  const [visited, setVisited] = useState<ReadonlySet<string> | "all">(new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void fetch(`/policy/canonical/${policyVersion}.json`)
      .then((r) => (r.ok ? (r.json() as Promise<{ rewardForms?: TRewardForm[] }>) : null))
      .then((v) => setForms(v?.rewardForms ?? []));
  }, [policyVersion]);

  const body = useMemo(
    () => ({ date, cycle, award, title, recipient: { kind, name }, reason }),
    [date, cycle, award, title, kind, name, reason],
  );
  const problems = useMemo(() => honourDraftProblems(body) ?? {}, [body]);
  const slug = honourSlug(name.en);
  const problemFor = (field: string) => {
    const p = visited === "all" || visited.has(field) ? problems[field] : undefined;
    return p && t(problemKey(p.code), p.vars);
  };
  const visit = (field: string) => setVisited((v) => (v === "all" || v.has(field) ? v : new Set(v).add(field)));

  async function create(event: SyntheticEvent) {
    event.preventDefault();
    setVisited("all");
    if (Object.keys(problems).length > 0 || !slug) return;
    setBusy(true);
    const res = await adminApi<{ draft: { path: string } }>("/api/admin/drafts", { method: "POST", json: { honour: slug, body } });
    setBusy(false);
    if (res.ok) {
      setError(null);
      onCreated(res.body.draft.path.split("/").at(-1)!);
    } else setError(describeError(t, res.error));
  }

  const field = (key: string, label: string, input: (a11y: FieldA11y) => ReactNode) => (
    <Field key={key} label={label} problem={problemFor(key)}>
      {input}
    </Field>
  );
  // a field's problems come keyed by its path in the file (recipient.name.en)
  const localized = (key: "title" | "name" | "reason", value: Localized, set: (v: Localized) => void, rows = 0) =>
    LOCALES.map((l) => {
      const path = `${key === "name" ? "recipient.name" : key}.${l}`;
      const props = {
        name: path,
        lang: l,
        value: value[l],
        onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set({ ...value, [l]: e.currentTarget.value }),
      };
      return field(path, t(`admin.honour.field.${key}`, { lang: t(`admin.policy.lang.${l}`) }), (a11y) =>
        rows ? <textarea rows={rows} {...props} {...a11y} /> : <input {...props} {...a11y} />,
      );
    });

  return (
    <form
      className="admin-honour-form"
      data-honour-form
      noValidate
      onSubmit={(e) => void create(e)}
      onBlur={(e) => {
        const name = e.target.getAttribute("name");
        if (name) visit(name);
      }}
    >
      {field("date", t("admin.honour.field.date"), (a11y) => (
        <input type="date" name="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} {...a11y} />
      ))}
      {field("cycle", t("admin.honour.field.cycle"), (a11y) => (
        <input name="cycle" value={cycle} placeholder="2026-Q4" onChange={(e) => setCycle(e.currentTarget.value)} {...a11y} />
      ))}
      {field("award", t("admin.honour.field.award"), (a11y) => (
        <select name="award" value={award} onChange={(e) => setAward(e.currentTarget.value)} {...a11y}>
          <option value="">—</option>
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name[t.locale]}
            </option>
          ))}
        </select>
      ))}
      {localized("title", title, setTitle)}
      <fieldset>
        <legend>{t("admin.honour.field.recipient")}</legend>
        {(["person", "team"] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="recipient" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`admin.honour.recipient.${k}`)}
          </label>
        ))}
      </fieldset>
      {localized("name", name, setName)}
      {localized("reason", reason, setReason, 3)}
      {kind === "person" && <p className="muted">{t("admin.honour.consentLater")}</p>}
      <p className="muted">{t("admin.honour.file", { file: slug && date ? `${date}-${slug}.json` : "—" })}</p>
      <button type="submit" className="button" disabled={busy}>
        {t("admin.honour.create")}
      </button>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
    </form>
  );
}
