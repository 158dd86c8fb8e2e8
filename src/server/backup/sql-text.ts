// SQL text for a backup file, where every statement is one line: a reader
// splits the file at line breaks, without parsing SQL, and a truncated file
// can only lose whole statements (the last line says how many there are).
//
// Two things put line breaks into SQL: the CREATE statements as written in
// the migrations (with their comments), and text values.

/**
 * The statement on one line: comments dropped, every run of white space
 * outside quotes made one space. Quoted text ('…', "…", `…`, […]) is kept
 * byte for byte, so a line break inside a string literal would stay: the
 * statements this is used on (sqlite_master's) have none.
 */
export function oneLine(sql: string): string {
  let out = "";
  let i = 0;
  const space = () => {
    if (out.length > 0 && !out.endsWith(" ")) out += " ";
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
      space();
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
      space();
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === close) {
          if (close !== "]" && sql[j + 1] === close) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c)) {
      space();
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out.trim();
}

/**
 * A value as SQLite's quote() wrote it, with line breaks inside text taken
 * out of the literal: 'a\nb' becomes 'a'||char(10)||'b', the same text.
 * quote() writes text as one literal and nothing else with a line break,
 * so every CR or LF is inside one.
 */
export function literalOnOneLine(quoted: string): string {
  return quoted.replace(/\r/g, "'||char(13)||'").replace(/\n/g, "'||char(10)||'");
}

/** An identifier in double quotes. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
