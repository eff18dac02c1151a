/**
 * Why a published record failed verification, as a code with parameters (isomorphic: the verify
 * CLI, the verifier tests and the /verify page). The CLI prints the English template below; the
 * page translates `portal.verify.errors.<code>` (app/locales/{zh,en}/portal.ts, same keys, same
 * `{{param}}` placeholders — tests/draw/verify-failures.test.ts keeps the three in step).
 */
export const VERIFY_MESSAGES = {
  // Shape and version of a record (draw and log).
  record_malformed: "record is malformed at {{path}}: {{message}}",
  protocol_unsupported: "protocol version {{version}} is not supported (this verifier implements {{supported}})",
  opening_protocol_unsupported: "opening protocol {{protocol}} is not supported",
  // The opening and what it commits to.
  snapshot_order: "snapshot members are not unique and sorted by id",
  snapshot_hash: "snapshot hash does not match the snapshot members",
  snapshot_count: "opening states {{stated}} members, the snapshot has {{actual}}",
  exclusions_order: "exclusions are not unique and sorted by id",
  exclusions_hash: "exclusions hash does not match the exclusions",
  excluded_in_snapshot: "excluded member {{id}} is in the snapshot",
  lottery_hash: "lottery hash does not match the lottery",
  opening_hash: "opening hash does not match the opening",
  opening_not_receipt: "opening hash {{recorded}} is not the one on the receipt ({{expected}})",
  prior_openings: "opening {{number}} must list {{prior}} prior opening(s) numbered from 1",
  supersedes: "opening.supersedes is not the last prior opening",
  // The lottery.
  lottery_panel_unsorted: "lottery panel {{i}} is not sorted by id",
  lottery_order: "lottery panels {{previous}} and {{i}} are not in canonical order",
  lottery_counts: "lottery has a different number of panels and counts",
  lottery_sum: "lottery counts sum to {{total}}, not M = {{M}}",
  lottery_panel_size: "lottery panel {{i}} has {{size}} members, not k = {{k}}",
  lottery_panel_outsider: "lottery panel {{i}} contains {{id}}, who is not in the snapshot",
  lottery_panel_quota: "lottery panel {{i}} has {{count}} for quota {{quota}}",
  probability_stray: "probability listed for {{id}}, who is not in the snapshot",
  probability_missing: "probability of {{id}} is missing, but the lottery gives {{computed}}",
  probability_mismatch: "probability of {{id}} is {{stated}}, but the lottery gives {{computed}}",
  // Contributions, seed, panel, alternates, challenges.
  commitments_parties: "commitments are not exactly the contributors named at opening, in order",
  reveals_parties: "reveals are not exactly the contributors named at opening, in order",
  reveal_salt: "reveal of {{by}} has a value without a salt or a salt without a value",
  reveal_commitment: "reveal of {{by}} does not match its commitment",
  external_unexpected: "an external value is recorded but none was named at opening",
  external_missing: "the external value named at opening ({{source}}) is missing",
  external_form: "external value {{value}} is not in the form named at opening",
  secret_commitment: "commitment is not SHA-256 of the revealed secret",
  seed_mismatch: "seed does not match the opening, the contributions, the external value and the secret",
  ticket_mismatch: "ticket is {{recorded}}, but the seed draws ticket {{drawn}}",
  panel_mismatch: "panel is not the panel on ticket {{ticket}}",
  alternates_order: "alternates differ from the seed's order at position {{position}}",
  alternates_count: "alternatesCount {{stated}} exceeds the {{actual}} alternates",
  challenge_not_on_panel: "challenge {{i}}: {{juror}} is not on the panel at that point",
  challenge_replacement: "challenge {{i}}: {{juror}} must be replaced by {{expected}}, not {{recorded}}",
  challenge_no_replacement: "challenge {{i}}: no remaining alternate can replace {{juror}} without breaking a quota",
  challenge_failed: "challenge {{i}} ({{juror}}): {{reason}}",
  // The LEXIMIN optimality certificate.
  certificate_duals: "certificate round {{round}} has {{duals}} quota multipliers for {{quotas}} quotas",
  certificate_stray: "certificate round {{round}} weighs {{id}}, who is not in the snapshot",
  certificate_no_weight: "certificate round {{round}} puts no weight on members not yet fixed",
  certificate_level: "certificate round {{round}} states level {{level}}, but its multipliers prove {{proven}}",
  certificate_fixed: "certificate round {{round}} must fix exactly the members it weighs that earlier rounds did not fix",
  certificate_below_level: "{{id}} has probability {{probability}}, below the level {{level}} that LEXIMIN guarantees (certificate round {{round}})",
  certificate_above_level:
    "{{id}} has probability {{probability}}, but certificate round {{round}} proves no fair lottery can give them more than {{level}} while keeping everyone else at their level",
  certificate_unfixed: "the certificate leaves {{id}} without a level",
  // Re-solving LEXIMIN (CLI --resolve).
  resolve_failed: "re-solving LEXIMIN failed: {{reason}}",
  resolve_lottery_differs: "the lottery is not the LEXIMIN lottery this solver computes from the snapshot ({{panels}} panels, the record has {{recordPanels}})",
  resolve_lottery_differs_member:
    "the lottery is not the LEXIMIN lottery this solver computes from the snapshot ({{panels}} panels, the record has {{recordPanels}}); {{id}} has {{recorded}} in the record, {{computed}} under LEXIMIN",
  resolve_probability: "probability of {{id}} is {{recorded}} in the record, but LEXIMIN gives {{computed}} (tolerance {{tolerance}})",
  // The hash-chained log.
  log_seq: "entry {{entry}}: expected seq {{entry}}, found {{found}}",
  log_prev_hash: "entry {{seq}}: prevHash does not match the hash of entry {{previous}}",
  log_hash: "entry {{seq}} ({{type}}): hash mismatch — its content was changed",
} as const;

export type VerifyCode = keyof typeof VERIFY_MESSAGES;
export type VerifyParams = Record<string, string | number>;
export interface VerifyFailure {
  code: VerifyCode;
  params: VerifyParams;
}

export const fail = (code: VerifyCode, params: VerifyParams = {}): VerifyFailure => ({ code, params });

/** The English sentence (CLI output, logs): the template with its `{{param}}`s filled in. */
export function renderFailure(failure: VerifyFailure): string {
  return VERIFY_MESSAGES[failure.code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(failure.params[name] ?? ""));
}

/** A failed result carrying both the code (for translation) and the English sentence. */
export const failed = (failure: VerifyFailure) => ({ ok: false as const, error: renderFailure(failure), failure });
