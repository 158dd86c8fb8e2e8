// A staff forum in the console: announced (when, where, what, who may come),
// or, once held, recorded (minutes, survey findings, decisions, action items
// and what they concern). Setting an action to done or dropped with what came
// of it is how a "you said, we did" entry is published: that page is made
// from the forums and the policy. As HR types, the build's own forum rules
// (src/lib/publishing/forum-draft.ts, on the fields, without the file's YAML)
// say what it would refuse, in HR's language, beside the field; the server
// runs them on the file the draft would commit before storing it.
import { useMemo, useState, type ReactNode, type SyntheticEvent } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import type { Draft } from "#lib/publishing/model.ts";
import type { ForumBody } from "#lib/programme/forum-file.ts";
import { ACTION_STATUSES } from "#lib/programme/forum-rules.ts";
import { forumFieldProblems, forumPath } from "#lib/publishing/forum-draft.ts";
import { problemKey } from "#lib/problems.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { Field, type FieldA11y } from "./Field.tsx";
import { honourSlug } from "./HonourForm.tsx";

/** What a forum may refer to, as the site was built: the console's copy of the build's references. */
export interface ForumContext {
  /** The forums the site has, newest first: HR drafts from one to record it or update its actions. */
  forums: { id: string; topic: Localized }[];
  surveys: string[];
  /** Published policy versions. */
  policy: string[];
  today: string;
}

interface Props {
  t: T;
  context: ForumContext;
  /** The draft to edit; none: a new forum is announced. */
  draft?: Draft;
  onSaved: (draft: Draft) => void;
}

type Localized = Record<Locale, string>;
const empty = (): Localized => ({ en: "", "zh-cn": "" });
interface Action {
  id: string;
  text: Localized;
  owner: Localized;
  due: string;
  status: (typeof ACTION_STATUSES)[number];
  outcome?: Localized;
}
interface Decision {
  text: Localized;
  policy?: string;
  actions: string[];
}
interface Finding {
  survey: string;
  text: Localized;
}
interface Concerns {
  ideas: string[];
  surveys: string[];
  policy: string[];
}
interface Body {
  starts: string;
  ends: string;
  timeZone: string;
  place: Localized;
  link?: string;
  topic: Localized;
  audience: Localized;
  findings?: Finding[];
  decisions?: Decision[];
  actions?: Action[];
  concerns?: Partial<Concerns>;
  minutes?: Partial<Localized>;
}

const announced = (): Body => ({
  starts: "",
  ends: "",
  timeZone: "Asia/Shanghai",
  place: empty(),
  link: "",
  topic: empty(),
  audience: empty(),
});

/** The body as the file will hold it: no empty link, list or minutes (the build reads them as absent). */
function cleaned(body: Body): ForumBody {
  const out: Record<string, unknown> = { ...body };
  if (!body.link) delete out.link;
  for (const k of ["findings", "decisions", "actions"] as const) if (!body[k]?.length) delete out[k];
  const actions = body.actions?.map((a) => (a.outcome && !a.outcome.en && !a.outcome["zh-cn"] ? { ...a, outcome: undefined } : a));
  if (actions?.length) out.actions = actions.map((a) => JSON.parse(JSON.stringify(a)) as Action);
  if (body.decisions?.length) out.decisions = body.decisions.map((d) => (d.policy ? d : { text: d.text, actions: d.actions }));
  const concerns = Object.fromEntries(Object.entries(body.concerns ?? {}).filter(([, v]) => v && v.length > 0));
  if (Object.keys(concerns).length > 0) out.concerns = concerns;
  else delete out.concerns;
  const minutes = Object.fromEntries(Object.entries(body.minutes ?? {}).filter(([, v]) => v && v.trim() !== ""));
  if (Object.keys(minutes).length > 0) out.minutes = minutes;
  else delete out.minutes;
  return out as ForumBody;
}

const list = (raw: string) =>
  raw
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ForumForm({ t, context, draft, onSaved }: Props) {
  const [body, setBody] = useState<Body>(() => (draft ? (structuredClone(draft.body) as unknown as Body) : announced()));
  const [visited, setVisited] = useState<ReadonlySet<string> | "all">(new Set<string>());
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const slug = honourSlug(body.topic.en);
  const forumId = draft ? draft.path.split("/").at(-1)!.replace(/\.md$/, "") : `${body.starts.slice(0, 10)}-${slug}`;
  const file = cleaned(body);
  const refs = useMemo(() => ({ surveys: new Set(context.surveys), policy: new Set(context.policy), today: context.today }), [context]);
  const problems = useMemo(() => forumFieldProblems(file, forumPath(forumId), refs) ?? {}, [file, forumId, refs]);
  const held = body.starts !== "" && body.starts.slice(0, 10) < context.today;

  /**
   * The problem with `field` in HR's words, once HR has left `visitedAs` (the
   * input that holds it): the check's, else what the server said (in English,
   * the API's words) about a draft the check passed.
   */
  const problemFor = (field: string, visitedAs = field) => {
    const p = visited === "all" || visited.has(visitedAs) ? problems[field] : undefined;
    return p ? t(problemKey(p.code), p.vars) : serverFields[field];
  };
  /** The first problem among the items of a list written in one input (decisions[0].actions[1] in decisions[0].actions). */
  const itemProblem = (key: string, count: number) =>
    problemFor(key) ?? Array.from({ length: count }, (_, j) => problemFor(`${key}[${j}]`, key)).find(Boolean);
  const visit = (field: string) => setVisited((v) => (v === "all" || v.has(field) ? v : new Set(v).add(field)));
  const edit = (change: (b: Body) => void) => {
    const next = structuredClone(body);
    change(next);
    setBody(next);
    setServerFields({});
  };

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    setVisited("all");
    if (Object.keys(problems).length > 0 || (!draft && !slug)) return;
    setBusy(true);
    const res = draft
      ? await adminApi<{ draft: Draft }>(`/api/admin/drafts/${draft.id}`, { method: "PATCH", json: { version: draft.version, body: file } })
      : await adminApi<{ draft: Draft }>("/api/admin/drafts", { method: "POST", json: { forum: forumId, body: file } });
    setBusy(false);
    if (res.ok) {
      setError(null);
      onSaved(res.body.draft);
    } else {
      setError(describeError(t, res.error));
      setServerFields(res.error.fields ?? {});
    }
  }

  const field = (key: string, label: string, input: (a11y: FieldA11y) => ReactNode, problem = problemFor(key)) => (
    <Field key={key} label={label} problem={problem}>
      {input}
    </Field>
  );
  const text = (key: string, label: string, value: string, set: (v: string) => void, type = "text", problem = problemFor(key)) =>
    field(
      key,
      label,
      (a11y) => <input type={type} name={key} value={value} onChange={(e) => set(e.currentTarget.value)} {...a11y} />,
      problem,
    );
  // a problem with the whole text (an action done without its outcome) is shown on the field in HR's own language
  const localized = (key: string, label: string, value: Partial<Localized> | undefined, set: (l: Locale, v: string) => void, rows = 0) =>
    LOCALES.map((l) => {
      const path = `${key}.${l}`;
      const props = {
        name: path,
        lang: l,
        value: value?.[l] ?? "",
        onChange: (e: { currentTarget: { value: string } }) => set(l, e.currentTarget.value),
      };
      return field(
        path,
        `${label} (${t(`admin.policy.lang.${l}`)})`,
        (a11y) => (rows ? <textarea rows={rows} {...props} {...a11y} /> : <input {...props} {...a11y} />),
        problemFor(path) ?? (l === t.locale ? problemFor(key, path) : undefined),
      );
    });
  const remove = (onClick: () => void, what: string) => (
    <button type="button" className="button secondary" onClick={onClick} aria-label={`${t("admin.forum.remove")}: ${what}`}>
      {t("admin.forum.remove")}
    </button>
  );

  return (
    <form
      className="admin-forum-form"
      data-forum-form={draft?.id ?? "new"}
      noValidate
      onSubmit={(e) => void save(e)}
      onBlur={(e) => {
        const name = e.target.getAttribute("name");
        if (name) visit(name);
      }}
    >
      <fieldset>
        <legend>{t("admin.forum.when")}</legend>
        {text("starts", t("admin.forum.field.starts"), body.starts, (v) => edit((b) => (b.starts = v)), "datetime-local")}
        {text("ends", t("admin.forum.field.ends"), body.ends, (v) => edit((b) => (b.ends = v)), "datetime-local")}
        {text("timeZone", t("admin.forum.field.timeZone"), body.timeZone, (v) => edit((b) => (b.timeZone = v)))}
        {localized("place", t("admin.forum.field.place"), body.place, (l, v) => edit((b) => (b.place[l] = v)))}
        {text("link", t("admin.forum.field.link"), body.link ?? "", (v) => edit((b) => (b.link = v)), "url")}
        {localized("topic", t("admin.forum.field.topic"), body.topic, (l, v) => edit((b) => (b.topic[l] = v)))}
        {localized("audience", t("admin.forum.field.audience"), body.audience, (l, v) => edit((b) => (b.audience[l] = v)))}
      </fieldset>
      {problemFor("body") && (
        <p className="field-error" role="alert">
          {problemFor("body")}
        </p>
      )}
      {draft && !held && <p className="muted">{t("admin.forum.notHeld")}</p>}
      {draft && held && (
        <>
          <p className="muted" data-you-said-we-did>
            {t("admin.forum.youSaidWeDid")}
          </p>
          <fieldset>
            <legend>{t("admin.forum.minutes")}</legend>
            {localized("minutes", t("admin.forum.minutes"), body.minutes, (l, v) => edit((b) => (b.minutes = { ...b.minutes, [l]: v })), 6)}
          </fieldset>
          <fieldset>
            <legend>{t("admin.forum.actions")}</legend>
            {(body.actions ?? []).map((a, i) => (
              <fieldset key={i} data-action={a.id}>
                <legend>{a.id || t("admin.forum.newAction")}</legend>
                {text(`actions[${i}].id`, t("admin.forum.action.id"), a.id, (v) => edit((b) => (b.actions![i]!.id = v)))}
                {localized(`actions[${i}].text`, t("admin.forum.action.text"), a.text, (l, v) => edit((b) => (b.actions![i]!.text[l] = v)))}
                {localized(`actions[${i}].owner`, t("admin.forum.action.owner"), a.owner, (l, v) =>
                  edit((b) => (b.actions![i]!.owner[l] = v)),
                )}
                {text(`actions[${i}].due`, t("admin.forum.action.due"), a.due, (v) => edit((b) => (b.actions![i]!.due = v)), "date")}
                {field(`actions[${i}].status`, t("admin.forum.action.status"), (a11y) => (
                  <select
                    name={`actions[${i}].status`}
                    value={a.status}
                    onChange={(e) => {
                      const v = e.currentTarget.value as Action["status"];
                      edit((b) => (b.actions![i]!.status = v));
                    }}
                    {...a11y}
                  >
                    {ACTION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`admin.forum.status.${s}`)}
                      </option>
                    ))}
                  </select>
                ))}
                {localized(
                  `actions[${i}].outcome`,
                  t("admin.forum.action.outcome"),
                  a.outcome,
                  (l, v) => edit((b) => (b.actions![i]!.outcome = { ...(b.actions![i]!.outcome ?? empty()), [l]: v })),
                  2,
                )}
                {remove(() => edit((b) => b.actions!.splice(i, 1)), a.id)}
              </fieldset>
            ))}
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                edit((b) => (b.actions = [...(b.actions ?? []), { id: "", text: empty(), owner: empty(), due: "", status: "open" }]))
              }
            >
              {t("admin.forum.addAction")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("admin.forum.decisions")}</legend>
            {(body.decisions ?? []).map((d, i) => (
              <fieldset key={i}>
                <legend>{t("admin.forum.decision", { n: i + 1 })}</legend>
                {localized(`decisions[${i}].text`, t("admin.forum.decision.text"), d.text, (l, v) =>
                  edit((b) => (b.decisions![i]!.text[l] = v)),
                )}
                {field(`decisions[${i}].policy`, t("admin.forum.decision.policy"), (a11y) => (
                  <select
                    name={`decisions[${i}].policy`}
                    value={d.policy ?? ""}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      edit((b) => (b.decisions![i]!.policy = v || undefined));
                    }}
                    {...a11y}
                  >
                    <option value="">—</option>
                    {context.policy.map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                ))}
                {text(
                  `decisions[${i}].actions`,
                  t("admin.forum.decision.actions"),
                  d.actions.join(", "),
                  (v) => edit((b) => (b.decisions![i]!.actions = list(v))),
                  "text",
                  itemProblem(`decisions[${i}].actions`, d.actions.length),
                )}
                {remove(() => edit((b) => b.decisions!.splice(i, 1)), t("admin.forum.decision", { n: i + 1 }))}
              </fieldset>
            ))}
            <button
              type="button"
              className="button secondary"
              onClick={() => edit((b) => (b.decisions = [...(b.decisions ?? []), { text: empty(), actions: [] }]))}
            >
              {t("admin.forum.addDecision")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("admin.forum.findings")}</legend>
            {(body.findings ?? []).map((f, i) => (
              <fieldset key={i}>
                <legend>{t("admin.forum.finding", { n: i + 1 })}</legend>
                {field(`findings[${i}].survey`, t("admin.forum.finding.survey"), (a11y) => (
                  <select
                    name={`findings[${i}].survey`}
                    value={f.survey}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      edit((b) => (b.findings![i]!.survey = v));
                    }}
                    {...a11y}
                  >
                    <option value="">—</option>
                    {context.surveys.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                ))}
                {localized(`findings[${i}].text`, t("admin.forum.finding.text"), f.text, (l, v) =>
                  edit((b) => (b.findings![i]!.text[l] = v)),
                )}
                {remove(() => edit((b) => b.findings!.splice(i, 1)), t("admin.forum.finding", { n: i + 1 }))}
              </fieldset>
            ))}
            <button
              type="button"
              className="button secondary"
              onClick={() => edit((b) => (b.findings = [...(b.findings ?? []), { survey: "", text: empty() }]))}
            >
              {t("admin.forum.addFinding")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("admin.forum.concerns")}</legend>
            {(["ideas", "surveys", "policy"] as const).map((k) =>
              text(
                `concerns.${k}`,
                t(`admin.forum.concerns.${k}`),
                (body.concerns?.[k] ?? []).join(", "),
                (v) => edit((b) => (b.concerns = { ...b.concerns, [k]: list(v) })),
                "text",
                itemProblem(`concerns.${k}`, body.concerns?.[k]?.length ?? 0),
              ),
            )}
          </fieldset>
        </>
      )}
      {!draft && <p className="muted">{t("admin.honour.file", { file: slug && body.starts ? `${forumId}.md` : "—" })}</p>}
      <button type="submit" className="button" disabled={busy}>
        {draft ? t("admin.policy.save") : t("admin.honour.create")}
      </button>
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
    </form>
  );
}
