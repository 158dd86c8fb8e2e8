// "You answered this survey on this device": a mark this browser keeps once
// the server has confirmed a response, so coming back shows that instead of
// a blank form.
// It holds nothing but the survey and its version — no answers, no date, no
// id — and is never sent anywhere. Like the draft, it lives in this browser
// session unless the person said this is their own device, so the next
// person at a shared computer is not told someone answered.
export type AnsweredPlace = "session" | "device";

function key(surveyId: string, version: number): string {
  return `candor:survey:${surveyId}:v${version}:answered`;
}

function stores(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(sessionStorage);
  } catch {
    // blocked
  }
  try {
    out.push(localStorage);
  } catch {
    // blocked
  }
  return out;
}

export function answeredHere(surveyId: string, version: number): boolean {
  return stores().some((s) => {
    try {
      return s.getItem(key(surveyId, version)) === "1";
    } catch {
      return false;
    }
  });
}

/** Marks the survey answered here. */
export function markAnswered(surveyId: string, version: number, place: AnsweredPlace): void {
  try {
    (place === "device" ? localStorage : sessionStorage).setItem(key(surveyId, version), "1");
  } catch {
    // storage blocked: the page still shows the thank-you now, only not on the next visit
  }
}

/** "Someone else on this device": forget the mark, so the form shows again. */
export function forgetAnswered(surveyId: string, version: number): void {
  for (const s of stores()) {
    try {
      s.removeItem(key(surveyId, version));
    } catch {
      // nothing to forget
    }
  }
}
