// Kindred's person picker: finds a person by name, email or employee id
// as you type, in every form that names one. It only enhances the form:
// without this script the field takes an employee id and a link opens a
// search page. Each picker is a <div class="picker" data-pick-source=URL>
// holding the id input; URL answers {"choices": [{id, name, email,
// function, location, note}]} for ?q=.
(function () {
  "use strict";

  var seq = 0;

  function describe(c) {
    var parts = [c.function, c.location, c.email, c.id].filter(Boolean);
    return parts.join(" · ") + (c.note ? " · " + c.note : "");
  }

  function setup(box) {
    var idInput = box.querySelector("input");
    var fallback = box.querySelector(".pick-fallback");
    var label = box.querySelector("label");
    if (!idInput || !label) {
      return;
    }
    var n = ++seq;
    var listID = "pick-list-" + n;

    // The visible field searches; the id input, now hidden, carries the
    // chosen employee id to the server.
    var search = document.createElement("input");
    search.type = "text";
    search.id = idInput.id;
    search.value = idInput.value;
    search.autocomplete = "off";
    search.spellcheck = false;
    search.setAttribute("role", "combobox");
    search.setAttribute("aria-autocomplete", "list");
    search.setAttribute("aria-expanded", "false");
    search.setAttribute("aria-controls", listID);
    search.setAttribute("aria-describedby", idInput.getAttribute("aria-describedby") || "");
    search.required = idInput.required;
    idInput.removeAttribute("id");
    idInput.required = false;
    idInput.type = "hidden";
    idInput.parentNode.insertBefore(search, idInput);

    var hint = label.querySelector(".hint");
    if (hint) {
      hint.textContent = "type a name, email or employee id";
    }
    var list = document.createElement("ul");
    list.id = listID;
    list.className = "pick-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    search.parentNode.insertBefore(list, search.nextSibling);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    list.parentNode.insertBefore(status, list.nextSibling);

    var choices = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var items = list.querySelectorAll("li");
      for (var k = 0; k < items.length; k++) {
        items[k].setAttribute("aria-selected", k === i ? "true" : "false");
      }
      active = i;
      if (i >= 0 && items[i]) {
        search.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(i) {
      var c = choices[i];
      if (!c) {
        return;
      }
      idInput.value = c.id;
      search.value = c.name + " (" + c.id + ")";
      status.textContent = c.name + " chosen";
      close();
    }

    function show(list_) {
      choices = list_;
      list.textContent = "";
      choices.forEach(function (c, i) {
        var li = document.createElement("li");
        li.id = listID + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("strong");
        name.textContent = c.name;
        var more = document.createElement("span");
        more.className = "muted small";
        more.textContent = describe(c);
        li.appendChild(name);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(more);
        // mousedown, not click: it comes before the field loses focus.
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          choose(i);
        });
        list.appendChild(li);
      });
      if (choices.length === 0) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = "Nobody matches.";
        list.appendChild(none);
      }
      list.hidden = false;
      search.setAttribute("aria-expanded", "true");
      status.textContent = choices.length === 1 ? "1 person found" : choices.length + " people found";
      active = -1;
    }

    function ask() {
      var q = search.value.trim();
      var mine = ++asked;
      if (q === "") {
        close();
        return;
      }
      var url = box.getAttribute("data-pick-source") + "?q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) {
            throw new Error("search failed: " + r.status);
          }
          return r.json();
        })
        .then(function (body) {
          if (mine === asked) {
            show(body.choices || []);
          }
        })
        .catch(function () {
          // The search page still works: leave the typed id as it is.
          close();
        });
    }

    search.addEventListener("input", function () {
      // What is typed is sent as is until a person is chosen, so an
      // employee id typed in full still works.
      idInput.value = search.value.trim();
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    search.addEventListener("keydown", function (e) {
      if (list.hidden) {
        if (e.key === "ArrowDown") {
          ask();
        }
        return;
      }
      if (e.key === "ArrowDown") {
        e.preventDefault();
        highlight(Math.min(active + 1, choices.length - 1));
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === "Escape") {
        close();
      }
    });
    search.addEventListener("blur", close);
    if (fallback) {
      fallback.hidden = true;
    }
  }

  function start() {
    var boxes = document.querySelectorAll(".picker[data-pick-source]");
    for (var i = 0; i < boxes.length; i++) {
      setup(boxes[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
