// Searching reads for a stated purpose (R9), seeing them on a map and a timeline, viewing a read and its images,
// and acting on chosen reads: an evidence export for officers (R12, R13), sharing for the custodian (R14).
import { call, saveFile } from "../api.js";
import { hasAnyRole } from "../auth.js";
import { field, h, localValue, onSubmit, problem, replace, table, time, utc } from "../view.js";
import { readsMap, readsTimeline } from "../charts.js";
import { purposeBanner, purposePrompt, purposeQuery, statedPurpose } from "../purpose.js";
import { policy } from "../policy.js";
import { settings } from "../settings.js";

export async function searchPage() {
  const page = h("div", {});
  const askForPurpose = async () => replace(page, h("h1", {}, "Search reads"), await purposePrompt(showSearch));
  const showSearch = () => replace(page, ...searchView(askForPurpose));
  if (statedPurpose()) {
    showSearch();
  } else {
    await askForPurpose();
  }
  return page;
}

function searchView(changePurpose) {
  const now = new Date();
  const results = h("div", { class: "results", "data-testid": "results" });
  const vehicle = [["make", "Make"], ["color", "Colour"], ["bodyType", "Body type"]].map(([name, label]) =>
    [name, label, h("select", { name, "data-testid": `vehicle-${name}` }, h("option", { value: "" }, "any"))]);
  call("query", "/v1/searches/vehicle-vocabulary")
    .then(vocabulary => vehicle.forEach(([name, , select]) => select.append(...vocabulary[name]
      .map(code => h("option", { value: code.code }, `${code.name} (${code.code})`)))))
    .catch(error => replace(results, problem(error)));
  const form = h("form", { class: "search", "data-testid": "search-form" },
    field("Plate", h("input", { name: "plate", placeholder: "7ABC123, or 7AB* for a partial plate",
      autocomplete: "off" })),
    field("Match", h("select", { name: "match" },
      h("option", { value: "EXACT" }, "exact"), h("option", { value: "LOOKALIKE" }, "look-alike (O/0, B/8 …)"),
      h("option", { value: "PARTIAL" }, "partial (* and ?)"))),
    field("From (UTC)", h("input", { name: "from", type: "datetime-local", required: true,
      value: localValue(new Date(now.getTime() - 24 * 3600_000)) })),
    field("To (UTC)", h("input", { name: "to", type: "datetime-local", required: true,
      value: localValue(new Date(now.getTime() + 60_000)) })),
    field("Cameras", h("input", { name: "cameras", placeholder: "CAM-E01, CAM-E02 (optional)" })),
    ...vehicle.map(([, label, select]) => field(label, select)),
    h("button", { type: "submit" }, "Search"));
  onSubmit(form, async criteria => {
    const request = {
      ...statedPurpose(), from: utc(criteria.from), to: utc(criteria.to), pageSize: 100,
      plate: criteria.plate ? { text: criteria.plate, match: criteria.match } : undefined,
      cameraIds: criteria.cameras ? criteria.cameras.split(",").map(id => id.trim()).filter(Boolean) : undefined,
      vehicle: criteria.make || criteria.color || criteria.bodyType ? {
        make: criteria.make || undefined, color: criteria.color || undefined, bodyType: criteria.bodyType || undefined,
      } : undefined,
    };
    replace(results, h("p", {}, "Searching…"));
    try {
      showResults(results, request, await call("query", "/v1/searches", { method: "POST", json: request }));
    } catch (error) {
      replace(results, problem(error), ...await requestOffer(error));
    }
  });
  return [h("h1", {}, "Search reads"), purposeBanner(changePurpose), form, results];
}

/** Under an on-request policy an officer refused for a case may ask the custodian for it (Wildomar CS3 §5). */
async function requestOffer(error) {
  if (error.status !== 403 || !hasAnyRole(["sheriff-officer"]) || (await policy()).officerAccess !== "on-request"
      || !statedPurpose().caseNumber) {
    return [];
  }
  return [h("h2", {}, "Ask the custodian for access to this case"), requestForm()];
}

function requestForm() {
  const done = h("div", {});
  const form = h("form", { "data-testid": "request-form" },
    field("Justification", h("textarea", { name: "justification", required: true, rows: 3,
      placeholder: "What happened, where and when, and why this plate matters" })),
    h("button", { type: "submit" }, "File the request"), done);
  return onSubmit(form, async answer => {
    const filed = await call("query", "/v1/requests", { method: "POST",
      json: { ...statedPurpose(), justification: answer.justification } });
    replace(done, h("p", { class: "success" }, `Request filed for case ${filed.caseNumber}; the custodian`
      + " decides on it. You can follow it under Requests."));
  });
}

function showResults(container, request, page) {
  const reads = page.reads;
  const detail = h("div", { class: "detail", "data-testid": "read-detail" });
  const chosen = new Set();
  const actions = h("div", { class: "actions" });
  const pick = read => showRead(detail, read.id, purposeQuery());
  replace(container, 
    h("p", { "data-testid": "result-count" },
      `${reads.length} read(s)${page.truncated ? ", candidate limit reached" : ""}.`),
    reads.length ? h("div", { class: "charts" }, readsMap(reads, pick,
      { tiles: settings.basemapTiles, attribution: settings.basemapAttribution }),
      readsTimeline(reads, request.from, request.to, pick)) : null,
    table([
      ["", read => h("input", { type: "checkbox", "aria-label": `choose ${read.plate}`, "data-read": read.id,
        onchange: event => event.target.checked ? chosen.add(read.id) : chosen.delete(read.id) })],
      ["Plate", read => h("span", { class: "plate" }, read.plate,
        read.correctedPlate ? ` → ${read.correctedPlate}` : "")],
      ["Captured", read => time(read.capturedAt)],
      ["Camera", read => read.cameraId],
      ["Site", read => read.site ?? ""],
      ["Hotlist", read => read.hotlistHit ? h("span", { class: "flag" }, "hit") : ""],
      ["", read => h("button", { type: "button", onclick: () => pick(read) }, "View")],
    ], reads, { empty: "No read matches.", testId: "result-table" }),
    page.nextCursor ? h("button", { type: "button", onclick: async () => showResults(container,
      { ...request, cursor: page.nextCursor }, await call("query", "/v1/searches", { method: "POST",
        json: { ...request, cursor: page.nextCursor } })) }, "Next page") : null,
    actions, detail);
  if (reads.length && hasAnyRole(["sheriff-officer"])) {
    actions.append(exportAction(chosen));
  }
  if (reads.length && hasAnyRole(["city-manager"])) {
    actions.append(shareAction(chosen));
  }
}

/** A read in full with its images, viewed under the purpose (and case, or alert) in {@code query}. */
export async function showRead(container, readId, query) {
  replace(container, h("p", {}, "Opening the read…"));
  try {
    const read = await call("query", `/v1/reads/${readId}`, { query });
    const images = h("div", { class: "images" });
    replace(container, h("h2", {}, `Read ${read.plate}`),
      h("dl", {},
        h("dt", {}, "Captured"), h("dd", {}, time(read.capturedAt)),
        h("dt", {}, "Camera"), h("dd", {}, `${read.cameraId}${read.site ? `, ${read.site}` : ""}`),
        h("dt", {}, "Plate"),
        h("dd", { class: "plate", "data-testid": "read-plate" }, `${read.plate} (${read.region ?? "?"})`),
        h("dt", {}, "Confidence"), h("dd", {}, read.confidence ?? ""),
        h("dt", {}, "Other readings"), h("dd", { "data-testid": "read-candidates" }, read.candidates
          .map(c => `${c.plate} (${c.confidence})`).join(", ") || "none"),
        h("dt", {}, "Vehicle"), h("dd", {}, read.vehicle ? [read.vehicle.color, read.vehicle.make, read.vehicle.type]
          .filter(Boolean).join(" ") : ""),
        h("dt", {}, "Hotlist alerts"), h("dd", {}, read.alerts.map(a => `${a.hotlist}: ${a.disposition ?? "open"}`)
          .join("; ") || "none"),
        h("dt", {}, "Corrections"), h("dd", {}, read.corrections.map(c => `${c.plate} by ${c.correctedBy}`)
          .join("; ") || "none")),
      images);
    for (const kind of read.images) {
      const blob = await call("query", `/v1/reads/${readId}/images/${kind}`, { query, response: "blob" });
      images.append(h("figure", {}, h("img", { src: URL.createObjectURL(blob), alt: `${kind} image of ${read.plate}`,
        "data-testid": `${kind}-image` }), h("figcaption", {}, kind)));
    }
  } catch (error) {
    replace(container, problem(error));
  }
}

function exportAction(chosen) {
  return exportButton("Export the chosen reads as evidence", () => ({ ...statedPurpose(), readIds: [...chosen] }));
}

/** A button exporting reads as evidence (officers) under the purpose the request names, and the record it made. */
export function exportButton(label, request) {
  const outcome = h("div", { "data-testid": "export-outcome" });
  const button = h("button", { type: "button", onclick: async () => {
    replace(outcome);
    try {
      const exported = await call("query", "/v1/exports", { method: "POST", json: request() });
      replace(outcome, exportRecord(exported));
    } catch (error) {
      replace(outcome, problem(error));
    }
  } }, label);
  return h("div", {}, button, outcome);
}

function exportRecord(exported) {
  return h("div", { class: "record" },
    h("h3", {}, "Evidence package"),
    h("dl", {},
      h("dt", {}, "Export"), h("dd", { "data-testid": "export-id" }, exported.id),
      h("dt", {}, "Reads"), h("dd", {}, String(exported.readCount)),
      h("dt", {}, "Manifest SHA-256"), h("dd", {}, h("code", { class: "wrap" }, exported.manifestSha256)),
      h("dt", {}, "Downloadable until"), h("dd", {}, time(exported.downloadableUntil))),
    h("button", { type: "button", onclick: async () => saveFile(await call("query",
      `/v1/exports/${exported.id}/package`, { response: "blob" }), `evidence-${exported.id}.zip`) },
    "Download the package"));
}

function shareAction(chosen) {
  const outcome = h("div", { "data-testid": "share-outcome" });
  const agencies = h("select", { name: "agencyId", required: true });
  call("audit", "/v1/governance/agencies").then(list => agencies.append(...list.filter(a => a.active)
    .map(a => h("option", { value: a.id }, `${a.name} (${a.state})`))), error => replace(outcome, problem(error)));
  const form = h("form", { class: "inline" }, field("Share the chosen reads with", agencies),
    h("button", { type: "submit" }, "Share"), outcome);
  return onSubmit(form, async answer => {
    const share = await call("query", "/v1/shares", { method: "POST",
      json: { agencyId: answer.agencyId, ...statedPurpose(), readIds: [...chosen] } });
    replace(outcome, h("p", { class: "success" }, `Shared ${share.readCount} read(s) with ${share.agencyName};`
      + ` ownership transferred: ${share.ownershipTransferred ? "yes" : "no"}.`));
  });
}
