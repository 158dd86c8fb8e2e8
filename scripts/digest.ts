// `npm run digest`: runs the scheduled Worker's daily job (HR's digest and
// retention) by hand, on the Worker `npm start` runs beside the site
// (wrangler dev --test-scheduled answers GET /__scheduled), and prints what
// the channels' stand-ins received. The digest goes out once a day: a second
// run on the same day sends nothing (docs/operations.md#hr-digest).
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Arrival } from "./digest-standins.ts";
import { TMP_DIR } from "./env.ts";
import { DIGEST_PORT } from "./pages-dev.ts";

/** Where `npm start`'s digest stand-ins write each message they receive. */
export const DIGEST_OUTBOX = `${TMP_DIR}/digest-outbox.log`;

/** One received message as the outbox shows it: the channel, whether its signature held, and the text people would read. */
export function outboxEntry(arrival: Arrival): string {
  const b = arrival.body as { text?: string; markdown?: { content?: string; text?: string }; content?: { text?: string } };
  const shown = b.text ?? b.markdown?.content ?? b.markdown?.text ?? b.content?.text ?? JSON.stringify(b);
  return `=== ${arrival.channel} (${arrival.verified ? "signature verified" : "REFUSED: bad key or signature"})\n${shown}\n\n`;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const before = existsSync(DIGEST_OUTBOX) ? statSync(DIGEST_OUTBOX).size : 0;
  try {
    const res = await fetch(`http://127.0.0.1:${DIGEST_PORT}/__scheduled?cron=${encodeURIComponent("0 1 * * *")}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    console.error(`The scheduled Worker does not answer on port ${DIGEST_PORT} (${(err as Error).message}): is npm start running?`);
    process.exit(1);
  }
  // the job runs after the trigger answers (ctx.waitUntil): give it a moment to deliver
  await new Promise((r) => setTimeout(r, 3000));
  const received = existsSync(DIGEST_OUTBOX) ? readFileSync(DIGEST_OUTBOX, "utf8").slice(before) : "";
  console.log(
    received ||
      "Nothing was sent: today's digest already went to every channel (it goes once a day), or the run failed (see .tmp/start.log).",
  );
}
