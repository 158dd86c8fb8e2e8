// A new survey from a template in the console: HR picks a published survey,
// gives the new one its address and title in both languages; the server
// drafts it (its questions, audience, access, k and segments carried over)
// and HR edits the rest in the survey editor.
import { useState, type FormEvent } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import type { Draft } from "#lib/publishing/model.ts";
import type { SurveyTemplate } from "#lib/publishing/templates.ts";
import { localText } from "#lib/surveys/text.ts";
import { adminApi, describeError, type T } from "./api.ts";

interface Props {
  t: T;
  templates: SurveyTemplate[];
  onCreated: (d: Draft) => void;
}

const SJS_LANG = { en: "default", "zh-cn": "zh-cn" } as const;

export function SurveyFromTemplate({ t, templates, onCreated }: Props) {
  const [template, setTemplate] = useState(templates[0]?.id ?? "");
  const [id, setId] = useState("");
  const [title, setTitle] = useState<Record<Locale, string>>({ en: "", "zh-cn": "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    const res = await adminApi<{ draft: Draft }>("/api/admin/drafts", {
      method: "POST",
      json: { template, id: id.trim(), title: { default: title.en.trim(), "zh-cn": title["zh-cn"].trim() } },
    });
    setBusy(false);
    if (res.ok) onCreated(res.body.draft);
    else setError(describeError(t, res.error));
  }

  return (
    <form className="admin-template" data-new-survey onSubmit={(e) => void submit(e)}>
      <label>
        {t("admin.template.pick")}
        <select name="template" value={template} onChange={(e) => setTemplate(e.currentTarget.value)}>
          {templates.map((s) => (
            <option key={s.id} value={s.id}>
              {localText(s.title, t.locale)} ({s.id})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("admin.template.id")}
        <input name="id" required pattern="[a-z][a-z0-9\-]{1,62}" value={id} onChange={(e) => setId(e.currentTarget.value)} />
      </label>
      {LOCALES.map((l) => (
        <label key={l}>
          {t("admin.template.titleIn", { lang: t(`admin.policy.lang.${l}`) })}
          <input
            name={`title.${SJS_LANG[l]}`}
            lang={l}
            required
            value={title[l]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setTitle((old) => ({ ...old, [l]: v }));
            }}
          />
        </label>
      ))}
      <button type="submit" className="button" disabled={busy}>
        {t("admin.template.create")}
      </button>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
