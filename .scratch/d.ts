import { readSubmission } from '../src/xlsx/read';
import fs from 'node:fs';
(async () => {
  const f = process.argv[2];
  const r = await readSubmission(f, new Uint8Array(fs.readFileSync(f)));
  if (!r.ok) return console.log(r);
  for (const s of r.workbook.sheets) { console.log('==', s.name); s.rows.forEach((row, i) => console.log(i, JSON.stringify(row.map((c) => c?.v ?? null)))); }
})();
