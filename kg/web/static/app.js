// Query page of `ekg serve`: list the catalogue, run a saved query or SPARQL text, show rows.
// Every value from the graph is written with textContent (never as HTML), and only http(s)
// IRIs become links. The page state lives in the URL (?name=…&param=…&run=1, or ?sparql=…),
// so a result can be shared and reloaded.
"use strict";

const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
let catalogue = [];

const $ = (id) => document.getElementById(id);

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function fillCatalogue(selected) {
  const select = $("query-name");
  const groups = {};
  for (const q of catalogue) {
    if (!groups[q.group]) {
      groups[q.group] = document.createElement("optgroup");
      groups[q.group].label = q.group;
      select.appendChild(groups[q.group]);
    }
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.title || q.name;
    groups[q.group].appendChild(option);
  }
  if (selected && catalogue.some((q) => q.name === selected)) select.value = selected;
}

function currentQuery() {
  return catalogue.find((q) => q.name === $("query-name").value);
}

function showParams(values) {
  const q = currentQuery();
  const box = $("params");
  box.replaceChildren();
  if (!q) return;
  $("query-description").textContent = q.description;
  for (const p of q.params) {
    const label = document.createElement("label");
    label.htmlFor = "param-" + p.name;
    label.textContent = p.name + " (" + p.type + (p.required ? "" : ", optional") + ")";
    const input = document.createElement("input");
    input.id = "param-" + p.name;
    input.name = p.name;
    input.placeholder = p.example || p.default || "";
    input.value = values.get(p.name) || "";
    const help = document.createElement("p");
    help.className = "param-help";
    help.textContent = p.description + (p.example ? " — e.g. " + p.example : "");
    box.append(label, input, help);
  }
}

function renderTable(data, truncated) {
  const table = $("results");
  table.replaceChildren();
  $("graph").hidden = true;
  if (data.boolean !== undefined) {
    setStatus("Answer: " + data.boolean, false);
    return;
  }
  const vars = data.head.vars;
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const tr = body.insertRow();
    tr.className = "row";
    for (const v of vars) tr.appendChild(cell(binding[v], v));
  }
  const n = data.results.bindings.length;
  setStatus(n + (n === 1 ? " row" : " rows") + (truncated ? " (cut at the row limit)" : ""),
            false);
}

function cell(term, name) {
  const td = document.createElement("td");
  td.dataset.var = name;
  if (!term) return td;
  if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
    const a = document.createElement("a");
    a.href = term.value;
    a.rel = "noopener noreferrer";
    a.textContent = term.value;
    td.appendChild(a);
  } else {
    td.textContent = term.value;
  }
  return td;
}

async function show(response) {
  const type = response.headers.get("Content-Type") || "";
  const truncated = response.headers.has("X-EKG-Truncated");
  if (!response.ok) {
    setStatus("Error " + response.status + ": " + (await response.text()), true);
    return;
  }
  if (type.startsWith("application/sparql-results+json")) {
    renderTable(await response.json(), truncated);
  } else {
    $("results").replaceChildren();
    $("graph").hidden = false;
    $("graph").textContent = await response.text();
    setStatus("Graph result" + (truncated ? " (cut at the triple limit)" : ""), false);
  }
}

async function runSaved(event) {
  if (event) event.preventDefault();
  const q = currentQuery();
  if (!q) return;
  const params = new URLSearchParams();
  for (const input of $("params").querySelectorAll("input")) {
    if (input.value.trim()) params.set(input.name, input.value.trim());
  }
  const state = new URLSearchParams(params);
  state.set("name", q.name);
  state.set("run", "1");
  history.replaceState(null, "", "?" + state.toString());
  setStatus("Running " + q.name + " …", false);
  const response = await fetch(q.url + "?" + params.toString(), { headers: { Accept: ACCEPT } });
  await show(response);
}

async function runSparql(event) {
  if (event) event.preventDefault();
  const text = $("sparql").value;
  history.replaceState(null, "", "?" + new URLSearchParams({ sparql: text, run: "1" }));
  setStatus("Running …", false);
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query: text }).toString(),
  });
  await show(response);
}

async function start() {
  const values = new URLSearchParams(location.search);
  try {
    catalogue = await (await fetch("/queries")).json();
  } catch (err) {
    setStatus("Cannot load the catalogue: " + err, true);
    return;
  }
  fillCatalogue(values.get("name"));
  showParams(values);
  $("query-name").addEventListener("change", () => showParams(new URLSearchParams()));
  $("saved-form").addEventListener("submit", runSaved);
  $("sparql-form").addEventListener("submit", runSparql);
  $("copy-text").addEventListener("click", () => {
    const q = currentQuery();
    if (q) $("sparql").value = q.text;
  });
  if (values.has("sparql")) $("sparql").value = values.get("sparql");
  if (values.get("run") === "1") {
    await (values.has("sparql") ? runSparql() : runSaved());
  }
}

document.addEventListener("DOMContentLoaded", start);
