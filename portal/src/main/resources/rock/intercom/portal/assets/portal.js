// Rock Intercom Admin Portal: small enhancements on server-rendered pages (no framework).
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) throw new Error(url + " answered " + response.status);
  return response.json();
}

function statusText(status, field) {
  const value = status ? status[field] : undefined;
  if (value === undefined || value === null) return "—";
  if (typeof value === "object") return value.state !== undefined ? String(value.state) : JSON.stringify(value);
  return String(value);
}

// Devices list: pushed by the server (SSE): every row on connect, then the rows that changed;
// a device enrolled meanwhile gets a row, a revoked one loses it.
function liveDevices(table) {
  const tbody = table.tBodies[0];
  const fields = (table.dataset.fields || "registration call screen").split(" ");
  const cellText = (status, field) => field === "registration" ? registrationText(status) : statusText(status, field);
  const addRow = (device) => {
    const row = document.createElement("tr");
    row.dataset.device = device.id;
    const name = document.createElement("td");
    name.dataset.label = "Device";
    const link = document.createElement("a");
    link.href = "/devices/" + encodeURIComponent(device.id);
    name.append(link);
    const id = document.createElement("td");
    id.dataset.label = "Id";
    id.textContent = device.id;
    row.append(name, id);
    for (const field of fields) {
      const td = document.createElement("td");
      td.dataset.field = field;
      td.dataset.label = table.tHead.rows[0].cells[row.cells.length].textContent;
      row.append(td);
    }
    if (table.dataset.revocable !== undefined) {
      const td = document.createElement("td");
      td.dataset.label = "Credential";
      td.textContent = "reload to revoke";
      row.append(td);
    }
    const empty = tbody.querySelector("tr.empty");
    if (empty) empty.remove();
    tbody.append(row);
    return row;
  };
  const source = new EventSource("/api/v1/devices/live");
  source.addEventListener("devices", (e) => {
    for (const device of JSON.parse(e.data)) {
      const row = tbody.querySelector('tr[data-device="' + CSS.escape(device.id) + '"]') || addRow(device);
      const link = row.querySelector("a");
      if (link) link.textContent = device.name;
      for (const cell of row.querySelectorAll("[data-field]")) cell.textContent = cellText(device.status, cell.dataset.field);
    }
    table.dataset.live = "yes";
  });
  source.addEventListener("removed", (e) => {
    for (const id of JSON.parse(e.data)) {
      const row = tbody.querySelector('tr[data-device="' + CSS.escape(id) + '"]');
      if (row) row.remove();
    }
  });
}

// A button that copies a shown text (the enrolment command line); selecting it is the fallback.
function copyButtons() {
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(source.textContent);
        button.textContent = "Copied";
      } catch (e) {
        window.getSelection().selectAllChildren(source);
        button.textContent = "Selected: press Ctrl+C";
      }
    });
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => { if (!window.confirm(form.dataset.confirm)) event.preventDefault(); });
  }
}

// Device page: pushed by the server (SSE): every screen the door shows, with its time, in order
// (a Dialing of a few milliseconds included), and the status each second.
function registrationText(status) {
  const registration = status ? status.registration : undefined;
  const text = statusText(status, "registration");
  return registration && typeof registration === "object" && registration.reason ? text + " — " + registration.reason : text;
}

function inCall(status) {
  const state = statusText(status, "call").toUpperCase();
  return state !== "IDLE" && state !== "FAILED" && state !== "—";
}

function clockTime(iso) {
  const at = new Date(iso);
  const pad = (n, w) => String(n).padStart(w, "0");
  return pad(at.getHours(), 2) + ":" + pad(at.getMinutes(), 2) + ":" + pad(at.getSeconds(), 2) + "." + pad(at.getMilliseconds(), 3);
}

function liveDevice(section) {
  const id = section.dataset.deviceStatus;
  const list = document.getElementById("call-states");
  const screen = document.getElementById("screen");
  const button = document.getElementById("virtual-call-button");
  const setButton = (calling) => { if (button) button.textContent = calling ? button.dataset.end : button.dataset.press; };
  const addState = (entry) => {
    const item = document.createElement("li");
    item.dataset.kind = entry.kind;
    const time = document.createElement("time");
    time.dateTime = entry.at;
    time.textContent = clockTime(entry.at);
    item.append(time, " ", entry.label);
    list.appendChild(item);
    while (list.children.length > 12) list.firstChild.remove();
  };
  const source = new EventSource("/api/v1/devices/" + encodeURIComponent(id) + "/live");
  source.addEventListener("history", (e) => {
    list.replaceChildren();
    for (const entry of JSON.parse(e.data)) addState(entry);
    screen.dataset.live = "yes"; // the stream is open: pushes from now on arrive
  });
  source.addEventListener("screen", (e) => {
    const entry = JSON.parse(e.data);
    screen.textContent = entry.screen;
    setButton(entry.inCall);
    addState(entry);
  });
  const video = document.getElementById("call-video");
  let calling = false; // the first status push (within a second) says
  if (video) setInterval(() => { if (calling) showPicture(video, video.dataset.src, null); else video.hidden = true; }, 1500);
  const camera = document.getElementById("camera-button");
  if (camera) camera.addEventListener("click", () => showPicture(document.getElementById("camera-view"),
      camera.dataset.src, document.getElementById("camera-problem")));
  source.addEventListener("status", (e) => {
    const status = JSON.parse(e.data);
    calling = inCall(status);
    for (const el of section.querySelectorAll("[data-field]")) {
      el.textContent = el.dataset.field === "registration" ? registrationText(status) : statusText(status, el.dataset.field);
    }
    setButton(inCall(status));
  });
}

// A JPEG from the API into an <img> (never cached: a live view); without one the image hides and
// `problem`, when given, says why.
async function showPicture(img, url, problem) {
  try {
    const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      img.hidden = true;
      if (problem) { problem.textContent = body.error || ("HTTP " + response.status); problem.hidden = false; }
      return;
    }
    const old = img.src;
    img.src = URL.createObjectURL(await response.blob());
    if (old.startsWith("blob:")) URL.revokeObjectURL(old);
    await img.decode(); // shown once it is a whole picture; a broken one hides below
    img.hidden = false;
    if (problem) problem.hidden = true;
  } catch (err) {
    img.hidden = true;
  }
}

// Security Events: prepend new events that match the filter, without a reload.
function liveEvents(table) {
  const tbody = table.tBodies[0];
  const newestId = () => {
    const first = tbody.querySelector("tr[data-event-id]");
    return first ? Number(first.dataset.eventId) : 0;
  };
  const cell = (text) => { const td = document.createElement("td"); td.textContent = text; return td; };
  const deviceNames = {};
  const filter = document.getElementById("filter-device");
  for (const option of filter.options) {
    if (option.value) deviceNames[option.value] = option.textContent;
  }
  // The device filter follows the Devices list by server push: a door enrolled meanwhile is offered.
  const devices = new EventSource("/api/v1/devices/live");
  devices.addEventListener("devices", (e) => {
    for (const device of JSON.parse(e.data)) {
      if (!(device.id in deviceNames)) filter.append(new Option(device.name, device.id));
      deviceNames[device.id] = device.name;
    }
  });
  const refresh = async () => {
    try {
      const body = await getJson("/api/v1/events?" + table.dataset.query);
      const known = newestId();
      const fresh = body.events.filter((e) => e.id > known).reverse();
      if (fresh.length) {
        const empty = tbody.querySelector("tr.empty");
        if (empty) empty.remove();
      }
      for (const e of fresh) {
        const row = document.createElement("tr");
        row.dataset.eventId = e.id;
        row.className = "fresh";
        const time = e.time.replace("T", " ").replace("Z", "");
        const labelled = (label, text) => { const td = cell(text); td.dataset.label = label; return td; };
        const details = labelled("Details", e.detailsText || "");
        details.className = "details";
        row.append(labelled("Time (UTC)", time), labelled("Device", e.device === "portal" ? "Admin Portal" : (deviceNames[e.device] || e.device)),
          labelled("Event", e.name), details);
        tbody.insertBefore(row, tbody.firstChild);
      }
    } catch (e) { /* retry on the next tick */ }
  };
  setInterval(refresh, 2000);
}

// Modify form: the SIP toggle and other switches show their sections; TLS shows the certificate upload.
function modifyForm(form) {
  for (const toggle of form.querySelectorAll("[data-toggles]")) {
    const target = document.getElementById(toggle.dataset.toggles);
    const sync = () => { target.hidden = !toggle.checked; };
    toggle.addEventListener("change", sync);
  }
  const transport = form.querySelector("[data-shows-when-tls]");
  if (transport) {
    const target = document.getElementById(transport.dataset.showsWhenTls);
    transport.addEventListener("change", () => { target.hidden = transport.value !== "TLS"; });
  }
  form.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-remove-entry]");
    if (!remove) return;
    const entry = remove.closest("li");
    const fieldset = entry.closest("fieldset");
    entry.remove();
    const add = fieldset ? fieldset.querySelector("[data-add-entry]") : null;
    if (add) add.focus();
  });
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  for (const link of document.querySelectorAll("#error-summary a[href^='#']")) {
    link.addEventListener("click", (event) => {
      // Open the collapsed section that holds the field before moving to it.
      const target = document.getElementById(link.getAttribute("href").substring(1));
      if (!target) return;
      event.preventDefault();
      for (let el = target.parentElement; el; el = el.parentElement) {
        if (el.tagName === "DETAILS") el.open = true;
        if (el.hidden) el.hidden = false;
      }
      target.scrollIntoView({ block: "center" });
      (target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea") || target).focus();
    });
  }
  let added = 0;
  for (const plus of form.querySelectorAll("[data-add-entry]")) {
    plus.addEventListener("click", () => {
      const base = plus.dataset.addEntry;
      const template = document.getElementById(base + "-template");
      const list = document.getElementById(base + "-entries");
      const entry = template.content.firstElementChild.cloneNode(true);
      added += 1;
      for (const el of entry.querySelectorAll("[id]")) {
        const label = entry.querySelector('label[for="' + el.id + '"]');
        el.id = el.id + "-" + added;
        if (label) label.htmlFor = el.id;
      }
      list.appendChild(entry);
      const input = entry.querySelector("input");
      if (input) input.focus();
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const devices = document.querySelector("[data-live-devices]");
  if (devices) liveDevices(devices);
  const device = document.querySelector("[data-device-status]");
  if (device) liveDevice(device);
  const events = document.querySelector("[data-live-events]");
  if (events) liveEvents(events);
  const form = document.getElementById("modify-form");
  if (form) modifyForm(form);
  copyButtons();
});
