// Compliance staff's pages (R16-R18): searching and exporting the access log, verifying its hash chain and signed
// checkpoints, and the periodic audit runs with their findings and sign-off.
import { call, saveFile } from "../api.js";
import { ageBar, dailyBars, partsBar } from "../charts.js";
import { field, h, onSubmit, problem, replace, table, time, utc } from "../view.js";

const DAY_SECONDS = 86_400;

/**
 * Compliance staff's landing page: what the compliance report's figures say, drawn (R18). Searches per day by
 * purpose, refusals per day, the last 30 days' hotlist hits by disposition, and how long records have waited for a
 * signed checkpoint, all from the report's own evidence; each section's attention lines beside it.
 */
export async function overviewPage() {
  const report = await call("audit", "/v1/audit/report");
  const section = id => report.sections.find(candidate => candidate.id === id);
  const purpose = section("purpose");
  const hotlists = section("hotlists");
  const log = section("access-log");
  const days = purpose.evidence.daily;
  const purposes = [...new Set(days.flatMap(day => Object.keys(day.searchesByPurpose)))].sort();
  const hits = hotlists.evidence.dispositionsLast30Days;
  const checkpoint = log.evidence.latestCheckpoint;
  const unsignedSince = log.evidence.oldestUnsignedAt;
  const age = unsignedSince ? Math.max(0, (new Date(report.generatedAt) - new Date(unsignedSince)) / 1000) : 0;
  const attention = item => item.attention.length
    ? h("ul", { class: "attention" }, item.attention.map(line => h("li", { class: "flag" }, line))) : null;
  return [
    h("h1", {}, "Overview"),
    h("p", { class: "lead" }, `The compliance report's figures for ${report.policyTitle}, as of `,
      time(report.generatedAt), "; days are UTC days."),
    h("section", { "data-testid": "chart-searches" },
      h("h2", {}, `Searches per day, by purpose (last ${purpose.evidence.days} days)`),
      dailyBars(days.map(day => ({ day: day.day, values: day.searchesByPurpose })), purposes,
        { label: "Granted searches per day by purpose", testId: "searches-by-day" }),
      attention(purpose)),
    h("section", { "data-testid": "chart-refusals" },
      h("h2", {}, "Refused accesses to read data per day"),
      dailyBars(days.map(day => ({ day: day.day, values: { refused: day.refused } })), ["refused"],
        { label: "Refused accesses to read data per day", testId: "refusals-by-day" })),
    h("section", { "data-testid": "chart-hits" },
      h("h2", {}, `Hotlist hits in the last 30 days: ${hotlists.evidence.alertsLast30Days}`),
      partsBar([["confirmed", hits.confirmed], ["misread", hits.misread], ["dismissed", hits.dismissed],
        ["awaiting a disposition", hits.open]], { label: "Hotlist hits by disposition", testId: "hits-by-disposition" }),
      attention(hotlists)),
    h("section", { "data-testid": "chart-checkpoint" },
      h("h2", {}, "Records waiting for a signed checkpoint"),
      h("p", { "data-testid": "checkpoint-age" }, !unsignedSince ? "Every record is covered by a signed checkpoint."
        : `The oldest record no checkpoint covers has waited ${Math.round(age / 3600 * 10) / 10} hours`
          + (checkpoint ? ` (the newest checkpoint, ${checkpoint.number}, was signed ${time(checkpoint.signedAt)}).`
            : "; no checkpoint has been signed yet.")),
      ageBar(age, DAY_SECONDS, { label: "Hours the oldest unsigned record has waited, against a day",
        testId: "checkpoint-age-bar" }),
      attention(log)),
  ];
}

export async function auditLogPage() {
  const results = h("div", { "data-testid": "log-results" });
  const form = h("form", { class: "search", "data-testid": "log-search" },
    field("User", h("input", { name: "username" })),
    field("Action", h("input", { name: "action", placeholder: "read.search, or read.*" })),
    field("Outcome", h("select", { name: "outcome" }, h("option", { value: "" }, "any"),
      h("option", { value: "granted" }, "granted"), h("option", { value: "refused" }, "refused"))),
    field("Case number", h("input", { name: "caseNumber" })),
    field("Plate queried", h("input", { name: "plate" })),
    field("Purpose", h("input", { name: "purpose" })),
    field("From (UTC)", h("input", { name: "from", type: "datetime-local" })),
    field("To (UTC)", h("input", { name: "to", type: "datetime-local" })),
    h("button", { type: "submit" }, "Search the log"),
    h("button", { type: "button", onclick: async () => {
      try {
        saveFile(await call("audit", "/v1/audit/events.csv", { query: filter(), response: "blob" }), "access-log.csv");
      } catch (error) {
        replace(results, problem(error));
      }
    } }, "Export as CSV"));
  const filter = () => {
    const criteria = Object.fromEntries(new FormData(form));
    return { ...criteria, from: utc(criteria.from), to: utc(criteria.to) };
  };
  const show = async before => {
    const page = await call("audit", "/v1/audit/events", { query: { ...filter(), before, limit: 100 } });
    replace(results, table([
      ["#", e => String(e.seq)], ["When", e => time(e.occurredAt)], ["Service", e => e.service],
      ["Action", e => e.action], ["Outcome", e => e.outcome === "refused"
        ? h("span", { "data-testid": "refusal" }, h("span", { class: "flag" }, "refused"),
          e.reason ? h("span", { class: "reason" }, ` ${e.reason}`) : null)
        : e.outcome],
      ["User", e => `${e.username ?? ""}${e.agency ? ` (${e.agency})` : ""}`], ["Purpose", e => e.purpose ?? ""],
      ["Case", e => e.caseNumber ?? ""], ["Queried", e => queried(e.dataElements)],
      ["Results", e => e.resultCount ?? ""], ["From", e => e.clientAddress ?? ""],
    ], page.records, { empty: "No record matches.", testId: "log-records" }),
    page.before ? h("button", { type: "button", onclick: () => show(page.before).catch(error =>
      replace(results, problem(error))) }, "Older records") : null);
  };
  onSubmit(form, () => show());
  await show();
  return [h("h1", {}, "Access log"), h("p", { class: "lead" }, "Every access to the data, granted or refused, newest"
    + " first."), form, results];
}

/**
 * What the logged data elements are called on screen, in the order they are shown (the log keeps them as jsonb, which
 * orders keys by length); others follow, their names in words.
 */
const ELEMENT_LABELS = {
  plate: "Plate", match: "Match", from: "From", to: "To", cameraIds: "Cameras", center: "Area centre",
  radiusMeters: "Radius (m)", polygon: "Area", vehicle: "Vehicle", priorReadsOf: "Prior reads of entry",
  alertId: "Alert", readIds: "Reads", plates: "Plates", hotlistId: "Hotlist", entryId: "Entry", caseNumber: "Case",
  purpose: "Purpose", cursor: "Page after", expiresAt: "Expires", format: "Format", feed: "Feed",
  eventTime: "At Keycloak", client: "Client", credential_type: "Credential type", grant_type: "Grant",
  auth_method: "Protocol", resourceType: "Changed", resourcePath: "Resource", adminClient: "Admin client",
  keycloakEvent: "Keycloak event",
};

/** The data elements a record logs, as labelled fields: what was asked for, readable in court, not JSON. */
function queried(elements) {
  const order = Object.keys(ELEMENT_LABELS);
  const rank = name => order.includes(name) ? order.indexOf(name) : order.length;
  const entries = Object.entries(elements ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) {
    return "";
  }
  return h("dl", { class: "elements", "data-testid": "queried" }, entries.flatMap(([name, value]) => [
    h("dt", {}, ELEMENT_LABELS[name] ?? words(name)), h("dd", {}, readable(name, value))]));
}

function words(name) {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function readable(name, value) {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return time(value);
  }
  if (Array.isArray(value)) {
    return name === "polygon" ? `${value.length} corners` : value.map(item => readable(name, item)).join(", ");
  }
  if (typeof value === "object") {
    return Object.entries(value).map(([key, inner]) => `${words(key)}: ${readable(key, inner)}`).join("; ");
  }
  return String(value);
}

export async function verifyPage() {
  const outcome = h("div", { "data-testid": "verification" });
  const verify = async () => {
    replace(outcome, h("p", {}, "Recomputing the chain…"));
    const result = await call("audit", "/v1/audit/verify");
    replace(outcome, 
      h("p", { class: result.intact ? "success" : "flag", "data-testid": "verdict" }, result.intact
        ? "Intact: no record was altered, removed, inserted or reordered, and every signed checkpoint matches."
        : `Broken: ${result.breaks.length} problem(s) found.`),
      h("dl", {},
        h("dt", {}, "Records checked"),
        h("dd", {}, `${result.records} (${result.firstSeq ?? "-"} to ${result.lastSeq ?? "-"})`),
        h("dt", {}, "Chain head"), h("dd", {}, h("code", { class: "wrap" }, result.headHash ?? "")),
        h("dt", {}, "Signed checkpoints matched"), h("dd", {}, String(result.checkpoints)),
        h("dt", {}, "Verified"), h("dd", {}, `${time(result.verifiedAt)} in ${result.durationMs} ms`)),
      table([["Kind", b => b.kind], ["Record", b => b.seq ?? ""], ["Checkpoint", b => b.checkpoint ?? ""],
        ["Detail", b => b.detail]], result.breaks, { empty: "" }));
  };
  const sign = h("div", {});
  await verify();
  return [
    h("h1", {}, "Verify the access log"),
    h("p", { class: "lead" }, "Each record's hash covers the one before it; signed checkpoints pin the chain's head."),
    h("button", { type: "button", onclick: () => verify().catch(error => replace(outcome, problem(error))) },
      "Verify again"),
    h("button", { type: "button", onclick: async () => {
      try {
        const checkpoint = await call("audit", "/v1/audit/checkpoints", { method: "POST" });
        replace(sign, h("p", { class: "success" }, `Checkpoint ${checkpoint.number} signed at record`
          + ` ${checkpoint.seq}.`));
      } catch (error) {
        replace(sign, problem(error));
      }
    } }, "Sign a checkpoint now"),
    outcome, sign,
  ];
}

export async function auditRunsPage() {
  const runs = h("div", {});
  const detail = h("div", { "data-testid": "run-detail" });
  const refresh = async () => replace(runs, table([
    ["Period", r => `${time(r.periodFrom)} to ${time(r.periodTo)}`],
    ["Started", r => `${time(r.startedAt)} by ${r.scheduled ? "the schedule" : r.startedBy}`],
    ["Examined", r => String(r.recordsExamined)],
    ["Flagged", r => Object.entries(r.flagged).map(([kind, n]) => `${kind} ${n}`).join(", ") || "nothing"],
    ["Signed off", r => r.signedOffAt ? `${time(r.signedOffAt)} by ${r.signedOffBy}` : "open"],
    ["", r => h("button", { type: "button", onclick: () => openRun(r.id) }, "Open")],
  ], await call("audit", "/v1/audit/runs"), { empty: "No audit run yet.", testId: "runs" }));
  const openRun = async id => {
    try {
      const run = await call("audit", `/v1/audit/runs/${id}`);
      replace(detail, runView(run, async () => {
        await refresh();
        await openRun(id);
      }));
    } catch (error) {
      replace(detail, problem(error));
    }
  };
  await refresh();
  const form = h("form", { "data-testid": "new-run" },
    field("From (UTC)", h("input", { name: "from", type: "datetime-local", required: true })),
    field("To (UTC)", h("input", { name: "to", type: "datetime-local", required: true })),
    field("Sample size", h("input", { name: "sampleSize", type: "number", min: 0, max: 1000, value: 25 })),
    h("button", { type: "submit" }, "Start the run"));
  return [
    h("h1", {}, "Audit runs"),
    h("p", { class: "lead" }, "A run samples a period's accesses and flags vague purposes, off-hours use, unusual"
      + " volume and missing case numbers for a reviewer."),
    runs, h("h2", {}, "Start a run"),
    onSubmit(form, async period => {
      const run = await call("audit", "/v1/audit/runs", { method: "POST", json: {
        from: utc(period.from), to: utc(period.to),
        sampleSize: period.sampleSize === undefined ? undefined : Number(period.sampleSize) } });
      await refresh();
      await openRun(run.id);
    }),
    detail,
  ];
}

function runView(run, refresh) {
  const finding = h("form", { "data-testid": "new-finding" },
    field("Record (optional)", h("input", { name: "seq", type: "number", min: 1 })),
    field("Severity", h("select", { name: "severity" }, ["observation", "concern", "violation"]
      .map(severity => h("option", { value: severity }, severity)))),
    field("Finding", h("textarea", { name: "finding", required: true, rows: 2 })),
    h("button", { type: "submit" }, "Record the finding"));
  const signOff = h("form", { "data-testid": "sign-off" },
    field("Conclusion", h("textarea", { name: "conclusion", required: true, rows: 2 })),
    h("button", { type: "submit" }, "Sign off"));
  return h("section", { class: "record" },
    h("h2", {}, `Run of ${time(run.periodFrom)} to ${time(run.periodTo)}`),
    h("p", {}, `Seed ${run.seed}; ${run.recordsExamined} records examined; ${run.sampleSize} sampled.`),
    h("h3", {}, "Sampled and flagged accesses"),
    table([["Kind", i => i.kind], ["Record", i => String(i.seq)], ["Detail", i => i.detail]], run.items,
      { empty: "Nothing sampled or flagged." }),
    h("h3", {}, "Findings"),
    table([["Severity", f => f.severity], ["Record", f => f.seq ?? ""], ["Finding", f => f.finding],
      ["By", f => `${f.recordedBy}, ${time(f.recordedAt)}`]], run.findings,
    { empty: "No finding yet.", testId: "findings" }),
    run.signedOffAt
      ? h("p", { class: "success", "data-testid": "signed-off" }, `Signed off by ${run.signedOffBy} on`
        + ` ${time(run.signedOffAt)}: ${run.conclusion}`)
      : [onSubmit(finding, async made => {
        await call("audit", `/v1/audit/runs/${run.id}/findings`, { method: "POST",
          json: { ...made, seq: made.seq === undefined ? undefined : Number(made.seq) } });
        await refresh();
      }), onSubmit(signOff, async conclusion => {
        await call("audit", `/v1/audit/runs/${run.id}/sign-off`, { method: "POST", json: conclusion });
        await refresh();
      })]);
}

/**
 * The reports handed out under the Public Records Act (R32): yearly totals on screen, and for a period the access
 * log, the agencies reads were shared with and the hotlists' sources, as CSV or JSON.
 */
export async function publicRecordsPage() {
  const totals = await call("audit", "/v1/audit/public-records/yearly-totals");
  const purposes = [...new Set(totals.years.flatMap(year => Object.keys(year.searchesByPurpose)))].sort();
  const year = new Date().getUTCFullYear();
  const outcome = h("div", { "data-testid": "records-outcome" });
  const form = h("form", { class: "search", "data-testid": "records-period" },
    field("From (UTC)", h("input", { name: "from", type: "datetime-local", value: `${year}-01-01T00:00` })),
    field("To (UTC)", h("input", { name: "to", type: "datetime-local", value: `${year + 1}-01-01T00:00` })));
  const period = () => {
    const chosen = Object.fromEntries(new FormData(form));
    return { from: utc(chosen.from), to: utc(chosen.to) };
  };
  const download = (label, path, fileName, query) => h("button", { type: "button", onclick: async () => {
    try {
      saveFile(await call("audit", path, { query: query ? period() : undefined, response: "blob" }), fileName);
      replace(outcome, h("p", { class: "success" }, `${fileName} saved.`));
    } catch (error) {
      replace(outcome, problem(error));
    }
  } }, label);
  const reports = "/v1/audit/public-records";
  return [
    h("h1", {}, "Public records"),
    h("p", { class: "lead" }, "What a records request asks of an ALPR system. The reports name people, plates and"
      + " cases: redact what the law withholds before releasing them."),
    h("h2", {}, "Yearly totals"),
    table([["Year", y => String(y.year)], ["Reads collected", y => String(y.readsCollected)],
      ["Hotlist hits", y => String(y.hotlistHits)], ["Searches", y => String(y.searches)],
      ...purposes.map(purpose => [`Searches: ${purpose}`, y => String(y.searchesByPurpose[purpose] ?? 0)])],
    totals.years, { empty: "Nothing counted yet.", testId: "yearly-totals" }),
    h("p", {}, `Searches are counted from the access log, held from ${totals.accessLogHeldFrom ?? "-"}; reads and`
      + ` hits of purged days from what the purge recorded${totals.purgesCountedFrom
        ? `, from ${totals.purgesCountedFrom}` : ""}.`),
    download("Yearly totals (CSV)", `${reports}/yearly-totals.csv`, "yearly-totals.csv", false),
    download("Yearly totals (JSON)", `${reports}/yearly-totals`, "yearly-totals.json", false),
    h("h2", {}, "For a period"),
    form,
    download("Access log (CSV)", `${reports}/access-log.csv`, "access-log.csv", true),
    download("Access log (JSON)", `${reports}/access-log`, "access-log.json", true),
    download("Reads shared (CSV)", `${reports}/sharing/reads.csv`, "reads-shared.csv", true),
    download("Hotlist sources (CSV)", `${reports}/sharing/hotlists.csv`, "hotlist-sources.csv", true),
    download("Sharing report (JSON)", `${reports}/sharing`, "sharing.json", true),
    outcome,
  ];
}
