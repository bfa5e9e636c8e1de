// GenUI chat: posts the question to /v1/generate and renders the server-sent events as they come.
// Dashboards arrive as server-rendered, script-free HTML; this script only places them.
"use strict";
(function () {
  const conversation = document.getElementById("conversation");
  const form = document.getElementById("ask");
  const question = document.getElementById("question");
  const send = document.getElementById("send");
  const datasetSelect = document.getElementById("dataset");
  const upload = document.getElementById("upload");
  const uploadStatus = document.getElementById("upload-status");
  const history = [];
  let busy = false;

  fetch("/healthz").then((r) => r.json()).then((h) => {
    document.getElementById("model").textContent = "model: " + h.model;
  }).catch(() => {});

  // The datasets answers can be computed from; keeps the current choice when refreshed.
  function loadDatasets(select) {
    return fetch("/v1/datasets").then((r) => r.json()).then((list) => {
      const keep = select || datasetSelect.value;
      while (datasetSelect.options.length > 1) datasetSelect.remove(1);
      for (const d of list.datasets || []) {
        const option = element("option", null, d.name + " (" + d.rows + " rows)");
        option.value = d.name;
        datasetSelect.append(option);
      }
      datasetSelect.value = keep;
      if (datasetSelect.value !== keep) datasetSelect.value = "";
    }).catch(() => {});
  }
  loadDatasets("");

  upload.addEventListener("change", async () => {
    const file = upload.files && upload.files[0];
    if (!file) return;
    const name = file.name.replace(/\.[^.]*$/, "").toLowerCase().replace(/[^a-z0-9_]+/g, "-").replace(/^[^a-z]+/, "").slice(0, 48) || "upload";
    uploadStatus.textContent = "Uploading " + file.name + "…";
    try {
      const response = await fetch("/v1/datasets?name=" + encodeURIComponent(name), {
        method: "POST", headers: { "Content-Type": "text/csv" }, body: await file.text(),
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        uploadStatus.textContent = "Added " + result.name + ": " + result.rows + " rows.";
        await loadDatasets(result.name);
      } else {
        uploadStatus.textContent = "Not added: " + ((result.error && result.error.message) || response.statusText);
      }
    } catch (e) {
      uploadStatus.textContent = "Not added: " + String(e);
    }
    upload.value = "";
  });

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Paths like /root/children/2/children/0 compare segment by segment, numbers as numbers.
  function comparePaths(a, b) {
    const x = a.split("/"), y = b.split("/");
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      const m = Number(x[i]), n = Number(y[i]);
      return Number.isNaN(m) || Number.isNaN(n) ? (x[i] < y[i] ? -1 : 1) : m - n;
    }
    return x.length - y.length;
  }

  function scrollToEnd() { window.scrollTo({ top: document.body.scrollHeight }); }

  function statusLine(node, text, spinning) {
    node.replaceChildren();
    if (spinning) node.append(element("span", "spinner"));
    node.append(element("span", "", text));
  }

  function formatTimings(t) {
    const parts = [t.tokens + " tokens", Math.round(t.tokens_per_s) + " tok/s",
      "first token " + Math.round(t.ttft_ms) + " ms", Math.round(t.forced_share * 100) + "% forced",
      "mask p50 " + t.mask_us_p50 + " µs"];
    return parts.join(" · ");
  }

  // Reads a text/event-stream body and calls onEvent(name, data) for each event.
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message", data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) name = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      }
    }
  }

  async function ask(text) {
    if (busy || !text.trim()) return;
    busy = true;
    send.disabled = true;
    const empty = document.getElementById("empty");
    if (empty) empty.remove();
    conversation.append(element("div", "turn-question", text));
    const turn = element("article", "turn-answer");
    turn.setAttribute("aria-busy", "true");
    const body = element("div", "genui");
    const nodes = element("div", "stream-nodes");
    const placeholder = element("div", "placeholder");
    placeholder.setAttribute("aria-hidden", "true");
    placeholder.append(element("span"), element("span"), element("span"), element("span", "wide"));
    body.append(nodes, placeholder);
    const status = element("div", "turn-status");
    statusLine(status, "Thinking…", true);
    turn.append(body, status);
    conversation.append(turn);
    scrollToEnd();

    const shown = new Map(); // path → element, only subtrees without a shown ancestor
    let finished = false;
    function onEvent(name, data) {
      if (name === "progress") {
        statusLine(status, "Writing the dashboard… " + data.bytes.toLocaleString("en-US") + " bytes", true);
      } else if (name === "node") {
        for (const [path, el] of shown) {
          if (path.startsWith(data.path + "/")) { el.remove(); shown.delete(path); }
        }
        const wrapper = element("div", "stream-node");
        wrapper.dataset.path = data.path;
        wrapper.innerHTML = data.html;
        const after = [...shown.keys()].filter((p) => comparePaths(p, data.path) > 0).sort(comparePaths)[0];
        nodes.insertBefore(wrapper, after ? shown.get(after) : null);
        shown.set(data.path, wrapper);
        scrollToEnd();
      } else if (name === "retry") {
        for (const el of shown.values()) el.remove();
        shown.clear();
        statusLine(status, "The answer did not check out (" + (data.errors[0] || {}).message + "); trying again, attempt " + data.attempt + "…", true);
      } else if (name === "done") {
        finished = true;
        body.innerHTML = data.html || "";
        statusLine(status, formatTimings(data.timings) + " · " + data.model, false);
        history.push({ role: "user", content: text });
        history.push({ role: "assistant", content: (data.tree && (data.tree.answer || data.tree.title)) || "" });
        while (history.length > 8) history.shift();
      } else if (name === "error") {
        finished = true;
        fail(data);
      }
    }
    function fail(error) {
      placeholder.remove();
      if (shown.size) body.prepend(element("p", "incomplete-note", "Incomplete: the parts below were generated before the error."));
      status.classList.add("is-error");
      statusLine(status, "Error (" + error.code + "): " + error.message + (error.pointer ? " at " + error.pointer : ""), false);
    }

    try {
      const response = await fetch("/v1/generate", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
        body: JSON.stringify(Object.assign({ prompt: text, history: history }, datasetSelect.value ? { dataset: datasetSelect.value } : {})),
      });
      if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
        const problem = await response.json().catch(() => ({}));
        fail(problem.error || { code: "http_" + response.status, message: response.statusText });
      } else {
        await readEvents(response, onEvent);
        if (!finished) fail({ code: "disconnected", message: "the stream ended before the answer was complete" });
      }
    } catch (e) {
      fail({ code: "network", message: String(e) });
    } finally {
      turn.removeAttribute("aria-busy");
      busy = false;
      send.disabled = false;
      scrollToEnd();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value;
    question.value = "";
    ask(text);
  });
  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  // A grounded dashboard's filters re-render it on the server (no model), in place.
  conversation.addEventListener("submit", async (event) => {
    const filterForm = event.target.closest("form.dashboard-filters");
    if (!filterForm) return;
    event.preventDefault();
    const holder = filterForm.closest(".genui") || filterForm.parentElement;
    filterForm.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/v1/view?format=fragment", { method: "POST", body: new URLSearchParams(new FormData(filterForm)) });
      if (response.ok) {
        holder.innerHTML = await response.text();
      } else {
        const problem = await response.json().catch(() => ({}));
        filterForm.append(element("p", "incomplete-note", "Filter failed: " + ((problem.error && problem.error.message) || response.statusText)));
      }
    } catch (e) {
      filterForm.append(element("p", "incomplete-note", "Filter failed: " + String(e)));
    } finally {
      filterForm.removeAttribute("aria-busy");
    }
  });
  // Suggestions in dashboards (and the starters) become the next question.
  conversation.addEventListener("click", (event) => {
    const button = event.target.closest("button.suggestion");
    if (button && button.dataset.prompt) ask(button.dataset.prompt);
  });
})();
