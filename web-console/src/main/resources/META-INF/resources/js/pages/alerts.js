// Hotlist hits as they happen (R7): the open alerts you receive, new ones live from the stream, a person's
// disposition, and answering one: its read, and for officers its export, under the policy's purpose for answering
// an alert (R29), which reaches that alert's read only.
import { call, stream } from "../api.js";
import { hasAnyRole } from "../auth.js";
import { alertPurpose, purposeQuery, statedPurpose } from "../purpose.js";
import { h, problem, replace, table, time } from "../view.js";
import { exportButton, showRead } from "./search.js";

let subscription = null;

export async function alertsPage() {
  subscription?.abort();
  subscription = new AbortController();
  const status = h("p", { class: "live", "data-testid": "stream-status" }, "Connecting to the live feed…");
  const list = h("div", {});
  const answer = h("div", { class: "detail", "data-testid": "alert-answer" });
  const answering = await alertPurpose();
  const alerts = new Map((await call("query", "/v1/alerts", { query: { open: true } })).map(a => [a.id, a]));
  const render = () => replace(list, table([
    ["Raised", alert => time(alert.raisedAt)],
    ["Plate", alert => h("span", { class: "plate" }, alert.plate)],
    ["Hotlist", alert => `${alert.hotlist} (${alert.kind})`],
    ["Reason", alert => alert.reason],
    ["Camera", alert => `${alert.cameraId}${alert.site ? `, ${alert.site}` : ""}`],
    ["Case", alert => alert.caseNumber ?? ""],
    ["Match", alert => alert.matchKind === "plate" ? "plate" : h("span", { class: "flag" }, alert.matchKind)],
    ["", alert => h("button", { type: "button", onclick: () => openAlert(alert) }, "Open the read")],
    ["Disposition", alert => alert.disposition ? `${alert.disposition} by ${alert.disposedBy}`
      : dispositionButtons(alert)],
  ], [...alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)),
  { empty: "No open alert.", testId: "alerts" }));

  function dispositionButtons(alert) {
    const outcome = h("span", {});
    const decide = disposition => async () => {
      try {
        alerts.set(alert.id, await call("query", `/v1/alerts/${alert.id}/disposition`, { method: "POST",
          json: { disposition } }));
        render();
      } catch (error) {
        replace(outcome, problem(error));
      }
    };
    return h("span", { class: "buttons" },
      h("button", { type: "button", onclick: decide("confirmed") }, "Confirmed"),
      h("button", { type: "button", onclick: decide("misread") }, "Misread"),
      h("button", { type: "button", onclick: decide("dismissed") }, "Dismissed"), outcome);
  }

  /** The alert's read: answering it where the policy has such a purpose, else under the purpose stated on Search. */
  async function openAlert(alert) {
    const query = answering ? { purpose: answering, alertId: alert.id } : purposeQuery();
    if (!query.purpose) {
      replace(answer, h("p", {}, "State a purpose and case number on the Search page to open this read."));
      return;
    }
    const read = h("div", {});
    replace(answer, h("h2", {}, `Alert on ${alert.plate}`), read,
      hasAnyRole(["sheriff-officer"]) ? exportButton("Export this read as evidence", () => answering
        ? { purpose: answering, alertId: alert.id, readIds: [alert.readId] }
        : { ...statedPurpose(), readIds: [alert.readId] }) : null);
    await showRead(read, alert.readId, query);
  }

  render();
  const signal = subscription.signal;
  stream("query", "/v1/alerts/stream", {
    signal,
    onOpen: () => replace(status, "Live: new hits appear here as they are read."),
    onEvent: alert => {
      alerts.set(alert.id, alert);
      render();
    },
  }).then(() => replace(status, "The live feed ended (your sign-in expired); reload to resume."),
    error => signal.aborted || replace(status, problem(error)));
  window.addEventListener("hashchange", () => subscription?.abort(), { once: true });
  return [h("h1", {}, "Alerts"), status, list, answer];
}
