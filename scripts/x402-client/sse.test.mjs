// The harness's event-stream parser, run with `node --test` (cli's OfficialClientSseParserTest runs it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SseError, SseParser } from "./sse.mjs";

const STREAM = 'event: chunk\ndata: {"text":"Zwölf "}\n\n'
  + ": a comment the client skips\n"
  + 'event: chunk\ndata: {"text":"Boxkämpfer 🥊"}\nid: 7\nretry: 100\n\n'
  + 'event: done\ndata: {"result":"Zwölf Boxkämpfer 🥊",\ndata: "receipt":{}}\n\n';
const EXPECTED = [
  { name: "chunk", data: '{"text":"Zwölf "}' },
  { name: "chunk", data: '{"text":"Boxkämpfer 🥊"}' },
  { name: "done", data: '{"result":"Zwölf Boxkämpfer 🥊",\n"receipt":{}}' },
];

function parse(pieces, limits) {
  const events = [];
  const parser = new SseParser((e) => events.push(e), limits);
  for (const piece of pieces) parser.feed(piece);
  return events;
}

test("the same events come out wherever the bytes are cut in two", () => {
  const all = Buffer.from(STREAM);
  for (let cut = 0; cut <= all.length; cut++) {
    assert.deepEqual(parse([all.subarray(0, cut), all.subarray(cut)]), EXPECTED, `cut at ${cut}`);
  }
});

for (const ending of ["\r\n", "\r", "\n"]) {
  test(`${JSON.stringify(ending)} ends a line even one byte at a time`, () => {
    const all = Buffer.from(STREAM.replaceAll("\n", ending));
    assert.deepEqual(parse([...all].map((b) => Uint8Array.of(b))), EXPECTED);
  });
}

test("a CRLF split between two reads is one line end, not an empty line", () => {
  assert.deepEqual(parse([Buffer.from("data: a\r"), Buffer.from("\ndata: b\r"), Buffer.from("\n\r\n")]),
    [{ name: "message", data: "a\nb" }]);
});

test("comments, fields without a colon and blank lines without data dispatch nothing", () => {
  assert.deepEqual(parse([Buffer.from(":keep-alive\n\nevent: chunk\n\nretry: 5\nid: 3\nweird\n\ndata\n\n")]),
    [{ name: "message", data: "" }]);
});

test("a leading byte order mark is dropped even when split", () => {
  assert.deepEqual(parse([Uint8Array.of(0xef), Uint8Array.of(0xbb, 0xbf), Buffer.from("event: done\ndata: x\n\n")]),
    [{ name: "done", data: "x" }]);
});

test("a line over its limit is an error", () => {
  const parser = new SseParser(() => {}, { maxLineBytes: 16, maxEventBytes: 1024 });
  parser.feed(Buffer.from("data: 0123456789\n"));
  assert.throws(() => parser.feed(Buffer.from("data: 0123456789A")), (e) => e instanceof SseError && /longer than 16 bytes/.test(e.message));
});

test("an event over its limit is an error even when each line fits", () => {
  assert.throws(() => parse([Buffer.from("data: 0123456789\n".repeat(3))], { maxLineBytes: 64, maxEventBytes: 40 }),
    (e) => e instanceof SseError && /an event of the event stream is longer than 40 bytes/.test(e.message));
});

test("bytes that are not UTF-8 are an error, not replaced", () => {
  assert.throws(() => parse([Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xc3, 0x0a)]),
    (e) => e instanceof SseError && /line 1 of the event stream is not UTF-8/.test(e.message));
});

test("an unfinished event is reported as mid-event", () => {
  const parser = new SseParser(() => {});
  parser.feed(Buffer.from("event: chunk\ndata: {}\n"));
  assert.equal(parser.midEvent, true);
  parser.feed(Buffer.from("\n"));
  assert.equal(parser.midEvent, false);
});
