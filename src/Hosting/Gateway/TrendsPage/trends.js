// The live trends page: one server-sent event per change carries the whole picture ({trends, last_flush_at}).
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const numbers = new Intl.NumberFormat();
  const svgNs = "http://www.w3.org/2000/svg";
  let lastFlushAt = null;

  function setStatus(kind, text) {
    const status = $("status");
    status.className = "status " + kind;
    status.textContent = text;
  }

  // Only web and inline images: a catalog value is never run as script.
  function posterUrl(value) {
    return typeof value === "string" && /^(https?:|data:image\/)/i.test(value) ? value : null;
  }

  function placeholder(title) {
    const box = document.createElement("div");
    box.className = "poster";
    box.textContent = (title || "?").trim().slice(0, 2).toUpperCase();
    return box;
  }

  function renderTop(movies) {
    const list = $("top-movies");
    list.replaceChildren(...movies.map((movie, index) => {
      const item = document.createElement("li");
      item.className = "film";
      item.dataset.title = movie.title;
      item.dataset.count = String(movie.count);
      const rank = document.createElement("span");
      rank.className = "rank";
      rank.textContent = String(index + 1);
      let poster = placeholder(movie.title);
      const url = posterUrl(movie.poster_path);
      if (url) {
        poster = document.createElement("img");
        poster.className = "poster";
        poster.alt = "Poster of " + movie.title;
        poster.loading = "lazy";
        poster.src = url;
        poster.addEventListener("error", () => poster.replaceWith(placeholder(movie.title)), { once: true });
      }
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = movie.title;
      title.title = movie.title;
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = numbers.format(movie.count) + " ";
      const unit = document.createElement("small");
      unit.textContent = movie.count === 1 ? "user" : "users";
      count.append(unit);
      item.append(rank, poster, title, count);
      return item;
    }));
    $("top-empty").classList.toggle("hidden", movies.length > 0);
  }

  // A horizontal bar chart of the genres' shares, drawn as SVG.
  function renderGenres(genres) {
    const chart = $("genres-chart");
    const rowHeight = 30, labelWidth = 130, valueWidth = 110, width = 560;
    const barSpace = width - labelWidth - valueWidth;
    const largest = Math.max(1, ...genres.map((genre) => genre.count));
    chart.setAttribute("viewBox", `0 0 ${width} ${Math.max(rowHeight, genres.length * rowHeight)}`);
    chart.replaceChildren(...genres.map((genre, index) => {
      const row = document.createElementNS(svgNs, "g");
      row.setAttribute("transform", `translate(0, ${index * rowHeight})`);
      row.dataset.genre = genre.genre;
      const label = document.createElementNS(svgNs, "text");
      label.setAttribute("x", labelWidth - 8);
      label.setAttribute("y", rowHeight / 2 + 4);
      label.setAttribute("text-anchor", "end");
      label.textContent = genre.genre;
      const bar = document.createElementNS(svgNs, "rect");
      bar.setAttribute("class", "bar");
      bar.setAttribute("x", labelWidth);
      bar.setAttribute("y", 5);
      bar.setAttribute("height", rowHeight - 10);
      bar.setAttribute("rx", 3);
      bar.setAttribute("width", Math.max(2, (genre.count / largest) * barSpace));
      const value = document.createElementNS(svgNs, "text");
      value.setAttribute("class", "value");
      value.setAttribute("x", labelWidth + Math.max(2, (genre.count / largest) * barSpace) + 6);
      value.setAttribute("y", rowHeight / 2 + 4);
      value.textContent = `${numbers.format(genre.count)} · ${genre.percentage}%`;
      row.append(label, bar, value);
      return row;
    }));
    $("genres-empty").classList.toggle("hidden", genres.length > 0);
  }

  function timeOf(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : "not yet";
  }

  function renderAge() {
    $("last-flush-age").textContent = lastFlushAt
      ? Math.max(0, Math.round((Date.now() - new Date(lastFlushAt).getTime()) / 1000)) + " s ago"
      : "";
  }

  function render(update) {
    const trends = update.trends;
    renderTop(trends.top_movies || []);
    renderGenres(trends.trending_genres || []);
    $("total-users").textContent = numbers.format(trends.total_users);
    $("total-entries").textContent = numbers.format(trends.total_entries);
    $("snapshot-at").textContent = timeOf(trends.updated_at);
    $("source").textContent = trends.source ? "source: " + trends.source : "";
    lastFlushAt = update.last_flush_at;
    $("last-flush").textContent = timeOf(lastFlushAt);
    renderAge();
  }

  const events = new EventSource("/trends/stream");
  events.addEventListener("trends", (message) => {
    render(JSON.parse(message.data));
    setStatus("live", "live");
  });
  // EventSource reconnects by itself; the first event after it repaints everything.
  events.addEventListener("error", () => setStatus("reconnecting", "reconnecting…"));
  setInterval(renderAge, 1000);
})();
