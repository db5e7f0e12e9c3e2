// The console: pages by role, a hash route each. The services decide what anyone may do; the console only leaves
// out of the menu what a role may not use, and shows any refusal as the service worded it.
import { hasAnyRole, person, signIn, signOut, start } from "./auth.js";
import { h, problem, replace } from "./view.js";
import { noticesPage, transparencyPage } from "./pages/public.js";
import { searchPage } from "./pages/search.js";
import { alertsPage } from "./pages/alerts.js";
import { requestsPage } from "./pages/requests.js";
import { agenciesPage, breachesPage, camerasPage, grantsPage, hotlistsPage, sharesPage } from "./pages/custodian.js";
import { integrationsPage } from "./pages/integrations.js";
import { feedsPage } from "./pages/feeds.js";
import { auditLogPage, auditRunsPage, overviewPage, publicRecordsPage, verifyPage } from "./pages/compliance.js";

const OFFICER = "sheriff-officer";
const CUSTODIAN = "city-manager";
const AUDITOR = "compliance-auditor";
const CONTRACTOR = "contractor";

/** roles: who sees the page in the menu; null for everyone, signed in or not. */
const PAGES = [
  { path: "search", title: "Search", roles: [OFFICER, CUSTODIAN, CONTRACTOR], render: searchPage },
  { path: "alerts", title: "Alerts", roles: [OFFICER, CUSTODIAN], render: alertsPage },
  { path: "requests", title: "Requests", roles: [OFFICER, CUSTODIAN], render: requestsPage },
  { path: "cameras", title: "Cameras", roles: [CUSTODIAN], render: camerasPage },
  { path: "integrations", title: "Integrations", roles: [CUSTODIAN], render: integrationsPage },
  { path: "hotlists", title: "Hotlists", roles: [OFFICER, CUSTODIAN], render: hotlistsPage },
  { path: "hotlist-feeds", title: "Hotlist feeds", roles: [CUSTODIAN], render: feedsPage },
  { path: "grants", title: "Grants", roles: [CUSTODIAN], render: grantsPage },
  { path: "agencies", title: "Agencies", roles: [CUSTODIAN], render: agenciesPage },
  { path: "shares", title: "Shares", roles: [CUSTODIAN], render: sharesPage },
  { path: "breaches", title: "Breaches", roles: [CUSTODIAN], render: breachesPage },
  { path: "compliance", title: "Overview", roles: [AUDITOR, CUSTODIAN], render: overviewPage },
  { path: "audit-log", title: "Access log", roles: [AUDITOR, CUSTODIAN], render: auditLogPage },
  { path: "verify", title: "Verify", roles: [AUDITOR, CUSTODIAN], render: verifyPage },
  { path: "audit-runs", title: "Audit runs", roles: [AUDITOR, CUSTODIAN], render: auditRunsPage },
  { path: "public-records", title: "Public records", roles: [AUDITOR, CUSTODIAN], render: publicRecordsPage },
  { path: "transparency", title: "Transparency", roles: null, render: transparencyPage },
  { path: "notices", title: "Breach notices", roles: null, render: noticesPage },
];

const main = document.getElementById("page");

function visible(page) {
  return page.roles === null || hasAnyRole(page.roles);
}

function renderChrome(current) {
  replace(document.getElementById("navigation"), PAGES.filter(visible).map(page =>
    h("a", { href: `#/${page.path}`, "aria-current": page === current ? "page" : null }, page.title)));
  const signedIn = person();
  replace(document.getElementById("session"), signedIn
    ? h("span", {}, h("span", { "data-testid": "signed-in-as" }, `${signedIn.username}`), " ",
      h("button", { type: "button", class: "link", onclick: signOut }, "Sign out"))
    : h("button", { type: "button", onclick: () => signIn() }, "Sign in"));
}

/** Counts routings, so that a page that finishes loading after the person has moved on is not shown. */
let routings = 0;

async function route() {
  const routing = ++routings;
  const path = location.hash.replace(/^#\/?/, "") || (person() ? PAGES.find(visible).path : "transparency");
  const page = PAGES.find(candidate => candidate.path === path);
  renderChrome(page);
  if (!page) {
    replace(main, h("h1", {}, "Not found"), h("p", {}, "There is no such page."));
    return;
  }
  document.title = `${page.title} · ALPR console`;
  if (page.roles !== null && !person()) {
    replace(main, h("h1", {}, page.title), h("p", {}, "Sign in to use this page."),
      h("button", { type: "button", onclick: () => signIn(`#/${page.path}`) }, "Sign in"));
    main.dataset.page = page.path;
    return;
  }
  delete main.dataset.page;
  replace(main, h("p", {}, "Loading…"));
  let content;
  try {
    content = await page.render();
  } catch (error) {
    content = [h("h1", {}, page.title), problem(error)];
  }
  if (routing === routings) {
    replace(main, content);
    main.dataset.page = page.path;
  }
}

document.addEventListener("signed-out", () => {
  replace(main, h("p", {}, "Your sign-in ended."), h("button", { type: "button", onclick: () => signIn() },
    "Sign in again"));
});
window.addEventListener("hashchange", route);

try {
  if (await start() !== null) {
    await route();
  }
} catch (error) {
  replace(main, problem(error));
}
