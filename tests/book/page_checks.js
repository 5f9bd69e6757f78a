// What a reader would see as broken on one rendered page of the book. Run in the page (after MathJax)
// by tests/book/test_build.py through the DevTools protocol; returns a JSON-able report.
(() => {
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const problems = [];
  const seen = new Set();
  const report = (kind, detail) => {
    const key = kind + "|" + detail;
    if (!seen.has(key)) { seen.add(key); problems.push({ kind, detail }); }
  };
  const snippet = (text, index) => text.slice(Math.max(0, index - 60), index + 60).replace(/\s+/g, " ").trim();
  // text of a block without the parts that are allowed to hold markup-like characters
  const textWithout = (el, selector) => {
    const c = el.cloneNode(true);
    c.querySelectorAll(selector).forEach((x) => x.remove());
    return c.textContent;
  };

  const label = (el) => {
    const cap = el.querySelector && el.querySelector("caption");
    const th = el.querySelector && el.querySelector("th");
    const t = (cap && cap.textContent) || (th && th.textContent) || el.textContent || el.getAttribute("src") || "";
    return el.tagName.toLowerCase() + ": " + t.replace(/\s+/g, " ").trim().slice(0, 80);
  };
  const CODE = "mjx-container, .math, script, style, code, pre, .highlight, kbd, .headerlink, .cell_input";
  const LITERAL = "mjx-container, .math, script, style, pre, .highlight, .headerlink, .cell_input";
  const blocks = article.querySelectorAll(
    "p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, caption, figcaption, summary, .sd-summary-title, blockquote");
  const rules = [
    // [kind, regex, text]: prose is the text without code; markup keeps inline code (a literal fence
    // inside a paragraph becomes inline code) but not code blocks or cell inputs
    ["raw TeX", /\\[A-Za-z]+|\\[()[\]]|\^\{|_\{/, "prose"],
    ["unmatched $ (dollarmath opens math: write USD)", /\$/, "prose"],
    ["literal MyST fence", /```|~~~|^:::|\s:::/, "markup"],
    ["unrendered directive or role", /\{(?:[a-z][\w.-]*:)?[a-z][\w.-]{2,}\}(?=[`\s]|$)/, "markup"],
    ["nan in text", /\b(?:nan|NaN|NAN|NaT)\b|<NA>/, "prose"],
  ];
  for (const b of blocks) {
    if (b.closest(".cell_input")) continue;
    const texts = { prose: textWithout(b, CODE), markup: textWithout(b, LITERAL) };
    for (const [kind, re, which] of rules) {
      const m = re.exec(texts[which]);
      if (m) report(kind, snippet(texts[which], m.index));
    }
  }
  // numbers as a reader should never see them (the prose formatters of helpers.book.format)
  for (const b of blocks) {
    if (b.closest(".cell_input")) continue;
    const t = textWithout(b, CODE);
    let m = /\b\d+(?:\.\d+)?e[+-]?\d{1,3}\b/i.exec(t);
    if (m) report("number in e-notation", snippet(t, m.index));
    m = /\bp\s*[=<]\s*0\.0+(?![0-9]*[1-9])/.exec(t);
    if (m) report("p = 0.000 (write p < 0.001)", snippet(t, m.index));
  }
  // tables: readable headers, no row numbers
  for (const table of article.querySelectorAll("table")) {
    if (table.closest(".cell_input, pre, .highlight")) continue;
    for (const th of table.querySelectorAll("th")) {
      const h = th.textContent.trim();
      if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(h) || /^[A-Z][A-Z0-9]*(?:_[A-Za-z0-9]+)+$/.test(h))
        report("table header is a variable code", h);
    }
    const rowHeads = [...table.querySelectorAll("tbody tr > th:first-child")].map((th) => th.textContent.trim());
    if (rowHeads.length > 1 && rowHeads.every((h, i) => h === String(i)))
      report("row numbers shown as an index column", label(table));
  }

  // printed outputs of cells: no nan either
  for (const pre of article.querySelectorAll(".cell_output pre")) {
    const m = /\b(?:nan|NaN|NaT)\b|<NA>/.exec(pre.textContent);
    if (m) report("nan in a cell output", snippet(pre.textContent, m.index));
  }

  // prose swallowed by math: a "$" pair around words ("US$ 5 and US$ 6" typesets " 5 and US")
  let mathCount = 0;
  if (window.MathJax && MathJax.startup && MathJax.startup.document) {
    for (const item of MathJax.startup.document.math) {
      mathCount += 1;
      // MathJax's text mode does not process TeX escapes: \text{95\% of} shows the backslash
      const esc = /\\(?:text|textrm|mbox|textit|textbf)\s*\{[^{}]*\\[^{}]*\}/.exec(String(item.math));
      if (esc) report("raw TeX inside \\text{} (shows literally)", esc[0].slice(0, 120));
      const tex = String(item.math)
        .replace(/\\(?:text|textrm|mathrm|operatorname|mbox|textit|textbf|mathit)\s*\{[^{}]*\}/g, " ")
        .replace(/\\[A-Za-z]+/g, " ");
      const m = /[A-Za-z]{2,}[.,;:]?\s+[A-Za-z]{2,}/.exec(tex);
      if (!item.display && m) report("words inside inline math (a stray $?)", String(item.math).slice(0, 120));
    }
  }

  // images: real alt text, loaded
  const figures = [];
  for (const img of article.querySelectorAll("img")) {
    const alt = (img.getAttribute("alt") || "").trim();
    const src = img.getAttribute("src") || "";
    if (!alt) report("image without alt text", src);
    else if (/\.(png|svg|jpe?g|gif|webp)$/i.test(alt) || /[\\/]/.test(alt) || alt === src)
      report("image alt text is a file path", alt);
    if (!img.complete || img.naturalWidth === 0) report("image did not load", src);
    const r = img.getBoundingClientRect();
    figures.push({ src, alt, shown: Math.round(r.width), natural: img.naturalWidth });
  }

  // nothing wider than the text column unless it scrolls inside its own box
  const col = article.getBoundingClientRect();
  const cs = getComputedStyle(article);
  const left = col.left + parseFloat(cs.paddingLeft), right = col.right - parseFloat(cs.paddingRight);
  const scrollsInBox = (el) => {
    for (let a = el.parentElement; a && a !== article; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      const r = a.getBoundingClientRect();
      if ((ox === "auto" || ox === "scroll" || ox === "hidden") && r.right <= right + 1 && r.left >= left - 1) return true;
    }
    return false;
  };
  let tables = 0, wideTables = 0;
  for (const el of article.querySelectorAll("table, img, mjx-container[display='true'], pre, figure, .sd-card")) {
    if (el.closest(".cell_input") && el.tagName !== "PRE") continue;
    const r = el.getBoundingClientRect();
    const width = Math.max(r.width, el.scrollWidth || 0);
    if (el.tagName === "TABLE") tables += 1;
    if (r.width === 0 && r.height === 0) continue; // not displayed (collapsed)
    if (el.tagName === "PRE" && getComputedStyle(el).overflowX !== "visible") continue; // scrolls itself
    if (r.left + width > right + 1 || r.left < left - 1) {
      if (el.tagName === "TABLE") wideTables += 1;
      if (!scrollsInBox(el)) report("wider than the text column and not scrolling in its own box",
        `${label(el)} (${Math.round(width)} px, column ${Math.round(right - left)} px)`);
    }
  }
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1)
    report("page scrolls sideways", `${root.scrollWidth} px content in a ${window.innerWidth} px window`);

  return {
    problems, figures, tables, wideTables, mathCount,
    column: Math.round(right - left), title: (document.querySelector("h1") || {}).textContent || "",
  };
})()
