// The crawler's dashboard: polls the silo's JSON API (relative URLs, so any path base works) while the page is
// visible, and draws tables and SVG charts by hand. Untrusted text (hosts, URLs, log lines) only ever goes into
// textContent, never into HTML.
"use strict";

const POLL_MS = 2000;
const HISTORY = 150;
const state = {
  tab: "overview",
  cluster: null,
  jobs: [],
  selectedJob: null,
  selectedHost: null,
  history: { pages: [], errors: [], p50: [], p95: [], p99: [] },
  logCursor: "",
  logSilos: new Set(),
  logRead: null,
  sort: { "methods-table": { key: "calls", asc: false }, "hosts-table": { key: "waiting", asc: false } },
  timer: null,
};

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = tag === "svg" || ["line", "polyline", "rect", "text", "g"].includes(tag)
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function fmt(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return "-";
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US");
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "-";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ headers: { Accept: "application/json" }, credentials: "same-origin" }, options || {}));
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { const problem = await response.json(); if (problem.detail) detail = problem.detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return response.json();
}

function fillBody(table, rows) {
  const body = table.tBodies[0];
  body.replaceChildren(...rows);
}

// ---- charts ----

function drawChart(svg, seriesList, unit) {
  const width = 600, height = 160, left = 44, bottom = 16, top = 8;
  const max = Math.max(1, ...seriesList.flat());
  const nodes = [
    el("line", { class: "axis", x1: left, y1: height - bottom, x2: width, y2: height - bottom }),
    el("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }),
    el("text", { x: 2, y: top + 10, text: fmt(max) + (unit || "") }),
    el("text", { x: 2, y: height - bottom, text: "0" }),
    el("text", { x: width - 120, y: height - 2, text: `last ${Math.round(HISTORY * POLL_MS / 60000)} min` }),
  ];
  seriesList.forEach((series, index) => {
    if (series.length < 2) return;
    const step = (width - left) / (HISTORY - 1);
    const offset = HISTORY - series.length;
    const points = series.map((v, i) => `${(left + (offset + i) * step).toFixed(1)},${(height - bottom - (v / max) * (height - bottom - top)).toFixed(1)}`);
    nodes.push(el("polyline", { class: `series${index}`, points: points.join(" ") }));
  });
  svg.replaceChildren(...nodes);
}

function drawBars(svg, pairs) {
  const width = 400, height = 140, bottom = 18;
  const max = Math.max(1, ...pairs.map(p => p[1]));
  const w = Math.min(60, (width - 10) / Math.max(1, pairs.length));
  const nodes = [];
  pairs.forEach(([label, value], i) => {
    const h = (value / max) * (height - bottom - 16);
    const x = 5 + i * w;
    nodes.push(el("rect", { x: x + 4, y: height - bottom - h, width: w - 8, height: h }));
    nodes.push(el("text", { x: x + 4, y: height - 4, text: label }));
    nodes.push(el("text", { x: x + 4, y: height - bottom - h - 3, text: fmt(value) }));
  });
  svg.replaceChildren(...nodes);
}

function push(list, value) {
  list.push(value || 0);
  if (list.length > HISTORY) list.shift();
}

// ---- views ----

function renderOverview(cluster) {
  const t = cluster.totals;
  $("ov-silos").textContent = `${t.silosUp} / ${cluster.silos.length}`;
  $("ov-silos-sub").textContent = t.silosDead || t.silosUnreachable ? `${t.silosDead} dead, ${t.silosUnreachable} unreachable` : "";
  $("ov-activations").textContent = fmt(t.activations);
  $("ov-pages").textContent = fmt(t.pagesPerSecond);
  $("ov-errors").textContent = fmt(t.errorsPerSecond);
  $("ov-turns").textContent = fmt(t.turnsPerSecond);
  $("ov-latency").textContent = `${fmt(t.p50Ms, 2)} / ${fmt(t.p95Ms, 2)} / ${fmt(t.p99Ms, 2)} ms`;
  $("ov-jobs").textContent = String(state.jobs.filter(j => j.status.state === "running").length);
  drawChart($("chart-pages"), [state.history.pages]);
  drawChart($("chart-errors"), [state.history.errors]);
  drawChart($("chart-latency"), [state.history.p50, state.history.p95, state.history.p99], " ms");
}

function renderSilos(cluster) {
  fillBody($("silos-table"), cluster.silos.map(s => {
    const snap = s.snapshot;
    return el("tr", { "data-silo": s.siloId, title: s.error || "" },
      el("td", { text: s.siloId + (s.siloId === cluster.answeringSilo ? " (this one)" : "") }),
      el("td", { class: `state state-${s.state}`, text: s.state }),
      el("td", { text: s.address || "-" }),
      el("td", { class: "num", text: snap ? String(snap.partitions.length) : "-" }),
      el("td", { class: "num", text: snap ? fmt(snap.cpuPercent) : "-" }),
      el("td", { class: "num", text: snap ? bytes(snap.workingSetBytes) : "-" }),
      el("td", { class: "num", text: snap ? bytes(snap.gcHeapBytes) : "-" }),
      el("td", { class: "num", text: snap ? fmt(snap.activations) : "-" }),
      el("td", { class: "num", text: snap ? fmt(snap.turnsPerSecond) : "-" }),
      el("td", { class: "num", text: snap ? fmt(snap.queuedWork) : "-" }),
      el("td", { class: "num", text: snap ? fmt(snap.pagesPerSecond) : "-" }),
      el("td", { text: new Date(s.heartbeat).toLocaleTimeString() }));
  }));
  const up = cluster.silos.filter(s => s.snapshot);
  const types = Object.keys(cluster.totals.activationsByType).sort();
  const table = $("activations-table");
  table.tHead.replaceChildren(el("tr", {}, el("th", { text: "Grain type" }), ...up.map(s => el("th", { class: "num", text: s.siloId })), el("th", { class: "num", text: "Total" })));
  fillBody(table, types.map(type => el("tr", {},
    el("td", { text: type }),
    ...up.map(s => el("td", { class: "num", text: fmt(s.snapshot.activationsByType[type] || 0) })),
    el("td", { class: "num", text: fmt(cluster.totals.activationsByType[type]) }))));
}

function sorted(tableId, rows) {
  const { key, asc } = state.sort[tableId];
  const copy = rows.slice();
  copy.sort((a, b) => {
    const x = a[key], y = b[key];
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return asc ? c : -c;
  });
  const table = $(tableId);
  for (const th of table.tHead.rows[0].cells) {
    th.classList.toggle("sorted", th.dataset.key === key);
    th.classList.toggle("asc", th.dataset.key === key && asc);
  }
  return copy;
}

function renderMethods(cluster) {
  fillBody($("methods-table"), sorted("methods-table", cluster.totals.methods).map(m => el("tr", {},
    el("td", { text: m.method }),
    el("td", { class: "num", text: fmt(m.calls) }),
    el("td", { class: "num", text: fmt(m.callsPerSecond) }),
    el("td", { class: "num", text: fmt(m.exceptions) }),
    el("td", { class: "num", text: fmt(m.p50Ms, 2) }),
    el("td", { class: "num", text: fmt(m.p95Ms, 2) }),
    el("td", { class: "num", text: fmt(m.p99Ms, 2) }))));
}

function renderHosts(cluster) {
  const filter = $("hosts-filter").value.trim().toLowerCase();
  const rows = cluster.hosts.filter(h => !filter || h.host.toLowerCase().includes(filter) || h.robots.toLowerCase().includes(filter) || h.circuit.includes(filter));
  $("hosts-count").textContent = `${rows.length} of ${cluster.hosts.length} hosts`;
  fillBody($("hosts-table"), sorted("hosts-table", rows).map(h => el("tr", {
    class: "clickable" + (h.host === state.selectedHost ? " selected" : ""),
    "data-host": h.host,
    onclick: () => { state.selectedHost = h.host; renderHosts(state.cluster); },
  },
    el("td", { text: h.host }),
    el("td", { text: h.silo }),
    el("td", { class: "num", text: fmt(h.waiting) }),
    el("td", { class: "num", text: fmt(h.inFlight) }),
    el("td", { class: "num", text: fmt(h.delayMs, 0) }),
    el("td", { text: h.robots }),
    el("td", { text: h.circuit }),
    el("td", { class: "num", text: fmt(h.fetches) }),
    el("td", { class: "num", text: `${(h.errorRate * 100).toFixed(1)} %` }))));
  const detail = $("host-detail");
  const selected = cluster.hosts.find(h => h.host === state.selectedHost);
  detail.hidden = !selected;
  detail.textContent = selected ? JSON.stringify(selected, null, 2) : "";
}

function renderJobs() {
  fillBody($("jobs-table"), state.jobs.map(j => {
    const s = j.status;
    const running = s.state === "running";
    return el("tr", { "data-job": s.jobId, class: "clickable" + (s.jobId === state.selectedJob ? " selected" : ""), onclick: () => selectJob(s.jobId) },
      el("td", { text: s.jobId }),
      el("td", { class: "state", text: s.state }),
      el("td", { class: "num discovered", text: fmt(s.discovered) }),
      el("td", { class: "num queued", text: fmt(s.queued) }),
      el("td", { class: "num inflight", text: fmt(s.inFlight) }),
      el("td", { class: "num done", "data-value": String(s.done), text: fmt(s.done) }),
      el("td", { class: "num failed", text: fmt(s.failed) }),
      el("td", { class: "num", text: fmt(j.pagesPerSecond) }),
      el("td", { text: running ? duration(j.etaSeconds) : "-" }),
      el("td", {}, running ? el("button", { class: "cancel", type: "button", text: "Cancel", onclick: e => { e.stopPropagation(); cancelJob(s.jobId); } }) : null));
  }));
}

async function selectJob(jobId) {
  state.selectedJob = jobId;
  renderJobs();
  await refreshJobDetail();
}

async function refreshJobDetail() {
  if (!state.selectedJob) return;
  const job = await api(`api/jobs/${encodeURIComponent(state.selectedJob)}`);
  $("job-detail").hidden = false;
  $("job-title").textContent = `${job.status.jobId}: ${job.status.state}, ${fmt(job.status.done)} done, ${fmt(job.pagesPerSecond)} pages/s`;
  drawBars($("job-codes"), Object.entries(job.status.statusCodes).sort((a, b) => a[0].localeCompare(b[0])));
  fillBody($("job-errors"), job.recentErrors.map(e => el("tr", {},
    el("td", { class: "wrap", text: e.url }), el("td", { text: e.status === null ? "-" : String(e.status) }), el("td", { class: "wrap", text: e.error || "" }))));
}

async function cancelJob(jobId) {
  if (!window.confirm(`Cancel job ${jobId}?`)) return;
  await api(`api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" });
  await poll();
}

function refreshLogs() {
  // One read at a time: two sent with the same cursor (the tab opened while a poll runs) would show lines twice.
  if (!state.logRead) state.logRead = readLogs().finally(() => { state.logRead = null; });
  return state.logRead;
}

async function readLogs() {
  // The cursor says how far each silo's log was read; the silo answering hands out the next one.
  const tail = await api(`api/logs?after=${encodeURIComponent(state.logCursor)}`);
  state.logCursor = tail.cursor;
  const missing = Object.entries(tail.unanswered);
  $("logs-note").textContent = missing.length
    ? `no lines this time from ${missing.map(([silo, why]) => `${silo} (${why})`).join(", ")}`
    : "the last log lines of every live silo";
  if (tail.lines.length === 0) return;
  const box = $("log-lines");
  const chosen = $("logs-silo").value;
  for (const line of tail.lines) {
    const time = Date.parse(line.timestamp);
    const row = el("div", { class: `log-${line.level}`, "data-silo": line.silo, "data-time": String(time) },
      `${new Date(time).toLocaleTimeString()} ${line.level.slice(0, 3).toUpperCase()} `,
      el("span", { class: "log-silo", text: line.silo }),
      ` ${line.source} ${line.message}${line.exception ? " | " + line.exception : ""}`);
    row.hidden = chosen !== "" && line.silo !== chosen;
    // Each answer is in time order, but a silo that missed a round sends older lines later: they go back in place.
    let before = null;
    for (let node = box.lastElementChild; node && Number(node.dataset.time) > time; node = node.previousElementSibling) before = node;
    box.insertBefore(row, before);
    state.logSilos.add(line.silo);
  }
  while (box.childElementCount > 1000) box.firstElementChild.remove();
  if ($("logs-follow").checked) box.scrollTop = box.scrollHeight;
  renderLogSilos();
}

function renderLogSilos() {
  const silos = [...state.logSilos].sort();
  const select = $("logs-silo");
  if (select.options.length === silos.length + 1) return;
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "", text: "all silos" }), ...silos.map(s => el("option", { value: s, text: s })));
  select.value = chosen;
}

function filterLogs() {
  const chosen = $("logs-silo").value;
  for (const row of $("log-lines").children) row.hidden = chosen !== "" && row.dataset.silo !== chosen;
}

// ---- grain lookup ----

async function loadGrainTypes() {
  const types = await api("api/grains/types");
  $("lookup-type").replaceChildren(...types.map(t => el("option", { value: t, text: t })));
}

async function lookUp(event) {
  event.preventDefault();
  const type = $("lookup-type").value, key = $("lookup-key").value;
  const out = $("lookup-result");
  try {
    const found = await api(`api/grains/lookup?type=${encodeURIComponent(type)}&key=${encodeURIComponent(key)}`);
    out.textContent = JSON.stringify(found, null, 2);
  } catch (error) {
    out.textContent = `Not found: ${error.message}`;
  }
}

// ---- polling and tabs ----

async function poll() {
  try {
    const [cluster, jobs] = await Promise.all([api("api/cluster"), api("api/jobs")]);
    state.cluster = cluster;
    state.jobs = jobs;
    const h = state.history;
    push(h.pages, cluster.totals.pagesPerSecond);
    push(h.errors, cluster.totals.errorsPerSecond);
    push(h.p50, cluster.totals.p50Ms);
    push(h.p95, cluster.totals.p95Ms);
    push(h.p99, cluster.totals.p99Ms);
    renderOverview(cluster);
    renderSilos(cluster);
    renderMethods(cluster);
    renderHosts(cluster);
    renderJobs();
    for (const s of cluster.silos) state.logSilos.add(s.siloId);
    renderLogSilos();
    if (state.tab === "jobs") await refreshJobDetail();
    if (state.tab === "logs") await refreshLogs();
    $("status").textContent = `silo ${cluster.answeringSilo}, updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $("status").textContent = `update failed: ${error.message}`;
  }
}

function schedule() {
  clearTimeout(state.timer);
  // Only while someone looks: a hidden tab stops polling, so an unwatched silo pays nothing.
  if (document.visibilityState === "visible") {
    state.timer = setTimeout(async () => { await poll(); schedule(); }, POLL_MS);
  }
}

function showTab() {
  const tab = (location.hash || "#overview").slice(1);
  state.tab = document.getElementById(tab) ? tab : "overview";
  for (const section of document.querySelectorAll("section.tab")) section.hidden = section.id !== state.tab;
  for (const link of document.querySelectorAll("#tabs a")) link.classList.toggle("active", link.dataset.tab === state.tab);
  if (state.tab === "logs") refreshLogs().catch(() => {});
  if (state.tab === "jobs") refreshJobDetail().catch(() => {});
}

function makeSortable(tableId, render) {
  for (const th of $(tableId).tHead.rows[0].cells) {
    th.addEventListener("click", () => {
      const sort = state.sort[tableId];
      sort.asc = sort.key === th.dataset.key ? !sort.asc : th.dataset.key === "host" || th.dataset.key === "method";
      sort.key = th.dataset.key;
      if (state.cluster) render(state.cluster);
    });
  }
}

window.addEventListener("hashchange", showTab);
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") poll().then(schedule); else clearTimeout(state.timer); });
$("lookup-form").addEventListener("submit", lookUp);
$("hosts-filter").addEventListener("input", () => state.cluster && renderHosts(state.cluster));
$("logs-silo").addEventListener("change", filterLogs);
makeSortable("methods-table", renderMethods);
makeSortable("hosts-table", renderHosts);
showTab();
loadGrainTypes().catch(() => {});
poll().then(schedule);
