/* The decisions register's filters: the table is whole without this script; with it, the form shows and hides the
   rows that do not match (by meeting date, key decision and body), says how many are shown, and keeps the choice in
   the address so a filtered register can be shared. */
(function () {
  var form = document.getElementById("register-filters"), table = document.getElementById("register");
  var status = document.getElementById("register-status");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows), params = new URLSearchParams(location.search);
  var names = ["from", "to", "key", "body"].filter(function (name) { return form.elements[name]; });
  names.forEach(function (name) { if (params.get(name)) { form.elements[name].value = params.get(name); } });
  function apply() {
    var from = form.elements.from.value, to = form.elements.to.value, key = form.elements.key.value;
    var body = form.elements.body ? form.elements.body.value : "", shown = 0, chosen = new URLSearchParams();
    rows.forEach(function (row) {
      var d = row.dataset, show = (!from || d.date >= from) && (!to || d.date <= to) && (!key || d.key === key) &&
        (!body || d.body === body);
      row.hidden = !show;
      shown += show ? 1 : 0;
    });
    names.forEach(function (name) { if (form.elements[name].value) { chosen.set(name, form.elements[name].value); } });
    var query = chosen.toString();
    try { history.replaceState(null, "", query ? "?" + query : location.pathname); } catch (e) { /* a page opened from disk */ }
    status.textContent = shown === rows.length ? rows.length + (rows.length === 1 ? " decision." : " decisions.") :
      shown + " of " + rows.length + " decisions match the filters.";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
