import { Decoder, PacketType, type Packet } from "socket.io-parser";
import { PreEncodingEncoder } from "./pre-encoded";

/**
 * Largest command a client may send, in characters of the encoded packet. The largest legitimate
 * command (a statement of 8,000 characters, 200 council members) is far below it.
 */
export const COMMAND_PAYLOAD_LIMIT = 64 * 1024;
/**
 * Largest message the transport reads at all (engine.io `maxHttpBufferSize`). Between the two limits a
 * command is answered `payload_too_large`; past this one the connection is closed without reading the
 * message (there is nothing to answer to without buffering it). Bounded so a socket costs bounded memory.
 */
export const TRANSPORT_MESSAGE_LIMIT = 8 * 1024 * 1024;
/** The event a too-large command is replaced with; answered by the middleware in socket-server.ts. */
export const TOO_LARGE_EVENT = "__payload_too_large__";

// `2` EVENT or `5` BINARY_EVENT (with `N-` attachments), optional `/nsp,`, optional ack id, then the JSON.
const HEADER = /^([25])(?:\d+-)?(\/[^,]*,)?(\d*)/;

/**
 * The socket.io decoder, except that an event packet longer than COMMAND_PAYLOAD_LIMIT is never
 * JSON-parsed: it is replaced by a TOO_LARGE_EVENT packet with the same namespace and ack id, so the
 * client gets exactly one `payload_too_large` acknowledgement instead of a disconnect.
 */
class LimitedDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === "string" && obj.length > COMMAND_PAYLOAD_LIMIT) {
      const m = HEADER.exec(obj.slice(0, 64));
      if (m && m[1] === "2") {
        const packet: Packet = { type: PacketType.EVENT, nsp: m[2] ? m[2].slice(0, -1) : "/", data: [TOO_LARGE_EVENT, { size: obj.length }] };
        if (m[3]) packet.id = Number(m[3]);
        (this as unknown as { emitReserved(ev: "decoded", p: Packet): void }).emitReserved("decoded", packet);
        return;
      }
    }
    super.add(obj);
  }
}

/** Passed as socket.io's `parser` option: the limited decoder, and the encoder that sends pre-encoded answers. */
export const limitedParser = { Encoder: PreEncodingEncoder, Decoder: LimitedDecoder };
