// Relation list: a "select all" checkbox for the bulk actions. Enhancement only: without
// JavaScript every row's checkbox still works.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.querySelector(".js-select-all");
  if (!all) return;
  const boxes = () => document.querySelectorAll('input[name="relaties"]');
  all.hidden = false;
  all.addEventListener("change", () => {
    boxes().forEach((box) => { box.checked = all.checked; });
  });
});
