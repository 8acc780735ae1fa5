// The portal's own small behaviours, on every page (served by the portal, no CDN):
// - the amount in words under each money field, refreshed as the person types;
// - the number of days of a class counted from its dates until the person types their own;
// - a form sent once: its buttons are disabled after the first click;
// - a wide table scrolls inside its own box on a phone, never the page;
// - what pages ask by data attributes (no script in the pages, so the Content-Security-Policy can
//   forbid inline script): data-autosubmit on a select sends its form when it changes (data-clear
//   names a field to empty first), data-confirm on a form asks before sending it, #budgets-total
//   adds up a split as it is typed, #tour-headroom shows what a study tour's cost leaves.
(function () {
  "use strict";

  document.querySelectorAll("main table").forEach(function (table) {
    if (table.closest(".table-responsive")) return;
    var box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });

  var wordsUrl = document.body.getAttribute("data-amount-words-url");

  function refreshWords(input) {
    var line = document.getElementById(input.id + "_words");
    if (!line || !wordsUrl) return;
    var value = input.value;
    fetch(wordsUrl + "?so=" + encodeURIComponent(value), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer || input.value !== value) return;
        line.textContent = answer.error || answer.words;
        line.classList.toggle("text-danger", Boolean(answer.error));
      })
      .catch(function () { /* offline: the line keeps its last text */ });
  }

  document.querySelectorAll("input[data-money]").forEach(function (input) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refreshWords(input); }, 250);
    });
  });

  // dd/mm/yyyy → Date, or null.
  function parseDate(text) {
    var match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (!match) return null;
    var day = new Date(Date.UTC(+match[3], +match[2] - 1, +match[1]));
    return day.getUTCDate() === +match[1] ? day : null;
  }

  document.querySelectorAll("form").forEach(function (form) {
    var start = form.querySelector("input[name$='start_date']");
    var end = form.querySelector("input[name$='end_date']");
    var days = form.querySelector("input[name$='days']");
    if (start && end && days) {
      // Typed by the person (or saved before): left as it is.
      var typed = days.value.trim() !== "";
      days.addEventListener("input", function () { typed = days.value.trim() !== ""; });
      var count = function () {
        var from = parseDate(start.value), to = parseDate(end.value);
        if (typed || !from || !to || to < from) return;
        days.value = String(Math.round((to - from) / 86400000) + 1);
      };
      start.addEventListener("change", count);
      end.addEventListener("change", count);
    }

    if ((form.getAttribute("method") || "").toLowerCase() === "post") {
      // Back to a page kept by the browser: its forms may be sent again.
      window.addEventListener("pageshow", function (event) {
        if (!event.persisted) return;
        delete form.dataset.sent;
        form.querySelectorAll("[data-sending]").forEach(function (button) {
          button.disabled = false;
          delete button.dataset.sending;
        });
      });
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent) {
          event.preventDefault();
          return;
        }
        form.dataset.sent = "1";
        // After the browser has read the form, so that the clicked button's value is sent.
        setTimeout(function () {
          form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
            if (button.disabled) return;
            button.disabled = true;
            button.dataset.sending = "1";
          });
        }, 0);
      });
    }
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      var clear = select.getAttribute("data-clear");
      if (clear && select.form.elements[clear]) select.form.elements[clear].value = "";
      select.form.submit();
    });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);
  });

  function group(n) {
    return (n < 0 ? "-" : "") + Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  var total = document.getElementById("budgets-total");
  if (total) {
    var budget = Number(total.getAttribute("data-budget")) || 0;
    var amounts = document.querySelectorAll("tbody input");
    var refresh = function () {
      var sum = 0;
      amounts.forEach(function (input) { sum += parseInt(input.value.replace(/[.\s]/g, ""), 10) || 0; });
      total.textContent = group(sum) + (sum > budget ? " (vượt " + group(sum - budget) + ")" : " (còn " + group(budget - sum) + ")");
      total.classList.toggle("text-danger", sum > budget);
    };
    amounts.forEach(function (input) { input.addEventListener("input", refresh); });
    refresh();
  }

  var headroom = document.getElementById("tour-headroom");
  var left = document.getElementById("tour-headroom-left");
  var cost = document.getElementById("id_cost");
  if (headroom && left && cost) {
    // What would be left if the typed cost were saved; the server checks again on save.
    var ceiling = Number(headroom.getAttribute("data-ceiling")), planned = Number(headroom.getAttribute("data-planned"));
    cost.addEventListener("input", function () {
      var rest = ceiling - planned - (Number(cost.value.replace(/[^\d]/g, "")) || 0);
      left.textContent = group(rest);
      left.classList.toggle("text-danger", rest < 0);
    });
  }
})();
