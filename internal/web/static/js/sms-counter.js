// Live part counter for the SMS template editor: an approximation of the
// server's count (notice.Count), which is the truth and is shown again
// after saving. The page works without this file.
(function () {
  "use strict";
  var box = document.querySelector(".sms-templates");
  if (!box) { return; }
  var samples = {};
  try { samples = JSON.parse(box.getAttribute("data-samples") || "{}"); } catch (e) { return; }
  var persian = document.documentElement.lang !== "en";

  // fill replaces each action with its sample value: {{.X}}, {{short N .X}},
  // {{fa .X}}, and {{.}} inside {{with .X}}; other actions print nothing.
  function fill(body) {
    var current = "";
    return body.replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, function (_, a) {
      var m;
      if ((m = /^with\s+\.(\w+)$/.exec(a))) { current = samples[m[1]] || ""; return ""; }
      if (a === ".") { return current; }
      if ((m = /^short\s+(\d+)\s+\.(\w+)$/.exec(a))) {
        var s = Array.from(samples[m[2]] || ""), n = +m[1];
        return s.length <= n ? s.join("") : s.slice(0, Math.max(n - 1, 0)).join("") + "…";
      }
      if ((m = /^(?:fa\s+|latin\s+)?\.(\w+)$/.exec(a))) { return samples[m[1]] || ""; }
      return "";
    });
  }

  var gsm = /^[\n\r\x20-\x7e£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€]*$/;
  var gsmExt = /[\^{}\\\[~\]|€]/g;

  function count(text) {
    text = text.replace(/\r\n?/g, "\n").trim();
    var unicode = !gsm.test(text), units, single, multi;
    if (unicode) { units = text.length; single = 70; multi = 67; } // UTF-16 units, as UCS-2 bills
    else { units = text.length + (text.match(gsmExt) || []).length; single = 160; multi = 153; }
    var parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
    return { units: units, parts: parts, per: parts > 1 ? multi : single };
  }

  function digits(n) {
    var s = String(n);
    return persian ? s.replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[+d]; }) : s;
  }

  function words(c) {
    if (persian) {
      var s = digits(c.units) + " نویسه، " + digits(c.parts) + " پیامک";
      return c.parts > 1 ? s + " (هر پیامک " + digits(c.per) + " نویسه)" : s;
    }
    var e = c.units + " characters, " + c.parts + " SMS";
    return c.parts > 1 ? e + " (" + c.per + " characters each)" : e;
  }

  box.querySelectorAll("textarea[data-sms-kind]").forEach(function (ta) {
    var out = document.getElementById("count-" + ta.getAttribute("data-sms-kind"));
    if (!out) { return; }
    ta.addEventListener("input", function () { out.textContent = words(count(fill(ta.value))); });
  });
})();
