// What anyone may see without signing in (R24, R26): the transparency page and the posted breach notices.
import { call } from "../api.js";
import { h, table, time } from "../view.js";
import { transparencyReport } from "../policy.js";
import { settings } from "../settings.js";

export async function transparencyPage() {
  const report = await transparencyReport();
  const policy = report.policy;
  const hits = report.hotlistHits;
  return [
    h("h1", {}, "Transparency"),
    h("p", { class: "lead" }, `How this city uses automatic license plate readers, in counts only. Period `,
      time(report.periodFrom), " to ", time(report.periodTo), "."),
    h("section", { "data-testid": "policy" },
      h("h2", {}, "Policy in force"),
      h("dl", {},
        h("dt", {}, "Policy"), h("dd", {}, policy.title),
        h("dt", {}, "Retention"), h("dd", {}, `${policy.retentionDays} days, then permanently deleted`),
        h("dt", {}, "Officers' access"), h("dd", {}, policy.officerAccess === "on-request"
          ? "only within an approved law-enforcement request" : "directly, for a listed purpose"),
        h("dt", {}, "Sharing"), h("dd", {}, policy.sharingState
          ? `only with public agencies of ${policy.sharingState}` : "with registered agencies")),
      h("h3", {}, "Purposes data may be used for"),
      table([["Purpose", p => p.name], ["Description", p => p.description],
        ["Case number", p => p.requiresCaseNumber ? "required" : "not required"],
        ["Supervisor's approval", p => p.requiresSupervisorApproval ? "required" : "not required"]], policy.purposes)),
    h("section", { "data-testid": "policy-elements" },
      h("h2", {}, "What the law requires the policy to say"),
      h("p", {}, "California Civil Code 1798.90.51 requires a published usage and privacy policy to include each of"
        + " the following; beside each, what the policy in force says, in its own words.",
      policy.document ? [" ", h("a", { href: new URL(settings.publicUrl + policy.document).href,
        "data-testid": "policy-download", download: "" }, "Download the policy's text.")] : null),
      table([["Required", e => h("span", {}, e.requirement, h("br"), h("small", {}, e.law))],
        ["The policy says", e => e.addressed
          ? h("span", {}, h("strong", {}, `${e.section}: `), e.text)
          : h("span", { class: "flag" }, "Not addressed in the policy's text this city publishes.")]],
      policy.elements, { testId: "elements" })),
    h("section", { "data-testid": "usage" },
      h("h2", {}, "Data held and its use"),
      h("dl", {},
        h("dt", {}, "Cameras"), h("dd", {}, `${report.cameras.active} active of ${report.cameras.total}`),
        h("dt", {}, "Reads held"), h("dd", { "data-testid": "reads-held" }, String(report.readsHeld)),
        h("dt", {}, "Oldest day held"), h("dd", {}, report.oldestDayHeld ?? "none"),
        h("dt", {}, "Refused accesses"), h("dd", {}, String(report.refusedAccesses)),
        h("dt", {}, "Evidence exports"), h("dd", {}, String(report.evidenceExports)),
        h("dt", {}, "Last purge"), h("dd", {}, report.lastPurge ? time(report.lastPurge) : "none yet")),
      h("h3", {}, "Searches by purpose"),
      table([["Purpose", ([purpose]) => purpose], ["Searches", ([, count]) => String(count)]],
        Object.entries(report.searchesByPurpose), { empty: "No searches in the period." }),
      h("h3", {}, "Hotlist hits"),
      h("p", {}, `${hits.raised} raised: ${hits.confirmed} confirmed, ${hits.misread} misread, `
        + `${hits.dismissed} dismissed, ${hits.awaitingDisposition} awaiting a person's disposition.`),
      h("h3", {}, "Sharing recipients"),
      table([["Agency", r => r.agency], ["Shares", r => String(r.shares)], ["Reads", r => String(r.reads)]],
        report.sharingRecipients, { empty: "No data shared in the period." }),
      h("h3", {}, "Camera sites"),
      table([["Camera", s => s.id], ["Site", s => s.site], ["Active", s => s.active ? "yes" : "no"]],
        report.cameras.sites, { empty: "No cameras registered." })),
    h("section", {},
      h("h2", {}, "Access log"),
      report.accessLog.latestCheckpoint
        ? h("p", {}, `Latest signed checkpoint: record ${report.accessLog.latestCheckpoint.seq}, hash `,
          h("code", {}, report.accessLog.latestCheckpoint.hash),
          `, signed ${time(report.accessLog.latestCheckpoint.signedAt)}.`)
        : h("p", {}, "No checkpoint signed yet."),
      h("p", {}, `Anyone may keep a copy and later hold the log to it with the ${report.accessLog.keyAlgorithm} key `,
        h("code", { class: "wrap" }, report.accessLog.verifyingKey), ".")),
  ];
}

export async function noticesPage() {
  const notices = await call("public", "/v1/public/breach-notices");
  return [
    h("h1", {}, "Breach notices"),
    h("p", { class: "lead" }, "Notices of data security incidents, posted for at least 30 days."),
    notices.length === 0 ? h("p", { class: "empty", "data-testid": "notices" }, "No notice is posted.")
      : h("div", { "data-testid": "notices" }, notices.map(notice => h("article", { class: "notice" },
        h("h2", {}, notice.title), h("p", { class: "meta" }, `Posted ${time(notice.postedAt)}`),
        notice.body.split(/\n{2,}/).map(paragraph => h("p", {}, paragraph))))),
  ];
}
