// customslint's page: checks each pasted or chosen message through
// POST /v1/check (the API's limits apply) and shows the findings under
// their lines. Plain JavaScript, nothing fetched from another host, nothing
// stored: the messages stay in this page's memory.
"use strict";

(function () {
  const form = document.getElementById("check-form");
  const textarea = document.getElementById("message");
  const fileInput = document.getElementById("files");
  const drop = document.getElementById("drop");
  const fileList = document.getElementById("file-list");
  const profile = document.getElementById("profile");
  const button = document.getElementById("check");
  const summary = document.getElementById("summary");
  const results = document.getElementById("results");
  const resultsTitle = document.getElementById("results-title");
  const out = document.getElementById("files-out");

  // The lines shown in full; a longer message shows the lines around its
  // findings only.
  const fullLines = 3000;
  const context = 3;
  let dropped = [];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function showFiles() {
    const names = Array.from(fileInput.files).concat(dropped).map((f) => f.name);
    fileList.textContent = names.length ? "Files: " + names.join(", ") : "";
  }

  fileInput.addEventListener("change", () => { dropped = []; showFiles(); });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    dropped = dropped.concat(Array.from(e.dataTransfer.files));
    showFiles();
  });

  function contentType(name, text) {
    if (/\.json$/i.test(name)) return "application/json";
    if (/\.xml$/i.test(name)) return "application/xml";
    if (text == null) return ""; // a file of another name: the service sniffs it
    return /^\s*[\[{]/.test(text) ? "application/json" : "application/xml";
  }

  function checkURL(name, format) {
    const q = new URLSearchParams({ profile: profile.value, name: name });
    if (format) q.set("format", format);
    return "/v1/check?" + q.toString();
  }

  async function post(input, format) {
    const headers = {};
    const ct = contentType(input.name, input.text);
    if (ct) headers["Content-Type"] = ct;
    const res = await fetch(checkURL(input.name, format), {
      method: "POST",
      headers: headers,
      // A file goes as it is: the browser reads it while sending, and a
      // file over --max-size is refused without being read here.
      body: input.text != null ? input.text : input.file,
      cache: "no-store",
      credentials: "omit",
    });
    const body = await res.text();
    if (!res.ok) {
      let msg = body;
      try { msg = JSON.parse(body).message || body; } catch (e) { /* not JSON */ }
      throw new Error(res.status + ": " + msg);
    }
    return body;
  }

  function inputs() {
    const list = [];
    if (textarea.value.trim() !== "") list.push({ name: "pasted message", text: textarea.value });
    for (const f of Array.from(fileInput.files).concat(dropped)) {
      list.push({ name: f.name, file: f, text: null });
    }
    return list;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function baseName(name) {
    return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/\.(xml|json)$/i, "");
  }

  function findingItem(x) {
    const li = el("li", { class: "finding " + x.severity, "data-line": String(x.line), "data-rule": x.rule });
    li.append(el("span", { class: "visually-hidden", text: x.line > 0 ? "Line " + x.line + ": " : "" }));
    li.append(el("span", { class: "sev", text: x.severity }), " ");
    li.append(el("a", { href: "/rules/" + encodeURIComponent(x.rule), text: x.rule }), " ");
    if (x.code) li.append(el("span", { class: "code", text: x.code }), " ");
    li.append(el("span", { class: "msg", text: x.message }));
    if (x.path) li.title = x.path;
    return li;
  }

  function findingList(list) {
    const ul = el("ul", { class: "findings" });
    for (const x of list) ul.append(findingItem(x));
    return ul;
  }

  // source renders the message's lines with each finding under its line;
  // findings about no line of the text come first.
  function source(text, findings) {
    const lines = text.split(/\r\n|\r|\n/);
    const byLine = new Map();
    const whole = [];
    for (const x of findings) {
      if (x.line >= 1 && x.line <= lines.length) {
        if (!byLine.has(x.line)) byLine.set(x.line, []);
        byLine.get(x.line).push(x);
      } else {
        whole.push(x);
      }
    }
    const box = el("div", { class: "source" });
    if (whole.length) {
      box.append(el("div", { class: "gap", text: "About the whole message:" }), findingList(whole));
    }
    const shown = (n) => {
      if (lines.length <= fullLines) return true;
      for (let d = -context; d <= context; d++) if (byLine.has(n + d)) return true;
      return false;
    };
    let skipped = false;
    for (let i = 0; i < lines.length; i++) {
      const n = i + 1;
      if (!shown(n)) { skipped = true; continue; }
      if (skipped) { box.append(el("div", { class: "gap", text: "…" })); skipped = false; }
      const row = el("div", { class: "line" + (byLine.has(n) ? " flagged" : ""), "data-line": String(n) },
        el("span", { class: "ln", "aria-hidden": "true", text: String(n) }), el("code", { text: lines[i] }));
      box.append(row);
      if (byLine.has(n)) box.append(findingList(byLine.get(n)));
    }
    if (skipped) box.append(el("div", { class: "gap", text: "…" }));
    return box;
  }

  function counts(findings) {
    const c = { error: 0, warning: 0, info: 0 };
    for (const x of findings) c[x.severity] = (c[x.severity] || 0) + 1;
    return c;
  }

  function countText(c) {
    const parts = [plural(c.error, "error"), plural(c.warning, "warning")];
    if (c.info) parts.push(c.info + " info");
    return parts.join(", ");
  }

  function fileResult(input, entry, index) {
    const c = counts(entry.findings);
    const head = "fr-" + index;
    const art = el("article", { class: "file", "aria-labelledby": head });
    art.append(el("h3", { id: head, text: input.name }));
    let as = "checked as " + (entry.profile || "unknown profile") + " " + entry.messageType;
    if (entry.category) as += ", category " + entry.category;
    art.append(el("p", { class: "file-summary", text: as + ": " + countText(c) }));
    const json = el("button", { type: "button", class: "secondary", text: "Download JSON report" });
    json.addEventListener("click", () => download(baseName(input.name) + ".customslint.json", "application/json", JSON.stringify(entry, null, 2) + "\n"));
    const sarif = el("button", { type: "button", class: "secondary", text: "Download SARIF" });
    sarif.addEventListener("click", async () => {
      try {
        download(baseName(input.name) + ".sarif", "application/sarif+json", await post(input, "sarif"));
      } catch (e) {
        summary.textContent = "SARIF for " + input.name + " failed: " + e.message;
      }
    });
    art.append(el("div", { class: "downloads" }, json, sarif));
    art.append(source(input.text, entry.findings));
    return { art: art, counts: c };
  }

  function failedResult(input, err, index) {
    const head = "fr-" + index;
    const art = el("article", { class: "file", "aria-labelledby": head });
    art.append(el("h3", { id: head, text: input.name }));
    art.append(el("p", { class: "error-box", text: "Not checked: " + err.message }));
    return art;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const list = inputs();
    if (list.length === 0) {
      summary.textContent = "Paste a message or choose a file first.";
      textarea.focus();
      return;
    }
    button.disabled = true;
    summary.textContent = "Checking " + plural(list.length, "message") + "…";
    out.replaceChildren();
    const total = { error: 0, warning: 0, info: 0 };
    let withErrors = 0, checked = 0, failed = 0;
    for (let i = 0; i < list.length; i++) {
      try {
        const entry = JSON.parse(await post(list[i]));
        if (list[i].text == null) list[i].text = await list[i].file.text();
        const r = fileResult(list[i], entry, i);
        out.append(r.art);
        for (const k of Object.keys(total)) total[k] += r.counts[k] || 0;
        if (r.counts.error) withErrors++;
        checked++;
      } catch (err) {
        out.append(failedResult(list[i], err, i));
        failed++;
      }
    }
    let line = plural(checked, "file") + " checked: " + countText(total) + " (" + plural(withErrors, "file") + " with errors)";
    if (failed) line += "; " + failed + " not checked";
    summary.textContent = line;
    button.disabled = false;
    results.hidden = false;
    resultsTitle.focus();
  });
})();
