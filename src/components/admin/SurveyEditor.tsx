// A survey draft's questions and texts in the console, with the form as
// employees will see it beside them (survey-core and survey-react-ui, built
// and themed by the employee form's own model builder, in the language HR
// picks) and what the build would refuse, in HR's words, as HR types: the
// build's own check (src/lib/surveys/check.ts), which the server runs again
// on save. Only what the schema allows: texts in both languages, choices,
// required, order, and questions of the types Candor can count. Fetched only
// when HR opens a survey draft (survey-core is most of its weight).
import { useEffect, useMemo, useState } from "react";
import type { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { surveys as surveyStrings } from "#i18n/strings/surveys.ts";
import type { Draft } from "#lib/publishing/model.ts";
import { surveyProblems, type SurveyProblem } from "#lib/surveys/check.ts";
import { SUPPORTED_TYPES, type QuestionType } from "#lib/surveys/questions.ts";
import type { TSurveyFile } from "#lib/surveys/schema.ts";
import { loadSurveyStyles, type SurveyJsStrings } from "../surveyjs/setup.ts";
import { surveyModel } from "../surveys/survey-model.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";

interface Props {
  t: T;
  draft: Draft;
  onSaved: () => void;
}

type Text = { default: string; "zh-cn": string };
interface Element {
  type: string;
  name: string;
  title?: Text;
  isRequired?: boolean;
  choices?: ({ value: string | number; text?: Text } | string | number)[];
  [key: string]: unknown;
}

const SJS_LANG = { en: "default", "zh-cn": "zh-cn" } as const satisfies Record<Locale, keyof Text>;
const CHOICE_TYPES: readonly string[] = ["radiogroup", "dropdown", "checkbox", "ranking"];
const emptyText = (): Text => ({ default: "", "zh-cn": "" });

/** SurveyJS's built-in texts in the site's words, in `locale` (as the survey page hands them to the form). */
function sjsStrings(locale: Locale): SurveyJsStrings {
  const table = surveyStrings[locale] as Record<string, string>;
  return { locale, text: Object.fromEntries(Object.entries(table).filter(([k]) => k.startsWith("sjs."))) } as SurveyJsStrings;
}

function newQuestion(type: QuestionType, name: string): Element {
  const q: Element = { type, name, title: emptyText() };
  if (CHOICE_TYPES.includes(type))
    q.choices = [
      { value: "option1", text: emptyText() },
      { value: "option2", text: emptyText() },
    ];
  if (type === "rating") Object.assign(q, { rateMin: 1, rateMax: 5 });
  return q;
}

/** Each question's place: its page and its index there (the editor reorders within a page, as the form's pages stay). */
const places = (body: TSurveyFile) =>
  body.definition.pages.flatMap((page, p) =>
    (page.elements as Element[]).map((q, i) => ({ q, p, i, last: i === page.elements.length - 1 })),
  );

export function SurveyEditor({ t, draft, onSaved }: Props) {
  const [body, setBody] = useState<TSurveyFile>(() => structuredClone(draft.body) as unknown as TSurveyFile);
  const [previewLang, setPreviewLang] = useState<Locale>(t.locale);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  // the draft's version after this editor's last save: the list reloads around the editor, which stays open
  const [version, setVersion] = useState(draft.version);
  const [addType, setAddType] = useState<QuestionType>("radiogroup");
  const [addName, setAddName] = useState("");

  const problems = useMemo(() => surveyProblems(body), [body]);
  const questions = places(body);

  const edit = (change: (b: TSurveyFile) => void) => {
    const next = structuredClone(body);
    change(next);
    setBody(next);
    setOutcome(null);
  };
  const elementsOf = (b: TSurveyFile, p: number) => b.definition.pages[p]!.elements as Element[];

  // the preview follows HR's typing, a moment behind so a long text is not rebuilt per keystroke
  const [shown, setShown] = useState(() => ({ definition: body.definition, lang: previewLang }));
  useEffect(() => {
    const timer = setTimeout(() => setShown({ definition: body.definition, lang: previewLang }), 150);
    return () => clearTimeout(timer);
  }, [body.definition, previewLang]);
  const [styled, setStyled] = useState(false);
  useEffect(() => {
    void loadSurveyStyles().then(() => setStyled(true));
  }, []);
  const model = useMemo<Model | null>(() => {
    try {
      const m = surveyModel(structuredClone(shown.definition), shown.lang, sjsStrings(shown.lang));
      m.onCompleting.add((_, options) => (options.allow = false)); // a preview sends nothing
      return m;
    } catch {
      return null;
    }
  }, [shown]);

  async function save() {
    setBusy(true);
    const res = await adminApi<{ draft: Draft }>(`/api/admin/drafts/${draft.id}`, {
      method: "PATCH",
      json: { version, body },
    });
    setBusy(false);
    if (res.ok) {
      setVersion(res.body.draft.version);
      setOutcome({ at: "save", text: t("admin.editor.saved") });
      onSaved();
    } else setOutcome({ at: "save", text: describeError(t, res.error), error: true });
  }

  const say = (p: SurveyProblem) => {
    const params: Record<string, string | number> = { field: p.path, ...p.params };
    if (typeof p.params.lang === "string") params.lang = t(`admin.policy.lang.${p.params.lang as Locale}`);
    return t(`admin.check.${p.code}` as Parameters<T>[0], params);
  };

  const textInput = (label: string, value: string, lang: Locale, name: string, set: (v: string) => void, long = false) => (
    <label key={name}>
      {label}
      {long ? (
        <textarea name={name} lang={lang} rows={2} value={value} onChange={(e) => set(e.currentTarget.value)} />
      ) : (
        <input name={name} lang={lang} value={value} onChange={(e) => set(e.currentTarget.value)} />
      )}
    </label>
  );
  const langName = (l: Locale) => t(`admin.policy.lang.${l}`);

  return (
    <div className="admin-survey-editor" data-survey-editor>
      <div className="admin-survey-editor-form">
        <fieldset>
          <legend>{t("admin.editor.texts")}</legend>
          {LOCALES.map((l) => (
            <div key={l}>
              {textInput(t("admin.template.titleIn", { lang: langName(l) }), body.title[SJS_LANG[l]], l, `title.${SJS_LANG[l]}`, (v) =>
                edit((b) => (b.title[SJS_LANG[l]] = v)),
              )}
              {textInput(
                t("admin.editor.description", { lang: langName(l) }),
                body.description[SJS_LANG[l]],
                l,
                `description.${SJS_LANG[l]}`,
                (v) => edit((b) => (b.description[SJS_LANG[l]] = v)),
                true,
              )}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("admin.editor.dates")}</legend>
          {(["opens", "closes"] as const).map((k) => (
            <label key={k}>
              {t(`admin.editor.${k}`)}
              <input type="date" name={k} value={body[k]} onChange={(e) => edit((b) => (b[k] = e.currentTarget.value))} />
            </label>
          ))}
          <label>
            {t("admin.editor.audience")}
            <input
              name="audience"
              inputMode="numeric"
              value={String(body.audience)}
              onChange={(e) => {
                const v = e.currentTarget.value.trim();
                edit((b) => (b.audience = v === "" ? Number.NaN : Number(v)));
              }}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t("admin.editor.questions")}</legend>
          <p className="muted">{t("admin.editor.version", { version: body.version })}</p>
          <ol className="admin-survey-questions">
            {questions.map(({ q, p, i, last }, n) => (
              <li key={`${p}-${q.name}`} data-question={q.name}>
                <p>
                  <strong>{t("admin.editor.question", { n: n + 1, name: q.name, type: questionType(t, q.type) })}</strong>
                </p>
                {LOCALES.map((l) =>
                  textInput(
                    t("admin.editor.questionTitle", { lang: langName(l) }),
                    q.title?.[SJS_LANG[l]] ?? "",
                    l,
                    `${q.name}.title.${SJS_LANG[l]}`,
                    (v) =>
                      edit((b) => {
                        const el = elementsOf(b, p)[i]!;
                        el.title = { ...(el.title ?? emptyText()), [SJS_LANG[l]]: v };
                      }),
                  ),
                )}
                {Array.isArray(q.choices) && (
                  <ul className="admin-survey-choices">
                    {q.choices.map((c, ci) => (
                      <li key={ci}>
                        {LOCALES.map((l) => {
                          const text = typeof c === "object" ? c.text : undefined;
                          return textInput(
                            t("admin.editor.choice", { n: ci + 1, lang: langName(l) }),
                            text?.[SJS_LANG[l]] ?? "",
                            l,
                            `${q.name}.choices.${ci}.${SJS_LANG[l]}`,
                            (v) =>
                              edit((b) => {
                                const list = elementsOf(b, p)[i]!.choices!;
                                const old = list[ci]!;
                                const value = typeof old === "object" ? old.value : old;
                                const oldText =
                                  typeof old === "object" && old.text ? old.text : { default: String(value), "zh-cn": String(value) };
                                list[ci] = { ...(typeof old === "object" ? old : {}), value, text: { ...oldText, [SJS_LANG[l]]: v } };
                              }),
                          );
                        })}
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => edit((b) => elementsOf(b, p)[i]!.choices!.splice(ci, 1))}
                        >
                          {t("admin.editor.removeChoice", { n: ci + 1 })}
                        </button>
                      </li>
                    ))}
                    <li>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() =>
                          edit((b) => {
                            const list = elementsOf(b, p)[i]!.choices!;
                            const taken = new Set(list.map((c) => String(typeof c === "object" ? c.value : c)));
                            let k = list.length + 1;
                            while (taken.has(`option${k}`)) k++;
                            list.push({ value: `option${k}`, text: emptyText() });
                          })
                        }
                      >
                        {t("admin.editor.addChoice")}
                      </button>
                    </li>
                  </ul>
                )}
                <label className="admin-check">
                  <input
                    type="checkbox"
                    name={`${q.name}.isRequired`}
                    checked={q.isRequired === true}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      edit((b) => {
                        const el = elementsOf(b, p)[i]!;
                        if (on) el.isRequired = true;
                        else delete el.isRequired;
                      });
                    }}
                  />
                  {t("admin.editor.required")}
                </label>
                <p className="admin-survey-question-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={i === 0}
                    onClick={() => edit((b) => move(elementsOf(b, p), i, -1))}
                  >
                    {t("admin.editor.up", { n: n + 1 })}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={last}
                    onClick={() => edit((b) => move(elementsOf(b, p), i, 1))}
                  >
                    {t("admin.editor.down", { n: n + 1 })}
                  </button>
                  <button type="button" className="button button-small" onClick={() => edit((b) => elementsOf(b, p).splice(i, 1))}>
                    {t("admin.editor.remove", { n: n + 1 })}
                  </button>
                </p>
              </li>
            ))}
          </ol>
          <div className="admin-survey-add" data-add-question>
            <label>
              {t("admin.editor.addType")}
              <select name="addType" value={addType} onChange={(e) => setAddType(e.currentTarget.value as QuestionType)}>
                {SUPPORTED_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {questionType(t, type)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("admin.editor.addName")}
              <input name="addName" value={addName} onChange={(e) => setAddName(e.currentTarget.value)} />
            </label>
            <button
              type="button"
              className="button"
              disabled={addName.trim() === ""}
              onClick={() => {
                edit((b) => {
                  const pages = b.definition.pages;
                  (pages[pages.length - 1]!.elements as Element[]).push(newQuestion(addType, addName.trim()));
                });
                setAddName("");
              }}
            >
              {t("admin.editor.add")}
            </button>
          </div>
        </fieldset>
        {problems.length > 0 ? (
          <div role="alert" data-problems>
            <p>{t("admin.editor.problems")}</p>
            <ul>
              {problems.map((p, k) => (
                <li key={k} data-code={p.code} data-path={p.path}>
                  {say(p)}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="muted" data-problems-none>
            {t("admin.editor.ok")}
          </p>
        )}
        <button type="button" className="button" data-save-survey disabled={problems.length > 0 || busy} onClick={() => void save()}>
          {t("admin.editor.save")}
        </button>
        <OutcomeLine at="save" outcome={outcome} />
      </div>
      <section className="admin-survey-preview" aria-label={t("admin.editor.preview")} data-survey-preview={shown.lang}>
        <h4>{t("admin.editor.preview")}</h4>
        <div role="group" aria-label={t("admin.editor.previewLang")}>
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              className="button button-small"
              aria-pressed={previewLang === l}
              data-preview-lang={l}
              onClick={() => setPreviewLang(l)}
            >
              {langName(l)}
            </button>
          ))}
        </div>
        <div lang={shown.lang}>{styled && model && <Survey model={model} />}</div>
      </section>
    </div>
  );
}

function move<X>(list: X[], i: number, by: -1 | 1) {
  const [item] = list.splice(i, 1);
  list.splice(i + by, 0, item!);
}

const questionType = (t: T, type: string) =>
  (SUPPORTED_TYPES as readonly string[]).includes(type) ? t(`admin.editor.type.${type as QuestionType}`) : type;
