// Home page: fill the JupyterHub address into the nbgitpuller link (no request is made).
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.nexus-hub-form")) {
    const input = form.querySelector("input");
    const output = form.querySelector("output");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const host = input.value.trim().replace(/^https?:\/\//, "").replace(/\/+$/, "");
      output.textContent = "";
      if (!host) {
        output.textContent = "Type your hub's address first.";
        return;
      }
      const link = document.createElement("a");
      link.href = form.dataset.template.replace("YOUR-HUB", host);
      link.textContent = link.href;
      output.append("Your link: ", link);
    });
  }
});
