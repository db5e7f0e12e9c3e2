// Building the page: elements, tables, forms and the display of a service's refusal.

/** An element: h("button", { class: "primary", onclick: f }, "Save"). Children may be strings, nodes or arrays. */
export function h(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  element.append(...nodes(children));
  return element;
}

/** Replaces an element's content; like h(), it takes strings, nodes, arrays, and leaves out null and false. */
export function replace(element, ...children) {
  element.replaceChildren(...nodes(children));
}

function nodes(children) {
  return children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false)
    .map(child => child instanceof Node ? child : document.createTextNode(String(child)));
}

/** A table of rows; each column is [heading, row => cell content]. */
export function table(columns, rows, { empty = "Nothing to show.", testId } = {}) {
  if (rows.length === 0) {
    return h("p", { class: "empty", "data-testid": testId }, empty);
  }
  return h("div", { class: "table", "data-testid": testId }, h("table", {},
    h("thead", {}, h("tr", {}, columns.map(([heading]) => h("th", { scope: "col" }, heading)))),
    h("tbody", {}, rows.map(row => h("tr", {}, columns.map(([, cell]) => h("td", {}, cell(row))))))));
}

/** A refusal or failure, with the fields the service named. */
export function problem(error) {
  return h("div", { class: "problem", role: "alert" },
    h("strong", {}, error.title ?? "Something went wrong"), " ", error.message,
    error.violations?.length ? h("ul", {}, error.violations.map(violation =>
      h("li", {}, h("code", {}, violation.index !== undefined && violation.index !== null
        ? `[${violation.index}] ${violation.field}` : violation.field), ": ", violation.message))) : null);
}

/** A labelled form field. */
export function field(label, input) {
  return h("label", {}, h("span", {}, label), input);
}

/** The form's fields by name, blank ones left out. */
export function values(form) {
  return Object.fromEntries([...new FormData(form)].filter(([, value]) => String(value).trim() !== "")
    .map(([name, value]) => [name, String(value).trim()]));
}

/**
 * Runs an action on submit and shows its refusal beside the form instead of losing it; the form stays as typed.
 */
export function onSubmit(form, action) {
  const status = h("div", { class: "status", "aria-live": "polite" });
  form.append(status);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    replace(status);
    try {
      await action(values(form));
    } catch (error) {
      replace(status, problem(error));
    }
  });
  return form;
}

export function time(value) {
  return value ? new Date(value).toLocaleString("en-US", { timeZone: "UTC", hour12: false }) + " UTC" : "";
}

/** An ISO instant from a datetime-local input, read as UTC. */
export function utc(localValue) {
  return localValue ? new Date(`${localValue}Z`).toISOString() : undefined;
}

/** A datetime-local value (UTC) for an instant. */
export function localValue(date) {
  return date.toISOString().slice(0, 16);
}
