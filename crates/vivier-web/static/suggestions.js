// Search suggestions for the boxes marked `data-vivier-suggestions`: as the user types, a
// <datalist> is filled from /api/v1/suggestions. Without this script the boxes are plain inputs
// and the form submits `q` as usual; with it, nothing else changes. Errors are ignored: the
// suggestions only help.

const DELAY_MS = 150;
const MIN_CHARS = 2;
const KINDS = { intitule: "Intitulé", organisation: "Employeur", commune: "Commune" };

function option(item) {
  const option = document.createElement("option");
  option.value = item.value;
  const kind = KINDS[item.kind] || "";
  option.label = [item.label, kind, item.detail].filter(Boolean).join(" · ");
  return option;
}

function enhance(input) {
  const list = document.createElement("datalist");
  list.id = `${input.id || "recherche"}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  let timer = 0;
  let controller = null;
  let asked = "";

  async function update() {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (controller) controller.abort();
    controller = null;
    if ([...q].length < MIN_CHARS) {
      list.replaceChildren();
      return;
    }
    const mine = new AbortController();
    controller = mine;
    try {
      const response = await fetch(`/api/v1/suggestions?q=${encodeURIComponent(q)}`, {
        signal: mine.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const answer = await response.json();
      if (controller !== mine || !Array.isArray(answer.items)) return;
      list.replaceChildren(...answer.items.map(option));
    } catch {
      // Aborted by a newer query, offline, or not JSON: keep what is shown.
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
}

for (const input of document.querySelectorAll("input[data-vivier-suggestions]")) {
  enhance(input);
}
