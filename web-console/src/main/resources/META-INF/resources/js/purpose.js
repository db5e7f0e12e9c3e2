// Why the person is looking (R9): every search, read and image view states a purpose from the policy and, where
// the purpose needs it, a case number. The console asks once and shows it on every page that uses it.
import { h, field, onSubmit } from "./view.js";
import { policy } from "./policy.js";

let stated = null;

/** The purpose and case number stated for this session, or null before the prompt was answered. */
export function statedPurpose() {
  return stated;
}

/**
 * The prompt: the policy's purposes, and a case number. The services judge it; the console only remembers it and
 * sends it with each access. A purpose that answers one hotlist alert is stated from that alert (Alerts), not here.
 */
export async function purposePrompt(onStated) {
  const purposes = (await policy()).purposes.filter(p => !p.answersAlert);
  const answering = (await policy()).purposes.filter(p => p.answersAlert).map(p => p.name);
  const form = h("form", { class: "purpose", "data-testid": "purpose-prompt" },
    h("p", {}, "Every search and every view of a read is logged with its purpose and case number."),
    answering.length ? h("p", {}, `To answer a hotlist alert (${answering.join(", ")}), open it from Alerts.`) : null,
    field("Purpose", h("select", { name: "purpose", required: true },
      purposes.map(p => h("option", { value: p.name, selected: stated?.purpose === p.name },
        `${p.name}${p.requiresCaseNumber ? " (case number required)" : ""}`)))),
    field("Case number", h("input", { name: "caseNumber", value: stated?.caseNumber ?? "",
      placeholder: "e.g. RSO-2026-00412", autocomplete: "off" })),
    h("button", { type: "submit" }, "Use this purpose"));
  return onSubmit(form, async answer => {
    stated = { purpose: answer.purpose, caseNumber: answer.caseNumber };
    await onStated(stated);
  });
}

/** A line saying under which purpose and case the page works, with a way to change it. */
export function purposeBanner(onChange) {
  return h("p", { class: "banner", "data-testid": "purpose-banner" },
    "Purpose ", h("strong", {}, stated.purpose),
    stated.caseNumber ? [", case ", h("strong", {}, stated.caseNumber)] : ", no case number",
    " ", h("button", { type: "button", class: "link", onclick: onChange }, "change"));
}

/** The purpose and case number as query parameters of a read or image view. */
export function purposeQuery() {
  return { purpose: stated?.purpose, caseNumber: stated?.caseNumber };
}

/** The policy's purpose that answers one hotlist alert, if it has one. */
export async function alertPurpose() {
  return (await policy()).purposes.find(p => p.answersAlert)?.name ?? null;
}
