// iCalendar output for staff forums, and local forum times to UTC.
import { describe, expect, it } from "vitest";
import { zonedToUtc } from "#lib/programme/forums.ts";
import { calendar, escapeText, foldLine } from "#lib/ics.ts";

describe("ics", () => {
  it("escapes text values and folds long lines at 75 octets without splitting a character", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = `SUMMARY:${"员工座谈会".repeat(20)}`;
    const folded = foldLine(long).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    for (const line of folded) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(long);
  });

  it("writes a calendar with CRLF lines and UTC times", () => {
    const text = calendar(
      "Forums",
      [
        {
          uid: "forum-x@example.org",
          start: new Date("2026-12-10T06:00:00Z"),
          end: new Date("2026-12-10T07:30:00Z"),
          summary: "Forum, Q4",
        },
      ],
      new Date("2026-11-30T00:00:00Z"),
    );
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").every((l) => !l.includes("\n"))).toBe(true);
    expect(text).toContain("\r\nDTSTART:20261210T060000Z\r\n");
    expect(text).toContain("\r\nDTSTAMP:20261130T000000Z\r\n");
    expect(text).toContain("\r\nSUMMARY:Forum\\, Q4\r\n");
  });

  it("converts a forum's local time in its time zone, daylight saving included", () => {
    expect(zonedToUtc("2026-12-10T14:00", "Asia/Shanghai").toISOString()).toBe("2026-12-10T06:00:00.000Z");
    expect(zonedToUtc("2026-07-01T09:30", "Europe/London").toISOString()).toBe("2026-07-01T08:30:00.000Z");
    expect(zonedToUtc("2026-01-15T09:30", "Europe/London").toISOString()).toBe("2026-01-15T09:30:00.000Z");
    expect(zonedToUtc("2026-03-08T12:00", "America/New_York").toISOString()).toBe("2026-03-08T16:00:00.000Z");
  });
});
