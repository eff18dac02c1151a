import type { Translations } from "../zh";

/** Privacy: the announce preview and public summaries (issue 12, decision 023). */
const privacy: Translations["privacy"] = {
  preview: {
    title: "What the public will see",
    intro: "Once announced, anyone can read the texts below. Names, phone numbers, ID numbers and room numbers found in them are highlighted and masked by default.",
    found: "{{count}} items of personal data found, masked by default",
    none: "No personal data found. Read it through once more: an uncommon surname may not be recognised.",
    empty: "(empty)",
    publishedAs: "Published as",
    keep: "Publish “{{text}}” as written",
    confirmUnmasked: "I confirm: what I chose to publish as written is not personal data, or the person agreed to it.",
    kind: { title: "Title", place: "Place", summary: "Public summary", party: "Party", itemTitle: "Agenda item", proposal: "Proposal", guest: "Guest" },
    hit: { name: "Name", phone: "Phone", id_number: "ID number", room: "Room number" },
  },
  summary: {
    label: "Public summary",
    hint: "A short description for the public: no names, phone numbers or room numbers. The description stays internal.",
    save: "Save public summary",
    saved: "Public summary saved.",
    none: "No public summary yet: the public sees the title only.",
  },
  consent: {
    label: "Agrees to be named on public pages",
    hint: "Tick only if the person agreed. Otherwise public pages show them masked: surname only, with their category (e.g. “Zhang · resident representative”).",
    given: "Agreed to be named ({{date}})",
    notGiven: "Not agreed: masked in public",
  },
  errors: {
    personal_data_unconfirmed: "{{count}} items of personal data are set to be published as written: tick the confirmation to announce.",
  },
};
export default privacy;
