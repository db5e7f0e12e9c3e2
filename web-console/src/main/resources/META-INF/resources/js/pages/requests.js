// Law-enforcement requests (R10): officers file them for a case and follow them; the custodian decides.
import { call } from "../api.js";
import { hasAnyRole } from "../auth.js";
import { field, h, onSubmit, problem, replace, table, time } from "../view.js";
import { policy } from "../policy.js";

export async function requestsPage() {
  const custodian = hasAnyRole(["city-manager"]);
  const list = h("div", {});
  const refresh = async () => replace(list, requestTable(await call("query", "/v1/requests"), custodian,
    refresh));
  await refresh();
  return [
    h("h1", {}, "Law-enforcement requests"),
    h("p", { class: "lead" }, custodian ? "Requests for access to the data of a case. An approval opens that case to"
      + " the officer who filed it, for the purpose stated, until it expires."
      : "Your requests for access to a case's data; the custodian decides."),
    list,
    custodian ? null : [h("h2", {}, "File a request"), await newRequestForm(refresh)],
  ];
}

function requestTable(requests, custodian, refresh) {
  return table([
    ["Case", r => r.caseNumber],
    ["Purpose", r => r.purpose],
    ["Filed", r => `${time(r.requestedAt)} by ${r.requestedBy} (${r.agency})`],
    ["Justification", r => r.justification],
    ["Decision", r => r.approved === null || r.approved === undefined
      ? (custodian ? decisionForm(r, refresh) : "pending")
      : `${r.approved ? "approved" : "denied"} by ${r.decidedBy}${r.expiresAt ? `, until ${time(r.expiresAt)}` : ""}`],
  ], requests, { empty: "No request.", testId: "requests" });
}

function decisionForm(request, refresh) {
  const outcome = h("span", {});
  const days = h("input", { type: "number", min: 1, max: 90, value: 30, "aria-label": "days the approval lasts",
    class: "narrow" });
  const decide = approved => async () => {
    try {
      await call("query", `/v1/requests/${request.id}/decision`, { method: "POST",
        json: { approved, validDays: Number(days.value) } });
      await refresh();
    } catch (error) {
      replace(outcome, problem(error));
    }
  };
  return h("span", { class: "buttons" }, days, " days ",
    h("button", { type: "button", onclick: decide(true) }, "Approve"),
    h("button", { type: "button", onclick: decide(false) }, "Deny"), outcome);
}

async function newRequestForm(refresh) {
  const purposes = (await policy()).purposes;
  const form = h("form", { "data-testid": "new-request" },
    field("Case number", h("input", { name: "caseNumber", required: true, autocomplete: "off" })),
    field("Purpose", h("select", { name: "purpose" }, purposes.map(p => h("option", { value: p.name }, p.name)))),
    field("Justification", h("textarea", { name: "justification", required: true, rows: 3 })),
    h("button", { type: "submit" }, "File the request"));
  return onSubmit(form, async request => {
    await call("query", "/v1/requests", { method: "POST", json: request });
    form.reset();
    await refresh();
  });
}
