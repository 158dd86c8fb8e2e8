// The rest of a policy draft, after its structure: when it takes effect, its
// reward cycles, incentives, feedback channels, budget and what prompted it —
// so HR edits the whole version in the browser. Every field shows the build's
// problem with it beside it (PolicyDraft runs the checks as HR types).
import { CYCLE_KINDS, type TChannel, type TCycle, type TPolicyVersion, type TPrompt } from "#lib/policy/schema.ts";
import { Field } from "./Field.tsx";
import type { T } from "./api.ts";
import { empty, policyFields, useKeys, type Localized } from "./policyFields.tsx";

type Body = TPolicyVersion;
type Kind = TCycle["id"];

/** The forums (with their topics) and surveys the site has: what can have prompted a change. */
export interface PromptChoices {
  forums: { id: string; topic: Localized }[];
  surveys: string[];
}

interface Props {
  t: T;
  body: Body;
  edit: (change: (b: Body) => void) => void;
  /** The problem with the field at `path` (cycles.0.paid.zh-cn), in HR's words. */
  problemAt: (path: string) => string | undefined;
  /** None: HR types the forum's or survey's id. */
  choices: PromptChoices | null;
}

const CYCLE_TEXTS = ["evaluates", "published", "paid"] as const;
const PROMPT_KINDS = ["forum", "survey", "idea"] as const;

const newCycle = (id: Kind): TCycle => ({ id, name: empty(), evaluates: empty(), published: empty(), paid: empty(), rewards: [] });
const newNamed = () => ({ id: "", name: empty(), description: empty() });

export function PolicyProgramme({ t, body, edit, problemAt, choices }: Props) {
  const cycles = useKeys(body.cycles.length);
  const incentives = useKeys(body.incentives.length);
  const channels = useKeys(body.channels.length);
  const prompts = useKeys(body.promptedBy.length);
  const { localized, number, idField, listProblem, label } = policyFields(t, problemAt);
  const locale = t.locale;
  const unused = CYCLE_KINDS.filter((k) => !body.cycles.some((c) => c.id === k));
  const cycleLabel = (c: TCycle) => c.name[locale] || t(`admin.policy.cycleKind.${c.id}`);

  return (
    <>
      <Field
        label={t("admin.policy.field.effective")}
        hint={t("admin.policy.effectiveHint", { version: body.version })}
        problem={problemAt("effective")}
      >
        {(a11y) => (
          <input
            type="date"
            name="effective"
            value={body.effective}
            onChange={(e) => edit((b) => (b.effective = e.currentTarget.value))}
            {...a11y}
          />
        )}
      </Field>

      <fieldset data-cycles>
        <legend>{t("admin.policy.cycles")}</legend>
        <p className="muted">{t("admin.policy.cyclesHint")}</p>
        {listProblem("cycles")}
        {body.cycles.map((c, i) => (
          <fieldset key={cycles.keys[i]} data-cycle={c.id} className="admin-policy-item">
            <legend>{cycleLabel(c)}</legend>
            <Field label={t("admin.policy.field.cycleKind")} problem={problemAt(`cycles.${i}.id`)}>
              {(a11y) => (
                <select
                  name={`cycles.${i}.id`}
                  value={c.id}
                  onChange={(e) => edit((b) => (b.cycles[i]!.id = e.currentTarget.value as Kind))}
                  {...a11y}
                >
                  {CYCLE_KINDS.filter((k) => k === c.id || unused.includes(k)).map((k) => (
                    <option key={k} value={k}>
                      {t(`admin.policy.cycleKind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {localized(`cycles.${i}.name`, "name", c.name, (l, v) => edit((b) => (b.cycles[i]!.name[l] = v)))}
            {CYCLE_TEXTS.map((k) => localized(`cycles.${i}.${k}`, k, c[k], (l, v) => edit((b) => (b.cycles[i]![k][l] = v)), 2))}
            <fieldset>
              <legend>{t("admin.policy.cycleRewards")}</legend>
              {body.rewardForms.map((f) => (
                <label key={f.id} className="admin-policy-reward">
                  <input
                    type="checkbox"
                    name={`cycles.${i}.rewards.${f.id}`}
                    checked={c.rewards.includes(f.id)}
                    disabled={!f.id}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      edit((b) => {
                        const cycle = b.cycles[i]!;
                        cycle.rewards = on ? [...cycle.rewards, f.id] : cycle.rewards.filter((r) => r !== f.id);
                      });
                    }}
                  />
                  {label(f, f.id)}
                </label>
              ))}
              {c.rewards.map(
                (_, j) =>
                  problemAt(`cycles.${i}.rewards.${j}`) && (
                    <p key={j} className="field-error">
                      {problemAt(`cycles.${i}.rewards.${j}`)}
                    </p>
                  ),
              )}
            </fieldset>
            <button
              type="button"
              className="button"
              onClick={() => {
                cycles.removed(i);
                edit((b) => b.cycles.splice(i, 1));
              }}
            >
              {t("admin.policy.removeCycle", { name: cycleLabel(c) })}
            </button>
          </fieldset>
        ))}
        {unused.length > 0 && (
          <button
            type="button"
            className="button"
            data-add-cycle
            onClick={() => {
              cycles.inserted(body.cycles.length);
              edit((b) => b.cycles.push(newCycle(unused[0]!)));
            }}
          >
            {t("admin.policy.addCycle")}
          </button>
        )}
      </fieldset>

      {(["incentives", "channels"] as const).map((section) => {
        const keys = section === "incentives" ? incentives : channels;
        const what = section === "incentives" ? "Incentive" : "Channel";
        const fresh = t(`admin.policy.new${what}`);
        return (
          <fieldset key={section} data-section={section}>
            <legend>{t(`admin.policy.${section}`)}</legend>
            {listProblem(section)}
            {body[section].map((item: TChannel, i) => (
              <fieldset key={keys.keys[i]} data-item={i} className="admin-policy-item">
                <legend>{label(item, fresh)}</legend>
                {idField(`${section}.${i}.id`, item.id, (v) => edit((b) => (b[section][i]!.id = v)))}
                {localized(`${section}.${i}.name`, "name", item.name, (l, v) => edit((b) => (b[section][i]!.name[l] = v)))}
                {localized(
                  `${section}.${i}.description`,
                  "description",
                  item.description,
                  (l, v) => edit((b) => (b[section][i]!.description[l] = v)),
                  2,
                )}
                {section === "channels" && (
                  <Field label={t("admin.policy.field.href")} hint={t("admin.policy.hrefHint")} problem={problemAt(`channels.${i}.href`)}>
                    {(a11y) => (
                      <input
                        name={`channels.${i}.href`}
                        value={item.href ?? ""}
                        onChange={(e) => {
                          const href = e.currentTarget.value.trim();
                          // no link is no field: the schema has no empty link
                          edit((b) => (href ? (b.channels[i]!.href = href) : delete b.channels[i]!.href));
                        }}
                        {...a11y}
                      />
                    )}
                  </Field>
                )}
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    keys.removed(i);
                    edit((b) => b[section].splice(i, 1));
                  }}
                >
                  {t(`admin.policy.remove${what}`, { name: label(item, fresh) })}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              className="button"
              data-add={section}
              onClick={() => {
                keys.inserted(body[section].length);
                edit((b) => b[section].push(newNamed()));
              }}
            >
              {t(`admin.policy.add${what}`)}
            </button>
          </fieldset>
        );
      })}

      <fieldset data-budget>
        <legend>{t("admin.policy.budget")}</legend>
        {body.budget ? (
          <>
            <Field label={t("admin.policy.field.currency")} hint={t("admin.policy.currencyHint")} problem={problemAt("budget.currency")}>
              {(a11y) => (
                <input
                  name="budget.currency"
                  value={body.budget!.currency}
                  onChange={(e) => edit((b) => (b.budget!.currency = e.currentTarget.value.trim()))}
                  {...a11y}
                />
              )}
            </Field>
            {number("budget.annual", t("admin.policy.field.annual"), body.budget.annual, (v) => edit((b) => (b.budget!.annual = v)))}
            {localized("budget.note", "note", body.budget.note, (l, v) => edit((b) => (b.budget!.note[l] = v)), 2)}
            <button type="button" className="button" onClick={() => edit((b) => delete b.budget)}>
              {t("admin.policy.removeBudget")}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t("admin.policy.noBudget")}</p>
            <button
              type="button"
              className="button"
              data-add-budget
              onClick={() => edit((b) => (b.budget = { currency: "", annual: Number.NaN, note: empty() }))}
            >
              {t("admin.policy.addBudget")}
            </button>
          </>
        )}
      </fieldset>

      <fieldset data-prompted-by>
        <legend>{t("admin.policy.promptedBy")}</legend>
        <p className="muted">{t("admin.policy.promptedByHint")}</p>
        {body.promptedBy.map((p, i) => (
          <fieldset key={prompts.keys[i]} data-prompt={i} className="admin-policy-item">
            <legend>{t(`admin.policy.promptKind.${p.kind}`)}</legend>
            <Field label={t("admin.policy.field.promptKind")} problem={problemAt(`promptedBy.${i}.kind`)}>
              {(a11y) => (
                <select
                  name={`promptedBy.${i}.kind`}
                  value={p.kind}
                  onChange={(e) => {
                    const kind = e.currentTarget.value as TPrompt["kind"];
                    // another kind's id means nothing here
                    edit((b) => (b.promptedBy[i] = { ...b.promptedBy[i]!, kind, id: "" }));
                  }}
                  {...a11y}
                >
                  {PROMPT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`admin.policy.promptKind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <PromptId
              t={t}
              prompt={p}
              path={`promptedBy.${i}.id`}
              choices={choices}
              problem={problemAt(`promptedBy.${i}.id`)}
              set={(v) => edit((b) => (b.promptedBy[i]!.id = v))}
            />
            {localized(`promptedBy.${i}.change`, "change", p.change, (l, v) => edit((b) => (b.promptedBy[i]!.change[l] = v)), 2)}
            <button
              type="button"
              className="button"
              onClick={() => {
                prompts.removed(i);
                edit((b) => b.promptedBy.splice(i, 1));
              }}
            >
              {t("admin.policy.removePrompt")}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          data-add-prompt
          onClick={() => {
            prompts.inserted(body.promptedBy.length);
            edit((b) => b.promptedBy.push({ kind: "forum", id: "", change: empty() }));
          }}
        >
          {t("admin.policy.addPrompt")}
        </button>
      </fieldset>
    </>
  );
}

/** Which forum, survey or idea: a choice among the site's forums and surveys when the console has them, else its id typed. */
function PromptId(props: {
  t: T;
  prompt: TPrompt;
  path: string;
  choices: PromptChoices | null;
  problem: string | undefined;
  set: (v: string) => void;
}) {
  const { t, prompt, path, choices, problem, set } = props;
  const options =
    choices && prompt.kind !== "idea"
      ? prompt.kind === "forum"
        ? choices.forums.map((f) => ({ id: f.id, text: `${f.topic[t.locale]} (${f.id.slice(0, 10)})` }))
        : choices.surveys.map((id) => ({ id, text: id }))
      : null;
  return (
    <Field
      label={t("admin.policy.field.promptId")}
      hint={options ? undefined : t(`admin.policy.promptIdHint.${prompt.kind}`)}
      problem={problem}
    >
      {(a11y) =>
        options ? (
          <select name={path} value={prompt.id} onChange={(e) => set(e.currentTarget.value)} {...a11y}>
            <option value="">—</option>
            {/* an id the site does not have stays visible, with its problem beside it */}
            {prompt.id && !options.some((o) => o.id === prompt.id) && <option value={prompt.id}>{prompt.id}</option>}
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.text}
              </option>
            ))}
          </select>
        ) : (
          <input name={path} value={prompt.id} onChange={(e) => set(e.currentTarget.value.trim())} {...a11y} />
        )
      }
    </Field>
  );
}
