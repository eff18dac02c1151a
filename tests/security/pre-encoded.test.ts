import { describe, expect, it } from "vitest";
import { Decoder, Encoder, PacketType, type Packet } from "socket.io-parser";
import { PreEncoded, PreEncodingEncoder } from "../../server/live/pre-encoded";

/** Decodes what an encoder wrote, as a socket.io client does. */
function decode(encoded: unknown[]): Packet {
  const decoder = new Decoder();
  let packet: Packet | undefined;
  decoder.on("decoded", (p: Packet) => (packet = p));
  for (const chunk of encoded) decoder.add(chunk as string);
  return packet!;
}

describe("pre-encoded acknowledgements (issue 16)", () => {
  const answer = { ok: true, data: { snapshot: { hearing: { title: "停车位 \"争议\"\n第二行", id: 3 }, ballot: null }, seqs: { "hearing:3": 17 } } };

  it("reach the client exactly as the stock encoder's object would, on any namespace and ack id", () => {
    for (const nsp of ["/", "/admin"]) {
      const stock = decode(new Encoder().encode({ type: PacketType.ACK, nsp, id: 42, data: [answer] }));
      const pre = decode(new PreEncodingEncoder().encode({ type: PacketType.ACK, nsp, id: 42, data: [new PreEncoded(JSON.stringify(answer))] }));
      expect(pre).toEqual(stock);
    }
  });

  it("leave every other packet to the stock encoder (events, binary, several arguments)", () => {
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: "/", data: ["room:event", { seq: 1 }] },
      { type: PacketType.ACK, nsp: "/", id: 1, data: [answer, 2] },
      { type: PacketType.ACK, nsp: "/", id: 2, data: [{ file: Buffer.from("abc") }] },
    ];
    for (const p of packets) expect(new PreEncodingEncoder().encode(p)).toEqual(new Encoder().encode(p));
  });
});
