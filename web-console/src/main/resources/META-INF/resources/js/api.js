// Calls to the services with the signed-in person's token; refusals arrive as RFC 9457 problem details.
import { settings } from "./settings.js";
import { accessToken } from "./auth.js";

/** A refusal or failure as the service described it: status, title, detail and each rejected field. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.title = problem.title ?? `HTTP ${status}`;
    this.violations = problem.violations ?? [];
  }
}

const BASES = { ingest: settings.ingestUrl, query: settings.queryUrl, audit: settings.auditUrl,
  public: settings.publicUrl };

/**
 * @param service "ingest", "query", "audit", or "public" for audit-service's public pages
 * @param options method, query (object), json (a body to send as JSON), body and contentType (any other body),
 *                response: "json" (default), "blob" or "text"
 */
export async function call(service, path, { method = "GET", query, json, body, contentType, response = "json" } = {}) {
  const url = new URL(BASES[service] + path);
  Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== "")
    .forEach(([name, value]) => url.searchParams.set(name, value));
  const headers = {};
  const token = accessToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (contentType) {
    headers["Content-Type"] = contentType;
  }
  let answer;
  try {
    answer = await fetch(url, { method, headers, body });
  } catch (unreachable) {
    throw new ApiError(0, { title: "Service unreachable", detail: `${service}-service did not answer` });
  }
  if (!answer.ok) {
    const problem = (answer.headers.get("Content-Type") ?? "").includes("json") ? await answer.json() : {};
    throw new ApiError(answer.status, problem);
  }
  if (answer.status === 204) {
    return null;
  }
  return response === "blob" ? answer.blob() : response === "text" ? answer.text() : answer.json();
}

/**
 * Reads a server-sent event stream with the token in a header (EventSource cannot send one): onOpen once the
 * service accepted the subscription, then onEvent with each event's JSON until the stream ends or signal aborts.
 */
export async function stream(service, path, { onOpen, onEvent, signal }) {
  const answer = await fetch(BASES[service] + path, {
    headers: { Authorization: `Bearer ${accessToken()}`, Accept: "text/event-stream" }, signal,
  });
  if (!answer.ok) {
    const problem = (answer.headers.get("Content-Type") ?? "").includes("json") ? await answer.json() : {};
    throw new ApiError(answer.status, problem);
  }
  onOpen();
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffered += value;
    let end;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = event.split("\n").filter(line => line.startsWith("data:")).map(line => line.slice(5).trim())
        .join("\n");
      if (data) {
        onEvent(JSON.parse(data));
      }
    }
  }
}

/** Saves a blob the service returned as a file. */
export function saveFile(blob, fileName) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
