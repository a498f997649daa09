// Teamleden tab: add a member, remove a role or a person without reloading the page. An
// enhancement only: every form posts and redirects without JavaScript. The server answers with
// the same fragment the page includes (header X-Team-Fragment), refusals included (4xx).
document.addEventListener("DOMContentLoaded", () => {
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.classList.contains("js-team") || !document.getElementById("team")) return;
    event.preventDefault();
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Team-Fragment": "1" },
        credentials: "same-origin",
      });
    } catch (error) {
      form.submit();
      return;
    }
    const html = await response.text();
    if (!response.headers.get("content-type")?.startsWith("text/html")) {
      form.submit();
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const fresh = template.content.getElementById("team");
    if (!fresh) {
      form.submit();
      return;
    }
    document.getElementById("team").replaceWith(fresh);
    const alert = fresh.querySelector('[role="alert"]');
    if (alert) alert.scrollIntoView({ block: "nearest" });
  });
});
