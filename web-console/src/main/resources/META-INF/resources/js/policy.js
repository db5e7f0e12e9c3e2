// The policy in force, as the public transparency page states it: purposes, case-number rules, retention.
import { call } from "./api.js";

let transparency = null;

/** The public transparency report (audit-service), fetched once per page load. */
export function transparencyReport() {
  transparency ??= call("public", "/v1/public/transparency").catch(error => {
    transparency = null;
    throw error;
  });
  return transparency;
}

export async function policy() {
  return (await transparencyReport()).policy;
}
