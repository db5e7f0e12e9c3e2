// Where and when the reads of a search were captured, drawn as SVG from the reads themselves: no map tiles are
// fetched from anywhere, so nothing about a search leaves the city's systems.
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  element.append(...children);
  return element;
}

function minute(instant) {
  return new Date(instant).toISOString().slice(0, 16).replace("T", " ");
}

function title(text) {
  return svg("title", {}, text);
}

/** Each read at its camera's position (equirectangular, fitted to the reads); a read's label shows on hover. */
export function readsMap(reads, onPick) {
  const width = 520;
  const height = 320;
  const margin = 24;
  const placed = reads.filter(read => read.latitude !== null && read.longitude !== null);
  const latitudes = placed.map(read => read.latitude);
  const longitudes = placed.map(read => read.longitude);
  const pad = 0.002;
  const south = Math.min(...latitudes) - pad;
  const north = Math.max(...latitudes) + pad;
  const west = Math.min(...longitudes) - pad;
  const east = Math.max(...longitudes) + pad;
  const x = longitude => margin + (longitude - west) / (east - west) * (width - 2 * margin);
  const y = latitude => height - margin - (latitude - south) / (north - south) * (height - 2 * margin);
  const map = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img",
    "aria-label": `Map of ${placed.length} reads`, "data-testid": "reads-map" },
    svg("rect", { x: 0, y: 0, width, height, class: "ground" }));
  const sites = new Map();
  for (const read of placed) {
    const key = `${read.latitude},${read.longitude}`;
    if (!sites.has(key)) {
      sites.set(key, read.site ?? read.cameraId);
      map.append(svg("text", { x: x(read.longitude) + 8, y: y(read.latitude) - 8, class: "site" },
        read.site ?? read.cameraId));
    }
    const dot = svg("circle", { cx: x(read.longitude), cy: y(read.latitude), r: 6,
      class: read.hotlistHit ? "read hit" : "read", "data-read": read.id },
      title(`${read.plate} at ${read.site ?? read.cameraId}, ${read.capturedAt}`));
    dot.addEventListener("click", () => onPick(read));
    map.append(dot);
  }
  return map;
}

/** Each read at its capture time between the searched from and to. */
export function readsTimeline(reads, from, to, onPick) {
  const width = 520;
  const height = 90;
  const margin = 20;
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  const x = instant => margin + (new Date(instant).getTime() - start) / (end - start) * (width - 2 * margin);
  const line = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img",
    "aria-label": `Timeline of ${reads.length} reads`, "data-testid": "reads-timeline" },
    svg("line", { x1: margin, y1: 50, x2: width - margin, y2: 50, class: "axis" }),
    svg("text", { x: margin, y: 80, class: "tick" }, minute(from)),
    svg("text", { x: width - margin, y: 80, class: "tick end" }, minute(to)));
  for (const read of reads) {
    const mark = svg("rect", { x: x(read.capturedAt) - 2, y: 35, width: 4, height: 30,
      class: read.hotlistHit ? "read hit" : "read", "data-read": read.id },
      title(`${read.plate}, ${read.capturedAt}`));
    mark.addEventListener("click", () => onPick(read));
    line.append(mark);
  }
  return line;
}
