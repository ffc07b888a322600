// Cuts the portal's font, IBM Plex Sans Arabic (SIL Open Font License, no reserved font name), down to
// the characters its pages use, and writes the files and wwwroot/css/fonts.css that names them.
//
//   cd scripts/fonts && npm ci && node subset.mjs
//
// Why: on a phone the fonts were two thirds of every first page's bytes (131 of 190 KiB on the home
// page): Fontsource's "arabic" file carries every Arabic-script letter of Persian, Urdu, Sindhi and the
// African orthographies with all their joining forms. Kept here: the Arabic alphabet with its marks,
// punctuation and both digit sets; the Persian and Urdu letters residents write most; Latin-1 and the
// usual punctuation and symbols. The subsetter (HarfBuzz) keeps the shaping rules (joining forms,
// ligatures, mark positioning) for what it keeps. A character outside these sets is drawn by the
// system's font, which unicode-range below makes explicit.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import subsetFont from "subset-font";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "node_modules/@fontsource/ibm-plex-sans-arabic/files");
const web = join(here, "../../src/EParticipation.Web/wwwroot");

// Inclusive code point ranges; a single number is one code point.
const arabic = [
  [0x060c, 0x061f], // Arabic comma, date and number signs, semicolon, question mark
  [0x0621, 0x065f], // the alphabet, tatweel, harakat, shadda, sukun and the other marks
  [0x0660, 0x0670], // Arabic-Indic digits, percent, decimal and thousands separators, superscript alef
  0x0679, 0x067e, 0x0686, 0x0688, 0x0691, 0x0698, 0x06a4, 0x06a9, 0x06af, 0x06ba, 0x06be, 0x06c1, 0x06c3,
  0x06cc, 0x06d2, 0x06d3, 0x06d4, // Persian and Urdu letters, veh, full stop
  [0x06f0, 0x06f9], // Persian digits
  [0x200c, 0x200f], // joiners and direction marks
  0xfdf2, 0xfdfc, // the ligature of the name of God, the riyal sign
];
const latin = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ff],
  0x0131, 0x0152, 0x0153, 0x02bb, 0x02bc, 0x02c6, 0x02da, 0x02dc,
  [0x2010, 0x2027],
  [0x2030, 0x203a],
  0x20ac, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215, 0xfeff, 0xfffd,
];
// Fontsource's semibold also stands for bold: one file fewer on every page (fonts.css says so).
const weights = [
  { file: "400", css: "400" },
  { file: "600", css: "600 700" },
];

const text = (ranges) =>
  ranges.flatMap((r) => (Array.isArray(r) ? Array.from({ length: r[1] - r[0] + 1 }, (_, i) => r[0] + i) : [r]))
    .map((c) => String.fromCodePoint(c)).join("");
const hex = (c) => "U+" + c.toString(16).toUpperCase().padStart(4, "0");
const unicodeRange = (ranges) => ranges.map((r) => (Array.isArray(r) ? `${hex(r[0])}-${hex(r[1]).slice(2)}` : hex(r))).join(",");

const faces = [];
for (const { file, css } of weights) {
  for (const [script, ranges] of [["arabic", arabic], ["latin", latin]]) {
    const input = readFileSync(join(source, `ibm-plex-sans-arabic-${script}-${file}-normal.woff2`));
    const output = await subsetFont(input, text(ranges), { targetFormat: "woff2" });
    const name = `ibm-plex-sans-arabic-${script}-${file}.woff2`;
    writeFileSync(join(web, "lib/ibm-plex-sans-arabic", name), output);
    console.log(`${name}: ${input.length} -> ${output.length} bytes`);
    faces.push(`@font-face {
  font-family: "IBM Plex Sans Arabic";
  font-style: normal;
  font-display: swap;
  font-weight: ${css};
  src: url("../lib/ibm-plex-sans-arabic/${name}") format("woff2");
  unicode-range: ${unicodeRange(ranges)};
}`);
  }
}
writeFileSync(join(web, "css/fonts.css"), `/* Written by scripts/fonts/subset.mjs: change that script, not this file.
   IBM Plex Sans Arabic (OFL), served from wwwroot/lib: no third-party requests. Cut to the characters the
   portal's pages use (the script says which). Two weights: regular, and semibold for every weight from
   600 to 700 (labels and headings alike); a separate bold face cost a phone two more files. */
${faces.join("\n")}
`);
