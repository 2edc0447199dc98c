/* Text and links that something else (sticky header, sidebar title, buttons) covers at their centre;
   `below` (px from the top of the viewport) limits the check to what starts there, e.g. a heading just jumped to. */
(below) => {
  const covered = [];
  const selectors = ".md-content h1, .md-content h2, .md-content h3, .md-content p, .md-content a, " +
    ".md-sidebar--primary .md-nav__link, .md-sidebar--secondary .md-nav__link";
  for (const el of document.querySelectorAll(selectors)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
    if (x < 0 || x >= innerWidth || y < 0 || y >= innerHeight) continue;
    if (below !== undefined && r.top < below - 1 && !el.closest(".md-sidebar")) continue;
    const scroller = el.closest(".md-sidebar__scrollwrap");
    if (scroller) {
      const s = scroller.getBoundingClientRect();
      if (y < s.top || y > s.bottom) continue;  // scrolled out of its own box, not covered
    }
    const hit = document.elementFromPoint(x, y);
    if (hit && !el.contains(hit) && !hit.contains(el)) {
      covered.push(`${el.tagName.toLowerCase()} „${el.textContent.trim().slice(0, 40)}“ unter ${hit.className || hit.tagName}`);
    }
  }
  return covered;
}
