// Interview Coach front-end glue. No inline scripts (the CSP forbids them).
// Sends the CSRF token with every htmx request, so htmx posts pass Flask-WTF's check.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRFToken"] = meta.getAttribute("content"); }
});
// htmx does not swap 4xx responses by default; our 409 and 422 responses carry the form with its
// errors and the text the user typed, so they are swapped in like a success.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status === 409 || status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
});

// A background job's page streams its server-sent events over a fetch() response (so a POST could carry
// the CSRF header): "progress" updates the status line, "delta" appends readable text, "done" moves to
// the result, "error" says why.
function streamInto(pre) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  var method = pre.getAttribute("data-stream-method") || "GET";
  var headers = { "Accept": "text/event-stream" };
  if (meta && method !== "GET") { headers["X-CSRFToken"] = meta.getAttribute("content"); }
  var errorBox = pre.parentNode.querySelector("[data-stream-error]");
  var progress = pre.parentNode.querySelector("[data-job-progress]");
  function fail(message) {
    if (errorBox) { errorBox.textContent = message; errorBox.hidden = false; }
  }
  function handle(block) {
    var kind = "message", data = "";
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event: ") === 0) { kind = line.slice(7); }
      else if (line.indexOf("data: ") === 0) { data += line.slice(6); }
    });
    if (!data) { return; }
    var payload = JSON.parse(data);
    if (kind === "delta") { pre.textContent += payload.text; pre.scrollTop = pre.scrollHeight; }
    else if (kind === "progress" && progress) {
      progress.textContent = payload.message + (payload.progress ? " (" + Math.round(payload.progress * 100) + "%)" : "");
    }
    else if (kind === "done") { window.location.assign(payload.url); }
    else if (kind === "error") { fail(payload.message); }
  }
  fetch(pre.getAttribute("data-stream-url"), { method: method, headers: headers, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok || !response.body) { throw new Error("The server answered " + response.status + "."); }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            handle(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
          return pump();
        });
      }
      return pump();
    })
    .catch(function (err) { fail("The live view stopped (" + err.message + "). Use the button below to wait for the result."); });
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("pre[data-stream-url]").forEach(streamInto);
});
