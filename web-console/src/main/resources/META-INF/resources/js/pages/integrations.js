// The custodian's integrations page (R27): for each gateway, the API keys its camera engines send (issued, shown
// once, revoked) and the mapping of the engines' camera ids to registered cameras, beside when each was last seen.
import { call } from "../api.js";
import { field, h, onSubmit, problem, replace, table, time } from "../view.js";

const FORMATS = [
  ["openalpr", "OpenALPR / Rekor Scout agent", "X-Api-Key, or the key as the password in upload_address"],
  ["plate-recognizer", "Plate Recognizer Snapshot and Stream", "webhook_header: Authorization: Token <key>"],
  ["blue-iris", "Blue Iris with CodeProject.AI", "X-Api-Key"],
  ["verkada", "Verkada LPR webhook", "X-Api-Key"],
  ["genetec", "Genetec AutoVu (Sharp HTTP extension, third-party ingestion)", "X-Api-Key"],
  ["axis", "Axis License Plate Verifier push", "the key as the push password (Basic)"],
  ["niem", "NIEM LicensePlateRead XML exchange", "X-Api-Key"],
];

export async function integrationsPage() {
  const health = await call("ingest", "/v1/cameras/health");
  const gateways = [...new Set(health.map(c => c.gatewayId))].sort();
  const panel = h("div", { "data-testid": "gateway" });
  const choose = h("select", { name: "gatewayId", "data-testid": "gateway-choice" },
    gateways.map(g => h("option", { value: g }, g)));
  choose.addEventListener("change", () => showGateway(panel, choose.value, health));
  if (gateways.length > 0) {
    await showGateway(panel, gateways[0], health);
  }
  return [
    h("h1", {}, "Camera engine integrations"),
    h("p", { class: "lead" }, "Engines that cannot sign in with a token post their own payloads to "
      + "/v1/integrations/{format}/reads with an API key of their gateway. A key is shown once, when it is issued; "
      + "it works only on those endpoints. Each engine's camera id must be mapped to a registered camera."),
    table([
      ["Format", f => h("code", {}, f[0])], ["Engine", f => f[1]], ["Endpoint", f => `/v1/integrations/${f[0]}/reads`],
      ["How the key is sent", f => f[2]],
    ], FORMATS, { testId: "formats" }),
    field("Gateway", choose),
    gateways.length === 0 ? h("p", {}, "No camera is registered to any gateway yet.") : panel,
  ];
}

async function showGateway(panel, gatewayId, health) {
  const keys = h("div", { "data-testid": "api-keys" });
  const issued = h("div", { "data-testid": "issued-key", "aria-live": "polite" });
  const mappings = h("div", { "data-testid": "camera-mappings" });
  const cameras = health.filter(c => c.gatewayId === gatewayId && c.active);
  const seen = new Map(health.map(c => [c.cameraId, c]));
  const base = `/v1/gateways/${encodeURIComponent(gatewayId)}`;

  const refreshKeys = async () => replace(keys, table([
    ["Label", k => k.label], ["Key starts with", k => h("code", {}, k.keyStartsWith)],
    ["Issued", k => `${time(k.createdAt)} by ${k.createdBy}`], ["Expires", k => time(k.expiresAt)],
    ["Last used", k => time(k.lastUsedAt) || "never"],
    ["State", k => k.active ? "active" : k.revokedAt ? `revoked by ${k.revokedBy}` : h("span", { class: "flag" }, "expired")],
    ["", k => !k.active ? "" : h("button", { type: "button", onclick: async () => {
      try {
        await call("ingest", `${base}/api-keys/${k.id}`, { method: "DELETE" });
        await refreshKeys();
      } catch (error) {
        replace(keys, problem(error));
      }
    } }, "Revoke")],
  ], await call("ingest", `${base}/api-keys`), { empty: "No key issued." }));

  const refreshMappings = async () => replace(mappings, table([
    ["Engine's camera id", m => h("code", {}, m.vendorCameraId)], ["Camera", m => m.cameraId],
    ["Clock's zone", m => m.timeZone], ["Mapped", m => `${time(m.mappedAt)} by ${m.mappedBy}`],
    ["Last seen", m => time(seen.get(m.cameraId)?.lastSeenAt) || "never"],
    ["", m => h("button", { type: "button", onclick: async () => {
      try {
        await call("ingest", `${base}/camera-mappings/${encodeURIComponent(m.vendorCameraId)}`, { method: "DELETE" });
        await refreshMappings();
      } catch (error) {
        replace(mappings, problem(error));
      }
    } }, "Remove")],
  ], await call("ingest", `${base}/camera-mappings`), { empty: "No engine camera mapped." }));

  const issueForm = h("form", { "data-testid": "new-key" },
    field("What it is for", h("input", { name: "label", required: true, placeholder: "Scout agent, east yard" })),
    field("Valid for (days)", h("input", { name: "validDays", type: "number", min: 1, max: 366, value: 90,
      required: true, class: "narrow" })),
    h("button", { type: "submit" }, "Issue a key"));
  const mapForm = h("form", { "data-testid": "new-mapping" },
    field("Engine's camera id", h("input", { name: "vendorCameraId", required: true, autocomplete: "off" })),
    field("Camera", h("select", { name: "cameraId", required: true },
      cameras.map(c => h("option", { value: c.cameraId }, `${c.cameraId} (${c.site})`)))),
    field("Clock's zone", h("input", { name: "timeZone", value: "America/Los_Angeles" })),
    h("button", { type: "submit" }, "Map"));

  replace(panel,
    h("h2", {}, `API keys of ${gatewayId}`), keys, issued,
    onSubmit(issueForm, async request => {
      const answer = await call("ingest", `${base}/api-keys`, { method: "POST",
        json: { label: request.label, validDays: Number(request.validDays) } });
      issueForm.reset();
      replace(issued, h("p", { class: "flag" }, "Put this key into the engine now; it is not shown again: "),
        h("code", { "data-testid": "new-key-value" }, answer.key));
      await refreshKeys();
    }),
    h("h2", {}, "Engine cameras"), mappings,
    onSubmit(mapForm, async mapping => {
      await call("ingest", `${base}/camera-mappings/${encodeURIComponent(mapping.vendorCameraId)}`, { method: "PUT",
        json: { cameraId: mapping.cameraId, timeZone: mapping.timeZone || undefined } });
      mapForm.reset();
      await refreshMappings();
    }));
  await Promise.all([refreshKeys(), refreshMappings()]);
}
