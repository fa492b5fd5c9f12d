// Civic Space maps (issue 20), on pages with a map only, after Leaflet.
// Progressive enhancement: each map container is hidden until this runs;
// without JavaScript the list (or the latitude and longitude fields) does
// everything the map does. Two kinds, by `data-map`:
//   pins:   the reports of the list as clustered markers, loaded from
//           `data-pins` (+ `&bbox=`) whenever the view changes;
//   picker: a click, or Enter on the focused map (arrow keys move it, + and -
//           zoom), puts the point in the fields named by `data-lat-field` and
//           `data-lon-field` (with `data-follow-centre`, the centre and zoom
//           follow the view: the admin page of the map's view).
(function () {
  "use strict";
  var L = window.L;
  if (!L || !document.querySelectorAll) return;

  function setUp(box) {
    var lat = parseFloat(box.getAttribute("data-lat"));
    var lon = parseFloat(box.getAttribute("data-lon"));
    var zoom = parseInt(box.getAttribute("data-zoom"), 10);
    box.hidden = false;
    var hint = document.getElementById(box.getAttribute("aria-describedby"));
    if (hint) hint.hidden = false;
    // The attribution is a line under the map rather than a control on it
    // (no link to style or marker to cover).
    // No animation: markers and clusters never pass over each other on the
    // way (each keeps a target of its own, WCAG 2.5.8), and nothing moves
    // for those whom motion bothers.
    var map = L.map(box, {
      keyboard: true,
      zoomControl: true,
      attributionControl: false,
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false
    });
    map.setView([lat, lon], zoom);
    L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 19 }).addTo(map);
    var credit = document.createElement("p");
    credit.className = "map-attribution";
    credit.textContent = box.getAttribute("data-attribution") || "";
    box.parentNode.insertBefore(credit, box.nextSibling);
    return map;
  }

  // A status as a marker shows it: a symbol and a shape (CSS), never only a colour.
  var SYMBOLS = { received: "!", in_progress: "…", reopened: "↻", resolved: "✓", rejected: "✕", not_ours: "→" };

  function pins(box, map) {
    var english = document.documentElement.lang === "en";
    var group = L.markerClusterGroup({
      showCoverageOnHover: false,
      animate: false,
      iconCreateFunction: function (cluster) {
        return L.divIcon({
          className: "map-cluster",
          html: "<span>" + cluster.getChildCount() + "</span>",
          iconSize: [40, 40]
        });
      }
    });
    map.addLayer(group);
    var status = document.getElementById(box.id + "-status");
    var asked = 0;
    var first = true;

    function marker(item) {
      var word = box.getAttribute("data-status-" + item.status) || item.status;
      var label = (english ? item.title_en : item.title) + " — " + word;
      var m = L.marker([item.lat, item.lon], {
        title: label,
        alt: label,
        keyboard: true,
        icon: L.divIcon({
          className: "map-pin map-pin-" + item.status,
          html: "<span aria-hidden=\"true\">" + (SYMBOLS[item.status] || "•") + "</span>",
          iconSize: [30, 30]
        })
      });
      m.on("add", function () {
        var el = m.getElement();
        if (el) {
          el.setAttribute("aria-label", label);
          el.setAttribute("role", "button");
        }
      });
      var popup = document.createElement("p");
      var link = document.createElement("a");
      link.href = box.getAttribute("data-link") + item.id;
      link.textContent = label;
      popup.appendChild(link);
      m.bindPopup(popup);
      m.on("popupopen", function () {
        var el = m.getElement();
        if (el && document.activeElement === el) link.focus();
      });
      return m;
    }

    function load() {
      var b = map.getBounds();
      var clamp = function (v, limit) { return Math.max(-limit, Math.min(limit, v)).toFixed(6); };
      var bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
      var mine = ++asked;
      fetch(box.getAttribute("data-pins") + "&bbox=" + bbox.join(","), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (mine !== asked) return;
          if (!data) {
            box.removeAttribute("data-loading");
            return;
          }
          group.clearLayers();
          group.addLayers(data.items.map(marker));
          // The first time, every report in view, away from the edges and
          // the controls, no closer than the town's own zoom level.
          if (first && data.items.length) {
            first = false;
            map.fitBounds(group.getBounds(), { padding: [48, 48], maxZoom: map.getZoom() });
          }
          box.setAttribute("data-count", String(data.items.length));
          // Settled until the view moves again (the browser tests wait for it).
          if (map.getBounds().equals(b)) box.removeAttribute("data-loading");
          if (status) {
            status.hidden = !data.truncated;
            status.textContent = data.truncated ? box.getAttribute("data-too-many") : "";
          }
        })
        .catch(function () {
          if (mine === asked) box.removeAttribute("data-loading");
        });
    }
    var timer = null;
    map.on("moveend", function () {
      box.setAttribute("data-loading", "");
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    box.setAttribute("data-loading", "");
    load();
  }

  function picker(box, map) {
    var latField = document.getElementById(box.getAttribute("data-lat-field"));
    var lonField = document.getElementById(box.getAttribute("data-lon-field"));
    var zoomField = document.getElementById(box.getAttribute("data-zoom-field") || "");
    var follow = box.hasAttribute("data-follow-centre");
    if (!latField || !lonField) return;
    box.classList.add("map-picker");
    var pin = null;
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    box.parentNode.insertBefore(live, box.nextSibling);

    function show(at) {
      if (follow) return;
      if (!pin) {
        pin = L.marker(at, {
          keyboard: false,
          interactive: false,
          icon: L.divIcon({ className: "map-pin map-pin-picked", html: "<span aria-hidden=\"true\">+</span>", iconSize: [30, 30] })
        }).addTo(map);
      } else {
        pin.setLatLng(at);
      }
    }
    function pick(at) {
      latField.value = at.lat.toFixed(6);
      lonField.value = at.lng.toFixed(6);
      show(at);
      live.textContent = box.getAttribute("data-picked") || "";
    }
    function fromFields() {
      var lat = parseFloat(latField.value.replace(",", "."));
      var lon = parseFloat(lonField.value.replace(",", "."));
      if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        show(L.latLng(lat, lon));
        map.setView([lat, lon], follow ? map.getZoom() : Math.max(map.getZoom(), 15));
      }
    }
    fromFields();
    latField.addEventListener("change", fromFields);
    lonField.addEventListener("change", fromFields);
    map.on("click", function (e) {
      if (follow) map.panTo(e.latlng);
      else pick(e.latlng);
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target === box) {
        e.preventDefault();
        pick(map.getCenter());
      }
    });
    if (follow) {
      map.on("moveend", function () {
        var c = map.getCenter();
        latField.value = c.lat.toFixed(6);
        lonField.value = c.lng.toFixed(6);
        if (zoomField) zoomField.value = String(map.getZoom());
      });
      if (zoomField) {
        zoomField.addEventListener("change", function () {
          var z = parseInt(zoomField.value, 10);
          if (z >= 1 && z <= 19) map.setZoom(z);
        });
      }
    }
  }

  var boxes = document.querySelectorAll("[data-map]");
  for (var i = 0; i < boxes.length; i++) {
    var box = boxes[i];
    var map = setUp(box);
    if (box.getAttribute("data-map") === "pins") pins(box, map);
    else picker(box, map);
  }
})();
