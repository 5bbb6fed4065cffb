// The cxmeter console: one page, hash routes, the public API only. Signed in through the tenant's
// OIDC provider (Authorization Code with PKCE) or with an API key, kept for this browser tab only;
// what the caller's roles do not allow is neither shown nor enabled.

const KINDS = {
  percent: ["csat", "response-rate", "resolution-rate", "service-level", "churn-rate", "retention-rate", "referral-rate", "iqs",
    "recovery-rate", "reopen-rate", "first-contact-resolution", "sla-achievement"],
  duration: ["first-response-time", "next-reply-time", "resolution-time", "asa", "aht"],
  money: ["clv"],
};
const LOWER_IS_BETTER = new Set(["first-response-time", "next-reply-time", "resolution-time", "reopen-rate", "asa", "aht",
  "open-tickets", "backlog",
  "blocks", "churn-rate", "ces-effort"]);
const TILES = ["nps", "csat", "ces", "iqs", "ticket-volume", "open-tickets", "backlog", "first-response-time",
  "next-reply-time", "resolution-time", "reopen-rate", "first-contact-resolution", "sla-achievement", "resolution-rate",
  "asa", "service-level", "blocks", "aht", "churn-rate", "retention-rate", "referral-rate", "engagement", "clv",
  "response-rate", "recovery-rate"];
const DAY = 86400000;

const main = document.getElementById("main");
const state = { caller: null, catalogue: null, oidc: null };

// --- signing in ---------------------------------------------------------------------------------

function credentials() {
  const key = sessionStorage.getItem("cxmeter.apiKey");
  if (key) return { "X-Api-Key": key };
  const token = sessionStorage.getItem("cxmeter.accessToken");
  return token ? { Authorization: `Bearer ${token}` } : null;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function redirectUri() {
  return `${location.origin}/app/`;
}

async function discovery() {
  const response = await fetch(`${state.oidc.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error("The sign-in service cannot be reached.");
  return response.json();
}

/** Off to the provider's sign-in page, with a PKCE challenge whose verifier only this tab keeps. */
async function signInWithProvider() {
  const endpoints = await discovery();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem("cxmeter.pkce", JSON.stringify({ verifier, state: nonce, tokenEndpoint: endpoints.token_endpoint,
    hash: location.hash }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({ response_type: "code", client_id: state.oidc.clientId, redirect_uri: redirectUri(),
    scope: "openid", code_challenge: challenge, code_challenge_method: "S256", state: nonce });
  location.assign(url);
}

async function tokens(parameters) {
  const pending = JSON.parse(sessionStorage.getItem("cxmeter.tokenEndpoint") || "null");
  const response = await fetch(pending, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: state.oidc.clientId, ...parameters }) });
  if (!response.ok) return false;
  const answer = await response.json();
  sessionStorage.setItem("cxmeter.accessToken", answer.access_token);
  if (answer.refresh_token) sessionStorage.setItem("cxmeter.refreshToken", answer.refresh_token);
  return true;
}

/** Back from the provider: the code and the verifier make the tokens; the address loses the code. */
async function finishProviderSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return;
  const pending = JSON.parse(sessionStorage.getItem("cxmeter.pkce") || "null");
  sessionStorage.removeItem("cxmeter.pkce");
  history.replaceState(null, "", `${location.pathname}${pending ? pending.hash : ""}`);
  if (params.has("error")) throw new Error(params.get("error_description") || "The sign-in was not completed.");
  if (!pending || pending.state !== params.get("state")) throw new Error("The sign-in answer did not match this tab's request; try again.");
  sessionStorage.setItem("cxmeter.tokenEndpoint", JSON.stringify(pending.tokenEndpoint));
  if (!await tokens({ grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri(),
    code_verifier: pending.verifier })) {
    throw new Error("The sign-in service did not accept the sign-in; try again.");
  }
}

/** An expired access token is renewed once with the refresh token, if there is one. */
async function renew() {
  const refresh = sessionStorage.getItem("cxmeter.refreshToken");
  return Boolean(refresh && state.oidc && await tokens({ grant_type: "refresh_token", refresh_token: refresh }));
}

// --- talking to the API -------------------------------------------------------------------------

class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "Request failed");
    this.problem = problem;
  }
}

async function api(path, options = {}, retried = false) {
  const headers = { ...credentials(), ...(options.body ? { "Content-Type": "application/json" } : {}) };
  const response = await fetch(path, { ...options, headers: { ...headers, ...options.headers } });
  if (response.status === 401 && !retried && await renew()) {
    return api(path, options, true);
  }
  if (response.status === 401) {
    signOut();
    throw new ApiError({ status: 401, detail: "Signed out: the key is not valid any more." });
  }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(typeof body === "object" ? body : { status: response.status, detail: body });
  }
  return body;
}

function can(role) {
  return state.caller && state.caller.roles.includes(role);
}

// --- formatting ---------------------------------------------------------------------------------

function kindOf(metric) {
  return Object.keys(KINDS).find((kind) => KINDS[kind].includes(metric)) || "number";
}

function duration(seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

function format(metric, value) {
  if (value === null || value === undefined) return "–";
  switch (kindOf(metric)) {
    case "percent": return `${value.toFixed(1)} %`;
    case "duration": return duration(value);
    case "money": return new Intl.NumberFormat(undefined, { style: "currency", currency: state.caller.tenant.currency || "EUR" }).format(value);
    default: return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(1);
  }
}

function title(metric) {
  const entry = (state.catalogue || []).find((m) => m.id === metric);
  return entry ? entry.title : metric;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An instant in the reader's time zone and language; empty for none. */
function localTime(instant) {
  return instant ? new Date(instant).toLocaleString() : "";
}

/** A text filter of a listing: "any" when empty; a change goes to the page with {@code name} set. */
function filterInput(id, label, value, go, name) {
  return el("label", {}, label, el("input", { id, size: 14, value, placeholder: "any",
    onchange: (event) => go({ [name]: event.target.value.trim() }) }));
}

/** Where a follow-up in {@code status} can be moved, as [button label, new status]: contacted, handled, or reopened. */
function followUpMoves(status) {
  return status === "resolved" ? [["Reopen", "open"]]
    : [...(status === "open" ? [["Mark contacted", "contacted"]] : []), ["Mark handled", "resolved"]];
}

/** A newest-first listing's buttons: back to the newest page, and on to older ones while there are any. */
function pager(cursor, nextCursor, go, older) {
  return el("p", { class: "controls" },
    cursor ? el("button", { type: "button", class: "quiet", onclick: () => go({}) }, "Newest") : null,
    nextCursor ? el("button", { type: "button", class: "quiet", onclick: () => go({ cursor: nextCursor }) }, older) : null);
}

function isoDay(date) {
  return new Date(date).toISOString().slice(0, 10);
}

function failure(error) {
  return el("p", { class: "error", role: "alert" }, error.message);
}

// --- charts (uPlot) -----------------------------------------------------------------------------

function sparkline(target, series) {
  const xs = series.map((p) => Date.parse(p.start) / 1000);
  const ys = series.map((p) => p.value);
  if (xs.length < 2 || typeof uPlot === "undefined") return;
  new uPlot({
    width: Math.max(target.clientWidth, 120), height: 40, legend: { show: false }, cursor: { show: false },
    axes: [{ show: false }, { show: false }], scales: { x: { time: true } },
    series: [{}, { stroke: "#0b5cad", width: 1.5, spanGaps: true }],
  }, [xs, ys], target);
}

function lineChart(target, metric, lines) {
  target.replaceChildren();
  if (!lines.length || typeof uPlot === "undefined") return;
  const palette = ["#0b5cad", "#b35900", "#116329", "#8250df", "#a40e26", "#1b7c83", "#6e7781", "#953800"];
  const xs = lines[0].points.map((p) => Date.parse(p.start) / 1000);
  new uPlot({
    width: Math.max(target.clientWidth - 16, 280), height: 280,
    scales: { x: { time: true } },
    axes: [{}, { values: (u, ticks) => ticks.map((v) => format(metric, v)), size: 70 }],
    series: [{}, ...lines.map((line, i) => ({ label: line.label, stroke: palette[i % palette.length], width: 2, spanGaps: true,
      value: (u, v) => format(metric, v) }))],
  }, [xs, ...lines.map((line) => line.points.map((p) => p.value))], target);
}

// --- pages --------------------------------------------------------------------------------------

function periodControl(days, onChange) {
  const select = el("select", { id: "period", onchange: () => onChange(Number(select.value)) },
    [7, 30, 90, 365].map((d) => el("option", { value: d, selected: d === days }, `Last ${d} days`)));
  return el("label", {}, "Period", select);
}

/** Whether the numbers include every accepted change, and if not, how many wait and for how long. */
function freshnessText(freshness) {
  if (!freshness) return "Whether every change is in these numbers could not be checked.";
  if (freshness.upToDate) return "Up to date: every accepted change is in these numbers.";
  if (freshness.lagSeconds === null) {
    const down = freshness.waiting.filter((w) => !w.reachable).map((w) => w.service).join(", ");
    return `Not confirmed up to date: ${down} did not answer.`;
  }
  return `${freshness.pendingEvents.toLocaleString()} changes are still on their way (oldest ${duration(freshness.lagSeconds)} ago).`;
}

/**
 * Filters kept in the address as only.<dimension>=a,b, for the dimensions a page offers: the address
 * entries, one "Only <dimension>" input each (a change goes to {@code go}; {@code hint} says what an
 * empty one means), and {@code addTo(query)}, which adds each value as a query parameter and answers
 * the words that say what is kept.
 */
function onlyFilters(params, dimensions, go, hint = (d) => `empty: every ${d}`) {
  const entries = Object.fromEntries(dimensions.map((d) => [`only.${d}`, (params.get(`only.${d}`) || "").trim()]).filter(([, v]) => v));
  const inputs = () => dimensions.map((d) => el("label", {}, `Only ${d}`, el("input", { id: `only-${d}`, size: 12,
    value: entries[`only.${d}`] || "", placeholder: "any", title: `Comma-separated ${d} values; ${hint(d)}`,
    onchange: (event) => go({ [`only.${d}`]: event.target.value.trim() }) })));
  const addTo = (query) => Object.entries(entries).flatMap(([name, values]) => {
    const dimension = name.slice("only.".length);
    const kept = values.split(",").map((v) => v.trim()).filter(Boolean);
    kept.forEach((v) => query.append(dimension, v));
    return kept.length ? [`${dimension} ${kept.join(" or ")}`] : [];
  });
  return { entries, inputs, addTo };
}

/** The dimensions the overview can be narrowed to: the metrics that carry them are shown, for their facts only. */
const OVERVIEW_FILTERS = ["team", "channel"];

async function overview(params) {
  const days = Number(params.get("days") || 30);
  const go = (changes) => {
    location.hash = `#/overview?${new URLSearchParams({ days, ...only.entries, ...changes })}`;
  };
  const only = onlyFilters(params, OVERVIEW_FILTERS, go, (d) => `the metrics without ${d}s are left out`);
  const to = new Date();
  const from = new Date(to.getTime() - days * DAY);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), interval: "day", compare: "previous" });
  only.addTo(query);
  main.replaceChildren(el("h1", {}, "Overview"),
    el("div", { class: "controls" }, periodControl(days, (d) => go({ days: d })), only.inputs()),
    el("p", { class: "muted" }, "Loading…"));
  try {
    // One request for every tile: values, sparklines and the change against the previous period.
    const [now, freshness, atRisk] = await Promise.all([
      api(`/api/v1/metrics/summary?${query}`),
      api("/api/v1/metrics/freshness").catch(() => null),
      api(`/api/v1/metrics/sla-at-risk?within=${AT_RISK_HOURS * 3600}`).catch(() => null),
    ]);
    const grid = el("div", { class: "tiles" });
    main.lastChild.replaceWith(el("p", { id: "freshness", class: "muted", role: "status" }, freshnessText(freshness)), grid,
      atRisk ? slaAtRisk(atRisk) : null);
    for (const metric of TILES) {
      const result = now.metrics[metric];
      if (!result) continue;
      const moe = result.details && result.details.marginOfError95;
      const comparison = result.comparison;
      let delta = null;
      if (comparison && comparison.change !== null) {
        const change = comparison.change;
        const better = LOWER_IS_BETTER.has(metric) ? change < 0 : change > 0;
        const arrow = change === 0 ? "→" : change > 0 ? "▲" : "▼";
        const amount = kindOf(metric) === "percent" ? `${Math.abs(change).toFixed(1)} pts` : format(metric, Math.abs(change));
        const noise = comparison.changeSignificant === false ? " (within the margin of error)" : "";
        delta = el("span", { class: `delta ${change === 0 || noise ? "" : better ? "up" : "down"}` },
          `${arrow} ${amount} vs previous ${days} days${noise}`);
      }
      const spark = el("div", { class: "spark", "aria-hidden": "true" });
      grid.append(el("section", { class: "tile", "data-metric": metric, "data-value": result.value ?? "", "data-count": result.count },
        el("h2", {}, el("a", { href: `#/explore?metric=${metric}` }, title(metric))),
        el("div", { class: "value" }, format(metric, result.value),
          moe !== undefined && moe !== null ? el("span", { class: "meta" }, ` ± ${format(metric, moe).replace(" %", "")}`) : null),
        el("div", { class: "meta" }, `n = ${result.count.toLocaleString()}`),
        metric === "nps" ? null : confidence(metric, result.details, "div"),
        lowSample(result.details, "div"),
        delta ? el("div", { class: "meta" }, delta) : null,
        spark));
      requestAnimationFrame(() => sparkline(spark, result.series || []));
    }
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

const AT_RISK_HOURS = 4;
const SLA_TARGETS = { firstReply: "first reply", nextReply: "next reply", resolution: "resolution" };

/** Open SLA targets that breach within the next hours, soonest first, so someone can act before they do. */
function slaAtRisk(items) {
  return el("section", { id: "at-risk" }, el("h2", {}, `SLA targets at risk (next ${AT_RISK_HOURS} hours)`),
    items.length === 0 ? el("p", { class: "muted" }, "None: no open target breaches that soon.")
      : el("div", { class: "table-wrap" }, el("table", {}, el("thead", {}, el("tr", {},
        ["Ticket", "Target", "Breaches at", "Agent", "Team", "Channel"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, items.map((item) => el("tr", {}, el("td", {}, item.ticketId), el("td", {}, SLA_TARGETS[item.target] || item.target),
        el("td", {}, new Date(item.breachesAt).toLocaleString()), el("td", {}, item.agent || "–"), el("td", {}, item.team || "–"),
        el("td", {}, item.channel)))))));
}

/** The 95 % interval of a survey or review value (details.ci95), or nothing when it has none. */
function confidence(metric, details, tag) {
  const ci = details && details.ci95;
  if (!Array.isArray(ci) || ci[0] === null || ci[1] === null) return null;
  const bound = (v) => format(metric, v).replace(" %", "");
  return el(tag, { class: "meta ci95", "data-low": ci[0], "data-high": ci[1] },
    `95 % interval ${bound(ci[0])}–${format(metric, ci[1])}`);
}

/** A flag on a value that rests on too few answers or reviews (details.lowSample), or nothing. */
function lowSample(details, tag) {
  if (!details || details.lowSample !== true) return null;
  return el(tag, { class: "meta low-sample", title: "Fewer answers than the sample the metric asks for (30): read it with care" },
    "Low sample");
}

/** The dimensions a metric can be filtered by, each a query parameter of the same name. */
const FILTERS = ["channel", "team", "agent", "touchpoint", "locale", "priority", "tag"];

async function explore(params) {
  const metric = params.get("metric") || "nps";
  const days = Number(params.get("days") || 30);
  const interval = params.get("interval") || "day";
  const groupBy = params.get("groupBy") || "";
  const durations = kindOf(metric) === "duration";
  const statistic = durations ? params.get("statistic") || "mean" : "mean";
  const entry = state.catalogue.find((m) => m.id === metric) || state.catalogue[0];
  // Durations that can be counted in business hours (the metric takes clock).
  const clocked = entry.parameters.includes("clock");
  const clock = clocked && params.get("clock") === "business" ? "business" : "calendar";
  const go = (changes) => {
    const next = new URLSearchParams({ metric, days, interval, groupBy, statistic, clock, ...only.entries, ...changes });
    location.hash = `#/explore?${next}`;
  };
  // Filters on the dimensions the metric carries.
  const only = onlyFilters(params, FILTERS.filter((d) => entry.parameters.includes(d)), go);
  /** The value a statistic reads: the mean is the metric's value; median and p90 are in its details. */
  const pick = (item) => (statistic === "mean" ? item.value : (item.details || {})[statistic] ?? null);
  const metricSelect = el("select", { id: "metric", onchange: () => go({ metric: metricSelect.value, groupBy: "" }) },
    state.catalogue.map((m) => el("option", { value: m.id, selected: m.id === metric }, m.title)));
  const intervalSelect = el("select", { id: "interval", onchange: () => go({ interval: intervalSelect.value }) },
    ["day", "week", "month"].map((i) => el("option", { value: i, selected: i === interval }, i)));
  const groupSelect = el("select", { id: "group-by", onchange: () => go({ groupBy: groupSelect.value }) },
    el("option", { value: "" }, "nothing"),
    entry.groupBy.map((g) => el("option", { value: g, selected: g === groupBy }, g)));
  const statisticSelect = durations ? el("label", {}, "Statistic", el("select", { id: "statistic",
    onchange: (event) => go({ statistic: event.target.value }) },
  [["mean", "mean"], ["median", "median"], ["p90", "90th percentile"]]
    .map(([value, label]) => el("option", { value, selected: value === statistic }, label)))) : null;
  const clockSelect = clocked ? el("label", {}, "Clock", el("select", { id: "clock",
    onchange: (event) => go({ clock: event.target.value }) },
  [["calendar", "calendar time"], ["business", "business hours"]]
    .map(([value, label]) => el("option", { value, selected: value === clock }, label)))) : null;
  const filterInputs = only.inputs();
  const chart = el("div", { class: "chart", role: "img", "aria-label": `${entry.title} over time` });
  const table = el("div", { class: "table-wrap" });
  main.replaceChildren(el("h1", {}, `Explore: ${entry.title}`),
    el("p", { class: "muted" }, entry.formula),
    el("div", { class: "controls" },
      el("label", {}, "Metric", metricSelect), periodControl(days, (d) => go({ days: d })),
      el("label", {}, "Interval", intervalSelect), el("label", {}, "Break down by", groupSelect), statisticSelect, clockSelect),
    filterInputs.length ? el("div", { class: "controls", role: "group", "aria-label": "Filters" }, filterInputs) : null,
    chart, table);
  const to = new Date();
  const from = new Date(to.getTime() - days * DAY);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), interval });
  if (groupBy) query.set("groupBy", groupBy);
  if (clocked && clock === "business") query.set("clock", clock);
  const filters = only.addTo(query);
  const filtered = filters.length ? `; only ${filters.join(", ")}` : "";
  try {
    const result = await api(`/api/v1/metrics/${metric}?${query}`);
    const groups = result.groups || [];
    const show = (selected) => {
      const lines = selected ? [{ label: selected.key ?? `(no ${groupBy})`, points: selected.series || [] }]
        : groups.length ? groups.slice(0, 8).map((g) => ({ label: g.key ?? `(no ${groupBy})`, points: g.series || [] }))
          : [{ label: entry.title, points: result.series || [] }];
      lineChart(chart, metric, lines.map((line) => ({ ...line,
        points: line.points.map((p) => ({ start: p.start, value: pick(p) })) })));
    };
    show(null);
    const row = (key, item, group) => ({ key, value: item.value, count: item.count, group, details: item.details || {},
      median: (item.details || {}).median ?? null, p90: (item.details || {}).p90 ?? null });
    // Facts without the dimension form a group of their own, named so that it can be read and chosen.
    const rows = groups.length ? groups.map((g) => row(g.key ?? `(no ${groupBy})`, g, g))
      : (result.series || []).map((p) => row(isoDay(p.start), p, null));
    const extra = durations ? ["median", "p90"] : [];
    const intervals = rows.some((r) => Array.isArray(r.details.ci95));
    const body = el("tbody", {}, rows.map((row) => {
      const tr = el("tr", {}, el("td", {}, row.group
        ? el("button", { type: "button", class: "quiet", "aria-pressed": "false", onclick: (event) => {
          const pressed = event.currentTarget.getAttribute("aria-pressed") === "true";
          body.querySelectorAll("button[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
          body.querySelectorAll("tr").forEach((r) => r.classList.remove("selected"));
          if (!pressed) { event.currentTarget.setAttribute("aria-pressed", "true"); tr.classList.add("selected"); }
          show(pressed ? null : row.group);
        } }, row.key) : row.key),
      el("td", { class: "num" }, format(metric, row.value), lowSample(row.details, "span") ? " " : null, lowSample(row.details, "span")),
      extra.map((name) => el("td", { class: "num" }, format(metric, row[name]))),
      intervals ? el("td", { class: "num" }, confidence(metric, row.details, "span") ?? "–") : null,
      el("td", { class: "num" }, row.count.toLocaleString()));
      return tr;
    }));
    const csv = () => {
      const lines = [[groupBy || "start", metric, ...extra, "count"],
        ...rows.map((r) => [r.key, r.value ?? "", ...extra.map((name) => r[name] ?? ""), r.count])];
      const blob = new Blob([lines.map((l) => l.map((c) => `"${String(c).replaceAll('"', '""')}"`).join(",")).join("\r\n") + "\r\n"],
        { type: "text/csv" });
      const link = el("a", { href: URL.createObjectURL(blob), download: `${metric}-${groupBy || interval}.csv` });
      link.click();
      URL.revokeObjectURL(link.href);
    };
    table.replaceChildren(
      el("p", {}, `${entry.title}: `, el("strong", { id: "explore-value" }, format(metric, result.value)),
        ` (n = ${result.count.toLocaleString()})`, " ", el("button", { type: "button", class: "quiet", onclick: csv }, "Export CSV")),
      el("table", { id: "explore-table" }, el("caption", { class: "muted" },
        groupBy ? `By ${groupBy}${filtered}; choose one to chart it alone` : `By ${interval}${filtered}`),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, groupBy || "Start"),
          el("th", { scope: "col", class: "num" }, durations ? "Mean" : "Value"),
          extra.map((name) => el("th", { scope: "col", class: "num" }, name === "p90" ? "90th percentile" : "Median")),
          intervals ? el("th", { scope: "col", class: "num" }, "95 % interval") : null,
          el("th", { scope: "col", class: "num" }, "Count"))), body));
  } catch (error) {
    table.replaceChildren(failure(error));
  }
}

async function lowScores(params) {
  main.replaceChildren(el("h1", {}, "Low scores"), el("p", { class: "muted" }, "Loading…"));
  try {
    const surveys = (await api("/api/v1/surveys?limit=100")).items.filter((s) => ["NPS", "CSAT", "CES"].includes(s.kind));
    if (!surveys.length) {
      main.lastChild.replaceWith(el("p", {}, "No NPS, CSAT or CES survey yet."));
      return;
    }
    const chosen = params.get("survey") || "all";
    const days = Number(params.get("days") || 30);
    const channel = params.get("channel") || "";
    const one = chosen === "all" ? null : surveys.find((s) => s.id === chosen) || surveys[0];
    const go = (changes) => { location.hash = `#/low-scores?${new URLSearchParams({ survey: one ? one.id : "all", days, channel, ...changes })}`; };
    const surveySelect = el("select", { id: "survey", onchange: () => go({ survey: surveySelect.value }) },
      el("option", { value: "all", selected: !one }, "every survey"),
      surveys.map((s) => el("option", { value: s.id, selected: one && s.id === one.id }, `${s.name} (${s.kind})`)));
    const channelInput = el("select", { id: "channel", onchange: () => go({ channel: channelInput.value }) },
      ["", "email", "chat", "call", "social", "web"].map((c) => el("option", { value: c, selected: c === channel }, c || "every channel")));
    const to = new Date();
    // Each survey's detractors or negative answers, with their follow-ups; newest first across surveys.
    const perSurvey = await Promise.all((one ? [one] : surveys).map(async (survey) => {
      const query = new URLSearchParams({ from: new Date(to.getTime() - days * DAY).toISOString(), to: to.toISOString(),
        category: survey.kind === "NPS" ? "detractor" : "negative", limit: 200 });
      if (channel) query.set("channel", channel);
      const page = await api(`/api/v1/surveys/${survey.id}/responses?${query}`);
      const ids = new URLSearchParams({ surveyId: survey.id, limit: 500 });
      page.items.forEach((a) => ids.append("responseId", a.id));
      const followUps = new Map(page.items.length
        ? (await api(`/api/v1/follow-ups?${ids}`)).items.map((f) => [f.responseId, f]) : []);
      return page.items.map((a) => ({ ...a, survey, followUp: followUps.get(a.id) }));
    }));
    const answers = perSurvey.flat().sort((a, b) => new Date(b.submittedAt) - new Date(a.submittedAt)).slice(0, 200);
    const act = (label, answer, steps) => el("button", { type: "button", class: "quiet", "aria-label": `${label}: response ${answer.id}`,
      onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          for (const step of steps) await step();
          lowScores(params);
        } catch (error) {
          event.target.replaceWith(failure(error));
        }
      } }, label);
    const open = (a) => () => api("/api/v1/follow-ups", { method: "POST", body: JSON.stringify({ responseId: a.id, surveyId: a.survey.id,
      score: a.score, channel: a.channel, customerId: a.customerId, agentId: a.agentId, ticketId: a.ticketId }) });
    const move = (a, status) => () => api(`/api/v1/follow-ups/${encodeURIComponent(`${a.survey.id}:${a.id}`)}`,
      { method: "PATCH", body: JSON.stringify({ status }) });
    const followUpCell = (a) => {
      const f = a.followUp;
      const state = f ? [f.status, f.ownerAgentId || f.ownerTeamId, f.overdue ? "overdue" : null].filter(Boolean).join(" · ") : "none";
      const actions = !can("write") ? [] : !f ? [act("Follow up", a, [open(a)]), act("Mark handled", a, [open(a), move(a, "resolved")])]
        : followUpMoves(f.status).map(([label, status]) => act(label, a, [move(a, status)]));
      return el("td", {}, el("span", { class: "follow-up-status", "data-response": a.id }, state), " ", actions);
    };
    const what = one ? (one.kind === "NPS" ? "detractors" : "negative answers")
      : `low scores across ${surveys.length} survey${surveys.length === 1 ? "" : "s"}`;
    main.lastChild.replaceWith(el("div", {},
      el("div", { class: "controls" }, el("label", {}, "Survey", surveySelect), periodControl(days, (d) => go({ days: d })),
        el("label", {}, "Channel", channelInput)),
      answers.length ? el("div", { class: "table-wrap" }, el("table", { id: "low-scores-table" },
        el("caption", { class: "muted" }, `${answers.length} ${what}, newest first`),
        el("thead", {}, el("tr", {}, ["When", one ? null : "Survey", "Score", "Comment", "Customer", "Agent", "Channel", "Ticket",
          "Follow-up"].filter(Boolean).map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, answers.map((a) => el("tr", {},
          el("td", {}, localTime(a.submittedAt)), one ? null : el("td", {}, a.survey.name),
          el("td", { class: "num" }, a.score),
          el("td", {}, a.comment || ""), el("td", {}, a.customerId || ""), el("td", {}, a.agentId || ""),
          el("td", {}, a.channel || ""), el("td", {}, a.ticketId || ""), followUpCell(a))))))
        : el("p", {}, "No low score in this period.")));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

const FOLLOW_UP_VIEWS = { pending: "open,contacted", open: "open", contacted: "contacted", resolved: "resolved" };

/** Follow-ups across every survey, by status, owner, team and lateness, a page at a time; moved on from here too. */
async function followUps(params) {
  const view = FOLLOW_UP_VIEWS[params.get("status")] ? params.get("status") : "pending";
  const owner = (params.get("owner") || "").trim();
  const team = (params.get("team") || "").trim();
  const overdue = params.get("overdue") === "true";
  const cursor = params.get("cursor") || "";
  const go = (changes) => {
    location.hash = `#/follow-ups?${new URLSearchParams({ status: view, owner, team, overdue, cursor: "", ...changes })}`;
  };
  const statusSelect = el("select", { id: "follow-up-status", onchange: () => go({ status: statusSelect.value }) },
    Object.keys(FOLLOW_UP_VIEWS).map((v) => el("option", { value: v, selected: v === view },
      v === "pending" ? "open or contacted" : v)));
  main.replaceChildren(el("h1", {}, "Follow-ups"),
    el("div", { class: "controls" }, el("label", {}, "Status", statusSelect),
      filterInput("follow-up-owner", "Owner (agent)", owner, go, "owner"), filterInput("follow-up-team", "Team", team, go, "team"),
      el("label", { class: "inline" }, el("input", { type: "checkbox", id: "follow-up-overdue", checked: overdue,
        onchange: (event) => go({ overdue: event.target.checked }) }), " Overdue only")),
    el("p", { class: "muted" }, "Loading…"));
  const query = new URLSearchParams({ status: FOLLOW_UP_VIEWS[view], limit: 100 });
  if (owner) query.set("owner", owner);
  if (team) query.set("team", team);
  if (overdue) query.set("overdue", "true");
  if (cursor) query.set("cursor", cursor);
  try {
    const [page, surveyPage] = await Promise.all([api(`/api/v1/follow-ups?${query}`), api("/api/v1/surveys?limit=100")]);
    const surveyNames = new Map(surveyPage.items.map((s) => [s.id, s.name]));
    const move = (f, status, label) => el("button", { type: "button", class: "quiet", "aria-label": `${label}: follow-up ${f.id}`,
      onclick: async (event) => {
        event.currentTarget.disabled = true;
        try {
          await api(`/api/v1/follow-ups/${encodeURIComponent(f.id)}`, { method: "PATCH", body: JSON.stringify({ status }) });
          followUps(params);
        } catch (error) {
          event.target.replaceWith(failure(error));
        }
      } }, label);
    const actions = (f) => (!can("write") ? [] : followUpMoves(f.status).map(([label, status]) => move(f, status, label)));
    /** The follow-up's notes under its row, with a form to add one; a second press hides them. */
    const notes = (f) => el("button", { type: "button", class: "quiet", "aria-expanded": "false", "aria-label": `Notes: follow-up ${f.id}`,
      onclick: async (event) => {
        const button = event.currentTarget;
        const row = button.closest("tr");
        if (button.getAttribute("aria-expanded") === "true") {
          row.nextElementSibling?.remove();
          button.setAttribute("aria-expanded", "false");
          return;
        }
        button.setAttribute("aria-expanded", "true");
        const cell = el("td", { colspan: 10 }, el("p", { class: "muted" }, "Loading…"));
        row.after(el("tr", { class: "notes", "data-notes-of": f.id }, cell));
        const show = async () => {
          try {
            const full = await api(`/api/v1/follow-ups/${encodeURIComponent(f.id)}`);
            const form = !can("write") ? null : el("form", { class: "controls", onsubmit: async (submit) => {
              submit.preventDefault();
              try {
                await api(`/api/v1/follow-ups/${encodeURIComponent(f.id)}/notes`, { method: "POST",
                  body: JSON.stringify({ text: new FormData(submit.target).get("text") }) });
                show();
              } catch (error) {
                submit.target.append(problemAlert(error));
              }
            } }, el("label", {}, "New note", el("textarea", { name: "text", rows: 2, cols: 50, maxlength: 4000, required: true })),
            el("button", { type: "submit" }, "Add note"));
            cell.replaceChildren(full.notes.length ? el("ul", { class: "follow-up-notes" }, full.notes.map((n) => el("li", {},
              el("span", { class: "muted" }, `${localTime(n.createdAt)} · ${n.author}: `), n.text)))
              : el("p", { class: "muted" }, "No note yet."), form);
          } catch (error) {
            cell.replaceChildren(failure(error));
          }
        };
        await show();
      } }, "Notes");
    const rows = page.items.map((f) => el("tr", { "data-follow-up": f.id },
      el("td", {}, localTime(f.openedAt)), el("td", { class: f.overdue ? "overdue" : "" }, localTime(f.dueAt), f.overdue ? " (overdue)" : ""),
      el("td", {}, surveyNames.get(f.surveyId) || f.surveyId), el("td", { class: "num" }, f.score ?? ""),
      el("td", {}, f.customerId || ""), el("td", {}, f.channel || ""), el("td", {}, f.ownerAgentId || f.ownerTeamId || ""),
      el("td", { class: "follow-up-state" }, f.status), el("td", {}, f.ticketId || ""), el("td", {}, notes(f), " ", actions(f))));
    const filtered = [owner && `owner ${owner}`, team && `team ${team}`, overdue && "overdue"].filter(Boolean).join(", ");
    main.lastChild.replaceWith(el("div", {},
      rows.length ? el("div", { class: "table-wrap" }, el("table", { id: "follow-ups-table" },
        el("caption", { class: "muted" }, `${rows.length} follow-up${rows.length === 1 ? "" : "s"}, ${statusSelect.selectedOptions[0]
          .textContent}${filtered ? ` (${filtered})` : ""}, newest first`),
        el("thead", {}, el("tr", {}, ["Opened", "Due", "Survey", "Score", "Customer", "Channel", "Owner", "Status", "Ticket", "Action"]
          .map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows)))
        : el("p", {}, cursor ? "No older follow-up." : "No follow-up matches."),
      pager(cursor, page.nextCursor, go, "Older follow-ups")));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

/** Customers by id; one customer's record, tickets and asks, and (admin) erasing them everywhere. */
async function customers(params) {
  const id = (params.get("id") || "").trim();
  const after = params.get("after") || "";
  const go = (changes) => { location.hash = `#/customers?${new URLSearchParams({ id, after: "", ...changes })}`; };
  const finder = el("form", { class: "controls", role: "search", onsubmit: (event) => {
    event.preventDefault();
    go({ id: new FormData(event.target).get("id").trim() });
  } }, el("label", {}, "Customer id", el("input", { name: "id", value: id, size: 16, required: true })),
  el("button", { type: "submit" }, "Open"), id ? el("a", { href: "#/customers" }, "All customers") : null);
  main.replaceChildren(el("h1", {}, id ? `Customer ${id}` : "Customers"), finder, el("p", { class: "muted" }, "Loading…"));
  try {
    if (!id) {
      const page = await api(`/api/v1/customers?limit=50${after ? `&after=${encodeURIComponent(after)}` : ""}`);
      main.lastChild.replaceWith(el("div", {}, page.items.length ? el("div", { class: "table-wrap" }, el("table", { id: "customers-table" },
        el("caption", { class: "muted" }, "By id"),
        el("thead", {}, el("tr", {}, ["Customer", "Since", "Churned", "Referred"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, page.items.map((c) => el("tr", {},
          el("td", {}, el("a", { href: `#/customers?${new URLSearchParams({ id: c.id })}` }, c.id)), el("td", {}, localTime(c.since)),
          el("td", {}, localTime(c.churnedAt)), el("td", {}, c.referred ? "yes" : "")))))) : el("p", {}, "No customer yet."),
      page.nextCursor ? el("p", { class: "controls" }, el("button", { type: "button", class: "quiet",
        onclick: () => go({ after: page.nextCursor }) }, "Next customers")) : null));
      return;
    }
    const known = await api(`/api/v1/customers/${encodeURIComponent(id)}`).catch((error) => {
      if (error.problem?.status === 404) return null;
      throw error;
    });
    const [tickets, asks] = await Promise.all([api(`/api/v1/tickets?${new URLSearchParams({ customerId: id, limit: 50 })}`),
      api(`/api/v1/delivery/customers/${encodeURIComponent(id)}/asks?limit=20`)]);
    const attributes = Object.entries(known?.attributes || {});
    const spent = (known?.purchases || []).reduce((sum, p) => sum + (p.amount || 0), 0);
    const erase = !can("admin") ? null : (() => {
      const status = el("p", { role: "status", id: "erasure-status" });
      const confirm = el("button", { type: "button", hidden: true, onclick: async () => {
        confirm.disabled = true;
        try {
          let receipt = await api(`/api/v1/customers/${encodeURIComponent(id)}`, { method: "DELETE" });
          status.textContent = `Erasure ${receipt.state}…`;
          for (let i = 0; i < 60 && receipt.state !== "done"; i++) {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            receipt = await api(`/api/v1/customers/erasures/${receipt.id}`);
          }
          status.textContent = receipt.state === "done" ? `Erased everywhere at ${localTime(receipt.completedAt)}.`
            : `Erasure still ${receipt.state}: ${Object.entries(receipt.services).map(([s, state]) => `${s} ${state}`).join(", ")}.`;
        } catch (error) {
          status.replaceChildren(failure(error));
        }
      } }, `Yes, erase ${id} everywhere`);
      const ask = el("button", { type: "button", class: "quiet", onclick: () => { confirm.hidden = false; ask.hidden = true; } },
        "Erase this customer everywhere…");
      return el("section", { class: "panel", "aria-label": "Erasure" }, el("h2", {}, "Erasure"),
        el("p", { class: "muted" }, "Removes the customer's record, tickets, purchases, engagement, answers and comments, "
          + "invitations, asks and follow-ups in every service, and their share of the metrics. It cannot be undone."),
        ask, confirm, status);
    })();
    main.lastChild.replaceWith(el("div", {},
      el("section", { class: "panel", id: "customer-record", "aria-label": "Record" },
        known ? el("dl", { class: "facts" },
          el("dt", {}, "Customer since"), el("dd", {}, localTime(known.since) || "–"),
          el("dt", {}, "Churned"), el("dd", {}, localTime(known.churnedAt) || "no"),
          el("dt", {}, "Referred"), el("dd", {}, known.referred ? "yes" : "no"),
          el("dt", {}, "Purchases"), el("dd", {}, `${(known.purchases || []).length} (${format("clv", spent)})`),
          attributes.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, String(value))]))
          : el("p", {}, `No customer record for ${id}; tickets, answers and asks that name the id are shown below.`)),
      el("h2", {}, "Tickets"),
      tickets.items.length ? el("div", { class: "table-wrap" }, el("table", { id: "customer-tickets" },
        el("caption", { class: "muted" }, `${tickets.items.length}${tickets.nextCursor ? "+" : ""} ticket${tickets.items.length === 1 ? "" : "s"}, newest first`),
        el("thead", {}, el("tr", {}, ["Ticket", "Created", "Channel", "Subject", "Status", "Assignee"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, tickets.items.map((t) => el("tr", {}, el("td", {}, t.id), el("td", {}, localTime(t.createdAt)),
          el("td", {}, t.channel), el("td", {}, t.subject || ""), el("td", {}, t.status), el("td", {}, t.assignee || ""))))))
        : el("p", { class: "muted" }, "No ticket."),
      el("h2", {}, "Survey asks"),
      el("p", {}, asks.askableNow ? "May be asked now." : `Not asked now: ${asks.reason}.`, " ",
        el("a", { href: `#/emails?${new URLSearchParams({ customer: id })}` }, "Their survey e-mails")),
      erase));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

const MESSAGE_STATUSES = ["scheduled", "sent", "answered", "failed", "cancelled", "skipped"];

/** Survey e-mails, newest first, with why one was not sent; and, for a customer named, whether they may be asked now. */
async function emails(params) {
  const status = MESSAGE_STATUSES.includes(params.get("status")) ? params.get("status") : "";
  const customer = (params.get("customer") || "").trim();
  const ticket = (params.get("ticket") || "").trim();
  const cursor = params.get("cursor") || "";
  const go = (changes) => { location.hash = `#/emails?${new URLSearchParams({ status, customer, ticket, cursor: "", ...changes })}`; };
  const statusSelect = el("select", { id: "message-status", onchange: () => go({ status: statusSelect.value }) },
    ["", ...MESSAGE_STATUSES].map((v) => el("option", { value: v, selected: v === status }, v || "every status")));
  main.replaceChildren(el("h1", {}, "Survey e-mails"),
    el("div", { class: "controls" }, el("label", {}, "Status", statusSelect),
      filterInput("message-customer", "Customer", customer, go, "customer"),
      filterInput("message-ticket", "Ticket", ticket, go, "ticket")),
    el("p", { class: "muted" }, "Loading…"));
  const query = new URLSearchParams({ limit: 100 });
  if (cursor) query.set("cursor", cursor);
  if (status) query.set("status", status);
  if (customer) query.set("customerId", customer);
  if (ticket) query.set("ticketId", ticket);
  try {
    const [page, asks, surveyPage] = await Promise.all([api(`/api/v1/delivery/messages?${query}`),
      customer ? api(`/api/v1/delivery/customers/${encodeURIComponent(customer)}/asks?limit=20`) : null,
      api("/api/v1/surveys?limit=100")]);
    const surveyNames = new Map(surveyPage.items.map((s) => [s.id, s.name]));
    const rows = page.items.map((m) => el("tr", {},
      el("td", {}, localTime(m.createdAt)), el("td", {}, surveyNames.get(m.surveyId) || m.surveyId),
      el("td", {}, m.kind), el("td", {}, m.recipient || ""), el("td", {}, m.customerId || ""), el("td", {}, m.ticketId || ""),
      el("td", { class: `message-status ${m.status}` }, m.status), el("td", {}, m.reason || ""),
      el("td", { class: "num" }, m.attempts), el("td", {}, localTime(m.answeredAt || m.sentAt || (m.status === "scheduled" ? m.dueAt : null)))));
    const filtered = [status, customer && `customer ${customer}`, ticket && `ticket ${ticket}`].filter(Boolean).join(", ");
    main.lastChild.replaceWith(el("div", {},
      asks ? el("section", { class: "panel", id: "customer-asks", "aria-label": `Asks of ${customer}` },
        el("h2", {}, `Customer ${customer}`),
        el("p", {}, asks.askableNow ? "May be asked now." : `Not asked now: ${asks.reason}.`,
          asks.nextAskAt ? ` Next ask from ${localTime(asks.nextAskAt)}.` : ""),
        asks.asks.length ? el("table", {}, el("caption", { class: "muted" }, "Recent asks and skips, newest first"),
          el("thead", {}, el("tr", {}, ["When", "Channel", "Survey", "Asked", "Why not"].map((h) => el("th", { scope: "col" }, h)))),
          el("tbody", {}, asks.asks.map((a) => el("tr", {}, el("td", {}, localTime(a.at)), el("td", {}, a.channel),
            el("td", {}, surveyNames.get(a.surveyId) || a.surveyId || ""), el("td", {}, a.asked ? "yes" : "no"),
            el("td", {}, a.reason || ""))))) : el("p", { class: "muted" }, "Never asked yet.")) : null,
      rows.length ? el("div", { class: "table-wrap" }, el("table", { id: "messages-table" },
        el("caption", { class: "muted" }, `${rows.length} e-mail${rows.length === 1 ? "" : "s"}${filtered ? ` (${filtered})` : ""}, `
          + (cursor ? "older ones, newest first" : "newest first")),
        el("thead", {}, el("tr", {}, ["Created", "Survey", "Kind", "Recipient", "Customer", "Ticket", "Status", "Why", "Tries",
          "Sent, answered or due"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows)))
        : el("p", {}, cursor ? "No older survey e-mail." : filtered ? "No survey e-mail matches." : "No survey e-mail yet: surveys send themselves once they are set to "
          + "e-mail after a ticket's resolution, or when an invitation asks to be sent."),
      pager(cursor, page.nextCursor, go, "Older e-mails")));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

function snippet(survey) {
  return `<script src="${location.origin}/widget/v1/widget.js" data-survey="${survey.publicKey}" async></script>`;
}

/** Texts per locale, one "locale: text" a line, as the API's map; blank lines are left out. */
function localeTexts(text) {
  const texts = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(":");
    if (colon < 1) throw new Error(`"${line}" needs a locale first, like "en: How did we do?"`);
    texts[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return texts;
}

/** A failed change's problem, each bad field named, as an alert beside the form. */
function problemAlert(error) {
  return el("span", { class: "error", role: "alert" }, problemText(error));
}

function problemText(error) {
  const fields = (error.problem && error.problem.errors) || [];
  return fields.length ? fields.map((f) => `${f.field || `line ${f.line}`}: ${f.error}`).join("; ") : error.message;
}

function surveyEditor(survey) {
  const message = el("p", { role: "status" });
  const lines = (map) => Object.entries(map || {}).map(([locale, text]) => `${locale}: ${text}`).join("\n");
  const form = el("form", { class: "panel", id: "edit-survey", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const minDays = Number(data.get("minDaysBetweenAsks"));
      await api(`/api/v1/surveys/${survey.id}`, { method: "PATCH", body: JSON.stringify({
        name: data.get("name"), touchpoint: data.get("touchpoint"), channel: data.get("channel"),
        defaultLocale: data.get("defaultLocale"), questions: localeTexts(data.get("questions")),
        followUpQuestion: localeTexts(data.get("followUpQuestion")), askComment: data.get("askComment") === "on",
        followUp: data.get("followUp") === "on",
        allowedOrigins: data.get("allowedOrigins").split("\n").map((o) => o.trim()).filter(Boolean),
        minDaysBetweenAsks: minDays }) });
      location.hash = "#/surveys";
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("h2", {}, `Edit ${survey.name} (${survey.kind}, ${survey.scale.min}–${survey.scale.max})`),
  el("div", { class: "controls" },
    el("label", {}, "Name", el("input", { name: "name", value: survey.name, required: true, maxlength: 200 })),
    el("label", {}, "Touchpoint", el("input", { name: "touchpoint", value: survey.touchpoint || "", maxlength: 100 })),
    el("label", {}, "Channel label", el("input", { name: "channel", value: survey.channel || "", maxlength: 100,
      title: "Given to answers that name no channel of their own" })),
    el("label", {}, "Default locale", el("input", { name: "defaultLocale", value: survey.defaultLocale || "en", size: 6 })),
    el("label", {}, "Days between asks", el("input", { name: "minDaysBetweenAsks", type: "number", min: 0, max: 365,
      value: survey.minDaysBetweenAsks }))),
  el("div", { class: "controls" },
    el("label", {}, "Question per locale (locale: text, one a line)",
      el("textarea", { name: "questions", rows: 4, cols: 50 }, lines(survey.questions))),
    el("label", {}, "Sites that may embed the widget (one origin a line)",
      el("textarea", { name: "allowedOrigins", rows: 4, cols: 40 }, (survey.allowedOrigins || []).join("\n")))),
  el("div", { class: "controls" },
    el("label", { class: "inline" }, el("input", { type: "checkbox", name: "askComment", checked: survey.askComment }),
      " Ask for a comment after the score"),
    el("label", {}, "Comment prompt per locale (locale: text, one a line; empty: the built-in one)",
      el("textarea", { name: "followUpQuestion", rows: 3, cols: 50 }, lines(survey.followUpQuestion)))),
  el("div", { class: "controls" },
    el("label", { class: "inline" }, el("input", { type: "checkbox", name: "followUp", checked: survey.followUp }),
      " Open a follow-up ticket for each negative answer"),
    el("button", { type: "submit" }, "Save changes"), el("a", { href: "#/surveys" }, "Cancel")), message);
  return form;
}

const LANGUAGES = ["en", "lt", "lv", "et", "da", "ru", "de", "fr", "es"];

/** When the survey sends itself by e-mail: on a ticket's resolution (delay, channels, teams) and one reminder. */
function sendingEditor(survey, delivery) {
  const message = el("p", { role: "status" });
  const list = (text) => text.split(",").map((v) => v.trim()).filter(Boolean);
  const form = el("form", { class: "panel", id: "survey-sending", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api(`/api/v1/surveys/${survey.id}/delivery`, { method: "PUT", body: JSON.stringify({
        onTicketResolved: data.get("onTicketResolved") === "on", delayMinutes: Number(data.get("delayMinutes")),
        channels: list(data.get("channels")), teams: list(data.get("teams")),
        reminderAfterDays: data.get("reminderAfterDays") ? Number(data.get("reminderAfterDays")) : null }) });
      message.replaceChildren("Saved.");
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("h2", {}, "Sending by e-mail"),
  el("div", { class: "controls" },
    el("label", { class: "inline" }, el("input", { type: "checkbox", name: "onTicketResolved", checked: delivery.onTicketResolved }),
      " Send when a ticket is resolved"),
    el("label", {}, "After (minutes)", el("input", { name: "delayMinutes", type: "number", min: 0, max: 43200, value: delivery.delayMinutes })),
    el("label", {}, "Channels (comma-separated, empty: all)", el("input", { name: "channels", value: delivery.channels.join(", ") })),
    el("label", {}, "Teams (comma-separated, empty: all)", el("input", { name: "teams", value: delivery.teams.join(", ") })),
    el("label", {}, "Remind after (days, empty: never)", el("input", { name: "reminderAfterDays", type: "number", min: 1, max: 60,
      value: delivery.reminderAfterDays ?? "" }))),
  el("div", { class: "controls" }, el("button", { type: "submit" }, "Save sending"), message));
  return form;
}

/** An agent's signature link: the same snippet every time, answers attributed to the agent. */
function signatureLinks(survey) {
  const out = el("div", { role: "status" });
  const form = el("form", { class: "panel controls", id: "signature-link", onsubmit: async (event) => {
    event.preventDefault();
    const agent = new FormData(form).get("agent").trim();
    try {
      const link = await api(`/api/v1/surveys/${survey.id}/signature-links/${encodeURIComponent(agent)}`);
      out.replaceChildren(el("pre", { class: "snippet" }, link.html),
        el("button", { type: "button", class: "quiet", onclick: () => navigator.clipboard.writeText(link.html) }, "Copy signature snippet"));
    } catch (error) {
      out.replaceChildren(problemAlert(error));
    }
  } },
  el("label", {}, "Agent id", el("input", { name: "agent", required: true, maxlength: 128 })),
  el("button", { type: "submit" }, "Get signature link"), out);
  return el("div", {}, el("h2", {}, "Agent signature link"), form);
}

/** The widget as visitors see it (the real widget, in preview mode: nothing is recorded) and the e-mail as customers get it. */
function previews(survey) {
  const widget = el("div", { id: "widget-preview" });
  const email = el("div", { id: "email-preview" });
  const locale = el("select", { name: "locale", "aria-label": "Preview language" },
    LANGUAGES.map((l) => el("option", { value: l, selected: l === (survey.defaultLocale || "en") }, l)));
  async function show() {
    widget.replaceChildren();
    const script = document.createElement("script");
    script.src = "/widget/v1/widget.js";
    script.dataset.survey = survey.publicKey;
    script.dataset.locale = locale.value;
    script.dataset.target = "#widget-preview";
    script.dataset.preview = "";
    widget.append(script);
    try {
      const mail = await api(`/api/v1/surveys/${survey.id}/delivery/preview?locale=${encodeURIComponent(locale.value)}`);
      email.replaceChildren(el("p", {}, el("strong", {}, "Subject: "), mail.subject),
        el("p", { class: "muted" }, `From: ${mail.from}`), el("pre", { class: "snippet" }, mail.text));
    } catch (error) {
      email.replaceChildren(failure(error));
    }
  }
  locale.addEventListener("change", show);
  queueMicrotask(show);
  return el("div", {}, el("h2", {}, "Preview"), el("div", { class: "controls" }, el("label", {}, "Language", locale)),
    el("div", { class: "previews" }, el("section", { class: "panel", "aria-label": "Widget preview" }, el("h3", {}, "Widget"), widget),
      el("section", { class: "panel", "aria-label": "E-mail preview" }, el("h3", {}, "E-mail"), email)));
}

async function surveys(params = new URLSearchParams()) {
  main.replaceChildren(el("h1", {}, "Surveys"), el("p", { class: "muted" }, "Loading…"));
  try {
    const editing = params.get("edit");
    if (editing && can("write")) {
      const id = encodeURIComponent(editing);
      const [survey, delivery] = await Promise.all([api(`/api/v1/surveys/${id}`), api(`/api/v1/surveys/${id}/delivery`)]);
      main.lastChild.replaceWith(el("div", {}, surveyEditor(survey), sendingEditor(survey, delivery), signatureLinks(survey),
        previews(survey)));
      return;
    }
    const page = await api("/api/v1/surveys?limit=100");
    const list = el("div", { class: "table-wrap" }, el("table", { id: "surveys-table" },
      el("thead", {}, el("tr", {}, ["Name", "Kind", "Status", "Widget snippet", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, page.items.map((s) => el("tr", { "data-survey": s.id },
        el("td", {}, s.name), el("td", {}, s.kind), el("td", {}, s.status),
        el("td", {}, el("pre", { class: "snippet" }, snippet(s)),
          el("button", { type: "button", class: "quiet", onclick: () => navigator.clipboard.writeText(snippet(s)) }, "Copy snippet")),
        el("td", {}, can("write") && s.status !== "archived"
          ? el("button", { type: "button", class: "quiet", onclick: async () => {
            await api(`/api/v1/surveys/${s.id}`, { method: "PATCH", body: JSON.stringify({ status: s.status === "active" ? "paused" : "active" }) });
            surveys();
          } }, s.status === "active" ? "Pause" : "Resume") : null,
        can("write") && s.status !== "archived"
          ? el("a", { href: `#/surveys?edit=${s.id}`, "aria-label": `Edit ${s.name}` }, "Edit") : null))))));
    const parts = [list];
    if (can("write")) {
      const message = el("p", { role: "status" });
      const form = el("form", { class: "panel controls", id: "new-survey", onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        try {
          await api("/api/v1/surveys", { method: "POST", body: JSON.stringify({ name: data.get("name"), kind: data.get("kind") }) });
          surveys();
        } catch (error) {
          message.replaceChildren(failure(error));
        }
      } },
      el("label", {}, "Name", el("input", { name: "name", required: true, maxlength: 200 })),
      el("label", {}, "Kind", el("select", { name: "kind" }, ["NPS", "CSAT", "CES"].map((k) => el("option", { value: k }, k)))),
      el("button", { type: "submit" }, "Create survey"), message);
      parts.unshift(el("h2", {}, "New survey"), form, el("h2", {}, "All surveys"));
    }
    main.lastChild.replaceWith(el("div", {}, parts));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

async function settings() {
  main.replaceChildren(el("h1", {}, "Settings"), el("p", { class: "muted" }, "Loading…"));
  if (!can("admin")) {
    main.lastChild.replaceWith(el("p", {}, "Settings need an admin key."));
    return;
  }
  try {
    const [tenant, keys, delivery, hooks, hookTypes, rules, catalogue, hours, teamCalendars, policies] = await Promise.all([
      api("/api/v1/tenants/current"), api("/api/v1/api-keys"), api("/api/v1/delivery"), api("/api/v1/webhooks/endpoints"),
      api("/api/v1/webhooks/event-types"), api("/api/v1/alerts/rules"),
      state.catalogue ? Promise.resolve(state.catalogue) : api("/api/v1/metrics"), api("/api/v1/business-hours"),
      api("/api/v1/business-hours/teams"), api("/api/v1/sla-policies")]);
    const saved = el("p", { role: "status" });
    const tenantForm = el("form", { class: "panel controls", id: "tenant-settings", onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(tenantForm);
      try {
        await api("/api/v1/tenants/current", { method: "PATCH", body: JSON.stringify({ timeZone: data.get("timeZone"), currency: data.get("currency") }) });
        saved.replaceChildren("Saved.");
      } catch (error) {
        saved.replaceChildren(failure(error));
      }
    } },
    el("label", {}, "Time zone", el("input", { name: "timeZone", value: tenant.timeZone, required: true })),
    el("label", {}, "Currency", el("input", { name: "currency", value: tenant.currency, required: true, maxlength: 3 })),
    el("button", { type: "submit" }, "Save"), saved);
    const shown = el("div", { role: "status" });
    const keyForm = el("form", { class: "panel controls", id: "new-key", onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(keyForm);
      try {
        const key = await api("/api/v1/api-keys", { method: "POST", body: JSON.stringify({ name: data.get("name"), scopes: [data.get("scope")] }) });
        await settings();
        main.querySelector("#key-secret").replaceChildren(el("p", {}, "The new key, shown once: ", el("code", {}, key.key)));
      } catch (error) {
        shown.replaceChildren(failure(error));
      }
    } },
    el("label", {}, "Key name", el("input", { name: "name", required: true, maxlength: 100 })),
    el("label", {}, "Scope", el("select", { name: "scope" }, ["read", "write", "admin"].map((s) => el("option", { value: s }, s)))),
    el("button", { type: "submit" }, "Issue key"), shown);
    const keyRows = keys.map((k) => el("tr", {}, el("td", {}, k.name), el("td", {}, k.prefix), el("td", {}, (k.scopes || []).join(", ")),
      el("td", {}, k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"),
      el("td", {}, el("button", { type: "button", class: "quiet", "aria-label": `Revoke ${k.name}`, onclick: async () => {
        await api(`/api/v1/api-keys/${k.id}`, { method: "DELETE" });
        settings();
      } }, "Revoke"))));
    main.lastChild.replaceWith(el("div", {}, el("h2", {}, "Tenant"), tenantForm, el("h2", {}, "Survey e-mail"),
      emailSettings(delivery.emailSettings), el("h2", {}, "Fatigue budget"), contactPolicy(delivery.contactPolicy),
      el("h2", {}, "Business hours"), businessHours(hours),
      el("h3", {}, "Teams with hours of their own"), teamHours(teamCalendars),
      el("h2", {}, "SLA policies"), slaPolicies(policies),
      el("h2", {}, "Alerts"), alerts(rules, catalogue),
      el("h2", {}, "Webhooks"), webhooks(hooks, hookTypes),
      el("h2", {}, "API keys"),
      el("div", { id: "key-secret" }), keyForm,
      el("div", { class: "table-wrap" }, el("table", { id: "keys-table" }, el("thead", {}, el("tr", {},
        ["Name", "Prefix", "Scopes", "Last used", ""].map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, keyRows)))));
  } catch (error) {
    main.lastChild.replaceWith(failure(error));
  }
}

/** The tenant's SMTP relay, sender and brand; the password is write-only. */
function emailSettings(current) {
  const message = el("p", { role: "status" });
  const value = (name) => (current && current[name] != null ? String(current[name]) : "");
  const form = el("form", { class: "panel", id: "email-settings", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const blank = (name) => (data.get(name) ? data.get(name) : null);
    try {
      await api("/api/v1/delivery/email-settings", { method: "PUT", body: JSON.stringify({
        host: data.get("host"), port: Number(data.get("port")), security: data.get("security"), username: blank("username"),
        password: blank("password"), fromAddress: data.get("fromAddress"), fromName: blank("fromName"),
        brandColor: blank("brandColor"), logoUrl: blank("logoUrl") }) });
      message.replaceChildren("Saved. The password is kept sealed and never shown.");
      form.querySelector("[name=password]").value = "";
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("div", { class: "controls" },
    el("label", {}, "SMTP host", el("input", { name: "host", value: value("host"), required: true })),
    el("label", {}, "Port", el("input", { name: "port", type: "number", min: 1, max: 65535, value: value("port") || "587", required: true })),
    el("label", {}, "Security", el("select", { name: "security" }, ["STARTTLS", "TLS", "NONE"].map((v) =>
      el("option", { value: v, selected: value("security") === v }, v)))),
    el("label", {}, "User name", el("input", { name: "username", value: value("username"), autocomplete: "off" })),
    el("label", {}, current && current.passwordSet ? "Password (set; blank keeps it)" : "Password",
      el("input", { name: "password", type: "password", autocomplete: "new-password" }))),
  el("div", { class: "controls" },
    el("label", {}, "From address", el("input", { name: "fromAddress", type: "email", value: value("fromAddress"), required: true })),
    el("label", {}, "From name", el("input", { name: "fromName", value: value("fromName"), maxlength: 100 })),
    el("label", {}, "Brand colour", el("input", { name: "brandColor", value: value("brandColor"), placeholder: "#1f5fbf", size: 8 })),
    el("label", {}, "Logo URL (https)", el("input", { name: "logoUrl", type: "url", value: value("logoUrl") }))),
  el("div", { class: "controls" }, el("button", { type: "submit" }, "Save e-mail settings"), message));
  return form;
}

/** "channel=email, channel=chat, team=tier-1" as an alert rule's filters: {channel: [email, chat], team: [tier-1]}. */
function filtersOf(text) {
  const filters = {};
  String(text || "").split(",").map((pair) => pair.trim()).filter(Boolean).forEach((pair) => {
    const [dimension, ...rest] = pair.split("=");
    (filters[dimension.trim()] ||= []).push(rest.join("=").trim());
  });
  return filters;
}

/**
 * The tenant's alert rules: add one (a metric over a sliding window, optionally per group, with its
 * threshold, recovery point and recipients), see where each watched value stands, its history,
 * pause or resume it, delete it.
 */
function alerts(rules, catalogue) {
  const message = el("p", { role: "status" });
  const metricSelect = el("select", { name: "metric", required: true }, catalogue.map((m) => el("option", { value: m.id }, m.title)));
  const groupSelect = el("select", { name: "groupBy" });
  const fillGroups = () => {
    const entry = catalogue.find((m) => m.id === metricSelect.value);
    groupSelect.replaceChildren(el("option", { value: "" }, "the total"),
      ...((entry && entry.groupBy) || []).map((d) => el("option", { value: d }, `each ${d}`)));
  };
  metricSelect.addEventListener("change", fillGroups);
  fillGroups();
  const form = el("form", { class: "panel", id: "new-alert", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const number = (name) => (data.get(name) === "" ? null : Number(data.get(name)));
    try {
      await api("/api/v1/alerts/rules", { method: "POST", body: JSON.stringify({
        name: data.get("name"), metric: data.get("metric"), statistic: data.get("statistic") || "value",
        groupBy: data.get("groupBy") || null, clock: data.get("clock"), filters: filtersOf(data.get("filters")),
        window: data.get("window"), condition: data.get("condition"),
        threshold: number("threshold"), recoverAt: number("recoverAt"), minSample: number("minSample"), for: data.get("for") || null,
        recipients: String(data.get("recipients") || "").split(",").map((a) => a.trim()).filter((a) => a) }) });
      await settings();
      main.querySelector("#alert-message").replaceChildren("Alert rule added.");
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("div", { class: "controls" },
    el("label", {}, "Rule name", el("input", { name: "name", required: true, maxlength: 200 })),
    el("label", {}, "Metric", metricSelect),
    el("label", {}, "Statistic", el("input", { name: "statistic", value: "value", size: 10 })),
    el("label", {}, "Watch", groupSelect),
    el("label", {}, "Window", el("input", { name: "window", value: "P7D", size: 8, title: "ISO-8601 duration, e.g. P7D or PT6H" }))),
  el("div", { class: "controls" },
    el("label", {}, "Only (dimension=value, …)", el("input", { name: "filters", size: 40, placeholder: "channel=email, team=tier-1",
      title: "Facts watched; a dimension named twice matches either value; empty: every fact" })),
    el("label", {}, "Durations in", el("select", { name: "clock" },
      [["calendar", "calendar time"], ["business", "business hours"]].map(([v, l]) => el("option", { value: v }, l))))),
  el("div", { class: "controls" },
    el("label", {}, "Condition", el("select", { name: "condition" }, ["below", "above"].map((c) => el("option", { value: c }, c)))),
    el("label", {}, "Threshold", el("input", { name: "threshold", type: "number", step: "any", required: true })),
    el("label", {}, "Well again at", el("input", { name: "recoverAt", type: "number", step: "any" })),
    el("label", {}, "At least (facts)", el("input", { name: "minSample", type: "number", min: 1, value: "1" })),
    el("label", {}, "For", el("input", { name: "for", value: "PT0S", size: 8 }))),
  el("div", { class: "controls" },
    el("label", {}, "E-mail to (comma-separated)", el("input", { name: "recipients", size: 40 })),
    el("button", { type: "submit" }, "Add alert rule"), el("span", { id: "alert-message", role: "status" }), message));
  const standing = (rule) => {
    if (!rule.enabled) return "paused";
    const firing = rule.states.filter((s) => s.status === "firing");
    if (firing.length > 0) return `firing: ${firing.map((s) => `${s.group ?? "total"} ${format(rule.metric, s.value)}`).join(", ")}`;
    if (rule.states.length === 0) return "not evaluated yet";
    return rule.states.some((s) => s.status === "pending") ? "pending" : "ok";
  };
  const rows = rules.map((rule) => {
    const history = el("td", { colspan: 4 });
    const only = Object.entries(rule.filters || {}).map(([d, values]) => `${d} ${values.join(" or ")}`);
    const watched = `${rule.metric}${rule.statistic === "value" ? "" : ` ${rule.statistic}`} over ${rule.window}`
      + (rule.groupBy ? `, each ${rule.groupBy}` : "") + (rule.clock === "business" ? ", in business hours" : "")
      + (only.length ? `, only ${only.join(", ")}` : "");
    return [el("tr", {}, el("td", {}, rule.name, el("div", { class: "muted" }, watched)),
      el("td", {}, `${rule.condition} ${rule.threshold}` + (rule.recoverAt !== rule.threshold ? `, well at ${rule.recoverAt}` : "")),
      el("td", {}, standing(rule)),
      el("td", {},
        el("button", { type: "button", class: "quiet", "aria-label": `History of ${rule.name}`, onclick: async () => {
          try {
            const events = await api(`/api/v1/alerts/rules/${rule.id}/events?limit=20`);
            history.replaceChildren(events.length === 0 ? el("p", { class: "muted" }, "Never fired.")
              : el("ul", {}, events.map((e) => el("li", {}, `${new Date(e.at).toLocaleString()} · ${e.type}`
                + `${e.group ? ` · ${e.group}` : ""} · ${format(rule.metric, e.data.value)}`))));
          } catch (error) {
            history.replaceChildren(failure(error));
          }
        } }, "History"),
        el("button", { type: "button", class: "quiet", "aria-label": `${rule.enabled ? "Pause" : "Resume"} ${rule.name}`, onclick: async () => {
          const { id, states, createdAt, updatedAt, ...fields } = rule;
          await api(`/api/v1/alerts/rules/${id}`, { method: "PUT", body: JSON.stringify({ ...fields, enabled: !rule.enabled }) });
          settings();
        } }, rule.enabled ? "Pause" : "Resume"),
        el("button", { type: "button", class: "quiet", "aria-label": `Delete ${rule.name}`, onclick: async () => {
          await api(`/api/v1/alerts/rules/${rule.id}`, { method: "DELETE" });
          settings();
        } }, "Delete"))),
    el("tr", {}, history)];
  }).flat();
  return el("div", {}, form, el("div", { class: "table-wrap" }, el("table", { id: "alerts-table" },
    el("thead", {}, el("tr", {}, ["Rule", "When", "Now", ""].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows))));
}

/**
 * The tenant's webhook endpoints: subscribe (the secret shown once), pause or resume, rotate the
 * secret, delete, and each endpoint's latest deliveries with their last try.
 */
function webhooks(endpoints, types) {
  const message = el("div", { role: "status", id: "webhook-secret" });
  const showSecret = (secret) => message.replaceChildren(el("p", {}, "The signing secret, shown once: ", el("code", {}, secret)));
  const form = el("form", { class: "panel", id: "new-webhook", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const made = await api("/api/v1/webhooks/endpoints", { method: "POST", body: JSON.stringify({
        url: data.get("url"), eventTypes: data.getAll("eventTypes"), description: data.get("description") || null }) });
      await settings();
      main.querySelector("#webhook-secret").replaceChildren(el("p", {}, "The signing secret, shown once: ", el("code", {}, made.secret)));
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("div", { class: "controls" },
    el("label", {}, "Endpoint URL", el("input", { name: "url", type: "url", required: true, placeholder: "https://…" })),
    el("label", {}, "Description", el("input", { name: "description", maxlength: 200 }))),
  el("fieldset", { class: "controls" }, el("legend", {}, "Events"),
    types.map((type) => el("label", { title: type.description }, el("input", { type: "checkbox", name: "eventTypes", value: type.name,
      checked: type.name === "response.negative" }), type.name))),
  el("div", { class: "controls" }, el("button", { type: "submit" }, "Add endpoint")));
  const rows = endpoints.map((hook) => {
    const log = el("td", { colspan: 4 });
    const state = hook.enabled ? (hook.failingSince ? "failing" : "active") : `disabled: ${hook.disabledReason || "no reason given"}`;
    return [el("tr", {}, el("td", {}, el("code", {}, hook.url), hook.description ? el("div", { class: "muted" }, hook.description) : ""),
      el("td", {}, hook.eventTypes.join(", ")), el("td", {}, state),
      el("td", {},
        el("button", { type: "button", class: "quiet", "aria-label": `Deliveries to ${hook.url}`, onclick: async () => {
          try {
            const page = await api(`/api/v1/webhooks/endpoints/${hook.id}/deliveries?limit=20`);
            log.replaceChildren(page.items.length === 0 ? el("p", { class: "muted" }, "No deliveries yet.")
              : el("ul", {}, page.items.map((d) => {
                const last = d.log[d.log.length - 1];
                const answer = last ? (last.statusCode != null ? `HTTP ${last.statusCode}, ${last.latencyMs} ms` : last.error) : "not tried yet";
                return el("li", {}, `${d.eventType} · ${d.status} · ${d.attempts} tries · ${answer}`);
              })));
          } catch (error) {
            log.replaceChildren(failure(error));
          }
        } }, "Deliveries"),
        el("button", { type: "button", class: "quiet", "aria-label": `${hook.enabled ? "Pause" : "Resume"} ${hook.url}`, onclick: async () => {
          await api(`/api/v1/webhooks/endpoints/${hook.id}`, { method: "PATCH", body: JSON.stringify({ enabled: !hook.enabled }) });
          settings();
        } }, hook.enabled ? "Pause" : "Resume"),
        el("button", { type: "button", class: "quiet", "aria-label": `Rotate secret of ${hook.url}`, onclick: async () => {
          const rotated = await api(`/api/v1/webhooks/endpoints/${hook.id}/secret/rotate`, { method: "POST", body: "{}" });
          showSecret(rotated.secret);
        } }, "Rotate secret"),
        el("button", { type: "button", class: "quiet", "aria-label": `Delete ${hook.url}`, onclick: async () => {
          await api(`/api/v1/webhooks/endpoints/${hook.id}`, { method: "DELETE" });
          settings();
        } }, "Delete"))),
    el("tr", {}, log)];
  }).flat();
  return el("div", {}, message, form, el("div", { class: "table-wrap" }, el("table", { id: "webhooks-table" },
    el("thead", {}, el("tr", {}, ["Endpoint", "Events", "State", ""].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows))));
}

/** At most N asks of one customer per D days, M days apart, across every survey and channel. */
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * A calendar's form: per weekday its opening intervals as "09:00-12:00, 13:00-17:00" (empty: closed),
 * holidays one date per line, its zone. {@code save} sends the calendar and says what to show.
 */
function hoursForm(id, current, submitLabel, save, ...leading) {
  const message = el("p", { role: "status" });
  const text = (day) => (current.schedule[day] || []).map((s) => `${s.start}-${s.end}`).join(", ");
  const form = el("form", { class: "panel", id, onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const schedule = {};
    for (const day of WEEKDAYS) {
      const parts = String(data.get(day) || "").split(",").map((s) => s.trim()).filter(Boolean);
      const wrong = parts.find((s) => !/^\d{2}:\d{2}\s*[-–]\s*\d{2}:\d{2}$/.test(s));
      if (wrong) {
        message.replaceChildren(el("span", { class: "error", role: "alert" },
          `${day}: "${wrong}" is not an interval; write them as 09:00-12:00, 13:00-17:00`));
        return;
      }
      const slots = parts.map((s) => {
        const [start, end] = s.split(/\s*[-–]\s*/);
        return { start, end };
      });
      if (slots.length) schedule[day] = slots;
    }
    const holidays = String(data.get("holidays") || "").split(/[\s,]+/).filter(Boolean);
    try {
      message.replaceChildren(await save({ timeZone: data.get("timeZone") || null, schedule, holidays }, data));
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  ...leading,
  el("div", { class: "controls" },
    el("label", {}, "Zone of the business hours", el("input", { name: "timeZone", value: current.timeZone || "" }))),
  el("div", { class: "controls" }, WEEKDAYS.map((day) => el("label", {}, day[0].toUpperCase() + day.slice(1),
    el("input", { name: day, value: text(day), placeholder: "closed", size: 22, title: "e.g. 09:00-12:00, 13:00-17:00" })))),
  el("div", { class: "controls" },
    el("label", {}, "Holidays (YYYY-MM-DD, one per line)", el("textarea", { name: "holidays", rows: 3, cols: 24 },
      current.holidays.join("\n"))),
    el("button", { type: "submit" }, submitLabel), message));
  return form;
}

/** The tenant's default business hours. Durations asked in business hours count only these. */
function businessHours(current) {
  return hoursForm("business-hours", current, "Save business hours", async (body) => {
    await api("/api/v1/business-hours", { method: "PUT", body: JSON.stringify(body) });
    return "Saved. Durations are measured again in business hours in the background.";
  }, el("p", { class: "muted" }, current.updatedAt ? "" : "Not set yet: every hour counts, as below."));
}

/** The teams with business hours of their own (each can go back to the default), and a form to give a team its own. */
function teamHours(teams) {
  const open = (schedule) => WEEKDAYS.filter((day) => schedule[day]).map((day) =>
    `${day.slice(0, 3)} ${schedule[day].map((s) => `${s.start}–${s.end}`).join(", ")}`).join("; ");
  const rows = teams.map((t) => el("tr", {}, el("td", {}, t.team), el("td", {}, t.timeZone), el("td", {}, open(t.schedule) || "closed"),
    el("td", {}, t.holidays.length ? t.holidays.join(", ") : "none"),
    el("td", {}, el("button", { type: "button", class: "quiet", "aria-label": `Use the default hours for ${t.team}`, onclick: async () => {
      await api(`/api/v1/teams/${encodeURIComponent(t.team)}/business-hours`, { method: "DELETE" });
      settings();
    } }, "Use the default"))));
  const list = teams.length
    ? el("div", { class: "table-wrap" }, el("table", { id: "team-hours-table" },
      el("thead", {}, el("tr", {}, ["Team", "Zone", "Open", "Holidays", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows)))
    : el("p", { class: "muted", id: "team-hours-none" }, "No team has hours of its own: every team's tickets are measured with the default.");
  const form = hoursForm("team-business-hours", { timeZone: "", schedule: {}, holidays: [] }, "Save team hours", async (body, data) => {
    const team = String(data.get("team") || "").trim();
    await api(`/api/v1/teams/${encodeURIComponent(team)}/business-hours`, { method: "PUT", body: JSON.stringify(body) });
    await settings();
    return "";
  }, el("div", { class: "controls" }, el("label", {}, "Team", el("input", { name: "team", required: true, maxlength: 100 }))));
  return el("div", {}, list, form);
}

/**
 * The tenant's SLA policies in the order tickets try them: add one (targets in minutes and hours, the
 * priorities and channels it applies to, calendar or business time), delete one.
 */
function slaPolicies(policies) {
  const message = el("p", { role: "status" });
  const list = (value) => String(value || "").split(",").map((s) => s.trim()).filter(Boolean);
  const seconds = (value, unit) => (value === "" || value === null ? null : Math.round(Number(value) * unit));
  const form = el("form", { class: "panel", id: "sla-policy", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api("/api/v1/sla-policies", { method: "POST", body: JSON.stringify({ name: data.get("name"),
        position: Number(data.get("position") || 0), priorities: list(data.get("priorities")), channels: list(data.get("channels")),
        firstReply: seconds(data.get("firstReply"), 60), nextReply: seconds(data.get("nextReply"), 60),
        resolution: seconds(data.get("resolution"), 3600), clock: data.get("clock") }) });
      await settings();
      main.querySelector("#sla-policy [role=status]").replaceChildren("Saved. Tickets are measured against it in the background.");
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("div", { class: "controls" },
    el("label", {}, "Policy name", el("input", { name: "name", required: true, maxlength: 200 })),
    el("label", {}, "Position", el("input", { name: "position", type: "number", min: 0, value: policies.length, size: 4 })),
    el("label", {}, "Priorities (comma-separated; empty: any)", el("input", { name: "priorities", placeholder: "urgent, high" })),
    el("label", {}, "Channels (comma-separated; empty: any)", el("input", { name: "channels", placeholder: "email, chat" }))),
  el("div", { class: "controls" },
    el("label", {}, "First reply within (minutes)", el("input", { name: "firstReply", type: "number", min: 1, step: "any" })),
    el("label", {}, "Next reply within (minutes)", el("input", { name: "nextReply", type: "number", min: 1, step: "any" })),
    el("label", {}, "Resolution within (hours)", el("input", { name: "resolution", type: "number", min: 0.01, step: "any" })),
    el("label", {}, "Measured in", el("select", { name: "clock" },
      [["calendar", "calendar time"], ["business", "business hours"]].map(([v, l]) => el("option", { value: v }, l)))),
    el("button", { type: "submit" }, "Add SLA policy"), message));
  const targets = (p) => [["first reply", p.firstReply, 60, "min"], ["next reply", p.nextReply, 60, "min"],
    ["resolution", p.resolution, 3600, "h"]].filter(([, v]) => v).map(([n, v, unit, label]) => `${n} ${v / unit} ${label}`).join(", ");
  const rows = policies.map((p) => el("tr", {}, el("td", {}, p.name), el("td", {}, String(p.position)),
    el("td", {}, [p.priorities.length ? p.priorities.join(", ") : "any priority", p.channels.length ? p.channels.join(", ") : "any channel"]
      .join(" · ")),
    el("td", {}, `${targets(p)} (${p.clock === "business" ? "business hours" : "calendar time"})`),
    el("td", {}, el("button", { type: "button", class: "quiet", "aria-label": `Delete ${p.name}`, onclick: async () => {
      await api(`/api/v1/sla-policies/${p.id}`, { method: "DELETE" });
      settings();
    } }, "Delete"))));
  return el("div", {}, form, policies.length === 0 ? el("p", { class: "muted" }, "No SLA policy: no ticket has targets.")
    : el("div", { class: "table-wrap" }, el("table", { id: "sla-table" }, el("thead", {}, el("tr", {},
      ["Policy", "Position", "Applies to", "Targets", ""].map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, rows))));
}

function contactPolicy(current) {
  const message = el("p", { role: "status" });
  const form = el("form", { class: "panel controls", id: "contact-policy", onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api("/api/v1/delivery/contact-policy", { method: "PUT", body: JSON.stringify({ maxAsks: Number(data.get("maxAsks")),
        perDays: Number(data.get("perDays")), minDaysBetween: Number(data.get("minDaysBetween")) }) });
      message.replaceChildren("Saved.");
    } catch (error) {
      message.replaceChildren(problemAlert(error));
    }
  } },
  el("label", {}, "At most (asks)", el("input", { name: "maxAsks", type: "number", min: 1, max: 100, value: current ? current.maxAsks : 1 })),
  el("label", {}, "Per (days)", el("input", { name: "perDays", type: "number", min: 1, max: 365, value: current ? current.perDays : 30 })),
  el("label", {}, "At least (days apart)", el("input", { name: "minDaysBetween", type: "number", min: 0, max: 365,
    value: current ? current.minDaysBetween : 7 })),
  el("button", { type: "submit" }, "Save budget"),
  current ? el("button", { type: "button", class: "quiet", onclick: async () => {
    await api("/api/v1/delivery/contact-policy", { method: "DELETE" });
    settings();
  } }, "Remove budget") : el("span", { class: "muted" }, "No budget: customers are asked whenever a survey asks."),
  message);
  return form;
}

function signIn(message) {
  document.getElementById("nav").hidden = true;
  document.getElementById("sign-out").hidden = true;
  document.getElementById("who").textContent = "";
  const form = el("form", { id: "sign-in", onsubmit: async (event) => {
    event.preventDefault();
    sessionStorage.setItem("cxmeter.apiKey", new FormData(form).get("apiKey").trim());
    await start();
  } },
  el("label", {}, "API key", el("input", { name: "apiKey", type: "password", autocomplete: "off", required: true })),
  el("button", { type: "submit", class: state.oidc ? "quiet" : null }, "Sign in with the key"));
  const provider = state.oidc ? [el("button", { type: "button", id: "sign-in-provider", onclick: () => signInWithProvider()
    .catch((error) => signIn(error.message)) }, "Sign in with your company account"), el("p", { class: "muted" }, "or")] : [];
  main.replaceChildren(el("div", { class: "signin panel" }, el("h1", {}, "Sign in to cxmeter"),
    message ? el("p", { class: "error", role: "alert" }, message) : null, ...provider,
    el("p", { class: "muted" }, "With an API key of your tenant; the console keeps it for this tab only."), form));
}

function signOut() {
  for (const item of ["apiKey", "accessToken", "refreshToken", "tokenEndpoint"]) sessionStorage.removeItem(`cxmeter.${item}`);
  state.caller = null;
  signIn();
}

async function route() {
  if (!state.caller) return;
  const [path, query] = location.hash.slice(1).split("?");
  const params = new URLSearchParams(query || "");
  const pages = { "/overview": () => overview(params), "/explore": () => explore(params),
    "/low-scores": () => lowScores(params), "/surveys": () => surveys(params), "/follow-ups": () => followUps(params),
    "/customers": () => customers(params),
    "/emails": () => emails(params),
    "/settings": settings };
  const page = pages[path] ? path : "/overview";
  document.querySelectorAll("#nav a").forEach((a) => {
    if (a.getAttribute("href") === `#${page}`) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  await pages[page]();
  main.focus();
}

async function start() {
  try {
    state.oidc = (await (await fetch("config.json")).json()).oidc;
    await finishProviderSignIn();
  } catch (error) {
    signIn(error.message);
    return;
  }
  if (!credentials()) {
    signIn();
    return;
  }
  try {
    state.caller = await api("/api/v1/me");
    state.catalogue = await api("/api/v1/metrics");
  } catch (error) {
    signOut();
    signIn(error.message);
    return;
  }
  const nav = document.getElementById("nav");
  nav.hidden = false;
  nav.querySelectorAll("[data-role]").forEach((a) => { a.hidden = !can(a.dataset.role); });
  document.getElementById("who").textContent = `${state.caller.tenant.name} · ${state.caller.roles[state.caller.roles.length - 1]}`;
  const out = document.getElementById("sign-out");
  out.hidden = false;
  out.onclick = signOut;
  await route();
}

window.addEventListener("hashchange", route);
start();
