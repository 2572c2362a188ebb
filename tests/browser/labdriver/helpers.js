// Helpers installed into the JupyterLab page as window.__bt (browser tests).
// Every query is scoped to the notebook panel currently shown.
() => {
  if (window.__bt) return;
  const panel = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = () => { const p = panel(); return p ? [...p.querySelectorAll('.jp-Notebook .jp-Cell')] : []; };
  // top-level outputs of a cell (not those nested inside Output widgets)
  const topOutputs = (cell) => {
    const area = cell.querySelector('.jp-OutputArea');
    return area ? [...area.querySelectorAll(':scope > .jp-OutputArea-child > .jp-OutputArea-output')] : [];
  };
  // a short fingerprint of a long string (an image's data URL): its length and a 32-bit FNV-1a
  // hash of every character, so a snapshot compares charts without copying them out of the page
  const digest = (str) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return str.length + ':' + (h >>> 0).toString(16);
  };
  const isWidgetEl = (e) => e.classList.contains('jupyter-widgets')
      || [...e.classList].some(c => c.startsWith('widget-'));
  // a widget view's root: the outermost widget element of a top-level output
  const roots = () => cells().flatMap(c => topOutputs(c).flatMap(o => [...o.children].filter(isWidgetEl)));
  window.__bt = {
    panel, roots,
    state() {
      const p = panel();
      if (!p) return null;
      const ind = p.querySelector('.jp-Notebook-ExecutionIndicator');
      return {
        status: ind ? ind.getAttribute('data-status') : null,
        cells: cells().map(c => {
          const prompt = c.querySelector('.jp-InputArea .jp-InputPrompt');
          return {code: c.classList.contains('jp-CodeCell'), prompt: prompt ? prompt.innerText.trim() : ''};
        }),
      };
    },
    outputs() {
      return cells().flatMap((c, i) => topOutputs(c).map(o => ({
        cell: i + 1, mime: o.getAttribute('data-mime-type'), text: o.innerText,
        widget: [...o.children].some(isWidgetEl)})));
    },
    allOutputs() {
      return cells().flatMap((c, i) => [...c.querySelectorAll('.jp-OutputArea-output')].map(o => ({
        cell: i + 1, mime: o.getAttribute('data-mime-type'), text: o.innerText,
        inWidget: !!o.parentElement.closest('.jupyter-widgets')})));
    },
    text() { const p = panel(); return p ? p.querySelector('.jp-Notebook').innerText : ''; },
    // chart images shown as notebook outputs (not those drawn inside widgets), with their alt text
    charts() {
      return cells().flatMap(c => topOutputs(c))
        .filter(o => ![...o.children].some(isWidgetEl))
        .flatMap(o => [...o.querySelectorAll('img')])
        .map(img => ({alt: img.getAttribute('alt'), mime: img.closest('[data-mime-type]').getAttribute('data-mime-type')}));
    },
    // the scroller of the notebook and its full height
    scroller() { const p = panel(); return p && (p.querySelector('.jp-WindowedPanel-outer') || p.querySelector('.jp-Notebook')); },
    markRoots() {
      document.querySelectorAll('[data-bt-root]').forEach(e => e.removeAttribute('data-bt-root'));
      document.querySelectorAll('[data-bt-operated]').forEach(e => e.removeAttribute('data-bt-operated'));
      const rs = roots();
      rs.forEach((r, i) => r.setAttribute('data-bt-root', String(i)));
      return rs.map(r => {
        const cell = r.closest('.jp-Cell');
        return {cell: cells().indexOf(cell) + 1, kind: [...r.classList].filter(c => c.startsWith('widget-')).join(' ')};
      });
    },
    // which control of root i to operate (see test_widgets_respond.py)
    pickControl(i) {
      const root = document.querySelector(`[data-bt-root="${i}"]`);
      if (!root) return null;
      const ok = (e) => e && !e.disabled && !e.closest('[disabled]');
      const mark = (e) => { (e.closest('.lm-Widget') || e).setAttribute('data-bt-operated', '1'); };
      const sel = [...root.querySelectorAll('select')].find(s => ok(s) && s.options.length > 1);
      if (sel) { mark(sel); return {kind: 'select', value: sel.value,
                 options: [...sel.options].map(o => o.value)}; }
      const handle = [...root.querySelectorAll('.noUi-handle')].find(h => !h.closest('[disabled]'));
      if (handle) { mark(handle); return {kind: 'slider',
                    now: handle.getAttribute('aria-valuenow'), max: handle.getAttribute('aria-valuemax')}; }
      const radio = [...root.querySelectorAll('input[type=radio]')].find(ok);
      const toggles = root.querySelector('.widget-toggle-buttons');
      if (radio || toggles) {
        const group = radio ? radio.closest('.lm-Widget') : toggles;
        group.setAttribute('data-bt-operated', '1');
        const check = [...root.querySelectorAll('button')].find(
            b => ok(b) && !b.closest('.widget-toggle-buttons') && /check/i.test(b.innerText));
        if (check) check.setAttribute('data-bt-check', '1');
        return {kind: radio ? 'radio' : 'toggle', check: !!check,
                checked: radio ? [...group.querySelectorAll('input[type=radio]')].findIndex(r => r.checked)
                               : [...group.querySelectorAll('button')].findIndex(b => b.classList.contains('mod-active'))};
      }
      const box = [...root.querySelectorAll('input[type=checkbox]')].find(ok);
      if (box) { mark(box); return {kind: 'checkbox'}; }
      const button = [...root.querySelectorAll('button')].find(ok);
      if (button) { return {kind: 'button', text: button.innerText}; }
      return {kind: null};
    },
    // everything the widgets show, except the operated control itself
    snapshot() {
      const parts = [];
      roots().forEach((root, i) => {
        if (root.hasAttribute('data-bt-operated')) { parts.push('#' + i + ':(operated)'); return; }
        const clone = root.cloneNode(true);
        clone.querySelectorAll('[data-bt-operated]').forEach(e => e.remove());
        parts.push('#' + i + ':' + clone.textContent);
        clone.querySelectorAll('img').forEach(img => parts.push('img:' + digest(img.getAttribute('src') || '')));
        clone.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')
             .forEach(e => parts.push('input:' + e.value));
      });
      // outputs added to widget cells outside the widget (e.g. display() from a callback)
      cells().forEach((c, ci) => {
        const outs = topOutputs(c);
        if (!outs.some(o => [...o.children].some(isWidgetEl))) return;
        outs.filter(o => ![...o.children].some(isWidgetEl))
            .forEach(o => parts.push('cell' + ci + ':' + o.innerText));
      });
      return parts.join('\n');
    },
    logCount() {
      // JupyterLab's status bar shows how many messages the log console holds
      const item = document.querySelector('.jp-LogConsoleStatusItem');
      if (!item || item.classList.contains('lm-mod-hidden')) return 0;
      const n = parseInt(item.innerText, 10);
      return isNaN(n) ? 0 : n;
    },
  };
}
