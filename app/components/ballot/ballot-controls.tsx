import { useId, useState, type FormEvent } from "react";
import { AlertDialog, Label, RadioGroup, Switch } from "radix-ui";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { BallotTally, BallotView } from "../../../server/ballots/protocol";
import type { OpenBallotSchema } from "../../../server/ballots/schemas";
import { errorMessage, type ErrorPayload } from "~/utils/errors";
import { optionLabel } from "./format";

export type OpenBallotPayload = z.input<typeof OpenBallotSchema>;
type Threshold = OpenBallotPayload["threshold"];
type TieRule = OpenBallotPayload["tieRule"];

export type BallotControlsProps = {
  scope: "hearing" | "council";
  scopeId: number;
  /** The council agenda item the ballot decides (councils only). */
  itemId?: number | null;
  /** How many may vote if a ballot opens now (checked-in jurors, voting members): bounds the quorum. */
  eligibleCount: number;
  /** The current or latest ballot of this hearing / council item, if any. */
  ballot: BallotView | null;
  /** The latest `ballot:tally`, for the turnout shown before closing. */
  tally?: BallotTally | null;
  /** A command is awaiting its acknowledgement. */
  busy?: boolean;
  error?: ErrorPayload | null;
  defaultQuestion?: string;
  onOpen(input: OpenBallotPayload): void;
  onClose(ballotId: number): void;
  onResolveTie(input: { ballotId: number; optionId: string; reason: string }): void;
};

const thresholds: Threshold[] = ["majority_cast", "majority_eligible", "two_thirds", "unanimity"];
const tieRules: TieRule[] = ["revote", "chair_decides"];

/**
 * The chair's console for ballots: the form to open one (sensible defaults per scope, everything
 * editable), the close button with a confirmation, and the tie decision when the rules call for it.
 */
export function BallotControls(props: BallotControlsProps) {
  const { t } = useTranslation();
  const { ballot, busy, error } = props;
  const open = ballot?.status === "open" ? ballot : null;
  const pendingTie =
    ballot?.status === "closed" && ballot.result?.outcome === "tie" && !ballot.result.resolution ? ballot : null;

  return (
    <section className="ballot-controls" aria-busy={busy || undefined}>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </div>
      ) : null}
      {open ? <CloseBallot ballot={open} tally={props.tally} busy={busy} onClose={props.onClose} /> : null}
      {pendingTie && pendingTie.tieRule === "chair_decides" ? <ResolveTie ballot={pendingTie} busy={busy} onResolveTie={props.onResolveTie} /> : null}
      {pendingTie && pendingTie.tieRule === "revote" ? <p className="alert alert--info">{t("ballot.controls.revoteIntro")}</p> : null}
      {/* Keyed by the previous ballot, so a revote starts from that ballot's question and options. */}
      {!open ? <OpenBallotForm key={ballot?.id ?? "first"} {...props} previous={ballot} /> : null}
    </section>
  );
}

function defaultsFor(scope: "hearing" | "council", t: (k: string) => string) {
  const ids = scope === "hearing" ? ["party_a", "party_b", "both"] : ["for", "against", "abstain"];
  return {
    question: t(`ballot.defaults.${scope}Question`),
    options: ids.map((id) => ({ id, label: t(`ballot.defaults.${scope}.${id}`) })),
    // A motion is measured on 同意; a hearing's positions compete (plurality).
    passOptionId: scope === "council" ? "for" : null,
    // Jurors vote without pressure from the parties in the hall; councils traditionally vote openly.
    secret: scope === "hearing",
  };
}

function OpenBallotForm(props: BallotControlsProps & { previous: BallotView | null }) {
  const { t } = useTranslation();
  const uid = useId();
  const defaults = defaultsFor(props.scope, t);
  // After a tie under "revote" the new ballot starts from the previous one's question and options.
  const revote = props.previous?.result?.outcome === "tie" && props.previous.tieRule === "revote" ? props.previous : null;
  const [question, setQuestion] = useState(revote?.question ?? props.defaultQuestion ?? defaults.question);
  const [options, setOptions] = useState(revote?.options ?? defaults.options);
  const [passOptionId, setPassOptionId] = useState<string | null>(revote ? revote.passOptionId : defaults.passOptionId);
  const [secret, setSecret] = useState(revote?.secret ?? defaults.secret);
  const [allowChange, setAllowChange] = useState(false);
  const [threshold, setThreshold] = useState<Threshold>(revote?.threshold ?? "majority_cast");
  const [quorum, setQuorum] = useState(String(Math.min(props.eligibleCount, Math.floor(props.eligibleCount / 2) + 1)));
  const [minutes, setMinutes] = useState("");
  const [tieRule, setTieRule] = useState<TieRule>(revote?.tieRule ?? "revote");
  const [nextId, setNextId] = useState(1);

  const setLabel = (i: number, label: string) => setOptions(options.map((o, j) => (j === i ? { ...o, label } : o)));
  const addOption = () => {
    setOptions([...options, { id: `option_${nextId}`, label: "" }]);
    setNextId(nextId + 1);
  };
  const removeOption = (i: number) => {
    if (options[i].id === passOptionId) setPassOptionId(null);
    setOptions(options.filter((_, j) => j !== i));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const limit = Number(minutes);
    props.onOpen({
      scope: props.scope,
      scopeId: props.scopeId,
      itemId: props.itemId ?? null,
      question: question.trim(),
      options: options.map((o) => ({ id: o.id, label: o.label.trim() })),
      secret,
      quorum: Number(quorum),
      threshold,
      passOptionId,
      tieRule,
      allowChange: secret ? false : allowChange,
      timeLimitSeconds: minutes.trim() && limit > 0 ? Math.round(limit * 60) : null,
    });
  }

  const valid = question.trim().length > 0 && options.length >= 2 && options.every((o) => o.label.trim()) && quorum !== "";

  return (
    <form className="ballot-form" onSubmit={submit} noValidate>
      <h2>{t("ballot.controls.title")}</h2>
      <div className="field">
        <Label.Root htmlFor={`${uid}-question`}>{t("ballot.controls.question")}</Label.Root>
        <textarea id={`${uid}-question`} className="input" rows={2} maxLength={500} value={question} onChange={(e) => setQuestion(e.target.value)} required />
      </div>

      <fieldset className="field ballot-form__options">
        <legend>{t("ballot.controls.options")}</legend>
        {options.map((o, i) => (
          <div key={o.id} className="ballot-form__option">
            <input
              className="input"
              aria-label={t("ballot.controls.optionLabel", { n: i + 1 })}
              maxLength={100}
              value={o.label}
              onChange={(e) => setLabel(i, e.target.value)}
              required
            />
            {options.length > 2 ? (
              <button type="button" className="button button--small" onClick={() => removeOption(i)} aria-label={t("ballot.controls.removeOption", { n: i + 1 })}>
                ×
              </button>
            ) : null}
          </div>
        ))}
        {options.length < 10 ? (
          <button type="button" className="button button--small" onClick={addOption}>
            {t("ballot.controls.addOption")}
          </button>
        ) : null}
        {options.some((o) => o.id === "abstain") ? <p className="muted">{t("ballot.controls.abstainNote")}</p> : null}
      </fieldset>

      <div className="field">
        <Label.Root htmlFor={`${uid}-pass`}>{t("ballot.controls.passOption")}</Label.Root>
        <select id={`${uid}-pass`} className="input" value={passOptionId ?? ""} onChange={(e) => setPassOptionId(e.target.value || null)}>
          <option value="">{t("ballot.controls.plurality")}</option>
          {options
            .filter((o) => o.id !== "abstain")
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.label || optionLabel(options, o.id, t)}
              </option>
            ))}
        </select>
      </div>

      <div className="field">
        <Label.Root htmlFor={`${uid}-threshold`}>{t("ballot.controls.threshold")}</Label.Root>
        <select id={`${uid}-threshold`} className="input" value={threshold} onChange={(e) => setThreshold(e.target.value as Threshold)} aria-describedby={`${uid}-threshold-hint`}>
          {thresholds.map((th) => (
            <option key={th} value={th}>
              {t(`ballot.threshold.${th}`)}
            </option>
          ))}
        </select>
        <p id={`${uid}-threshold-hint`} className="muted">
          {t(`ballot.thresholdHint.${threshold}`)}
        </p>
      </div>

      <div className="field">
        <Label.Root htmlFor={`${uid}-quorum`}>{t("ballot.controls.quorum")}</Label.Root>
        <input
          id={`${uid}-quorum`}
          className="input tabular"
          type="number"
          inputMode="numeric"
          min={0}
          max={props.eligibleCount}
          value={quorum}
          onChange={(e) => setQuorum(e.target.value)}
          aria-describedby={`${uid}-quorum-hint`}
        />
        <p id={`${uid}-quorum-hint`} className="muted">
          {t("ballot.controls.quorumHint", { eligible: props.eligibleCount })}
        </p>
      </div>

      <div className="field">
        <Label.Root htmlFor={`${uid}-minutes`}>{t("ballot.controls.timeLimit")}</Label.Root>
        <input id={`${uid}-minutes`} className="input tabular" type="number" inputMode="decimal" min={0} step="0.5" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>

      <div className="ballot-switch">
        <Switch.Root id={`${uid}-secret`} className="ballot-switch__root" checked={secret} onCheckedChange={setSecret} aria-describedby={`${uid}-secret-hint`}>
          <Switch.Thumb className="ballot-switch__thumb" />
        </Switch.Root>
        <Label.Root htmlFor={`${uid}-secret`}>{t("ballot.controls.secret")}</Label.Root>
      </div>
      <p id={`${uid}-secret-hint`} className="muted">
        {t("ballot.controls.secretHint")}
      </p>
      <div className="ballot-switch">
        <Switch.Root id={`${uid}-change`} className="ballot-switch__root" checked={!secret && allowChange} onCheckedChange={setAllowChange} disabled={secret}>
          <Switch.Thumb className="ballot-switch__thumb" />
        </Switch.Root>
        <Label.Root htmlFor={`${uid}-change`}>{t("ballot.controls.allowChange")}</Label.Root>
      </div>

      <fieldset className="field">
        <legend>{t("ballot.controls.tieRule")}</legend>
        <RadioGroup.Root className="ballot-radios" value={tieRule} onValueChange={(v) => setTieRule(v as TieRule)}>
          {tieRules.map((r) => (
            <div key={r} className="ballot-radio">
              <RadioGroup.Item id={`${uid}-tie-${r}`} value={r} className="ballot-radio__item">
                <RadioGroup.Indicator className="ballot-radio__dot" />
              </RadioGroup.Item>
              <Label.Root htmlFor={`${uid}-tie-${r}`}>{t(`ballot.tieRule.${r}`)}</Label.Root>
            </div>
          ))}
        </RadioGroup.Root>
      </fieldset>

      <button type="submit" className="button button--primary button--block" disabled={!valid || props.busy}>
        {props.busy ? t("ballot.controls.working") : t("ballot.controls.open")}
      </button>
    </form>
  );
}

function CloseBallot({ ballot, tally, busy, onClose }: { ballot: BallotView; tally?: BallotTally | null; busy?: boolean; onClose(id: number): void }) {
  const { t } = useTranslation();
  const live = tally && tally.ballotId === ballot.id ? tally : ballot.tally;
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className="button button--primary button--block" disabled={busy}>
          {busy ? t("ballot.controls.working") : t("ballot.controls.close")}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="ballot-dialog__overlay" />
        <AlertDialog.Content className="ballot-dialog">
          <AlertDialog.Title className="ballot-dialog__title">{t("ballot.controls.closeTitle")}</AlertDialog.Title>
          <AlertDialog.Description className="ballot-dialog__body">
            {t("ballot.controls.closeBody", { cast: live.cast, eligible: live.eligible })}
          </AlertDialog.Description>
          <div className="ballot-dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t("ballot.controls.cancel")}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="button button--primary" onClick={() => onClose(ballot.id)}>
                {t("ballot.controls.closeConfirm")}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

function ResolveTie({ ballot, busy, onResolveTie }: { ballot: BallotView; busy?: boolean; onResolveTie: BallotControlsProps["onResolveTie"] }) {
  const { t } = useTranslation();
  const uid = useId();
  const [optionId, setOptionId] = useState("");
  const [reason, setReason] = useState("");
  const tied = ballot.result?.tiedOptionIds ?? [];
  return (
    <form
      className="ballot-form ballot-form--tie"
      onSubmit={(e) => {
        e.preventDefault();
        onResolveTie({ ballotId: ballot.id, optionId, reason: reason.trim() });
      }}
    >
      <h2>{t("ballot.controls.resolveTitle")}</h2>
      <p className="muted">{t("ballot.controls.resolveIntro")}</p>
      <fieldset className="field">
        <legend>{t("ballot.controls.resolveOption")}</legend>
        <RadioGroup.Root className="ballot-radios" value={optionId} onValueChange={setOptionId}>
          {tied.map((id) => (
            <div key={id} className="ballot-radio">
              <RadioGroup.Item id={`${uid}-${id}`} value={id} className="ballot-radio__item">
                <RadioGroup.Indicator className="ballot-radio__dot" />
              </RadioGroup.Item>
              <Label.Root htmlFor={`${uid}-${id}`}>{optionLabel(ballot.options, id, t)}</Label.Root>
            </div>
          ))}
        </RadioGroup.Root>
      </fieldset>
      <div className="field">
        <Label.Root htmlFor={`${uid}-reason`}>{t("ballot.controls.resolveReason")}</Label.Root>
        <textarea id={`${uid}-reason`} className="input" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </div>
      <button type="submit" className="button button--primary button--block" disabled={!optionId || !reason.trim() || busy}>
        {t("ballot.controls.resolveSubmit")}
      </button>
    </form>
  );
}
