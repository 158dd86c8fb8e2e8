// HR's CSV files (src/lib/surveys/export.ts): the bytes Excel and WPS are
// given — a byte order mark, CRLF, RFC 4180 quoting, formulas neutralised —
// proven by parsing each file back with papaparse, for hand-picked hostile
// cells and for arbitrary strings; and each answer type as one cell, in
// both languages.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Locale } from "#i18n/config.ts";
import { BOM, csvRows, exportHeader, formatAnswer, toCsv, type StoredAnswer } from "#lib/surveys/export.ts";
import type { QuestionSpec } from "#lib/surveys/questions.ts";
import { runs } from "../support/fast-check.ts";

/**
 * What spreadsheets read as the start of a formula: =, +, -, @, and tab or
 * carriage return before one of them. Written out here, not imported, so
 * the tests do not share the module's pattern.
 */
const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
const startsFormula = (cell: string) => FORMULA_TRIGGERS.some((t) => cell.startsWith(t));

/** A file's cells, as papaparse reads them back: BOM checked and dropped, the final line end checked and dropped. */
function parseBack(csv: string, { bom = true } = {}): string[][] {
  if (bom) {
    expect(csv.startsWith(BOM)).toBe(true);
    csv = csv.slice(BOM.length);
  }
  expect(csv.startsWith(BOM)).toBe(false);
  expect(csv.endsWith("\r\n")).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(0, -2), { delimiter: ",", newline: "\r\n", quoteChar: '"', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** A cell as a spreadsheet should show it: as written, with an apostrophe before anything that would start a formula. */
const neutralised = (cell: string) => (startsFormula(cell) ? `'${cell}` : cell);

/** Every line break in a file outside quoted cells: a CSV line end must be CRLF, nothing else. */
function lineEndsOutsideQuotes(csv: string): string[] {
  const ends: string[] = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\r" || ch === "\n")) {
      const end = ch === "\r" && csv[i + 1] === "\n" ? "\r\n" : ch;
      ends.push(end);
      i += end.length - 1;
    }
  }
  return ends;
}

describe("toCsv", () => {
  it("starts with a byte order mark and ends every line, the last included, with CRLF", () => {
    expect(toCsv(["a", "b"], [["1", "2"]])).toBe(`${BOM}a,b\r\n1,2\r\n`);
    expect(toCsv(["a", "b"], [])).toBe(`${BOM}a,b\r\n`);
    expect(toCsv(["a"], [["1"]], { bom: false })).toBe("a\r\n1\r\n");
    expect(BOM).toBe("\uFEFF");
    // UTF-8 on the wire: EF BB BF, then the Chinese as it is
    const bytes = new TextEncoder().encode(toCsv(["问题"], [["是"]]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("问题\r\n是\r\n");
  });

  it("leaves plain cells bare and quotes commas, quotes, line breaks and edge spaces (RFC 4180)", () => {
    const csv = toCsv(
      ["plain", "comma", "quote", "lf", "crlf", "space"],
      [["abc", "a,b", 'say "hi"', "two\nlines", "two\r\nlines", " pad "]],
      { bom: false },
    );
    expect(csv).toBe('plain,comma,quote,lf,crlf,space\r\nabc,"a,b","say ""hi""","two\nlines","two\r\nlines"," pad "\r\n');
    expect(lineEndsOutsideQuotes(csv)).toEqual(["\r\n", "\r\n"]);
    expect(parseBack(csv, { bom: false })).toEqual([
      ["plain", "comma", "quote", "lf", "crlf", "space"],
      ["abc", "a,b", 'say "hi"', "two\nlines", "two\r\nlines", " pad "],
    ]);
  });

  it("keeps Chinese text and full-width punctuation as they are", () => {
    const row = ["工作量太大，希望增加人手。", "“奖金”说明不清楚", "是; 否"];
    expect(parseBack(toCsv(["意见", "引号", "多选"], [row]))).toEqual([["意见", "引号", "多选"], row]);
  });

  it("puts an apostrophe before every cell that starts with = + - @ tab or CR, and quotes it", () => {
    const hostile = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "\t=1+1", "\r=1+1"];
    const csv = toCsv(
      ["h"],
      hostile.map((c) => [c]),
      { bom: false },
    );
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(lines[2]).toBe(`"'+1+2"`);
    expect(lines[3]).toBe(`"'-3"`);
    expect(lines[4]).toBe(`"'@SUM(A1)"`);
    expect(lines[5]).toBe(`"'\t=1+1"`);
    expect(parseBack(csv, { bom: false }).slice(1)).toEqual(hostile.map((c) => [`'${c}`]));
  });

  it("neutralises a formula that runs on past a line break (papaparse's own pattern misses it)", () => {
    const cells = ["=1+1\nsecond line", '=HYPERLINK("http://x")\r\nmore', "@cmd\n"];
    const ours = parseBack(
      toCsv(
        ["h"],
        cells.map((c) => [c]),
        { bom: false },
      ),
      { bom: false },
    ).slice(1);
    expect(ours).toEqual(cells.map((c) => [`'${c}`]));
    // the default pattern, /^[=+\-@\t\r].*$/ without the s flag, lets each of these through as a formula
    const theirs = Papa.parse<string[]>(
      Papa.unparse(
        cells.map((c) => [c]),
        { escapeFormulae: true, newline: "\r\n" },
      ),
      { newline: "\r\n" },
    ).data;
    expect(theirs.filter((r) => startsFormula(r[0]!))).toHaveLength(cells.length);
  });

  it("leaves a formula character alone when it is not the cell's first (after a space, a letter or a line break)", () => {
    const cells = ["a=b", " =1+1", "1-2", "x\n=1+1", "'=already text", "hello@example.com"];
    expect(
      parseBack(
        toCsv(
          ["h"],
          cells.map((c) => [c]),
          { bom: false },
        ),
        { bom: false },
      ).slice(1),
    ).toEqual(cells.map((c) => [c]));
  });

  it("neutralises header cells too", () => {
    expect(parseBack(toCsv(["=evil", "ok"], [["1", "2"]]))[0]).toEqual(["'=evil", "ok"]);
  });
});

describe("csvRows (streaming the rest of a file)", () => {
  it("writes rows only — no BOM, no header — each ending in CRLF, and nothing for no rows", () => {
    expect(csvRows([])).toBe("");
    expect(
      csvRows([
        ["1", "a,b"],
        ["=x", ""],
      ]),
    ).toBe(`1,"a,b"\r\n"'=x",\r\n`);
  });

  it("a header written alone then rows in batches give the same file as writing it in one go", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "中", ",", '"', "\n", "\r", "=", "-", " ", "\t", "'"), maxLength: 6 });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(cell, { minLength: width, maxLength: width }),
              fc.array(fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 4 }), { maxLength: 4 }),
            ),
          ),
        ([header, batches]) => {
          const streamed = toCsv(header, []) + batches.map((rows) => csvRows(rows)).join("");
          expect(streamed).toBe(toCsv(header, batches.flat()));
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe("toCsv and csvRows on arbitrary text", () => {
  // every character class that matters to CSV, often, plus anything at all
  const tricky = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", " ", "'", "\uFEFF", "中", "，", "a", "1");
  const cell = fc.oneof(
    fc.string({ unit: tricky, maxLength: 8 }),
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.string({ unit: "binary", maxLength: 8 }),
  );
  // A column is always headed by a question's title: a file of one empty
  // header cell and nothing else would be an empty line, which reads back as no row at all.
  const title = cell.filter((c) => c.length > 0);
  const table = fc
    .integer({ min: 1, max: 4 })
    .chain((width) =>
      fc.tuple(
        fc.array(title, { minLength: width, maxLength: width }),
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 5 }),
      ),
    );

  it("parse back to the same cells, formula cells with their apostrophe", () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        expect(parseBack(toCsv(header, rows))).toEqual([header, ...rows].map((r) => r.map(neutralised)));
        // as the export streams it: the header alone, then the rows
        expect(parseBack(toCsv(header, []) + csvRows(rows))).toEqual([header, ...rows].map((r) => r.map(neutralised)));
      }),
      { numRuns: runs(1000) },
    );
  });

  it("never give a spreadsheet a cell that starts a formula, and end lines only with CRLF", () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        const csv = toCsv(header, rows);
        for (const cell of parseBack(csv).flat()) expect(startsFormula(cell), JSON.stringify(cell)).toBe(false);
        expect(lineEndsOutsideQuotes(csv.slice(BOM.length)).every((e) => e === "\r\n")).toBe(true);
        expect(lineEndsOutsideQuotes(csv.slice(BOM.length))).toHaveLength(1 + rows.length);
      }),
      { numRuns: runs(1000) },
    );
  });
});

// Questions as src/lib/surveys/questions.ts reads them from a definition.
const spec = (
  name: string,
  type: QuestionSpec["type"],
  choices: QuestionSpec["choices"] = [],
  title: QuestionSpec["title"] = name,
): QuestionSpec => ({
  name,
  type,
  title,
  choices,
  maxLength: 0,
  maxSelected: 0,
  partialRanking: false,
  dependsOn: [],
});
const num = (n: number | null): StoredAnswer => ({ num: n, text: null, json: null });
const text = (t: string | null): StoredAnswer => ({ num: null, text: t, json: null });
const json = (values: unknown[] | null): StoredAnswer => ({ num: null, text: null, json: values === null ? null : JSON.stringify(values) });

const TEAM = spec(
  "team",
  "radiogroup",
  [
    { value: "phone", text: { default: "Phone", "zh-cn": "电话" } },
    { value: "chat", text: { default: "Chat", "zh-cn": "在线客服" } },
    { value: "plain", text: "Plain label" },
  ],
  { default: "Your team", "zh-cn": "你的团队" },
);
const SHIFT = spec("shift", "dropdown", [
  { value: 0, text: { default: "Early", "zh-cn": "早班" } },
  { value: 1, text: { default: "Late", "zh-cn": "晚班" } },
]);
const LOAD = spec("load", "checkbox", [
  { value: "calls", text: { default: "Calls", "zh-cn": "电话量" } },
  { value: "tickets", text: { default: "Tickets", "zh-cn": "工单" } },
  { value: "training", text: { default: "Training", "zh-cn": "培训" } },
]);
const PRIORITIES = spec("priorities", "ranking", [
  { value: "pay", text: { default: "Pay", "zh-cn": "薪酬" } },
  { value: "tools", text: { default: "Tools", "zh-cn": "工具" } },
  { value: "rota", text: { default: "Rota", "zh-cn": "排班" } },
]);
const MOOD = spec(
  "mood",
  "rating",
  [1, 2, 3, 4, 5].map((v) => ({ value: v, text: String(v) })),
);
const FAIR = spec("fair", "boolean");
const NOTE = spec("note", "text");
const COMMENT = spec("comment", "comment");

describe("formatAnswer", () => {
  const both = (q: QuestionSpec, a: StoredAnswer | undefined) => (["en", "zh-cn"] as Locale[]).map((l) => formatAnswer(q, a, l));

  it("leaves a question nobody answered empty, whatever its type", () => {
    for (const q of [TEAM, SHIFT, LOAD, PRIORITIES, MOOD, FAIR, NOTE, COMMENT]) expect(both(q, undefined)).toEqual(["", ""]);
    expect(both(MOOD, num(null))).toEqual(["", ""]);
    expect(both(FAIR, num(null))).toEqual(["", ""]);
    expect(both(LOAD, json(null))).toEqual(["", ""]);
    expect(both(COMMENT, text(null))).toEqual(["", ""]);
  });

  it("writes a rating as its number", () => {
    expect(both(MOOD, num(4))).toEqual(["4", "4"]);
    expect(formatAnswer(spec("nps", "rating", [{ value: 0, text: "0" }]), num(0), "en")).toBe("0");
  });

  it("writes yes/no in words in each language", () => {
    expect(both(FAIR, num(1))).toEqual(["Yes", "是"]);
    expect(both(FAIR, num(0))).toEqual(["No", "否"]);
  });

  it("writes a choice by its label in the language asked for (a plain-string label in both)", () => {
    expect(both(TEAM, text("phone"))).toEqual(["Phone", "电话"]);
    expect(both(TEAM, text("chat"))).toEqual(["Chat", "在线客服"]);
    expect(both(TEAM, text("plain"))).toEqual(["Plain label", "Plain label"]);
  });

  it("reads a numeric choice from num, 0 included, for dropdowns too", () => {
    expect(both(SHIFT, num(0))).toEqual(["Early", "早班"]);
    expect(both(SHIFT, num(1))).toEqual(["Late", "晚班"]);
  });

  it("writes a value no longer among the choices as the value itself, not as nothing", () => {
    expect(both(TEAM, text("retired"))).toEqual(["retired", "retired"]);
    expect(both(LOAD, json(["calls", "retired"]))).toEqual(["Calls; retired", "电话量; retired"]);
  });

  it("joins checkboxes with '; ' in the order stored", () => {
    expect(both(LOAD, json(["training", "calls"]))).toEqual(["Training; Calls", "培训; 电话量"]);
    expect(both(LOAD, json([]))).toEqual(["", ""]);
  });

  it("writes a ranking as 'a > b > c', first choice first", () => {
    expect(both(PRIORITIES, json(["tools", "pay", "rota"]))).toEqual(["Tools > Pay > Rota", "工具 > 薪酬 > 排班"]);
    expect(both(PRIORITIES, json(["rota"]))).toEqual(["Rota", "排班"]);
  });

  it("writes free text exactly as written, in either language", () => {
    const written = "The rota changes too late.\n排班通知太晚，=1+1";
    expect(both(NOTE, text(written))).toEqual([written, written]);
    expect(both(COMMENT, text(written))).toEqual([written, written]);
  });

  it("gives cells that survive the CSV writer: a hostile label is neutralised like any other cell", () => {
    const q = spec("q", "radiogroup", [{ value: "x", text: '=HYPERLINK("http://x")' }]);
    const cell = formatAnswer(q, text("x"), "en");
    expect(parseBack(toCsv(["q"], [[cell]]))[1]).toEqual([`'${cell}`]);
  });
});

describe("exportHeader", () => {
  it("heads each column with its question's title in the language asked for, in form order", () => {
    const columns = [TEAM, MOOD, spec("only", "text", [], "Plain title")];
    expect(exportHeader(columns, "en")).toEqual(["Your team", "mood", "Plain title"]);
    expect(exportHeader(columns, "zh-cn")).toEqual(["你的团队", "mood", "Plain title"]);
    expect(exportHeader([], "en")).toEqual([]);
  });
});
