// A small, bounded Server-Sent Events parser for the stream route's answer: bytes go in as they
// arrive, cut anywhere, and each event comes out as soon as its blank line has been read.
//
// It follows the HTML event-stream rules (CR, LF or CRLF line ends, even a CRLF split between two
// reads; a leading byte order mark dropped; ":" comments; data lines joined with "\n"; one space
// after the colon dropped; id, retry and unknown fields ignored). Two departures, because the text
// is checked byte for byte against a receipt: bytes that are not UTF-8 are an error rather than
// replaced, and a line or an event over its limit is an error rather than buffered without end.

export const MAX_LINE_BYTES = 1 << 20;
export const MAX_EVENT_BYTES = 4 << 20;

export class SseError extends Error {}

export class SseParser {
  #maxLine;
  #maxEvent;
  #onEvent;
  #line = [];
  #lineBytes = 0;
  #afterCr = false;
  #linesRead = 0;
  #name = "";
  #data = [];
  #eventBytes = 0;

  constructor(onEvent, { maxLineBytes = MAX_LINE_BYTES, maxEventBytes = MAX_EVENT_BYTES } = {}) {
    this.#onEvent = onEvent;
    this.#maxLine = maxLineBytes;
    this.#maxEvent = maxEventBytes;
  }

  /** Parses a Uint8Array, calling onEvent({name, data}) for every event it completes. */
  feed(bytes) {
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a && this.#afterCr) {
        this.#afterCr = false; // the LF of a CRLF whose CR already ended the line
        start = i + 1;
        continue;
      }
      this.#afterCr = b === 0x0d;
      if (b === 0x0d || b === 0x0a) {
        this.#append(bytes.subarray(start, i));
        this.#endLine();
        start = i + 1;
      }
    }
    this.#append(bytes.subarray(start));
  }

  /** Whether a line or an event was started and not finished: a stream ending here was cut short. */
  get midEvent() {
    return this.#lineBytes > 0 || this.#data.length > 0 || this.#name !== "";
  }

  #append(piece) {
    if (piece.length === 0) return;
    if (this.#lineBytes + piece.length > this.#maxLine) {
      throw new SseError(`line ${this.#linesRead + 1} of the event stream is longer than ${this.#maxLine} bytes`);
    }
    this.#line.push(piece.slice());
    this.#lineBytes += piece.length;
  }

  #endLine() {
    let bytes = Buffer.concat(this.#line, this.#lineBytes);
    if (this.#linesRead === 0 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new SseError(`line ${this.#linesRead + 1} of the event stream is not UTF-8`);
    }
    this.#linesRead++;
    this.#line = [];
    this.#lineBytes = 0;
    if (text === "") {
      this.#dispatch();
      return;
    }
    this.#eventBytes += bytes.length + 1;
    if (this.#eventBytes > this.#maxEvent) {
      throw new SseError(`an event of the event stream is longer than ${this.#maxEvent} bytes`);
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.#name = value;
    else if (field === "data") this.#data.push(value);
  }

  #dispatch() {
    // A blank line after no data ends nothing: the event-stream rules drop such an event.
    const event = this.#data.length > 0 ? { name: this.#name || "message", data: this.#data.join("\n") } : null;
    this.#name = "";
    this.#data = [];
    this.#eventBytes = 0;
    if (event !== null) this.#onEvent(event);
  }
}
