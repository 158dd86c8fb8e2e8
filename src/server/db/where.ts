// A WHERE clause built from optional filters with numbered parameters (?1,
// ?2 …), numbered in the order they are added after any leading ones.
export class Where {
  readonly params: (string | number)[];
  private readonly clauses: string[] = [];

  constructor(...leading: (string | number)[]) {
    this.params = [...leading];
  }

  /** `sql` receives the numbers its values were given, e.g. (n) => `status = ?${n}`. */
  add(sql: (...numbers: number[]) => string, ...values: (string | number)[]): void {
    this.clauses.push(sql(...values.map((v) => this.params.push(v))));
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(" AND ")}` : "";
  }
}
