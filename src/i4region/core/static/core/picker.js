// Progressive enhancement for <select data-picker>: a filter box above long lists.
// Without JavaScript the select still works (typing jumps to a matching option).
(function () {
  function norm(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-filter";
    box.setAttribute("aria-label", select.dataset.pickerLabel);
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var q = norm(box.value.trim());
      Array.prototype.forEach.call(select.options, function (opt) {
        opt.hidden = q !== "" && opt.value !== "" && norm(opt.text).indexOf(q) === -1;
      });
    });
  });
})();
