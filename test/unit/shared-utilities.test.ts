import { describe, expect, it } from "vitest";
import { chunked, inChunks } from "~/modules/db/chunks";
import { csvCell, csvLine, csvStream, csvText } from "~/modules/http/csv-writer";

describe("chunked bulk work", () => {
  it("cuts a list into consecutive pieces, the last one shorter, none empty", () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
    expect(chunked([1, 2], 2)).toEqual([[1, 2]]);
    expect(() => chunked([1], 0)).toThrow(RangeError);
  });

  it("runs one query per piece and keeps the results in order", async () => {
    const pieces: number[][] = [];
    const out = await inChunks(
      [1, 2, 3, 4, 5],
      async (piece) => {
        pieces.push(piece);
        return piece.map((n) => n * 10);
      },
      3,
    );
    expect(pieces).toEqual([[1, 2, 3], [4, 5]]);
    expect(out).toEqual([10, 20, 30, 40, 50]);
  });
});

describe("CSV writer", () => {
  it("never lets a spreadsheet read a cell as a formula", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${lead}SUM(A1)`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("plain 中文")).toBe("plain 中文");
  });

  it("quotes cells with commas, quotes or line breaks, and ends lines with CRLF", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", ""])).toBe(`"a,b","say ""hi""","two\nlines",\r\n`);
  });

  it("writes a whole file with a byte-order mark", () => {
    expect(csvText(["h1", "h2"], [["1", "2"]])).toBe("\uFEFFh1,h2\r\n1,2\r\n");
  });

  it("streams the same text as it writes whole, and stops the rows when cancelled", async () => {
    async function* rows() {
      for (let i = 0; i < 450; i++) yield i;
    }
    // Decoded by hand: Response.text() would drop the byte-order mark.
    const bytes = new Uint8Array(await new Response(csvStream(["n"], rows(), (n) => [String(n)])).arrayBuffer());
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(csvText(["n"], Array.from({ length: 450 }, (_, i) => [String(i)])));

    let stopped = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        stopped = true;
      }
    }
    const reader = csvStream(["n"], endless(), (n) => [String(n)]).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
