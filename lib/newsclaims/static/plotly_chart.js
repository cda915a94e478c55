// newsclaims' chart widget: one plotly.js per page, figures as JSON.
//
// plotly's own FigureWidget sends its whole 4.8 MB bundle over the websocket
// once per chart and per reader (it is the widget's _esm), and its Python side
// imports nbformat and jsonschema (seconds of kernel start). Here the page
// loads plotly.min.js once, from this server, as a cacheable static file; a
// figure is plain plotly.js JSON drawn with Plotly.react, so a filter change
// is one small message and one redraw.
//
// Where the static file is not served (JupyterLab, a hand-started Voila) the
// widget asks its kernel for the same file once per page instead.

const READY = "__newsclaimsPlotly";

function fromKernel(model) {
  return new Promise((resolve, reject) => {
    const onMsg = (msg) => {
      if (!msg || msg.type !== "plotly.js") return;
      model.off("msg:custom", onMsg);
      if (!msg.source) {
        reject(new Error("plotly.js is not available"));
        return;
      }
      const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error("plotly.js did not load"));
      document.head.appendChild(script);
    };
    model.on("msg:custom", onMsg);
    model.send({ type: "plotly.js?" });
  });
}

function fromServer(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error(src)));
    script.onerror = () => reject(new Error(src));
    document.head.appendChild(script);
  });
}

function baseUrl() {
  const config = document.getElementById("jupyter-config-data");
  try {
    return (config && JSON.parse(config.textContent).baseUrl) || "/";
  } catch (e) {
    return "/";
  }
}

function fromPageTag(tag) {
  // the page template's <script id="nc-plotly-js" async>: it may have loaded already
  return new Promise((resolve, reject) => {
    if (window.Plotly) resolve(window.Plotly);
    tag.addEventListener("load", () => (window.Plotly ? resolve(window.Plotly) : reject()));
    tag.addEventListener("error", () => reject(new Error(tag.src)));
  });
}

function loadPlotly(model) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window[READY]) {
    const tag = document.getElementById("nc-plotly-js");
    const src = baseUrl().replace(/\/?$/, "/") + model.get("src");
    window[READY] = (tag ? fromPageTag(tag) : fromServer(src)).catch(() => fromKernel(model));
  }
  return window[READY];
}

async function render({ model, el }) {
  el.classList.add("nc-chart");
  const plot = document.createElement("div");
  el.appendChild(plot);
  let Plotly;
  try {
    Plotly = await loadPlotly(model);
  } catch (e) {
    plot.textContent = "The chart could not be drawn: plotly.js did not load. Reload the page.";
    plot.className = "nc-empty";
    return undefined;
  }
  let drawn = 0;
  let queued = 0;
  let width = 0; // the width plotly last sized the chart to (0: to be measured)
  const draw = () => {
    queued = 0;
    const figure = JSON.parse(model.get("figure") || "{}");
    const config = JSON.parse(model.get("config"));
    const layout = figure.layout || {};
    // The chart's div is as high as its figure (plotly's 450 px if it sets none).
    // Left to its content, it collapsed to nothing on every second redraw of a
    // figure with no height of its own: a responsive plotly.js chart then takes the
    // div's height, and checks afresh at each Plotly.react whether the div had one
    // (it had, from the last draw: so none is set, and the div has none again).
    plot.style.height = `${layout.height || 450}px`;
    if (plot.offsetParent === null) width = 0; // drawn hidden: measure once shown
    Plotly.react(plot, figure.data || [], layout, config).then(() => {
      // how many figures this chart has drawn: tests and benchmarks wait on it
      drawn += 1;
      el.dataset.drawn = String(drawn);
    });
  };
  // A new figure is drawn at the start of the next frame, not as soon as it comes:
  // the page's charts come one after the other, and a chart drawn straight away
  // kept the one before it from being painted until it was drawn too (the troop
  // chart waited for the casualty chart). Figures that come within one frame are
  // drawn once, the last.
  const redraw = () => {
    if (!queued) queued = requestAnimationFrame(draw);
  };
  draw();
  model.on("change:figure", redraw);
  // Resized to the page's width; a new figure's height is drawn as it comes (a resize
  // for it would draw the chart a second time, 100 ms later).
  const resize = new ResizeObserver(() => {
    if (plot.offsetParent === null || plot.clientWidth === width) return;
    width = plot.clientWidth;
    Plotly.Plots.resize(plot);
  });
  resize.observe(el);
  return () => {
    if (queued) cancelAnimationFrame(queued);
    model.off("change:figure", redraw);
    resize.disconnect();
    Plotly.purge(plot);
  };
}

export default { render };
