// The idea page's own script, a few kilobytes: the page explains what happens
// to an idea at once, and the form starts on a press
// (../surveyjs/start-on-press.ts) — or straight away when this tab holds a
// receipt issued here, so Back and reload show the receipt, never a blank form.
import { startOnPress } from "../surveyjs/start-on-press.ts";
import type { IdeaFormProps } from "./mount.tsx";
import { readIssued } from "./receipt-tab.ts";

export function initIdeaStart(root: HTMLElement): void {
  const props = JSON.parse(root.dataset.props ?? "{}") as IdeaFormProps;
  const start = root.querySelector<HTMLElement>("[data-idea-start]")!;
  const formRoot = root.querySelector<HTMLElement>("[data-idea-form]")!;
  startOnPress({
    button: start.querySelector<HTMLButtonElement>("button")!,
    status: start.querySelector<HTMLElement>("[role=status]")!,
    loading: root.dataset.loading ?? "",
    failed: root.dataset.failed ?? "",
    load: () => import("./mount.tsx"),
    mount: async ({ mountIdeaForm }, pressed) => {
      await mountIdeaForm(formRoot, { ...props, focusFirst: pressed });
      start.hidden = true;
      formRoot.hidden = false;
    },
    reloadKey: "idea-form",
    startNow: readIssued() !== null,
  });
}
