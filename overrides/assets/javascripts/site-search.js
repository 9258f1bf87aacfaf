// The reader's search in Material's header box, over the sharded index written by
// hooks/search_index.py (studysite/search.py): a query fetches the shard of each of its
// positions (terms keyed by their first two characters) and the fragments of the results
// it shows, nothing else, and only from this site.
(function () {
  "use strict";
  var root = document.querySelector("[data-site-search]");
  if (!root) return;
  var input = root.querySelector("input.md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var scroll = root.querySelector(".md-search__scrollwrap");
  var toggle = document.getElementById("__search");
  var indexURL = new URL(root.dataset.index, location.href);
  var siteURL = new URL(root.dataset.root, location.href);
  var PAGE = 10;
  var shards = new Map();
  var info = null;
  var current = 0;
  var shown = null; // {ranked, terms, count}
  // Characters nobody sees: never part of a query (a pasted title may carry them).
  var INVISIBLE = /[\u00ad\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]/g;

  // FNV-1a (32 bit) of the UTF-8 of a two-character key: its shard file, as the build
  // computes it (studysite/search.py, bucket).
  function bucket(key, buckets) {
    var h = 0x811c9dc5;
    new TextEncoder().encode(key).forEach(function (b) {
      h = Math.imul(h ^ b, 0x01000193) >>> 0;
    });
    return h % buckets;
  }
  function getJSON(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }
  function shard(key, buckets) {
    var n = bucket(key, buckets);
    if (!shards.has(n)) shards.set(n, getJSON(new URL("t/" + n + ".json", indexURL)));
    return shards.get(n);
  }
  function metaInfo() {
    if (!info) info = getJSON(new URL("meta.json", indexURL));
    return info;
  }

  // The query as runs of letters, digits and Han characters (NFKC, lower case).
  function chunks(query) {
    return query.normalize("NFKC").replace(INVISIBLE, "").toLowerCase()
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (c) { return Array.from(c); });
  }

  // Split a run into index terms, longest first from the left; the tail a reader is
  // still typing becomes the most common terms it begins.
  function segment(chars, tables) {
    var groups = [];
    var i = 0;
    while (i < chars.length) {
      var table = i + 2 <= chars.length ? tables[i] : null;
      var found = null;
      for (var j = chars.length; table && j >= i + 2; j--) {
        var word = chars.slice(i, j).join("");
        if (Object.prototype.hasOwnProperty.call(table, word)) { found = word; break; }
      }
      if (found) {
        groups.push([found]);
        i += Array.from(found).length;
        continue;
      }
      if (table) {
        var rest = chars.slice(i).join("");
        var longer = Object.keys(table).filter(function (t) { return t.startsWith(rest); })
          .sort(function (a, b) { return table[b][0] - table[a][0]; }).slice(0, 3);
        if (longer.length) { groups.push(longer); break; }
      }
      i += 1;
    }
    return groups;
  }

  function rank(groups, tables, pages) {
    var byPage = new Map();
    groups.forEach(function (group, g) {
      var best = new Map();
      group.forEach(function (term) {
        var entry = tables[term];
        var df = entry[0], flat = entry[1];
        var idf = Math.log(1 + (pages - df + 0.5) / (df + 0.5));
        for (var k = 0; k < flat.length; k += 2) {
          var s = flat[k + 1] * idf;
          if (!(best.get(flat[k]) >= s)) best.set(flat[k], s);
        }
      });
      best.forEach(function (s, part) {
        var page = part >> 8;
        var r = byPage.get(page);
        if (!r) byPage.set(page, r = { page: page, groups: new Map(), parts: new Map(), hits: new Map() });
        if (!(r.groups.get(g) >= s)) r.groups.set(g, s);
        r.parts.set(part, (r.parts.get(part) || 0) + s);
        r.hits.set(part, (r.hits.get(part) || 0) + 1);
      });
    });
    var ranked = Array.from(byPage.values(), function (r) {
      var score = 0;
      r.groups.forEach(function (s) { score += s; });
      // The part shown: the one with most of the query's terms (代表法第七条 → the article),
      // then the best score.
      var part = null, top = -1, most = 0;
      r.parts.forEach(function (s, p) {
        var n = r.hits.get(p);
        if (n > most || (n === most && s > top)) { most = n; top = s; part = p; }
      });
      return { page: r.page, part: part, matched: r.groups.size, score: score };
    });
    // Pages with every term of the query first, then by score.
    ranked.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.page - b.page; });
    return ranked;
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  function escapeRE(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, function (c) { return "\\" + c; }); }

  // The text with exactly the query's terms marked (人大 marks 人大, never 人民).
  function marked(text, terms) {
    if (!terms.length) return escapeHTML(text);
    var re = new RegExp(terms.map(escapeRE).join("|"), "gi");
    var out = "", last = 0, m;
    while ((m = re.exec(text)) !== null) {
      out += escapeHTML(text.slice(last, m.index)) + "<mark>" + escapeHTML(m[0]) + "</mark>";
      last = m.index + m[0].length;
      if (!m[0].length) re.lastIndex++;
    }
    return out + escapeHTML(text.slice(last));
  }
  function snippet(text, terms) {
    var lower = text.toLowerCase(), at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 40);
    var piece = text.slice(start, start + 140).replace(/\n/g, " ");
    return (start > 0 ? "…" : "") + marked(piece, terms) + (start + 140 < text.length ? "…" : "");
  }

  function render(fragment, all) {
    // The words typed where the result has them; a long name only where it has no short
    // form the reader typed (人大 highlights 人大, and 人民代表大会 only on a page without 人大).
    var whole = (fragment.t + "\n" + fragment.h + "\n" + fragment.x).toLowerCase();
    var typed = all.filter(function (t) { return shown.typed.indexOf(t) >= 0 && whole.indexOf(t) >= 0; });
    var terms = typed.length ? typed : all;
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var title = marked(fragment.t, terms);
    var heading = fragment.h ? "<h2>" + marked(fragment.h, terms) + "</h2>" : "";
    li.innerHTML = '<a class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-search-result__article--document md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div><h1>' + title + "</h1>" + heading +
      "<p>" + snippet(fragment.x, terms) + "</p></article></a>";
    li.firstChild.href = new URL(fragment.u, siteURL).href;
    return li;
  }

  function showMore(run) {
    if (!shown || run !== current) return Promise.resolve();
    var start = list.children.length;
    var batch = shown.ranked.slice(start, start + PAGE);
    if (!batch.length) return Promise.resolve();
    return Promise.all(batch.map(function (r) {
      return getJSON(new URL("f/" + Math.floor(r.page / 1000) + "/" + r.part + ".json", indexURL));
    })).then(function (fragments) {
      if (run !== current) return;
      fragments.forEach(function (f) { if (f) list.appendChild(render(f, shown.terms)); });
    });
  }

  function countText(n) {
    if (!n) return root.dataset.none;
    if (n === 1) return root.dataset.one;
    return root.dataset.other.replace("#", n);
  }

  function search(query) {
    var run = ++current;
    var runs = chunks(query);
    if (!runs.length) {
      shown = null;
      list.innerHTML = "";
      meta.textContent = root.dataset.placeholder;
      root.dataset.searched = query;
      return Promise.resolve();
    }
    var keys = [];
    runs.forEach(function (chars) {
      for (var i = 0; i + 2 <= chars.length; i++) keys.push(chars[i] + chars[i + 1]);
    });
    return metaInfo().then(function (info) {
      var buckets = info ? info.buckets : 1;
      return Promise.all([info].concat(keys.map(function (key) { return shard(key, buckets); })));
    }).then(function (loaded) {
      if (run !== current) return;
      var pages = loaded[0] ? loaded[0].pages : 1;
      var k = 1, groups = [], entries = {};
      runs.forEach(function (chars) {
        var tables = [];
        for (var i = 0; i + 2 <= chars.length; i++) tables.push(loaded[k++] || {});
        segment(chars, tables).forEach(function (group) {
          groups.push(group);
          group.forEach(function (t) { entries[t] = tables.find(function (tb) { return tb[t]; })[t]; });
        });
      });
      var shownAs = [];
      Object.keys(entries).forEach(function (t) { (entries[t][2] || []).forEach(function (l) { shownAs.push(l); }); });
      var terms = Object.keys(entries).concat(shownAs).sort(function (a, b) { return b.length - a.length; });
      shown = { ranked: rank(groups, entries, pages), terms: terms, typed: Object.keys(entries) };
      list.innerHTML = "";
      meta.textContent = countText(shown.ranked.length);
      return showMore(run).then(function () {
        if (run === current) root.dataset.searched = query; // results of this query shown
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 60);
  });
  input.addEventListener("focus", function () {
    if (toggle && !toggle.checked) toggle.checked = true;
    metaInfo(); // the first query then only waits for its own shards
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      if (toggle) toggle.checked = false;
      input.blur();
    } else if (e.key === "Enter") {
      var first = list.querySelector("a.md-search-result__link");
      if (first) location.href = first.href;
    }
  });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); }, 0);
  });
  if (toggle) toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
  });
  scroll.addEventListener("scroll", function () {
    if (scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 40) showMore(current);
  });
  document.addEventListener("keydown", function (e) {
    var typing = /^(input|textarea|select)$/i.test((e.target && e.target.tagName) || "");
    if (!typing && (e.key === "/" || e.key === "s" || e.key === "S")) {
      e.preventDefault();
      if (toggle) toggle.checked = true;
      input.focus();
    }
  });
})();
