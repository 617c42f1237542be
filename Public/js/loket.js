// Progress for long work: a form marked data-busy shows its text with the seconds that
// have passed, and its buttons wait, so a control or delivery is not asked for twice.
// Pages work without this script; it only adds the feedback.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute && form.getAttribute("data-busy");
  if (!text) return;
  var status = form.querySelector(".busy");
  if (!status) {
    status = document.createElement("p");
    status.className = "busy";
    status.setAttribute("role", "status");
    form.appendChild(status);
  }
  var started = Date.now();
  function show() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    status.textContent = text + (seconds > 0 ? " (" + seconds + " s)" : "");
  }
  show();
  setInterval(show, 1000);
  // After the submit has been sent: a disabled button would leave its value out of it.
  setTimeout(function () {
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
  }, 0);
});
