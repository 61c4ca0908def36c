// The host page's own script: a JSON Schema of its own, shown as a form.
"use strict";

// A club's registration: a condition (the instrument, for a music club),
// members the user names (ratings), a tuple (the location), a default,
// an example as a placeholder, formats with their own controls (a date
// and time, a web address, a file) and validation keywords.
const clubSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Register a club",
  type: "object",
  required: ["name", "kind"],
  properties: {
    name: { title: "Club name", type: "string", minLength: 3, examples: ["Riverside Rockets"] },
    kind: { title: "Kind of club", enum: ["sport", "music"] },
    instrument: { title: "Main instrument", type: "string" },
    founded: { title: "Founded", type: "string", format: "date-time" },
    members: { title: "Members", type: "integer", minimum: 1, default: 10 },
    site: { title: "Website", type: "string", format: "uri" },
    ratings: {
      title: "Ratings",
      description: "A rating out of 5 for anything you like.",
      type: "object",
      additionalProperties: { type: "integer", maximum: 5 },
    },
    location: {
      title: "Location",
      type: "array",
      prefixItems: [{ title: "Latitude", type: "number" }, { title: "Longitude", type: "number" }],
      items: false,
    },
    logo: { title: "Logo", description: "A small picture of the club's badge.", type: "string", format: "data-url", maxLength: 90000 },
  },
  if: { properties: { kind: { const: "music" } }, required: ["kind"] },
  then: { properties: { instrument: true }, required: ["instrument"] },
};

function heard(type, detail) {
  window.hostEvents = (window.hostEvents || []).concat([{ type, detail }]);
}

partnerkit.mount(document.getElementById("club-here"), {
  schema: clubSchema,
  submitLabel: "Register the club",
  onChange(detail) {
    document.getElementById("last-change").textContent =
      (detail.value.name || "No name yet") + ": " + (detail.valid ? "ready to send" : detail.findings.length + " to put right");
    heard("change", detail);
  },
  onSubmit(detail) {
    document.getElementById("last-submit").textContent =
      detail.valid ? "registered " + detail.value.name : "not sent: put the problems right first";
    heard("submit", detail);
  },
});
