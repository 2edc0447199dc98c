/* Reach calculator: the same arithmetic as macros/reach.py, in the same order (a test keeps
   them identical). Parameters come from data/reach.yml via the form's data-model attribute. */
(function () {
  "use strict";

  function interactionRate(m, x) {
    var w = m.weights;
    return w.like * x.like + w.comment * x.comment + w.share * x.share + w.save * x.save;
  }

  function simulate(m, x) {
    var rate = interactionRate(m, x);
    var cap = m.max_wave_views;
    var waves = [Math.min(m.initial_audience + m.follower_share * x.followers, cap)];
    for (var i = 0; i < m.waves.length; i++) {
      var wave = m.waves[i];
      if (x.completion < wave.completion_min || rate < wave.interaction_min) break;
      waves.push(Math.min(waves[waves.length - 1] * m.growth_factor, cap));
    }
    var total = 0;
    for (var j = 0; j < waves.length; j++) total += waves[j];
    return {
      waves: waves, total: total, interaction_rate: rate, likes: total * x.like,
      comments: total * x.comment, shares: total * x.share, saves: total * x.save
    };
  }

  if (typeof module !== "undefined") module.exports = { simulate: simulate };
  if (typeof document === "undefined") return;

  var NUMBER = /^\s*\d+(?:[.,]\d+)?\s*$/;
  var format = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 0 });

  /* Returns [value, message]: a number in range, or a German message for the reader. */
  function read(input) {
    var text = input.value;
    var isPercent = input.name !== "followers";
    if (text.trim() === "") return [null, "Bitte einen Wert eingeben."];
    if (/^\s*-/.test(text)) return [null, "Bitte keine negativen Werte."];
    if (!NUMBER.test(text)) return [null, "Bitte eine Zahl eingeben, z. B. 4 oder 0,5."];
    var value = parseFloat(text.replace(",", "."));
    if (!isFinite(value)) return [null, "Bitte eine Zahl eingeben, z. B. 4 oder 0,5."];
    if (isPercent && value > 100) return [null, "Höchstens 100 %."];
    if (!isPercent && value > 1e9) return [null, "Höchstens 1.000.000.000 Follower."];
    return [isPercent ? value / 100 : value, ""];
  }

  function update(form, model) {
    var inputs = {}, valid = true;
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      var parsed = read(input);
      document.getElementById(input.id + "-error").textContent = parsed[1];
      input.setAttribute("aria-invalid", parsed[1] ? "true" : "false");
      if (parsed[1]) valid = false; else inputs[input.name] = parsed[0];
    });
    var output = form.querySelector("output");
    var total = output.querySelector("[data-part=total]");
    var detail = output.querySelector("[data-part=detail]");
    if (!valid) {
      total.textContent = "–";
      detail.textContent = "Bitte die markierten Eingaben korrigieren.";
      drawWaves(form, []);
      return;
    }
    var r = simulate(model, inputs);
    total.textContent = format.format(r.total);
    detail.textContent = "in " + r.waves.length + (r.waves.length === 1 ? " Welle" : " Wellen") +
      ", davon etwa " + format.format(r.likes) + " Likes, " + format.format(r.comments) +
      " Kommentare, " + format.format(r.shares) + " Mal geteilt und " + format.format(r.saves) +
      " Mal gespeichert.";
    drawWaves(form, r.waves);
  }

  /* One bar per reached wave, all on the scale of the largest wave; bars set by attribute, not style. */
  function drawWaves(form, waves) {
    var largest = Math.max.apply(null, waves.concat([1]));
    Array.prototype.forEach.call(form.querySelectorAll("[data-wave]"), function (row) {
      var index = Number(row.dataset.wave);
      var views = waves[index];
      row.hidden = views === undefined;
      if (row.hidden) return;
      var bar = row.querySelector("rect");
      var percent = views > 0 ? Math.max(100 * views / largest, 1) : 0;
      bar.setAttribute("width", percent.toFixed(2) + "%");
      bar.setAttribute("data-value", String(views));
      row.querySelector("[data-part=value]").textContent = format.format(views);
    });
  }

  function init() {
    var form = document.getElementById("kompass-reach");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var model = JSON.parse(form.dataset.model);
    form.addEventListener("input", function () { update(form, model); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update(form, model);
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
