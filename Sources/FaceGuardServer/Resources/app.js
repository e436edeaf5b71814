"use strict";
// FaceGuard web page: detects faces once per photo (low threshold, filtered here), keeps the
// user's edits (added regions, faces shown again) and asks the server to render with explicit
// boxes. Nothing is stored: photos live in this tab's memory only.
(function () {
  const DETECT_THRESHOLD = 0.05;
  const MAX_PARALLEL = 2;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const $ = (selector, root = document) => root.querySelector(selector);

  const settingsForm = $("#settings");
  const controls = {
    mode: $("#mode"), shape: $("#shape"), color: $("#color"),
    strength: $("#strength"), maskScale: $("#mask-scale"), threshold: $("#threshold"),
  };
  const photosList = $("#photos");
  const announcer = $("#announcer");
  const downloadAll = $("#download-all");
  const photos = [];
  let nextId = 1;

  function announce(text) {
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  // --- Token -------------------------------------------------------------------------------
  const tokenDialog = $("#token-dialog");
  let tokenPrompt = null;
  function askForToken(rejected) {
    if (!tokenPrompt) {
      tokenPrompt = new Promise((resolve) => {
        $("#token-error").hidden = !rejected;
        $("#token-input").value = "";
        tokenDialog.showModal();
        $("#token-form").addEventListener("submit", () => {
          sessionStorage.setItem("faceguard-token", $("#token-input").value.trim());
          tokenPrompt = null;
          resolve();
        }, { once: true });
      });
    }
    return tokenPrompt;
  }
  tokenDialog.addEventListener("cancel", (event) => event.preventDefault());

  // --- API -----------------------------------------------------------------------------------
  async function api(path, form) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const headers = {};
      const token = sessionStorage.getItem("faceguard-token");
      if (token) headers.Authorization = "Bearer " + token;
      const response = await fetch(path, { method: "POST", body: form, headers });
      if (response.status === 401) {
        await askForToken(Boolean(token));
        continue;
      }
      if (response.status === 503) {
        const wait = Number(response.headers.get("Retry-After")) || 1;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      if (!response.ok) {
        let message = response.status + " " + response.statusText;
        try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
        throw new Error(message);
      }
      return response;
    }
    throw new Error("the server stayed busy; try again later");
  }

  // A queue so at most MAX_PARALLEL requests run at once.
  let running = 0;
  const waiting = [];
  function limited(task) {
    return new Promise((resolve, reject) => {
      waiting.push({ task, resolve, reject });
      pump();
    });
  }
  function pump() {
    while (running < MAX_PARALLEL && waiting.length) {
      const { task, resolve, reject } = waiting.shift();
      running++;
      task().then(resolve, reject).finally(() => { running--; pump(); });
    }
  }

  // --- Settings ------------------------------------------------------------------------------
  function settings() {
    return {
      mode: controls.mode.value, shape: controls.shape.value,
      color: controls.color.value.replace("#", ""),
      strength: controls.strength.value, mask_scale: controls.maskScale.value,
      threshold: Number(controls.threshold.value),
    };
  }
  function updateOutputs() {
    $("#strength-value").value = Number(controls.strength.value).toFixed(1);
    $("#mask-scale-value").value = Number(controls.maskScale.value).toFixed(2);
    $("#threshold-value").value = Number(controls.threshold.value).toFixed(2);
    $("#color-field").classList.toggle("inactive", controls.mode.value !== "solid");
  }
  let renderTimer = null;
  settingsForm.addEventListener("input", () => {
    updateOutputs();
    for (const photo of photos) drawBoxes(photo);
    clearTimeout(renderTimer);
    renderTimer = setTimeout(() => photos.forEach(scheduleRender), 300);
  });
  settingsForm.addEventListener("submit", (event) => event.preventDefault());
  updateOutputs();
  // The slider starts at the server's default threshold (it depends on the model it runs).
  fetch("openapi.json").then((response) => response.json()).then((spec) => {
    const fields = spec.paths["/api/v1/detect"].post.parameters;
    const threshold = fields.find((field) => field.name === "threshold");
    if (threshold && threshold.schema.default !== undefined && !photos.length) {
      controls.threshold.value = threshold.schema.default;
      updateOutputs();
    }
  }).catch(() => {});

  // --- Photos --------------------------------------------------------------------------------
  function activeBoxes(photo) {
    const threshold = settings().threshold;
    const detected = photo.detected.filter((face) => face.score >= threshold && !face.shown);
    return detected.concat(photo.added);
  }

  function setStatus(photo, state, text, step) {
    photo.element.dataset.state = state;
    $(".status-text", photo.element).textContent = text;
    if (step !== undefined) $("progress", photo.element).value = step;
  }

  function addFiles(files) {
    const accepted = Array.from(files).filter((file) =>
      /^image\//.test(file.type) || /\.(jpe?g|png|webp|heic|heif)$/i.test(file.name));
    if (!accepted.length) { announce("No photos among the dropped files."); return; }
    for (const file of accepted) {
      const element = $("#photo-template").content.firstElementChild.cloneNode(true);
      const photo = {
        id: nextId++, file, element, detected: [], added: [], width: 0, height: 0,
        resultBlob: null, resultURL: null, version: 0,
      };
      element.id = "photo-" + photo.id;
      $(".photo-name", element).textContent = file.name;
      photosList.append(element);
      photos.push(photo);
      wireViewer(photo);
      prepare(photo);
    }
    $("#empty").hidden = true;
    announce(accepted.length + " photo" + (accepted.length === 1 ? "" : "s") + " added.");
  }

  async function prepare(photo) {
    try {
      setStatus(photo, "detecting", "Finding faces…", 1);
      const form = new FormData();
      form.append("threshold", String(DETECT_THRESHOLD));
      form.append("file", photo.file);
      const response = await limited(() => api("/api/v1/detect", form));
      const result = await response.json();
      photo.width = result.width;
      photo.height = result.height;
      photo.detected = result.faces.map((face) => ({ ...face, shown: false }));
      await showBefore(photo);
      $(".viewer", photo.element).hidden = false;
      drawBoxes(photo);
      await render(photo);
    } catch (error) {
      setStatus(photo, "error", "Could not process this photo: " + error.message, 0);
      announce(photo.file.name + ": " + error.message);
    }
  }

  // The original as the browser shows it; formats the browser cannot show (HEIC) are converted
  // by the server with nothing hidden.
  async function showBefore(photo) {
    const before = $(".before", photo.element);
    before.alt = "Original of " + photo.file.name;
    const url = URL.createObjectURL(photo.file);
    const loaded = await new Promise((resolve) => {
      before.onload = () => resolve(true);
      before.onerror = () => resolve(false);
      before.src = url;
    });
    if (loaded && before.naturalWidth === photo.width && before.naturalHeight === photo.height) return;
    URL.revokeObjectURL(url);
    const form = new FormData();
    form.append("boxes", "[]");
    form.append("format", "jpeg");
    form.append("file", photo.file);
    const response = await limited(() => api("/api/v1/anonymize", form));
    before.src = URL.createObjectURL(await response.blob());
  }

  function scheduleRender(photo) {
    if (photo.width) render(photo).catch((error) => {
      setStatus(photo, "error", "Could not render: " + error.message);
    });
  }

  async function render(photo) {
    const version = ++photo.version;
    setStatus(photo, "rendering", "Hiding faces…", 2);
    const current = settings();
    const boxes = activeBoxes(photo).map(({ x, y, w, h }) => ({ x, y, w, h }));
    const form = new FormData();
    for (const key of ["mode", "shape", "color", "strength", "mask_scale"]) {
      form.append(key, String(current[key]));
    }
    form.append("boxes", JSON.stringify(boxes));
    // What the person changed, for the server's audit log: regions added, faces shown again.
    form.append("boxes_added", String(photo.added.length));
    form.append("boxes_removed", String(photo.detected.filter((face) =>
      face.score >= current.threshold && face.shown).length));
    form.append("file", photo.file);
    const response = await limited(() => api("/api/v1/anonymize", form));
    const blob = await response.blob();
    if (version !== photo.version) return;
    if (photo.resultURL) URL.revokeObjectURL(photo.resultURL);
    photo.resultBlob = blob;
    photo.resultURL = URL.createObjectURL(blob);
    const after = $(".after", photo.element);
    after.alt = "Anonymized " + photo.file.name + ": " + boxes.length + " region" +
      (boxes.length === 1 ? "" : "s") + " hidden";
    await new Promise((resolve) => { after.onload = resolve; after.onerror = resolve; after.src = photo.resultURL; });
    const link = $(".download", photo.element);
    link.href = photo.resultURL;
    link.download = outputName(photo);
    link.setAttribute("aria-label", "Download anonymized " + photo.file.name);
    $(".faces-count", photo.element).textContent = boxes.length + " region" +
      (boxes.length === 1 ? "" : "s") + " hidden.";
    photo.element.dataset.faces = String(boxes.length);
    setStatus(photo, "done", "Done", 3);
    updateDownloadAll();
  }

  function outputName(photo) {
    const extension = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" }[photo.resultBlob.type] || "jpg";
    const base = photo.file.name.replace(/\.[^.]+$/, "");
    return base + ".anonymized." + extension;
  }

  function updateDownloadAll() {
    downloadAll.disabled = !photos.some((photo) => photo.resultBlob);
  }

  // --- Viewer: compare slider, boxes, clicks -------------------------------------------------
  function wireViewer(photo) {
    const element = photo.element;
    const compare = $(".compare", element);
    const update = () => {
      const position = Number(compare.value);
      $(".after-clip", element).style.clipPath = "inset(0 " + (100 - position) + "% 0 0)";
      $(".divider", element).style.left = "calc(" + position + "% - 1px)";
      compare.setAttribute("aria-valuetext", position + "% anonymized");
    };
    compare.addEventListener("input", update);
    update();
    const svg = $(".boxes", element);
    svg.addEventListener("click", (event) => {
      if (event.target.closest(".face")) return;
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const local = point.matrixTransform(svg.getScreenCTM().inverse());
      addRegion(photo, local.x, local.y);
    });
    $(".add-region", element).addEventListener("click", () => {
      addRegion(photo, photo.width / 2, photo.height / 2);
    });
  }

  function addRegion(photo, centreX, centreY) {
    const sizes = photo.detected.filter((face) => face.score >= settings().threshold).map((face) => face.w).sort((a, b) => a - b);
    const width = sizes.length ? sizes[Math.floor(sizes.length / 2)] : Math.min(photo.width, photo.height) * 0.15;
    const height = width * 1.25;
    const x = Math.min(Math.max(centreX - width / 2, 0), Math.max(photo.width - width, 0));
    const y = Math.min(Math.max(centreY - height / 2, 0), Math.max(photo.height - height, 0));
    photo.added.push({ x, y, w: width, h: height });
    drawBoxes(photo);
    announce("Region added; rendering.");
    scheduleRender(photo);
  }

  function drawBoxes(photo) {
    const svg = $(".boxes", photo.element);
    if (!photo.width) return;
    svg.setAttribute("viewBox", "0 0 " + photo.width + " " + photo.height);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.replaceChildren();
    const threshold = settings().threshold;
    const visible = photo.detected.filter((face) => face.score >= threshold);
    visible.forEach((face, index) => {
      const label = "Face " + (index + 1) + " (confidence " + Math.round(face.score * 100) + "%): " +
        (face.shown ? "shown. Press Enter to hide it." : "hidden. Press Enter to show it.");
      svg.append(makeRect(face, face.shown ? "face shown" : "face", label, () => {
        face.shown = !face.shown;
        afterEdit(photo, face.shown ? "Face shown again." : "Face hidden.");
      }));
    });
    photo.added.forEach((region, index) => {
      svg.append(makeRect(region, "face added", "Added region " + (index + 1) + ". Press Enter to remove it.", () => {
        photo.added.splice(photo.added.indexOf(region), 1);
        afterEdit(photo, "Added region removed.");
      }));
    });
  }

  function afterEdit(photo, message) {
    drawBoxes(photo);
    announce(message);
    scheduleRender(photo);
  }

  function makeRect(box, className, label, toggle) {
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("x", box.x);
    rect.setAttribute("y", box.y);
    rect.setAttribute("width", box.w);
    rect.setAttribute("height", box.h);
    rect.setAttribute("class", className);
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("role", "button");
    rect.setAttribute("aria-label", label);
    const title = document.createElementNS(SVG_NS, "title");
    title.textContent = label;
    rect.append(title);
    rect.addEventListener("click", (event) => { event.stopPropagation(); toggle(); });
    rect.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
    });
    return rect;
  }

  // --- File input, drag and drop, download all -----------------------------------------------
  const input = $("#file-input");
  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  const dropzone = $("#dropzone");
  for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add("dragging");
    });
  }
  document.addEventListener("dragleave", (event) => {
    if (!event.relatedTarget) dropzone.classList.remove("dragging");
  });
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    dropzone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });

  downloadAll.addEventListener("click", async () => {
    const done = photos.filter((photo) => photo.resultBlob);
    const used = new Set();
    const entries = [];
    for (const photo of done) {
      let name = outputName(photo);
      for (let n = 2; used.has(name); n++) name = outputName(photo).replace(/(\.[^.]+)$/, "-" + n + "$1");
      used.add(name);
      entries.push({ name, bytes: new Uint8Array(await photo.resultBlob.arrayBuffer()) });
    }
    const url = URL.createObjectURL(window.FaceGuardZip.buildZip(entries));
    const link = document.createElement("a");
    link.href = url;
    link.download = "anonymized-photos.zip";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce("Downloading " + entries.length + " photo" + (entries.length === 1 ? "" : "s") + " as a zip file.");
  });
})();
