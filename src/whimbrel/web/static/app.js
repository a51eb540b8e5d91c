// whimbrel dashboard behaviour: submit + live status, share a selection, focus an event.
// Article text is untrusted: this file only ever writes it with textContent, never innerHTML.
"use strict";

(function () {
  function $(id) { return document.getElementById(id); }

  function token(inputId) {
    var input = $(inputId);
    if (input && input.value) { sessionStorage.setItem("whimbrel-token", input.value); }
    return sessionStorage.getItem("whimbrel-token") || "";
  }

  function authHeaders(inputId) {
    var t = token(inputId);
    return t ? { "Authorization": "Bearer " + t } : {};
  }

  function errorMessage(response, body) {
    if (body && body.error) { return body.error.message + " (" + body.error.code + ")"; }
    return "HTTP " + response.status;
  }

  function show(el, text) { el.textContent = text; el.hidden = false; }

  // -- submit page --------------------------------------------------------------------
  function initSubmit() {
    var form = $("submit-form");
    if (!form) { return; }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      $("submit-error").hidden = true;
      var file = $("submit-file").files[0];
      var url = $("submit-url").value.trim();
      var text = $("submit-text").value;
      var headers = authHeaders("submit-token");
      var body;
      if (file) {
        body = new FormData();
        body.append("file", file);
        if ($("submit-title").value) { body.append("title", $("submit-title").value); }
        if ($("submit-date").value) { body.append("date", $("submit-date").value); }
      } else {
        var payload = url ? { fetch_url: url } : { text: text };
        if ($("submit-title").value) { payload.title = $("submit-title").value; }
        if ($("submit-date").value) { payload.date = $("submit-date").value; }
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(payload);
      }
      $("submit-button").disabled = true;
      fetch("/api/articles", { method: "POST", headers: headers, body: body })
        .then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
        .then(function (rb) {
          $("submit-button").disabled = false;
          if (rb[0].status !== 202) { show($("submit-error"), errorMessage(rb[0], rb[1])); return; }
          showReceipt(rb[1]);
        })
        .catch(function (e) {
          $("submit-button").disabled = false;
          show($("submit-error"), String(e));
        });
    });
  }

  function showReceipt(receipt) {
    $("receipt").hidden = false;
    $("receipt-message").textContent = receipt.message;
    $("receipt-id").textContent = receipt.id;
    $("receipt-view").href = "/articles/" + encodeURIComponent(receipt.id);
    $("receipt-events").textContent = "";
    setStatus(receipt.status, "");
    poll(receipt, 0);
  }

  function setStatus(status, error) {
    var el = $("receipt-status");
    el.textContent = status;
    el.className = "status " + status;
    $("receipt-error").textContent = error || "";
  }

  function poll(receipt, tries) {
    fetch(receipt.status_url).then(function (r) { return r.json(); }).then(function (a) {
      setStatus(a.status, a.error);
      if (a.status === "done") { return listEvents(receipt); }
      if (a.status === "failed") { return null; }
      var wait = Math.min(2000, 300 + tries * 100);
      setTimeout(function () { poll(receipt, tries + 1); }, wait);
      return null;
    });
  }

  function listEvents(receipt) {
    return fetch(receipt.events_url).then(function (r) { return r.json(); }).then(function (b) {
      var list = $("receipt-events");
      list.textContent = "";
      if (!b.events.length) {
        var none = document.createElement("li");
        none.textContent = "No political event found in this article.";
        list.appendChild(none);
      }
      b.events.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "/articles/" + encodeURIComponent(e.article_id) + "?event=" +
          encodeURIComponent(e.id) + "#ev-" + encodeURIComponent(e.id);
        a.className = "event-link";
        a.textContent = e.event_type + (e.mode ? "/" + e.mode : "");
        li.appendChild(a);
        var who = function (actors) {
          return actors.map(function (x) { return (x.code || "?") + " (" + x.text + ")"; })
            .join("; ") || "—";
        };
        li.appendChild(document.createTextNode(
          " " + who(e.source) + " → " + who(e.target) + ": " + e.evidence.sentence));
        list.appendChild(li);
      });
    });
  }

  // -- article page: share a selection ------------------------------------------------
  function codePoints(s) { return Array.from(s).length; }

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function selectedSpan(container) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var r = sel.getRangeAt(0);
    if (!container.contains(r.commonAncestorContainer) &&
        r.commonAncestorContainer !== container) { return null; }
    var start = offsetIn(container, r.startContainer, r.startOffset);
    var end = offsetIn(container, r.endContainer, r.endOffset);
    return end > start ? { start: start, end: end } : null;
  }

  function initShare() {
    var box = $("share-box");
    var container = $("article-text");
    if (!box || !container) { return; }
    var button = $("share-button");
    var current = null;
    document.addEventListener("selectionchange", function () {
      current = selectedSpan(container);
      button.disabled = current === null;
      $("share-hint").textContent = current
        ? "Characters " + current.start + "–" + current.end + " selected."
        : "Select a passage of the text to share it.";
    });
    button.addEventListener("click", function () {
      if (!current) { return; }
      var headers = authHeaders("share-token");
      headers["Content-Type"] = "application/json";
      $("share-error").hidden = true;
      fetch("/api/shares", {
        method: "POST", headers: headers,
        body: JSON.stringify({ article_id: box.dataset.article, start: current.start,
                               end: current.end })
      }).then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
        .then(function (rb) {
          if (rb[0].status !== 201) { show($("share-error"), errorMessage(rb[0], rb[1])); return; }
          $("share-link").value = rb[1].url;
          $("share-result").hidden = false;
          $("share-link").select();
        });
    });
    $("share-copy").addEventListener("click", function () {
      var link = $("share-link");
      link.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(link.value).catch(function () {});
      } else {
        document.execCommand("copy");
      }
    });
  }

  // -- article page: an article still queued/coding reloads once it is coded -----------
  function initPending() {
    var status = $("article-status");
    var box = $("share-box");
    if (!status || !box || ["queued", "coding"].indexOf(status.textContent) < 0) { return; }
    var check = function () {
      fetch("/api/articles/" + encodeURIComponent(box.dataset.article))
        .then(function (r) { return r.json(); })
        .then(function (a) {
          if (a.status === "done" || a.status === "failed") { window.location.reload(); }
          else { status.textContent = a.status; setTimeout(check, 1000); }
        });
    };
    setTimeout(check, 1000);
  }

  function initFocus() {
    var el = document.querySelector(".ev-focus") || $("shared");
    if (el) { el.scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initSubmit();
    initShare();
    initPending();
    initFocus();
  });
})();
