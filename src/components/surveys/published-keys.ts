// Every invitation survey's published key with its fingerprint, newest survey
// first: what /results/keys/ lists and the surveys feed carries, from the
// survey files (src/lib/invitation/key.ts).
import { keyFingerprint } from "#lib/invitation/key.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";

export interface PublishedKey {
  survey: Survey;
  key: string;
  fingerprint: string;
}

export function publishedKeys(): Promise<PublishedKey[]> {
  return Promise.all(
    SURVEYS.filter((s) => s.invitationKey !== undefined).map(async (survey) => ({
      survey,
      key: survey.invitationKey!,
      fingerprint: await keyFingerprint(survey.invitationKey!),
    })),
  );
}
