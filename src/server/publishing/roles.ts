// Who may draft and approve publications. HR_ROLES lists people (their Access
// e-mail, or the name of an HR_TOKENS token) with a role each:
// "ana@example.org=approve,li@example.org=draft". Without HR_ROLES every HR
// person may draft and approve; with it, anyone not listed may only read.
// Either way no one approves their own draft (four eyes, services/drafts.ts).
import { ROLES, type Role } from "#lib/publishing/model.ts";
import type { Admin } from "../auth.ts";
import { HttpError } from "../http.ts";

export function parseRoles(raw: string | undefined): Map<string, Role> | null {
  if (!raw?.trim()) return null;
  const roles = new Map<string, Role>();
  for (const entry of raw.split(",")) {
    const [who, role] = entry.split("=").map((s) => s.trim());
    if (!who || !(ROLES as readonly string[]).includes(role ?? ""))
      throw new Error(`HR_ROLES: "${entry.trim()}" is not name=read|draft|approve`);
    roles.set(who.toLowerCase(), role as Role);
  }
  return roles;
}

export function roleOf(admin: Admin, raw: string | undefined): Role {
  const roles = parseRoles(raw);
  return roles ? (roles.get(admin.actor.toLowerCase()) ?? "read") : "approve";
}

const RANK: Record<Role, number> = { read: 0, draft: 1, approve: 2 };

export function requireRole(admin: Admin, raw: string | undefined, needed: Role): void {
  if (RANK[roleOf(admin, raw)] < RANK[needed])
    throw new HttpError(
      403,
      "role_refused",
      needed === "approve" ? "Your HR role may not approve publications." : "Your HR role may only read drafts.",
    );
}
