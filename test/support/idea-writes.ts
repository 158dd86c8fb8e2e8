// Direct writes of HR's side of an idea, without an audit row, for tests
// that need an idea in a given state (integration and e2e alike: no
// cloudflare:test here). The product's HR actions go through
// src/server/admin-ideas.ts, which audits them.
import type { IdeaStatus, MessageVisibility } from "#lib/ideas/vocabulary.ts";
import type { DbEnv } from "#server/config.ts";

function nextSeq(table: "idea_messages" | "idea_status_history"): string {
  return `(SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table} WHERE idea_id = ?1)`;
}

/** Moves an idea to a status, recording it in the history with an optional public note. */
export async function setStatus(env: DbEnv, ideaId: string, status: IdeaStatus, day: string, note: string | null = null): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("UPDATE ideas SET status = ?2 WHERE id = ?1").bind(ideaId, status),
    env.DB.prepare(
      `INSERT INTO idea_status_history (idea_id, seq, status, on_day, note) VALUES (?1, ${nextSeq("idea_status_history")}, ?2, ?3, ?4)`,
    ).bind(ideaId, status, day, note),
  ]);
}

export async function addHrMessage(env: DbEnv, ideaId: string, visibility: MessageVisibility, body: string, day: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day)
       VALUES (?1, ${nextSeq("idea_messages")}, 'hr', ?2, ?3, ?4)`,
  )
    .bind(ideaId, visibility, body, day)
    .run();
}

/** Publishes HR's moderated version; the database refuses it without the author's consent. */
export async function publishIdea(env: DbEnv, ideaId: string, version: { title: string; body: string; day: string }): Promise<void> {
  await env.DB.prepare("UPDATE ideas SET published = 1, public_title = ?2, public_body = ?3, published_on = ?4 WHERE id = ?1")
    .bind(ideaId, version.title, version.body, version.day)
    .run();
}

export async function setRewarded(env: DbEnv, ideaId: string, rewarded: boolean): Promise<void> {
  await env.DB.prepare("UPDATE ideas SET rewarded = ?2 WHERE id = ?1")
    .bind(ideaId, rewarded ? 1 : 0)
    .run();
}
