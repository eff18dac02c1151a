import { Encoder, PacketType, type Packet } from "socket.io-parser";

/**
 * A command's answer already serialised as JSON (issue 16). Every spectator joining a room gets the
 * same snapshot; building and stringifying it once per room state, instead of once per join, is most of
 * what a join costs. The stock encoder would walk the object (looking for binary data) and stringify it
 * again for every socket; this one splices the stored text into the packet.
 */
export class PreEncoded {
  constructor(readonly json: string) {}
}

/** An acknowledgement whose only argument is pre-encoded: what `command()` sends for a PreEncoded result. */
const isPreEncodedAck = (packet: Packet) =>
  packet.type === PacketType.ACK && Array.isArray(packet.data) && packet.data.length === 1 && packet.data[0] instanceof PreEncoded;

/** socket.io's encoder, except for pre-encoded acknowledgements (same wire format: `3<id>[<json>]`). */
export class PreEncodingEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    if (!isPreEncodedAck(packet)) return super.encode(packet);
    const nsp = packet.nsp && packet.nsp !== "/" ? `${packet.nsp},` : "";
    return [`${PacketType.ACK}${nsp}${packet.id ?? ""}[${(packet.data[0] as PreEncoded).json}]`];
  }
}
