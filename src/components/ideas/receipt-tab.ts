// The receipt code inside one browser tab. A receipt is the only way back to
// an idea, so it must survive the author's next click: the receipt page hands
// it to the tracking page through this tab's sessionStorage (never a URL,
// never localStorage, gone when the tab closes), Back shows the receipt page
// again instead of a blank form, and both pages ask before they let the
// person leave with a code they have not saved. The tracking page also keeps
// a code it looked up here, so a reload does not ask for it again.

/** The code the tracking page looks up on arrival. */
const RECEIPT_KEY = "candor.ideas.receipt";
/** A receipt just issued on the idea form, with what the receipt page says about it. */
const ISSUED_KEY = "candor.ideas.issued";

export interface IssuedReceipt {
  receipt: string;
  /** The day HR promises a first answer by, and the promise in days (from the server). */
  acknowledgeBy?: string;
  acknowledgeWithinDays?: number;
  /** Ticked "I have saved my code", copied it or downloaded it. */
  saved: boolean;
}

// sessionStorage can be blocked (privacy settings): the pages then keep the code in memory only.
function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // not kept
  }
}

export const tabReceipt = {
  get: (): string | null => read(RECEIPT_KEY),
  set: (receipt: string): void => write(RECEIPT_KEY, receipt),
  clear: (): void => write(RECEIPT_KEY, null),
};

export function readIssued(): IssuedReceipt | null {
  try {
    const parsed = JSON.parse(read(ISSUED_KEY) ?? "null") as Partial<IssuedReceipt> | null;
    if (!parsed || typeof parsed.receipt !== "string") return null;
    return {
      receipt: parsed.receipt,
      acknowledgeBy: typeof parsed.acknowledgeBy === "string" ? parsed.acknowledgeBy : undefined,
      acknowledgeWithinDays: typeof parsed.acknowledgeWithinDays === "number" ? parsed.acknowledgeWithinDays : undefined,
      saved: parsed.saved === true,
    };
  } catch {
    return null;
  }
}

/** Keeps a freshly issued receipt in the tab and hands it to the tracking page. */
export function keepIssued(issued: IssuedReceipt): void {
  write(ISSUED_KEY, JSON.stringify(issued));
  tabReceipt.set(issued.receipt);
}

/** The person saved the code (ticked, copied or downloaded): no more asking before they leave. */
export function markSaved(receipt: string): void {
  const issued = readIssued();
  if (issued?.receipt === receipt) write(ISSUED_KEY, JSON.stringify({ ...issued, saved: true }));
}

/** Forgets the issued receipt (and, with `everywhere`, the tracking page's code too). */
export function forgetIssued(everywhere = false): void {
  write(ISSUED_KEY, null);
  if (everywhere) tabReceipt.clear();
}
