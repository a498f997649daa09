// Mijn taken: a "select all" checkbox for the bulk actions. Enhancement only: without
// JavaScript every row's checkbox still works.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.querySelector(".js-taken-select-all");
  if (!all) return;
  const boxes = () => document.querySelectorAll('input[name="taken"][form="bulk"]');
  all.hidden = false;
  all.addEventListener("change", () => {
    boxes().forEach((box) => { box.checked = all.checked; });
  });
});
