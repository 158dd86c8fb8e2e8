// What every honour-roll page (all, per recipient kind, per award) needs.
import type { Locale } from "#i18n/config.ts";
import { allHonours, allPolicyVersions, allResults } from "./collection.ts";

export async function honourRollData(locale: Locale) {
  const honours = await allHonours();
  const versions = await allPolicyVersions();
  const current = versions.filter((v) => v.status !== "draft").at(-1)!;
  const used = [...new Set(honours.map((h) => h.award))];
  const nameOf = (id: string) =>
    [...versions]
      .reverse()
      .find((v) => v.rewardForms.some((f) => f.id === id))!
      .rewardForms.find((f) => f.id === id)!.name[locale];
  const awards = current.rewardForms
    .map((f) => f.id)
    .filter((id) => used.includes(id))
    .concat(used.filter((id) => !current.rewardForms.some((f) => f.id === id)))
    .map((id) => ({ id, name: nameOf(id) }));
  const published = new Set((await allResults()).map((r) => r.cycle));
  return { honours, versions, awards, published };
}
