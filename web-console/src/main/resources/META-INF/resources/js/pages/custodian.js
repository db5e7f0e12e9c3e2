// The custodian's pages: cameras and their health (R21), hotlists (R6), contractor grants (R8), agencies and shares
// (R14), and breach incidents with their public notices and notifications (R24).
import { call } from "../api.js";
import { hasAnyRole, person } from "../auth.js";
import { policy } from "../policy.js";
import { field, h, localValue, onSubmit, problem, replace, table, time, utc } from "../view.js";

export async function camerasPage() {
  const health = await call("ingest", "/v1/cameras/health");
  return [
    h("h1", {}, "Cameras and their health"),
    h("p", { class: "lead" }, "A camera is silent when it sent neither a read nor a heartbeat in the configured time."),
    table([
      ["Camera", c => c.cameraId],
      ["Site", c => c.site],
      ["Gateway", c => c.gatewayId],
      ["State", c => !c.active ? "inactive" : c.silent ? h("span", { class: "flag" }, "silent") : "reporting"],
      ["Last seen", c => time(c.lastSeenAt)],
      ["Reads, last hour", c => String(c.readsLastHour)],
    ], health, { empty: "No camera registered.", testId: "cameras" }),
  ];
}

export async function hotlistsPage() {
  const lists = await call("query", "/v1/hotlists");
  const entries = h("div", { "data-testid": "entries" });
  const sworn = hasAnyRole(["sheriff-officer"]);
  const custodian = hasAnyRole(["city-manager"]);
  const rules = await policy();
  const prior = h("div", { "data-testid": "prior-reads", "aria-live": "polite" });
  const open = async list => {
    replace(prior);
    try {
      replace(entries, h("h2", {}, list.name), table([
        ["Plate", e => h("span", { class: "plate" }, e.plate)], ["Region", e => e.region ?? ""],
        ["Source", e => e.source], ["Record type", e => e.recordType ?? ""], ["Reason", e => e.reason],
        ["Purpose", e => e.purpose ?? ""],
        ["Case", e => e.caseNumber ?? ""], ["Watched by", e => e.owner], ["Expires", e => time(e.expiresAt)],
        ["", e => custodian || e.owner === person()?.username ? h("button", { type: "button", onclick: async () => {
          try {
            await call("query", `/v1/hotlists/${list.id}/entries/${e.id}`, { method: "DELETE" });
            await open(list);
          } catch (error) {
            replace(entries, problem(error));
          }
        } }, "Remove") : ""],
        ["", e => sworn && PRIOR_READS_KINDS.includes(list.kind) && e.owner === person()?.username
          ? h("button", { type: "button", onclick: () => showPriorReads(list, e, prior) }, "Prior reads") : ""],
      ], await call("query", `/v1/hotlists/${list.id}/entries`), { empty: "No active entry." }),
      prior, sworn ? newEntryForm(list, rules, () => open(list)) : null);
    } catch (error) {
      replace(entries, problem(error));
    }
  };
  return [
    h("h1", {}, "Hotlists"),
    h("p", { class: "lead" }, "Every new read is matched against the active entries. Sworn officers watch a plate for"
      + ` a case, for at most ${rules.hotlistEntryMaxDays} days; its alerts reach them and the policy's alert roles.`
      + " The officer who added an entry, or the custodian, removes it."),
    table([
      ["List", l => l.name], ["Kind", l => l.kind], ["Active entries", l => String(l.activeEntries)],
      ["Created", l => `${time(l.createdAt)} by ${l.createdBy}`],
      ["", l => h("button", { type: "button", onclick: () => open(l) }, "Entries")],
    ], lists, { empty: "No hotlist.", testId: "hotlists" }),
    entries,
  ];
}

/** Lists whose new entries may ask for the reads already held of their plate. */
const PRIOR_READS_KINDS = ["amber", "missing-person", "wanted"];

/** The reads already held of an entry's plate: a search under the entry's purpose and case, logged as any search. */
async function showPriorReads(list, entry, into) {
  try {
    const page = await call("query", `/v1/hotlists/${list.id}/entries/${entry.id}/prior-reads`, { method: "POST" });
    replace(into, h("h3", {}, `Reads already held of ${entry.plate} (case ${entry.caseNumber})`), table([
      ["Captured", read => time(read.capturedAt)], ["Camera", read => read.cameraId], ["Site", read => read.site ?? ""],
      ["Plate read", read => h("span", { class: "plate" }, read.plate)],
    ], page.reads, { empty: "No read of this plate is held." }),
    page.nextCursor ? h("p", {}, "More reads are held: search the plate for this case to see them all.") : null);
  } catch (error) {
    replace(into, problem(error));
  }
}

function newEntryForm(list, rules, refresh) {
  const latest = new Date(Date.now() + rules.hotlistEntryMaxDays * 24 * 3600_000);
  const form = h("form", { "data-testid": "new-entry" },
    h("h3", {}, "Watch a plate"),
    field("Plate", h("input", { name: "plate", required: true, autocomplete: "off" })),
    field("Region", h("input", { name: "region", value: "CA", class: "narrow" })),
    field("Source", h("input", { name: "source", required: true, placeholder: "NCIC" })),
    field("Reason", h("input", { name: "reason", required: true })),
    field("Purpose", h("select", { name: "purpose", required: true }, rules.purposes.filter(p => !p.answersAlert)
      .map(p => h("option", { value: p.name }, p.name)))),
    field("Case number", h("input", { name: "caseNumber", required: true, placeholder: "e.g. RSO-2026-00412" })),
    field("Expires (UTC)", h("input", { name: "expiresAt", type: "datetime-local", required: true,
      max: localValue(latest), value: localValue(new Date(Date.now() + 7 * 24 * 3600_000)) })),
    h("button", { type: "submit" }, "Add"));
  return onSubmit(form, async entry => {
    await call("query", `/v1/hotlists/${list.id}/entries`, { method: "POST",
      json: [{ ...entry, expiresAt: utc(entry.expiresAt) }] });
    await refresh();
  });
}

export async function grantsPage() {
  const list = h("div", {});
  const refresh = async () => replace(list, table([
    ["Contractor", g => g.username], ["Case", g => g.caseNumber], ["Document", g => g.documentReference],
    ["From", g => time(g.startsAt)], ["Until", g => time(g.endsAt)], ["Granted by", g => g.grantedBy],
    ["State", g => g.revokedAt ? `revoked by ${g.revokedBy}` : g.active ? "active" : "not active"],
    ["", g => g.revokedAt ? "" : h("button", { type: "button", onclick: async () => {
      await call("audit", `/v1/governance/contractor-grants/${g.id}/revocation`, { method: "POST" });
      await refresh();
    } }, "Revoke")],
  ], await call("audit", "/v1/governance/contractor-grants"), { empty: "No grant.", testId: "grants" }));
  await refresh();
  const form = h("form", { "data-testid": "new-grant" },
    field("Contractor username", h("input", { name: "username", required: true })),
    field("Case number", h("input", { name: "caseNumber", required: true })),
    field("Signed permission filed as", h("input", { name: "documentReference", required: true })),
    field("From (UTC)", h("input", { name: "startsAt", type: "datetime-local", required: true })),
    field("Until (UTC)", h("input", { name: "endsAt", type: "datetime-local", required: true })),
    h("button", { type: "submit" }, "Grant"));
  return [
    h("h1", {}, "Contractor grants"),
    h("p", { class: "lead" }, "A contractor sees data only inside a written, time-limited grant for one case."),
    list, h("h2", {}, "Record a grant"),
    onSubmit(form, async grant => {
      await call("audit", "/v1/governance/contractor-grants", { method: "POST",
        json: { ...grant, startsAt: utc(grant.startsAt), endsAt: utc(grant.endsAt) } });
      form.reset();
      await refresh();
    }),
  ];
}

export async function agenciesPage() {
  const list = h("div", {});
  const refresh = async () => replace(list, table([
    ["Agency", a => a.id], ["Name", a => a.name], ["Kind", a => a.kind], ["State", a => a.state],
    ["Level", a => a.level], ["Public agency", a => a.publicAgency ? "yes" : "no"],
    ["Registered", a => `${time(a.registeredAt)} by ${a.registeredBy}`],
    ["", a => h("button", { type: "button", onclick: async () => {
      await call("audit", `/v1/governance/agencies/${a.id}/${a.active ? "deactivation" : "reactivation"}`,
        { method: "POST" });
      await refresh();
    } }, a.active ? "Deactivate" : "Reactivate")],
  ], await call("audit", "/v1/governance/agencies"), { empty: "No agency registered.", testId: "agencies" }));
  await refresh();
  const form = h("form", { "data-testid": "new-agency" },
    field("Identifier", h("input", { name: "id", required: true, placeholder: "riverside-da" })),
    field("Name", h("input", { name: "name", required: true })),
    field("Kind", h("select", { name: "kind" }, h("option", { value: "law-enforcement" }, "law enforcement"),
      h("option", { value: "prosecutorial" }, "prosecutorial"))),
    field("State", h("input", { name: "state", required: true, value: "CA", class: "narrow" })),
    field("Level of government", h("select", { name: "level" },
      ["local", "state", "federal", "tribal", "private"].map(level => h("option", { value: level }, level)))),
    h("button", { type: "submit" }, "Register"));
  return [
    h("h1", {}, "Agencies"),
    h("p", { class: "lead" }, "Data is shared only with registered, active law-enforcement or prosecutorial agencies;"
      + " under a California policy only with state or local agencies of California (Civil Code 1798.90.5)."),
    list, h("h2", {}, "Register an agency"),
    onSubmit(form, async agency => {
      await call("audit", "/v1/governance/agencies", { method: "POST",
        json: agency });
      form.reset();
      await refresh();
    }),
  ];
}

export async function sharesPage() {
  return [
    h("h1", {}, "Shares"),
    h("p", { class: "lead" }, "Reads shared with other agencies; once obtained, the data is theirs. Share from a"
      + " search's results."),
    table([
      ["Shared", s => `${time(s.sharedAt)} by ${s.sharedBy}`], ["Agency", s => s.agencyName],
      ["Purpose", s => s.purpose ?? ""], ["Case", s => s.caseNumber ?? ""], ["Reads", s => String(s.readCount)],
      ["Ownership transferred", s => s.ownershipTransferred ? "yes" : "no"],
    ], await call("query", "/v1/shares"), { empty: "Nothing shared.", testId: "shares" }),
  ];
}

export async function breachesPage() {
  const list = h("div", {});
  const refresh = async () => replace(list, ...(await call("audit", "/v1/breaches"))
    .map(incident => incidentCard(incident, refresh)));
  await refresh();
  const form = h("form", { "data-testid": "new-incident" },
    field("Title", h("input", { name: "title", required: true })),
    field("What happened", h("textarea", { name: "description", required: true, rows: 3 })),
    field("Discovered (UTC)", h("input", { name: "discoveredAt", type: "datetime-local", required: true })),
    field("Kinds of data", h("input", { name: "dataKinds", required: true, placeholder: "plate-reads, images" })),
    field("People affected", h("input", { name: "affectedCount", type: "number", min: 0 })),
    h("button", { type: "submit" }, "Record the incident"));
  return [
    h("h1", {}, "Breach incidents"),
    h("p", { class: "lead" }, "Each incident needs a public notice, posted at least 30 days, and notifications to the"
      + " media and the state Office of Information Security."),
    h("div", { "data-testid": "incidents" }, list),
    h("h2", {}, "Record an incident"),
    onSubmit(form, async incident => {
      await call("audit", "/v1/breaches", { method: "POST", json: {
        ...incident, discoveredAt: utc(incident.discoveredAt),
        dataKinds: incident.dataKinds.split(",").map(kind => kind.trim()).filter(Boolean),
        affectedCount: incident.affectedCount === undefined ? undefined : Number(incident.affectedCount),
      } });
      form.reset();
      await refresh();
    }),
  ];
}

function incidentCard(incident, refresh) {
  const notice = h("form", { class: "inline", "data-testid": "post-notice" },
    field("Notice title", h("input", { name: "title", required: true, value: `Notice: ${incident.title}` })),
    field("Notice text", h("textarea", { name: "body", required: true, rows: 3 })),
    h("button", { type: "submit" }, "Post the public notice"));
  const notification = h("form", { class: "inline", "data-testid": "record-notification" },
    field("Notified", h("select", { name: "recipient" },
      h("option", { value: "media" }, "the media"),
      h("option", { value: "state-office-of-information-security" }, "state Office of Information Security"))),
    field("Who", h("input", { name: "recipientName", required: true })),
    field("When (UTC)", h("input", { name: "notifiedAt", type: "datetime-local", required: true })),
    field("How", h("input", { name: "method", required: true, placeholder: "email" })),
    h("button", { type: "submit" }, "Record the notification"));
  return h("article", { class: "record" },
    h("h2", {}, incident.title),
    h("p", {}, incident.description),
    h("p", { class: "meta" }, `Discovered ${time(incident.discoveredAt)}, recorded by ${incident.recordedBy}.`),
    h("p", {}, incident.noticePostedAt ? `Public notice posted ${time(incident.noticePostedAt)}.`
      : "No public notice yet."),
    incident.notifications.length ? h("ul", {}, incident.notifications.map(n =>
      h("li", {}, `${n.recipient}: ${n.recipientName}, ${time(n.notifiedAt)} (${n.method})`))) : null,
    h("p", { class: incident.outstanding.length ? "flag" : "success", "data-testid": "outstanding" },
      incident.outstanding.length ? `Outstanding: ${incident.outstanding.join(", ")}` : "Nothing outstanding."),
    incident.noticePostedAt ? null : onSubmit(notice, async posted => {
      await call("audit", `/v1/breaches/${incident.id}/notice`, { method: "POST", json: posted });
      await refresh();
    }),
    onSubmit(notification, async made => {
      await call("audit", `/v1/breaches/${incident.id}/notifications`, { method: "POST",
        json: { ...made, notifiedAt: utc(made.notifiedAt) } });
      await refresh();
    }));
}
