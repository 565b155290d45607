/** Hostile and broken files: each must come back as a result (never a throw), quickly. */
import zlib from "node:zlib";
import { deflateSync, inflateSync, strToU8 } from "fflate";
import { nodeInflate } from "../../src/cli/files";
import {
  readSubmission,
  type ReadLimits,
  type ReadResult,
} from "../../src/xlsx/read";
import { CellCounter } from "../../src/xlsx/zipGuard";
import {
  patchZip,
  rawZip,
  simpleWorkbook,
  skeletonEntries,
  zeroBomb,
} from "./helpers";

const MB = 1024 * 1024;

/** The guard must hold with fflate (the browser) and with Node's zlib (the CLI) alike. */
const CODECS: [string, Partial<ReadLimits>][] = [
  ["fflate", {}],
  ["node zlib", { inflate: nodeInflate, crc32: zlib.crc32 }],
];

describe.each(CODECS)("with %s", (_name, codec) => {
  async function timed(
    name: string,
    bytes: Uint8Array,
    limits?: Partial<ReadLimits>,
  ): Promise<ReadResult> {
    const t = performance.now();
    const r = await readSubmission(name, bytes, { ...codec, ...limits });
    expect(performance.now() - t).toBeLessThan(2000);
    return r;
  }

  describe("hostile zips", () => {
    it("refuses a 300 MB zip bomb by its declared size, before inflating", async () => {
      const { data, size } = zeroBomb(300 * MB);
      expect(data.length).toBeLessThan(2 * MB);
      const bytes = rawZip([
        ...skeletonEntries(),
        { name: "xl/worksheets/sheet1.xml", data, method: 8, size },
      ]);
      const r = await timed("bomb.xlsx", bytes);
      expect(r).toMatchObject({ ok: false, problem: "too-large" });
    });

    it("refuses a bomb under the total bound by its compression ratio", async () => {
      const { data, size } = zeroBomb(50 * MB);
      const bytes = rawZip([
        ...skeletonEntries(),
        { name: "xl/media/image1.png", data, method: 8, size },
      ]);
      // This hand-made stream reaches 159:1 (zlib's reaches ~1000:1): test the mechanism with a lower bound.
      const r = await timed("bomb.xlsx", bytes, { maxEntryRatio: 100 });
      expect(r).toMatchObject({ ok: false, problem: "too-large" });
      if (!r.ok) expect(r.detail).toContain("压缩");
    });

    it("stops inflating an entry whose declared size lies", async () => {
      const { data } = zeroBomb(100 * MB);
      const bytes = rawZip([
        ...skeletonEntries(),
        { name: "xl/worksheets/sheet1.xml", data, method: 8, size: 1000 },
      ]);
      const r = await timed("liar.xlsx", bytes);
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
    });

    it("refuses DTD / entity declarations (billion laughs)", async () => {
      const lol =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>';
      const bytes = patchZip(await simpleWorkbook(), {
        "xl/sharedStrings.xml": lol,
      });
      const r = await timed("lol.xlsx", bytes);
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain("DTD");
    });

    it("refuses a sheet with more cells than the limit, and too many sheets", async () => {
      const r = await timed("big.xlsx", await simpleWorkbook(30), {
        maxCellsPerSheet: 20,
      });
      expect(r).toMatchObject({ ok: false, problem: "too-large" });
      const s = await timed("many.xlsx", await simpleWorkbook(1, 3), {
        maxSheets: 2,
      });
      expect(s).toMatchObject({ ok: false, problem: "too-large" });
      expect(
        (
          await timed("ok.xlsx", await simpleWorkbook(20), {
            maxCellsPerSheet: 20,
          })
        ).ok,
      ).toBe(true);
    });

    it("refuses a file over the size limit", async () => {
      const r = await timed("a.xlsx", await simpleWorkbook(), {
        maxFileBytes: 100,
      });
      expect(r).toMatchObject({ ok: false, problem: "too-large" });
    });

    it("refuses an encrypted zip entry", async () => {
      const data = strToU8("<worksheet/>");
      const bytes = rawZip([
        ...skeletonEntries(),
        {
          name: "xl/worksheets/sheet1.xml",
          data,
          method: 0,
          size: data.length,
          flags: 1,
        },
      ]);
      const r = await timed("enc.xlsx", bytes);
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain("密码");
    });

    it("reports a worksheet that cannot be parsed, by name, and reads nothing from it", async () => {
      const bytes = patchZip(await simpleWorkbook(), {
        "xl/worksheets/sheet1.xml": deflateSync(
          strToU8('<worksheet><sheetData><row><c r="A1"'),
        ),
      });
      const r = await timed("junk.xlsx", bytes);
      expect(
        r.ok &&
          r.workbook.sheets.length === 0 &&
          r.workbook.notes?.map((n) => [n.kind, n.sheet]),
      ).toEqual([["sheet", "S1"]]);
    });

    it("refuses a zip that is not a workbook (a renamed .docx)", async () => {
      const bytes = patchZip(await simpleWorkbook(), {
        "xl/workbook.xml": null,
      });
      expect(await timed("doc.xlsx", bytes)).toMatchObject({
        ok: false,
        problem: "unreadable",
      });
    });
  });

  describe("wrong, broken and unsupported files", () => {
    const ole = (stream: string) => {
      const b = new Uint8Array(1024);
      b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      for (let i = 0; i < stream.length; i++)
        b[600 + 2 * i] = stream.charCodeAt(i);
      return b;
    };

    it("refuses an encrypted workbook (OLE with EncryptionInfo) named .xlsx", async () => {
      const r = await timed("加密.xlsx", ole("EncryptionInfo"));
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain("密码");
    });

    it("refuses a broken .xls renamed to .xlsx as a broken .xls", async () => {
      const r = await timed("旧版.xlsx", ole("Workbook"));
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain(".xls");
    });

    it("refuses a truncated zip", async () => {
      const full = await simpleWorkbook();
      const r = await timed("half.xlsx", full.subarray(0, full.length >> 1));
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain("损坏");
    });

    it("refuses a zip whose middle is damaged", async () => {
      const full = (await simpleWorkbook(40)).slice();
      for (let i = 200; i < full.length - 600; i++) full[i] = 0x55;
      expect((await timed("bad.xlsx", full)).ok).toBe(false);
    });

    it("refuses an empty file", async () => {
      const r = await timed("空.xlsx", new Uint8Array(0));
      expect(r).toMatchObject({ ok: false, problem: "unreadable" });
      if (!r.ok) expect(r.detail).toContain("空");
      expect(await timed("空.csv", new Uint8Array(0))).toMatchObject({
        ok: false,
        problem: "unreadable",
      });
    });

    it("reads HTML saved as .xlsx, noting the mismatch", async () => {
      const r = await timed(
        "网页.xlsx",
        strToU8(
          "<html><table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table></html>",
        ),
      );
      expect(r).toMatchObject({
        ok: true,
        kind: "html",
        mismatch: { extension: "xlsx" },
      });
    });

    it("reads a workbook named .csv, noting the mismatch", async () => {
      expect(await timed("a.csv", await simpleWorkbook())).toMatchObject({
        ok: true,
        kind: "xlsx",
        mismatch: { extension: "csv" },
      });
    });

    it.each(["xls", "et", "ods", "numbers", "pdf", "XLS"])(
      "reads an .xlsx named .%s by its content",
      async (ext) => {
        const r = await timed(`图书馆.${ext}`, await simpleWorkbook());
        expect(r).toMatchObject({
          ok: true,
          kind: "xlsx",
          mismatch: { extension: ext.toLowerCase() },
        });
      },
    );

    it("refuses binary content that is no table format, saying what is accepted", async () => {
      const r = await timed(
        "扫描件.pdf",
        new Uint8Array([
          0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0,
        ]),
      );
      expect(r).toMatchObject({ ok: false, problem: "unsupported" });
      if (!r.ok) expect(r.detail).toContain(".docx");
    });

    it("reads plain text without an extension as CSV", async () => {
      expect(await timed("README", strToU8("x"))).toMatchObject({
        ok: true,
        kind: "text",
      });
    });
  });
});

describe("zeroBomb (test helper)", () => {
  it("is a valid deflate stream of the size it claims", () => {
    const { data, size } = zeroBomb(100_000);
    const out = inflateSync(data);
    expect(out.length).toBe(size);
    expect(out.every((b) => b === 0)).toBe(true);
  });
});

describe("CellCounter", () => {
  it("counts cells across chunk boundaries, with or without a namespace prefix", () => {
    const xml =
      '<sheetData><row r="1"><c r="A1"/><c r="B1" t="s"><v>0</v></c><col/><cfRule/><x:c r="C1"></x:c><c>1</c></row></sheetData>';
    for (let split = 0; split <= xml.length; split++) {
      const c = new CellCounter();
      c.feed(strToU8(xml.slice(0, split)));
      c.feed(strToU8(xml.slice(split)));
      expect(c.count).toBe(4);
    }
  });
});
