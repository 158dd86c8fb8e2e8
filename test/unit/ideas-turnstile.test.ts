import { describe, expect, it } from "vitest";
import { TurnstileGate, type TurnstileApi } from "#components/ideas/turnstile.ts";

type Options = Parameters<TurnstileApi["render"]>[1];

/** A stand-in for Cloudflare's widget: records resets and lets the test fire its callbacks. */
function fakeTurnstile(widgetId = "cf-widget-7") {
  const calls = { resets: [] as (string | undefined)[], options: undefined as Options | undefined };
  const api: TurnstileApi = {
    render: (_el, options) => {
      calls.options = options;
      return widgetId;
    },
    reset: (id) => calls.resets.push(id),
  };
  return { api, calls };
}

const el = {} as HTMLElement;

describe("the idea form's Turnstile token", () => {
  it("holds the token the widget issued", () => {
    const { api, calls } = fakeTurnstile();
    const gate = new TurnstileGate();
    gate.mount(api, el, "1x00000000000000000000AA", "zh-cn");
    expect(calls.options).toMatchObject({ sitekey: "1x00000000000000000000AA", language: "zh-cn" });
    expect(gate.token).toBeUndefined();
    calls.options!.callback("token-1");
    expect(gate.token).toBe("token-1");
  });

  it("after a failed send, drops the spent token and resets that widget, so the next send carries a fresh one", () => {
    const { api, calls } = fakeTurnstile("cf-widget-7");
    const gate = new TurnstileGate();
    gate.mount(api, el, "key");
    calls.options!.callback("token-1");
    gate.spent();
    expect(gate.token).toBeUndefined();
    expect(calls.resets).toEqual(["cf-widget-7"]);
    calls.options!.callback("token-2");
    expect(gate.token).toBe("token-2");
  });

  it("forgets the token when it expires or the widget fails", () => {
    const { api, calls } = fakeTurnstile();
    const gate = new TurnstileGate();
    gate.mount(api, el, "key");
    calls.options!.callback("token-1");
    calls.options!["expired-callback"]();
    expect(gate.token).toBeUndefined();
    calls.options!.callback("token-2");
    calls.options!["error-callback"]();
    expect(gate.token).toBeUndefined();
  });

  it("is harmless before the widget is drawn (script blocked or not loaded yet)", () => {
    const gate = new TurnstileGate();
    expect(() => gate.spent()).not.toThrow();
    expect(gate.token).toBeUndefined();
  });
});
