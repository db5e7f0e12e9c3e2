// Hotlist hits as they happen (R7): the open alerts, new ones live from the stream, and a person's disposition.
import { call, stream } from "../api.js";
import { h, problem, replace, table, time } from "../view.js";

let subscription = null;

export async function alertsPage() {
  subscription?.abort();
  subscription = new AbortController();
  const status = h("p", { class: "live", "data-testid": "stream-status" }, "Connecting to the live feed…");
  const list = h("div", {});
  const alerts = new Map((await call("query", "/v1/alerts", { query: { open: true } })).map(a => [a.id, a]));
  const render = () => replace(list, table([
    ["Raised", alert => time(alert.raisedAt)],
    ["Plate", alert => h("span", { class: "plate" }, alert.plate)],
    ["Hotlist", alert => `${alert.hotlist} (${alert.kind})`],
    ["Reason", alert => alert.reason],
    ["Camera", alert => `${alert.cameraId}${alert.site ? `, ${alert.site}` : ""}`],
    ["Match", alert => alert.exactMatch ? "exact" : "look-alike"],
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
  return [h("h1", {}, "Alerts"), status, list];
}
