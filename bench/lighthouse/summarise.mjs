// Reads the Lighthouse JSON reports given on the command line and writes bench/results/lighthouse.json
// and lighthouse.md: performance score, FCP, LCP, TBT, CLS and bytes transferred per page.
import { readFileSync, writeFileSync } from "node:fs";

const [outDir, commit, lang, ...reports] = process.argv.slice(2);
// Arabic (the portal's first language) writes lighthouse.json and .md; another language its own pair.
const base = lang === "ar" ? "lighthouse" : `lighthouse-${lang}`;
const rows = reports.map((file) => {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const a = r.audits;
  return {
    page: file.replace(/^.*\//, "").replace(/\.json$/, ""),
    url: r.finalDisplayedUrl ?? r.finalUrl,
    performance: Math.round((r.categories.performance.score ?? 0) * 100),
    accessibility: Math.round((r.categories.accessibility?.score ?? 0) * 100),
    fcpMs: Math.round(a["first-contentful-paint"].numericValue),
    lcpMs: Math.round(a["largest-contentful-paint"].numericValue),
    tbtMs: Math.round(a["total-blocking-time"].numericValue),
    cls: Number(a["cumulative-layout-shift"].numericValue.toFixed(3)),
    transferKiB: Math.round(a["total-byte-weight"].numericValue / 1024),
    textCompressionSavingsKiB: Math.round((a["uses-text-compression"].details?.overallSavingsBytes ?? 0) / 1024),
    renderBlockingSavingsMs: Math.round(a["render-blocking-resources"].details?.overallSavingsMs ?? 0),
    serverResponseMs: Math.round(a["server-response-time"]?.numericValue ?? 0),
    lcpElement: lcpElement(a),
  };
});
// The element Lighthouse took as the largest paint, by its selector (or the start of its markup).
function lcpElement(a) {
  // Lighthouse 12 nests the node in a list of tables; find the first object with a selector wherever it is.
  const find = (value) => {
    if (!value || typeof value !== "object") {
      return null;
    }
    if (typeof value.selector === "string" || typeof value.snippet === "string") {
      return value;
    }
    for (const child of Object.values(value)) {
      const found = find(child);
      if (found) {
        return found;
      }
    }
    return null;
  };
  const audit = a["largest-contentful-paint-element"];
  if (audit?.errorMessage) {
    // Lighthouse 12.2 fails to name it with some Chromium builds (its TraceElements gatherer errs).
    return "not named: Lighthouse error";
  }
  const node = find(audit?.details);
  return node ? (node.selector || node.snippet || node.nodeLabel || "").slice(0, 80) : "";
}
const load = process.env.BENCH_LOAD ?? "";
const meta = { commit, measuredAt: new Date().toISOString(), lighthouse: JSON.parse(readFileSync(reports[0], "utf8")).lighthouseVersion, formFactor: "mobile (Lighthouse default: Moto G Power, slow 4G, 4x CPU slowdown)", machineLoad: load };
writeFileSync(`${outDir}/${base}.json`, JSON.stringify({ ...meta, pages: rows }, null, 2) + "\n");
const md = [
  `# Lighthouse, mobile, ${lang === "ar" ? "Arabic" : "English"} pages, at ${commit}`,
  "",
  `Measured by \`bench/lighthouse.sh\` on ${meta.measuredAt.slice(0, 10)} with Lighthouse ${meta.lighthouse} and Debian's Chromium, ${meta.formFactor}, against the portal published in Release with demo data on SQLite, over loopback. The goal (issue 12) is performance >= 95 and LCP <= 2.0 s on each page.`,
  "",
  ...(load ? [`Machine load while measuring (load averages over 1, 5 and 15 minutes, from /proc/loadavg, on ${process.env.BENCH_CORES ?? "?"} cores): ${load}.`, ""] : []),
  "| page | performance | FCP | LCP | TBT | CLS | server response | transferred | text compression to save | render-blocking | LCP element |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ...rows.map((r) => `| ${r.page} | ${r.performance} | ${(r.fcpMs / 1000).toFixed(1)} s | ${(r.lcpMs / 1000).toFixed(1)} s | ${r.tbtMs} ms | ${r.cls} | ${r.serverResponseMs} ms | ${r.transferKiB} KiB | ${r.textCompressionSavingsKiB} KiB | ${r.renderBlockingSavingsMs} ms | \`${r.lcpElement.replace(/[|`]/g, " ")}\` |`),
  "",
].join("\n");
writeFileSync(`${outDir}/${base}.md`, md);
console.log(md);
