// The custodian's hotlist feeds page (R6): each NCIC or California DOJ file the system imports, when it last did and
// with how many entries, whether the list is stale (its file older than the feed's window) or its last file was
// refused (naming the line), and a refresh now.
import { call } from "../api.js";
import { h, problem, replace, table, time } from "../view.js";

const LAYOUTS = {
  "ncic": "NCIC extract",
  "clew-svs": "CA DOJ stolen vehicles (svs)",
  "clew-sfr": "CA DOJ felony vehicles (sfr)",
  "clew-slr": "CA DOJ stolen plates (slr)",
};

export async function feedsPage() {
  const list = h("div", { "data-testid": "feeds" });
  const outcome = h("div", { "aria-live": "polite", "data-testid": "feed-outcome" });
  const show = async () => replace(list, table([
    ["Feed", f => h("strong", {}, f.name)], ["Layout", f => LAYOUTS[f.layout] || f.layout],
    ["File", f => h("code", {}, f.file)], ["Entries", f => String(f.entries)],
    ["File written", f => time(f.fileModifiedAt) || "never imported"],
    ["Last import", f => time(f.refreshedAt) || "never"], ["Last read", f => time(f.checkedAt) || "never"],
    ["State", f => f.stale ? h("span", { class: "flag", "data-testid": "stale" }, "stale")
      : f.failure ? h("span", { class: "flag" }, "last file refused") : "current"],
    ["Refused", f => f.failure ? h("span", { "data-testid": "failure" }, f.failure) : ""],
    ["", f => h("button", { type: "button", onclick: async () => {
      replace(outcome);
      try {
        const refreshed = await call("query", `/v1/hotlist-feeds/${encodeURIComponent(f.name)}/refresh`,
          { method: "POST" });
        replace(outcome, h("p", {}, `${refreshed.name}: ${refreshed.entries} entries in force.`));
      } catch (error) {
        replace(outcome, problem(error));
      }
      await show();
    } }, "Refresh now")],
  ], await call("query", "/v1/hotlist-feeds"), { empty: "No hotlist feed is configured (alpr.hotlist-feeds.feeds)." }));
  await show();
  return [
    h("h1", {}, "Hotlist feeds"),
    h("p", { class: "lead" }, "The state's and NCIC's hotlist files, read from their location on a schedule. Each "
      + "import replaces the feed's entries: a plate the new file no longer holds stops matching at once. A file that "
      + "does not fit its layout is refused whole and the last import stays in force. A feed is stale when the "
      + "newest file it imported is older than its window."),
    outcome, list,
  ];
}
