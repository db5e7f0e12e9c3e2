// Sign-in with Keycloak: authorization code flow with PKCE (S256) for the public client. Tokens live in this
// page's memory only; a reload signs in again through Keycloak's session, without asking for the password.
import { settings } from "./settings.js";

const endpoints = `${settings.realmUrl}/protocol/openid-connect`;
const PENDING = "alpr.sign-in";
const SIGNED_IN = "alpr.signed-in";

let tokens = null;
let refreshTimer = null;

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll("+", "-").replaceAll("/", "_")
    .replaceAll("=", "");
}

function claimsOf(jwt) {
  const payload = jwt.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
}

function redirectUri() {
  return `${location.origin}/`;
}

/** Sends the browser to Keycloak's sign-in page; it comes back to this page with a code. */
export async function signIn(returnTo = location.hash) {
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  location.assign(`${endpoints}/auth?${new URLSearchParams({
    client_id: settings.clientId, response_type: "code", scope: "openid", redirect_uri: redirectUri(), state,
    code_challenge: challenge, code_challenge_method: "S256",
  })}`);
}

/**
 * On start: finishes a sign-in Keycloak just sent back (exchanging the code for tokens), or, if this tab was signed
 * in before a reload, signs in again. Resolves with the hash to show, or null when the browser is being redirected.
 */
export async function start() {
  const answer = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null");
  if (answer.has("code") && pending && answer.get("state") === pending.state) {
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, "", `/${pending.returnTo || ""}`);
    await requestTokens({ grant_type: "authorization_code", code: answer.get("code"), redirect_uri: redirectUri(),
      code_verifier: pending.verifier });
    sessionStorage.setItem(SIGNED_IN, "yes");
    return pending.returnTo || location.hash;
  }
  if (answer.has("error")) {
    history.replaceState(null, "", "/");
    throw new Error(`Sign-in failed: ${answer.get("error_description") ?? answer.get("error")}`);
  }
  if (sessionStorage.getItem(SIGNED_IN)) {
    await signIn(location.hash);
    return null;
  }
  return location.hash;
}

async function requestTokens(form) {
  const response = await fetch(`${endpoints}/token`, {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }),
  });
  if (!response.ok) {
    tokens = null;
    sessionStorage.removeItem(SIGNED_IN);
    throw new Error(`Keycloak refused the sign-in (${response.status})`);
  }
  const issued = await response.json();
  tokens = { access: issued.access_token, refresh: issued.refresh_token, id: issued.id_token,
    claims: claimsOf(issued.access_token) };
  clearTimeout(refreshTimer);
  // renew half a minute before the access token expires, as long as Keycloak's session lasts
  refreshTimer = setTimeout(() => requestTokens({ grant_type: "refresh_token", refresh_token: tokens.refresh })
    .catch(() => document.dispatchEvent(new CustomEvent("signed-out"))), Math.max(5, issued.expires_in - 30) * 1000);
}

/** The access token to send, or null when nobody is signed in. */
export function accessToken() {
  return tokens?.access ?? null;
}

/** The signed-in person: username and realm roles; null when nobody is signed in. */
export function person() {
  if (!tokens) {
    return null;
  }
  return { username: tokens.claims.preferred_username, roles: tokens.claims.realm_access?.roles ?? [] };
}

export function hasAnyRole(roles) {
  const signedIn = person();
  return signedIn !== null && roles.some(role => signedIn.roles.includes(role));
}

/** Ends the Keycloak session too, so the next sign-in asks for the password again. */
export function signOut() {
  const idToken = tokens?.id;
  tokens = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(SIGNED_IN);
  location.assign(`${endpoints}/logout?${new URLSearchParams({
    client_id: settings.clientId, post_logout_redirect_uri: redirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}),
  })}`);
}
