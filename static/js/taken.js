// Mijn taken. Enhancement only: without JavaScript every checkbox, button and form still works.
document.addEventListener("DOMContentLoaded", () => {
  // "Select all" for the bulk actions.
  const all = document.querySelector(".js-taken-select-all");
  if (all) {
    const boxes = () => document.querySelectorAll('input[name="taken"][form="bulk"]');
    all.hidden = false;
    all.addEventListener("change", () => {
      boxes().forEach((box) => { box.checked = all.checked; });
    });
  }

  // The switch (mine / a colleague / all open) shows the choice at once. A choice made with
  // the arrow keys on a closed list waits for Enter or the button, so that a keyboard user can
  // move past the options without loading a page for each (WCAG 3.2.2).
  document.querySelectorAll("form.js-direct").forEach((form) => {
    const select = form.querySelector("select");
    const knop = form.querySelector(".js-direct__knop");
    if (!select || !knop) return;
    knop.hidden = true;
    let metToetsen = false;
    select.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key !== "Tab" && event.key !== "Shift") {
        metToetsen = true;
      }
    });
    select.addEventListener("pointerdown", () => { metToetsen = false; });
    select.addEventListener("change", () => {
      if (metToetsen) {
        knop.hidden = false;
        return;
      }
      form.requestSubmit();
    });
  });
});
