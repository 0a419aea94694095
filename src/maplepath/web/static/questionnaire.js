/* maplepath's questionnaire, one section at a time (when JavaScript runs; without it the whole
   form shows and works the same). Back and Next walk the sections in the order people think
   (the date or a file, about you, the partner only when married or common-law, education,
   languages, work, offers, relatives, funds); the extra slots of a list (a second job) appear
   with "Add another"; an ECA is asked only of a credential not from Canada. Nothing here
   changes what is sent: hidden questions keep their answers, and blank ones are facts not
   given. CSP: this file is served by the app itself (default-src 'self'). */
(function () {
  "use strict";
  var form = document.querySelector("form.questionnaire");
  if (!form) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.step"));
  var nav = form.querySelector(".stepper");
  var back = nav.querySelector("[data-back]");
  var next = nav.querySelector("[data-next]");
  var all = nav.querySelector("[data-all]");
  var progress = nav.querySelector("[data-progress]");
  var showAll = false;
  var at = 0;

  function applicable(fs) {
    // The partner's section is hidden by the stylesheet unless married or common-law.
    fs.hidden = false;
    return getComputedStyle(fs).display !== "none";
  }
  function open() { return steps.filter(applicable); }
  function render() {
    var list = open();
    if (at >= list.length) { at = list.length - 1; }
    steps.forEach(function (fs) { fs.hidden = !showAll && fs !== list[at]; });
    back.hidden = showAll || at === 0;
    next.hidden = showAll || at === list.length - 1;
    progress.textContent = showAll ? "" : progress.dataset.template
      .replace("{n}", String(at + 1)).replace("{total}", String(list.length))
      .replace("{title}", list[at].querySelector("legend").textContent);
    all.textContent = showAll ? all.dataset.less : all.dataset.more;
  }
  function go(step) {
    at = step; render();
    var first = open()[at].querySelector("input, select");
    if (first) { first.focus(); }
  }
  back.addEventListener("click", function () { go(Math.max(0, at - 1)); });
  next.addEventListener("click", function () { go(at + 1); });
  all.addEventListener("click", function () { showAll = !showAll; render(); });

  // The extra slots of a list: shown once answered, or when asked for.
  function blank(block) {
    return Array.prototype.every.call(block.querySelectorAll("input, select"), function (e) {
      return !e.value;
    });
  }
  Array.prototype.forEach.call(form.querySelectorAll("[data-repeat]"), function (group) {
    var blocks = Array.prototype.slice.call(group.querySelectorAll(".slot-block"));
    var add = group.querySelector("[data-add]");
    if (!add) { return; }  // a list of one slot (a job offer): nothing to add
    function refresh() {
      var hidden = blocks.filter(function (b) { return b.hidden; });
      add.hidden = hidden.length === 0;
    }
    blocks.forEach(function (b, i) { b.hidden = i > 0 && blank(b); });
    add.hidden = false;
    add.addEventListener("click", function () {
      var b = blocks.filter(function (x) { return x.hidden; })[0];
      if (b) { b.hidden = false; var f = b.querySelector("input, select"); if (f) { f.focus(); } }
      refresh();
    });
    blocks.forEach(function (b) {
      var remove = b.querySelector("[data-remove]");
      if (!remove) { return; }
      remove.hidden = false;
      remove.addEventListener("click", function () {
        Array.prototype.forEach.call(b.querySelectorAll("input, select"), function (e) {
          e.value = "";
        });
        b.hidden = blocks.indexOf(b) > 0;
        refresh();
        add.focus();
      });
    });
    refresh();
  });

  // An ECA only for a credential from outside Canada (country other than CA).
  Array.prototype.forEach.call(form.querySelectorAll("[data-credential]"), function (block) {
    var country = block.querySelector('input[name$="country"]');
    var eca = block.querySelectorAll('[data-eca]');
    function refresh() {
      var canadian = country.value.trim().toUpperCase() === "CA";
      Array.prototype.forEach.call(eca, function (f) { f.hidden = canadian; });
    }
    country.addEventListener("input", refresh);
    refresh();
  });

  form.addEventListener("change", function (e) {
    if (e.target.name === "marital_status") { render(); }
  });
  // Back to the questions with a problem: start at the first section that has one.
  var bad = form.querySelector(".invalid");
  if (bad) { at = Math.max(0, open().indexOf(bad.closest("fieldset.step"))); }
  nav.hidden = false;
  render();
}());
