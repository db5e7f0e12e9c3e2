// Where and when the reads of a search were captured, drawn as SVG from the reads themselves; map tiles only from the
// city's own tile server, when one is configured, so nothing about a search leaves the city's systems.
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

const TILE = 256;

/** A position in Web Mercator pixels of the world at zoom z (the projection every tile server draws in). */
function mercator(latitude, longitude, z) {
  const world = TILE * 2 ** z;
  const sin = Math.sin(latitude * Math.PI / 180);
  return { x: (longitude + 180) / 360 * world, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world };
}

/**
 * Each read at its camera's position, fitted to the reads; a read's label shows on hover. Over the city's own
 * basemap when one is configured (basemap.tiles, {z}/{x}/{y}), on a plain ground otherwise: no tile is fetched from
 * anywhere else.
 */
export function readsMap(reads, onPick, basemap) {
  const width = 520;
  const height = 320;
  const margin = 24;
  const placed = reads.filter(read => read.latitude !== null && read.longitude !== null);
  const pad = 0.002;
  const south = Math.min(...placed.map(read => read.latitude)) - pad;
  const north = Math.max(...placed.map(read => read.latitude)) + pad;
  const west = Math.min(...placed.map(read => read.longitude)) - pad;
  const east = Math.max(...placed.map(read => read.longitude)) + pad;
  let zoom = 18;
  while (zoom > 0) {
    const southWest = mercator(south, west, zoom);
    const northEast = mercator(north, east, zoom);
    if (northEast.x - southWest.x <= width - 2 * margin && southWest.y - northEast.y <= height - 2 * margin) {
      break;
    }
    zoom -= 1;
  }
  const centre = mercator((south + north) / 2, (west + east) / 2, zoom);
  const left = centre.x - width / 2;
  const top = centre.y - height / 2;
  const at = read => {
    const point = mercator(read.latitude, read.longitude, zoom);
    return { x: point.x - left, y: point.y - top };
  };
  const map = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "img",
    "aria-label": `Map of ${placed.length} reads`, "data-testid": "reads-map" },
    svg("rect", { x: 0, y: 0, width, height, class: "ground" }));
  if (basemap?.tiles) {
    const tiles = svg("g", { class: "basemap", "data-testid": "basemap" });
    const last = 2 ** zoom - 1;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx++) {
      for (let ty = Math.max(0, Math.floor(top / TILE)); ty <= Math.min(last, Math.floor((top + height) / TILE)); ty++) {
        const wrapped = ((tx % (last + 1)) + last + 1) % (last + 1);
        tiles.append(svg("image", { href: basemap.tiles.replaceAll("{z}", zoom).replaceAll("{x}", wrapped).replaceAll("{y}", ty),
          x: tx * TILE - left, y: ty * TILE - top, width: TILE, height: TILE }));
      }
    }
    map.append(tiles);
    if (basemap.attribution) {
      map.append(svg("text", { x: width - 4, y: height - 4, class: "attribution" }, basemap.attribution));
    }
  }
  const sites = new Map();
  for (const read of placed) {
    const key = `${read.latitude},${read.longitude}`;
    const point = at(read);
    if (!sites.has(key)) {
      sites.set(key, read.site ?? read.cameraId);
      map.append(svg("text", { x: point.x + 8, y: point.y - 8, class: "site" }, read.site ?? read.cameraId));
    }
    const dot = svg("circle", { cx: point.x, cy: point.y, r: 6,
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

/** A colour for each series, in the order given; the legend names them. */
const SERIES = ["#2f6f9f", "#c97b2a", "#5a8f3e", "#8a4f9e", "#b5474b", "#4d8f8f"];

/**
 * Bars per day, each split by series (e.g. searches by purpose), with a legend and the day's total on hover.
 *
 * @param days [{ day: "2026-11-03", values: { purpose: count } }], oldest first
 */
export function dailyBars(days, series, { label, testId }) {
  const width = 520;
  const height = 180;
  const margin = 24;
  const top = 10;
  const max = Math.max(1, ...days.map(day => series.reduce((sum, name) => sum + (day.values[name] ?? 0), 0)));
  const step = (width - 2 * margin) / Math.max(1, days.length);
  const scale = (height - margin - top) / max;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 18 * Math.ceil(series.length / 3)}`, class: "bars",
    role: "img", "aria-label": label, "data-testid": testId },
    svg("line", { x1: margin, y1: height - margin, x2: width - margin, y2: height - margin, class: "axis" }),
    svg("text", { x: margin - 4, y: top + 4, class: "tick end" }, String(max)));
  days.forEach((day, index) => {
    let base = height - margin;
    const total = series.reduce((sum, name) => sum + (day.values[name] ?? 0), 0);
    series.forEach((name, which) => {
      const value = day.values[name] ?? 0;
      if (value > 0) {
        base -= value * scale;
        chart.append(svg("rect", { x: margin + index * step + 1, y: base, width: Math.max(1, step - 2),
          height: value * scale, fill: SERIES[which % SERIES.length], class: "bar", "data-day": day.day,
          "data-series": name }, title(`${day.day}: ${name} ${value} (of ${total})`)));
      }
    });
  });
  if (days.length) {
    chart.append(svg("text", { x: margin, y: height - 8, class: "tick" }, days[0].day),
      svg("text", { x: width - margin, y: height - 8, class: "tick end" }, days[days.length - 1].day));
  }
  series.forEach((name, which) => {
    const x = margin + (which % 3) * 165;
    const y = height + 10 + 18 * Math.floor(which / 3);
    chart.append(svg("rect", { x, y: y - 9, width: 10, height: 10, fill: SERIES[which % SERIES.length] }),
      svg("text", { x: x + 14, y, class: "legend" }, name));
  });
  return chart;
}

/** One bar split into its parts (e.g. alerts by disposition), each part's count and share on hover and in the legend. */
export function partsBar(parts, { label, testId }) {
  const width = 520;
  const total = parts.reduce((sum, [, value]) => sum + value, 0);
  const chart = svg("svg", { viewBox: `0 0 ${width} 64`, class: "bars", role: "img", "aria-label": label,
    "data-testid": testId }, svg("rect", { x: 0, y: 4, width, height: 24, class: "ground" }));
  let x = 0;
  parts.forEach(([name, value], which) => {
    const share = total === 0 ? 0 : value / total;
    if (value > 0) {
      chart.append(svg("rect", { x, y: 4, width: share * width, height: 24, fill: SERIES[which % SERIES.length],
        class: "bar", "data-series": name }, title(`${name}: ${value} (${Math.round(share * 100)} %)`)));
      x += share * width;
    }
    chart.append(svg("rect", { x: which * 130, y: 40, width: 10, height: 10, fill: SERIES[which % SERIES.length] }),
      svg("text", { x: which * 130 + 14, y: 49, class: "legend" }, `${name} ${value}`));
  });
  return chart;
}

/** How long something has waited against the limit it may wait, as a bar that turns to a warning past it. */
export function ageBar(seconds, limitSeconds, { label, testId }) {
  const width = 520;
  const shown = Math.max(0, Math.min(seconds, 2 * limitSeconds));
  const late = seconds > limitSeconds;
  return svg("svg", { viewBox: `0 0 ${width} 40`, class: "bars", role: "img", "aria-label": label,
    "data-testid": testId },
  svg("rect", { x: 0, y: 4, width, height: 18, class: "ground" }),
  svg("rect", { x: 0, y: 4, width: shown / (2 * limitSeconds) * width, height: 18, class: late ? "bar late" : "bar ok" }),
  svg("line", { x1: width / 2, y1: 0, x2: width / 2, y2: 26, class: "limit" }),
  svg("text", { x: width / 2 + 4, y: 36, class: "tick" }, "limit"));
}
