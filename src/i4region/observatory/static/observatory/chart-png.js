// "PNG image" links: draw the chart's SVG onto a canvas and save it as a PNG file.
// Without JavaScript the link opens the SVG image itself.
(function () {
  document.querySelectorAll("a.png-download").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var svg = link.closest("figure").querySelector("svg");
      if (!svg) return;
      event.preventDefault();
      var box = svg.viewBox && svg.viewBox.baseVal;
      var width = (box && box.width) || svg.clientWidth || 800;
      var height = (box && box.height) || svg.clientHeight || 400;
      var clone = svg.cloneNode(true);
      clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      clone.setAttribute("width", width);
      clone.setAttribute("height", height);
      var image = new Image();
      image.onload = function () {
        var scale = 2;
        var canvas = document.createElement("canvas");
        canvas.width = width * scale;
        canvas.height = height * scale;
        var context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        var save = document.createElement("a");
        save.href = canvas.toDataURL("image/png");
        save.download = (link.dataset.name || "chart") + ".png";
        document.body.appendChild(save);
        save.click();
        save.remove();
      };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
    });
  });
})();
