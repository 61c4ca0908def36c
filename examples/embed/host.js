// The host page's own script: it listens to the embedded forms.
"use strict";

// The custom element: change and submit events, with detail
// {value, findings, valid}.
const mouForm = document.getElementById("mou-form");
mouForm.addEventListener("change", (event) => {
  const { value, findings, valid } = event.detail;
  document.getElementById("last-change").textContent =
    (value.title || "Untitled") + ": " + findings.length + " findings, " + (valid ? "valid" : "not valid yet");
  window.hostEvents = (window.hostEvents || []).concat([{ type: "change", detail: event.detail }]);
});
mouForm.addEventListener("submit", (event) => {
  const { value, valid } = event.detail;
  document.getElementById("last-submit").textContent = valid ? "sent " + value.title : "not sent: put the problems right first";
  window.hostEvents = (window.hostEvents || []).concat([{ type: "submit", detail: event.detail }]);
});

// The JavaScript API: mount(element, options), with callbacks.
partnerkit.mount(document.getElementById("health-check-here"), {
  framework: "partnership-health-check",
  submitLabel: "Save our answers",
  onChange(detail) {
    const overall = detail.score && detail.score.overall;
    document.getElementById("overall").textContent =
      overall == null ? "not scored yet" : overall.toFixed(1) + " (" + detail.score.band + ")";
  },
  onSubmit(detail) {
    window.hostEvents = (window.hostEvents || []).concat([{ type: "health-check-submit", detail }]);
  },
});
