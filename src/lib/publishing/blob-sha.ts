// Git's blob id of a file's text: what the git host reports as a file's sha,
// and what the build records for each content file it read, so a publication
// can be told apart from the file the running site was built with.
import { toHex } from "../hex.ts";

export async function blobShaOf(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const header = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const all = new Uint8Array(header.length + bytes.length);
  all.set(header);
  all.set(bytes, header.length);
  return toHex(await crypto.subtle.digest("SHA-1", all));
}
