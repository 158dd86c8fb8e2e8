// The idea form's Turnstile widget and its token. A token verifies once: the
// server's siteverify call spends it, so after any send that did not succeed
// the form must ask the widget for a fresh one instead of resending the spent
// token (which would be refused with 403 until the page was reloaded).

export interface TurnstileApi {
  render(
    el: HTMLElement,
    options: {
      sitekey: string;
      language?: string;
      callback: (token: string) => void;
      "expired-callback": () => void;
      "error-callback": () => void;
    },
  ): string | undefined;
  reset(widgetId?: string): void;
}

export class TurnstileGate {
  #api: TurnstileApi | undefined;
  #widgetId: string | undefined;
  #token: string | undefined;

  /** Draws the widget; its callbacks keep the current token, or none once it expired or failed. */
  mount(api: TurnstileApi, el: HTMLElement, sitekey: string, language?: string): void {
    this.#api = api;
    this.#widgetId = api.render(el, {
      sitekey,
      language,
      callback: (token) => (this.#token = token),
      "expired-callback": () => (this.#token = undefined),
      "error-callback": () => (this.#token = undefined),
    });
  }

  /** The token to send, or undefined while the challenge is not (or no longer) passed. */
  get token(): string | undefined {
    return this.#token;
  }

  /** After a send that did not succeed: forget the (possibly spent) token and have the widget issue a new one. */
  spent(): void {
    this.#token = undefined;
    if (this.#api && this.#widgetId !== undefined) this.#api.reset(this.#widgetId);
  }
}
