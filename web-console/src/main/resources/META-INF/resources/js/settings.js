// The deployment's addresses (web-console's /settings.json): the Keycloak realm and each service's base URL.
export const settings = await (await fetch("/settings.json")).json();
