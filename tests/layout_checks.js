/* What a reader sees, measured in the browser: returns a list of problems (empty when all is well).
   Used by tests/test_layout.py on every page, at each width and colour scheme. */
() => {
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const hiddenFromSight = (el) => {  // visually hidden for screen readers only (e.g. a phone table's header row)
    for (let a = el; a; a = a.parentElement) if (getComputedStyle(a).clipPath !== "none") return true;
    return false;
  };
  const column = document.querySelector(".md-content__inner");
  const box = column.getBoundingClientRect();

  // 1. Nothing in the content column is wider than the column or clipped inside it.
  for (const el of column.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest(".headerlink") || hiddenFromSight(el)) continue;
    // Unseen until hovered: Material's footnote back link waits at opacity 0, shifted .25rem to
    // the right, and slides into place (inside the column) when it shows.
    if (getComputedStyle(el).opacity === "0") continue;
    if (!el.textContent.trim() && !el.children.length) continue;  // blank runs in code hang invisibly
    if (r.left < box.left - 1.5 || r.right > box.right + 1.5) {
      problems.push(`zu breit: ${name(el)} ${Math.round(r.left)}–${Math.round(r.right)} in Spalte ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    const style = getComputedStyle(el);
    if (["auto", "scroll", "hidden"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "svg") {
      problems.push(`abgeschnitten: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }

  // 2. Bars proportional to their values within each chart; a value above zero at least 2 px.
  for (const chart of column.querySelectorAll(".kompass-chart")) {
    const bars = [...chart.querySelectorAll(".kompass-chart__row:not([hidden]) rect")];
    if (!bars.length) continue;
    const values = bars.map((b) => Number(b.dataset.value));
    const widths = bars.map((b) => b.getBoundingClientRect().width);
    const largest = Math.max(...values), widest = Math.max(...widths);
    const title = chart.querySelector("figcaption").textContent.trim();
    if (widest < 50) problems.push(`Diagramm „${title}“: längster Balken nur ${widest}px`);
    bars.forEach((bar, i) => {
      const expected = largest ? widest * values[i] / largest : 0;
      if (Math.abs(widths[i] - expected) > 0.02 * widest) {
        problems.push(`Diagramm „${title}“: Balken ${i + 1} ${widths[i].toFixed(1)}px statt ${expected.toFixed(1)}px`);
      }
      if (values[i] > 0 && widths[i] < 2) problems.push(`Diagramm „${title}“: Balken ${i + 1} unter 2px`);
    });
  }

  // 3. Timeline markers on the line; each strand its own colour, the legend's colour.
  for (const timeline of column.querySelectorAll(".kompass-timeline__events")) {
    const line = timeline.getBoundingClientRect();
    const lineX = line.left + parseFloat(getComputedStyle(timeline).borderLeftWidth) / 2;
    const colours = new Map();
    for (const event of timeline.querySelectorAll(".kompass-timeline__event")) {
      const marker = getComputedStyle(event, "::before");
      const centre = event.getBoundingClientRect().left + parseFloat(marker.left) + parseFloat(marker.width) / 2;
      if (Math.abs(centre - lineX) > 1.5) problems.push(`Zeitleiste: Marker neben der Linie (${(centre - lineX).toFixed(1)}px)`);
      const strand = [...event.classList].find((c) => c.startsWith("kompass-strand--"));
      const colour = marker.backgroundColor;
      if (colours.has(strand) && colours.get(strand) !== colour) problems.push(`Zeitleiste: ${strand} zweifarbig`);
      colours.set(strand, colour);
    }
    if (new Set(colours.values()).size !== colours.size) problems.push(`Zeitleiste: Stränge teilen Farben ${[...colours.values()]}`);
    for (const entry of timeline.parentElement.querySelectorAll(".kompass-timeline__legend li")) {
      const strand = [...entry.classList].find((c) => c.startsWith("kompass-strand--"));
      if (getComputedStyle(entry, "::before").backgroundColor !== colours.get(strand)) {
        problems.push(`Zeitleiste: Legende ${strand} hat eine andere Farbe`);
      }
    }
  }
  // 4. A phone table card's label (the cell's ::before) fits its column: no unbreakable part of
  //    it is wider than the column, so it never runs into the value beside it.
  const measure = document.createElement("canvas").getContext("2d");
  for (const cell of column.querySelectorAll("td[data-label]")) {
    const style = getComputedStyle(cell);
    if (style.display !== "grid") continue;
    const label = getComputedStyle(cell, "::before");
    if (label.overflowWrap === "anywhere" || label.wordBreak === "break-all") continue;
    measure.font = `${label.fontWeight} ${label.fontSize} ${label.fontFamily}`;
    const parts = label.whiteSpace.startsWith("nowrap") || label.whiteSpace === "pre" ? [cell.dataset.label]
      : cell.dataset.label.split(/\s+|(?<=-)/);  // a line may break at a space or after a hyphen
    const widest = Math.max(...parts.map((part) => measure.measureText(part).width));
    const room = parseFloat(style.gridTemplateColumns);
    if (widest > room + 1) problems.push(`Tabellenkarte: Beschriftung „${cell.dataset.label}“ ${Math.round(widest)}px in ${Math.round(room)}px`);
  }
  return problems;
}
