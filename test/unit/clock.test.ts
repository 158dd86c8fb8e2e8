// The one clock: day arithmetic, the pin, and who may pin it (the server only
// when the local tooling started it; the build and seeders from CANDOR_TODAY).
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildClock } from "#build/clock.ts";
import { addDays, dayOf, daysBetween, isDay, pinnedClock, systemClock } from "#lib/clock.ts";
import { readClock } from "#server/clock.ts";

const anyDay = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => dayOf(d));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("days", () => {
  it("keeps the UTC day only, whatever the time of day", () => {
    expect(dayOf(new Date("2026-11-27T23:59:59.999Z"))).toBe("2026-11-27");
    expect(dayOf(new Date("2026-11-28T00:00:00.000Z"))).toBe("2026-11-28");
    expect(dayOf(Date.parse("2026-11-28T08:00:00+09:00"))).toBe("2026-11-27");
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(isDay(day)).toBe(true);
      }),
    );
  });

  it("recognises real calendar days only", () => {
    for (const day of ["2026-11-30", "2028-02-29", "2000-02-29"]) expect(isDay(day), day).toBe(true);
    for (const bad of [
      "2026-02-29",
      "2026-13-01",
      "2026-11-31",
      "2026-1-1",
      "26-11-30",
      "2026-11-30T00:00:00Z",
      "",
      " 2026-11-30",
      20261130,
      null,
    ]) {
      expect(isDay(bad), String(bad)).toBe(false);
    }
  });

  it("moves across months, years and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-30", 0)).toBe("2026-11-30");
    expect(daysBetween("2026-11-01", "2026-12-01")).toBe(30);
    expect(daysBetween("2026-12-01", "2026-11-01")).toBe(-30);
  });

  it("addDays and daysBetween undo each other", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
        const moved = addDays(day, n);
        expect(isDay(moved)).toBe(true);
        expect(daysBetween(day, moved)).toBe(n);
        expect(addDays(moved, -n)).toBe(day);
      }),
    );
  });
});

describe("pinnedClock", () => {
  it("fixes the calendar day and keeps the real time of day", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-07-04T15:42:07.123Z"));
    const clock = pinnedClock("2026-11-30");
    expect(clock.pinned).toBe("2026-11-30");
    expect(clock.today()).toBe("2026-11-30");
    expect(clock.now().toISOString()).toBe("2026-11-30T15:42:07.123Z");
    vi.setSystemTime(new Date("2031-07-05T00:00:01.000Z")); // past the real midnight: still the pinned day
    expect(clock.today()).toBe("2026-11-30");
    expect(clock.now().toISOString()).toBe("2026-11-30T00:00:01.000Z");
  });

  it("is the system clock without a pin, and refuses a malformed one", () => {
    expect(pinnedClock(undefined)).toBe(systemClock);
    expect(pinnedClock(null)).toBe(systemClock);
    expect(pinnedClock("")).toBe(systemClock);
    for (const bad of ["2026-11-31", "tomorrow", "2026-11-30 ", "30/11/2026"]) {
      expect(() => pinnedClock(bad), bad).toThrow(/CANDOR_TODAY must be a day written YYYY-MM-DD/);
    }
  });

  it("the system clock reads the machine's", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2029-01-02T03:04:05Z"));
    expect(systemClock.today()).toBe("2029-01-02");
    expect(systemClock.now().toISOString()).toBe("2029-01-02T03:04:05.000Z");
    expect(systemClock.pinned).toBeNull();
  });
});

describe("readClock (the server's clock)", () => {
  it("honours CANDOR_TODAY on a local Worker only", () => {
    expect(readClock({ CANDOR_ENV: "development", CANDOR_TODAY: "2026-11-30" }).today()).toBe("2026-11-30");
    expect(readClock({ CANDOR_ENV: "test", CANDOR_TODAY: "2027-02-01" }).pinned).toBe("2027-02-01");
    expect(readClock({ CANDOR_ENV: "test" })).toBe(systemClock);
    expect(readClock({})).toBe(systemClock);
  });

  it("ignores the pin on a Worker without the local flag (a deployed one), and says so once", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const env of [
      { CANDOR_TODAY: "2026-11-30" },
      { CANDOR_ENV: "production", CANDOR_TODAY: "2026-11-30" },
      { CANDOR_ENV: "", CANDOR_TODAY: "x" },
    ]) {
      expect(readClock(env)).toBe(systemClock);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/CANDOR_TODAY is set but ignored/);
  });

  it("refuses a malformed pin on a local Worker instead of running on the real date", () => {
    expect(() => readClock({ CANDOR_ENV: "development", CANDOR_TODAY: "2026-02-30" })).toThrow(/YYYY-MM-DD/);
  });
});

describe("buildClock (pages and seeders)", () => {
  it("reads CANDOR_TODAY with the same rules as the server's pin", () => {
    expect(buildClock({ CANDOR_TODAY: "2026-12-10" }).today()).toBe("2026-12-10");
    expect(buildClock({})).toBe(systemClock);
    expect(() => buildClock({ CANDOR_TODAY: "10.12.2026" })).toThrow(/YYYY-MM-DD/);
  });
});
