// A survey definition Candor cannot take, said with a code and the question
// it concerns as well as in English: the build prints the message, the HR
// console words the code in HR's language (src/lib/surveys/check.ts).
export type DefinitionCode =
  | "question_type"
  | "question_name"
  | "question_twice"
  | "choices_extra"
  | "no_choices"
  | "boolean_values"
  | "input_type"
  | "no_questions"
  | "segment_missing"
  | "segment_type"
  | "segment_logic";

export class DefinitionError extends Error {
  readonly code: DefinitionCode;
  /** The question (or segment) it is about; "" for the whole survey. */
  readonly question: string;
  readonly params: Record<string, string>;

  constructor(code: DefinitionCode, question: string, message: string, params: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.question = question;
    this.params = params;
  }
}
