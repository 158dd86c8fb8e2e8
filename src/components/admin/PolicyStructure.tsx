// The structure of a policy draft: its criteria, tiers and reward forms,
// each added, edited and removed by HR. Every field shows the build's
// problem with it beside it (PolicyDraft runs the checks as HR types).
// Removing a criterion or reward form also removes what pointed at it (a
// tier's minimum, a reward), which HR could not otherwise fix here.
import { LOCALES } from "#i18n/config.ts";
import { UNITS, type TCriterion, type TPolicyVersion, type TRewardForm, type TTier } from "#lib/policy/schema.ts";
import { Field } from "./Field.tsx";
import type { T } from "./api.ts";
import { empty, policyFields, useKeys } from "./policyFields.tsx";

type Body = TPolicyVersion;

interface Props {
  t: T;
  /** The calculator's strings, for the units' and directions' names. */
  calc: (key: `policy.unitName.${TCriterion["unit"]}` | `policy.direction.${TCriterion["direction"]}`) => string;
  body: Body;
  edit: (change: (b: Body) => void) => void;
  /** The problem with the field at `path` (criteria.2.weight), in HR's words. */
  problemAt: (path: string) => string | undefined;
}

const newCriterion = (): TCriterion => ({
  id: "",
  name: empty(),
  measures: empty(),
  source: empty(),
  formula: empty(),
  period: empty(),
  unit: "percent",
  direction: "higher",
  weight: Number.NaN,
  target: 100,
  threshold: 0,
  range: { min: 0, max: 100 },
});
const newTier = (): TTier => ({ id: "", name: empty(), rule: { minScore: Number.NaN, minimums: [] }, rewards: [] });
const newRewardForm = (): TRewardForm => ({ id: "", name: empty(), kind: "non-material", description: empty() });

const CRITERION_TEXTS = ["measures", "source", "formula", "period"] as const;

export function PolicyStructure({ t, calc, body, edit, problemAt }: Props) {
  const criteria = useKeys(body.criteria.length);
  const tiers = useKeys(body.tiers.length);
  const forms = useKeys(body.rewardForms.length);
  const { localized, number, idField, listProblem, label } = policyFields(t, problemAt);

  return (
    <>
      <fieldset data-criteria>
        <legend>{t("admin.policy.criteria")}</legend>
        {listProblem("criteria")}
        {body.criteria.map((c, i) => (
          <fieldset key={criteria.keys[i]} data-criterion={i} className="admin-policy-item">
            <legend>{label(c, t("admin.policy.newCriterion"))}</legend>
            {idField(`criteria.${i}.id`, c.id, (v) => edit((b) => (b.criteria[i]!.id = v)))}
            {localized(`criteria.${i}.name`, "name", c.name, (l, v) => edit((b) => (b.criteria[i]!.name[l] = v)))}
            <Field label={t("admin.policy.field.unit")} problem={problemAt(`criteria.${i}.unit`)}>
              {(a11y) => (
                <select
                  name={`criteria.${i}.unit`}
                  value={c.unit}
                  onChange={(e) => edit((b) => (b.criteria[i]!.unit = e.currentTarget.value as TCriterion["unit"]))}
                  {...a11y}
                >
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {calc(`policy.unitName.${u}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("admin.policy.field.direction")} problem={problemAt(`criteria.${i}.direction`)}>
              {(a11y) => (
                <select
                  name={`criteria.${i}.direction`}
                  value={c.direction}
                  onChange={(e) => edit((b) => (b.criteria[i]!.direction = e.currentTarget.value as TCriterion["direction"]))}
                  {...a11y}
                >
                  {(["higher", "lower"] as const).map((d) => (
                    <option key={d} value={d}>
                      {calc(`policy.direction.${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {(["weight", "target", "threshold"] as const).map((k) => (
              <span key={k}>
                {number(`criteria.${i}.${k}`, t(`admin.policy.field.${k}`), c[k], (v) => edit((b) => (b.criteria[i]![k] = v)))}
              </span>
            ))}
            {number(`criteria.${i}.range.min`, t("admin.policy.field.rangeMin"), c.range.min, (v) =>
              edit((b) => (b.criteria[i]!.range.min = v)),
            )}
            {number(`criteria.${i}.range.max`, t("admin.policy.field.rangeMax"), c.range.max, (v) =>
              edit((b) => (b.criteria[i]!.range.max = v)),
            )}
            {problemAt(`criteria.${i}.range`) && <p className="field-error">{problemAt(`criteria.${i}.range`)}</p>}
            <details open={!c.id || CRITERION_TEXTS.some((k) => LOCALES.some((l) => problemAt(`criteria.${i}.${k}.${l}`)))}>
              <summary>{t("admin.policy.criterionTexts")}</summary>
              {CRITERION_TEXTS.map((k) => localized(`criteria.${i}.${k}`, k, c[k], (l, v) => edit((b) => (b.criteria[i]![k][l] = v)), 2))}
            </details>
            <button
              type="button"
              className="button"
              onClick={() => {
                criteria.removed(i);
                edit((b) => {
                  const [gone] = b.criteria.splice(i, 1);
                  for (const tier of b.tiers) tier.rule.minimums = tier.rule.minimums.filter((m) => m.criterion !== gone!.id);
                });
              }}
            >
              {t("admin.policy.removeCriterion", { name: label(c, t("admin.policy.newCriterion")) })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          data-add-criterion
          onClick={() => {
            criteria.inserted(body.criteria.length);
            edit((b) => b.criteria.push(newCriterion()));
          }}
        >
          {t("admin.policy.addCriterion")}
        </button>
      </fieldset>

      <fieldset data-tiers>
        <legend>{t("admin.policy.tiers")}</legend>
        <p className="muted">{t("admin.policy.tiersHint")}</p>
        {listProblem("tiers")}
        {body.tiers.map((tier, i) => (
          <fieldset key={tiers.keys[i]} data-tier={i} className="admin-policy-item">
            <legend>{label(tier, t("admin.policy.newTier"))}</legend>
            {idField(`tiers.${i}.id`, tier.id, (v) => edit((b) => (b.tiers[i]!.id = v)))}
            {localized(`tiers.${i}.name`, "name", tier.name, (l, v) => edit((b) => (b.tiers[i]!.name[l] = v)))}
            {number(`tiers.${i}.rule.minScore`, t("admin.policy.field.minScore"), tier.rule.minScore, (v) =>
              edit((b) => (b.tiers[i]!.rule.minScore = v)),
            )}
            {problemAt(`tiers.${i}.rule`) && <p className="field-error">{problemAt(`tiers.${i}.rule`)}</p>}
            {problemAt(`tiers.${i}.rule.minimums`) && <p className="field-error">{problemAt(`tiers.${i}.rule.minimums`)}</p>}
            {tier.rule.minimums.map((m, j) => {
              const c = body.criteria.find((x) => x.id === m.criterion);
              return (
                <span key={m.criterion} data-minimum={m.criterion}>
                  {number(
                    `tiers.${i}.rule.minimums.${j}.value`,
                    t("admin.policy.field.minimum", { criterion: c ? label(c, c.id) : m.criterion }),
                    m.value,
                    (v) => edit((b) => (b.tiers[i]!.rule.minimums[j]!.value = v)),
                  )}
                  <button type="button" className="button" onClick={() => edit((b) => b.tiers[i]!.rule.minimums.splice(j, 1))}>
                    {t("admin.policy.removeMinimum")}
                  </button>
                </span>
              );
            })}
            <Field label={t("admin.policy.addMinimum")}>
              {(a11y) => (
                <select
                  name={`tiers.${i}.addMinimum`}
                  value=""
                  onChange={(e) => {
                    const c = body.criteria.find((x) => x.id === e.currentTarget.value);
                    if (c) edit((b) => b.tiers[i]!.rule.minimums.push({ criterion: c.id, value: c.threshold }));
                  }}
                  {...a11y}
                >
                  <option value="">—</option>
                  {body.criteria
                    .filter((c) => c.id && !tier.rule.minimums.some((m) => m.criterion === c.id))
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {label(c, c.id)}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <fieldset>
              <legend>{t("admin.policy.tierRewards")}</legend>
              {body.rewardForms.map((f) => {
                const j = tier.rewards.findIndex((r) => r.form === f.id);
                return (
                  <span key={f.id} className="admin-policy-reward">
                    <label>
                      <input
                        type="checkbox"
                        name={`tiers.${i}.rewards.${f.id}`}
                        checked={j >= 0}
                        disabled={!f.id}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          edit((b) => {
                            const rewards = b.tiers[i]!.rewards;
                            if (on) rewards.push({ form: f.id });
                            else
                              rewards.splice(
                                rewards.findIndex((r) => r.form === f.id),
                                1,
                              );
                          });
                        }}
                      />
                      {label(f, f.id)}
                    </label>
                    {/* a material reward may carry a bonus as a share of base pay: left empty, it carries none */}
                    {j >= 0 &&
                      (f.kind === "material" || tier.rewards[j]!.percentOfBase !== undefined) &&
                      number(
                        `tiers.${i}.rewards.${j}.percentOfBase`,
                        t("admin.policy.field.percentOfBase"),
                        tier.rewards[j]!.percentOfBase,
                        (v, text) =>
                          edit((b) => {
                            const r = b.tiers[i]!.rewards[j]!;
                            if (text.trim() === "") delete r.percentOfBase;
                            else r.percentOfBase = v;
                          }),
                      )}
                    {j >= 0 && (
                      <details className="admin-policy-detail" {...(tier.rewards[j]!.detail ? { open: true } : {})}>
                        <summary>{t("admin.policy.rewardDetail")}</summary>
                        {localized(
                          `tiers.${i}.rewards.${j}.detail`,
                          "detail",
                          tier.rewards[j]!.detail ?? empty(),
                          (l, v) =>
                            edit((b) => {
                              const r = b.tiers[i]!.rewards[j]!;
                              const detail = { ...(r.detail ?? empty()), [l]: v };
                              // both languages empty: no detail, as most rewards have none
                              if (LOCALES.every((x) => detail[x] === "")) delete r.detail;
                              else r.detail = detail;
                            }),
                          2,
                        )}
                      </details>
                    )}
                    {j >= 0 && problemAt(`tiers.${i}.rewards.${j}.form`) && (
                      <span className="field-error">{problemAt(`tiers.${i}.rewards.${j}.form`)}</span>
                    )}
                  </span>
                );
              })}
            </fieldset>
            <button
              type="button"
              className="button"
              onClick={() => {
                tiers.removed(i);
                edit((b) => b.tiers.splice(i, 1));
              }}
            >
              {t("admin.policy.removeTier", { name: label(tier, t("admin.policy.newTier")) })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          data-add-tier
          onClick={() => {
            // above the last tier, which is where everyone else lands
            const at = Math.max(0, body.tiers.length - 1);
            tiers.inserted(at);
            edit((b) => b.tiers.splice(at, 0, newTier()));
          }}
        >
          {t("admin.policy.addTier")}
        </button>
      </fieldset>

      <fieldset data-reward-forms>
        <legend>{t("admin.policy.rewardForms")}</legend>
        {listProblem("rewardForms")}
        {body.rewardForms.map((f, i) => (
          <fieldset key={forms.keys[i]} data-reward-form={i} className="admin-policy-item">
            <legend>{label(f, t("admin.policy.newRewardForm"))}</legend>
            {idField(`rewardForms.${i}.id`, f.id, (v) =>
              edit((b) => {
                const before = b.rewardForms[i]!.id;
                b.rewardForms[i]!.id = v;
                // what gave this form keeps giving it under its new id
                for (const tier of b.tiers) for (const r of tier.rewards) if (before && r.form === before) r.form = v;
                for (const cycle of b.cycles) cycle.rewards = cycle.rewards.map((x) => (before && x === before ? v : x));
              }),
            )}
            {localized(`rewardForms.${i}.name`, "name", f.name, (l, v) => edit((b) => (b.rewardForms[i]!.name[l] = v)))}
            <Field label={t("admin.policy.field.kind")}>
              {(a11y) => (
                <select
                  name={`rewardForms.${i}.kind`}
                  value={f.kind}
                  onChange={(e) => edit((b) => (b.rewardForms[i]!.kind = e.currentTarget.value as TRewardForm["kind"]))}
                  {...a11y}
                >
                  {(["material", "non-material"] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`admin.policy.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {localized(
              `rewardForms.${i}.description`,
              "description",
              f.description,
              (l, v) => edit((b) => (b.rewardForms[i]!.description[l] = v)),
              2,
            )}
            <button
              type="button"
              className="button"
              onClick={() => {
                forms.removed(i);
                edit((b) => {
                  const [gone] = b.rewardForms.splice(i, 1);
                  for (const tier of b.tiers) tier.rewards = tier.rewards.filter((r) => r.form !== gone!.id);
                  for (const cycle of b.cycles) cycle.rewards = cycle.rewards.filter((x) => x !== gone!.id);
                });
              }}
            >
              {t("admin.policy.removeRewardForm", { name: label(f, t("admin.policy.newRewardForm")) })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button"
          data-add-reward-form
          onClick={() => {
            forms.inserted(body.rewardForms.length);
            edit((b) => b.rewardForms.push(newRewardForm()));
          }}
        >
          {t("admin.policy.addRewardForm")}
        </button>
      </fieldset>
    </>
  );
}
