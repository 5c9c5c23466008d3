// Progressive enhancement of the server-rendered network SVG: wheel to zoom, drag to pan,
// double-click to reset. The picture, its links and tooltips work without this file.
(function () {
  "use strict";
  var svg = document.querySelector("#network-figure svg");
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) { return; }
  var base = svg.viewBox.baseVal, home = [base.x, base.y, base.width, base.height];
  var box = home.slice(), drag = null;
  function apply() { svg.setAttribute("viewBox", box.join(" ")); }
  function point(evt) {
    var r = svg.getBoundingClientRect();
    return [box[0] + (evt.clientX - r.left) / r.width * box[2],
            box[1] + (evt.clientY - r.top) / r.height * box[3]];
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = point(evt), k = evt.deltaY < 0 ? 0.8 : 1.25;
    box = [p[0] - (p[0] - box[0]) * k, p[1] - (p[1] - box[1]) * k, box[2] * k, box[3] * k];
    apply();
  }, { passive: false });
  svg.addEventListener("pointerdown", function (evt) {
    if (evt.target.closest("a")) { return; }
    drag = point(evt);
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var p = point(evt);
    box[0] += drag[0] - p[0];
    box[1] += drag[1] - p[1];
    apply();
  });
  svg.addEventListener("dblclick", function () { box = home.slice(); apply(); });
  svg.style.cursor = "grab";
}());
