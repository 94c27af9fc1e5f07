// Interview Coach front-end glue. No inline scripts (the CSP forbids them).
// Sends the CSRF token with every htmx request, so htmx posts pass Flask-WTF's check.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.getAttribute("content"); }
});
// htmx does not swap 4xx responses by default; our 422 responses carry the form with its errors.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
});
