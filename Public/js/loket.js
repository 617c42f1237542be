// A removal asks first: a form marked data-confirm sends only after the user agrees. It
// runs in the capture phase, before the progress handler below. Without this script the
// form sends at once, as a plain form does.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

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

// A form sent back with errors: the focus goes to the first field with an error, or else
// to the error summary, so a keyboard or screen reader user starts where the fix is. (The
// CSP allows no inline script, hence here.)
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("main [aria-invalid=\"true\"]:not(:disabled)") || document.querySelector("main .error-summary");
  if (!target) return;
  if (!target.matches("input, select, textarea, button, a[href]")) target.setAttribute("tabindex", "-1");
  target.focus();
});
