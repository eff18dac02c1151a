import { z } from "zod";
import type { Principal } from "../../../server/auth/principal";
import { ConflictForm, ReinstateInput, RepresentativeInput, StatusChangeInput, TrainingInput, UnavailableDateInput } from "../../../server/pool/schemas";
import type { Services } from "../../../server/services";
import { representativeFromForm } from "./representative-form-data";

const idField = (name: string) => z.object({ [name]: z.coerce.number().int().positive("required") });

type Form = {
  schema: z.ZodTypeAny;
  saved: string;
  fromForm?: (form: FormData) => unknown;
  run: (pool: Services["pool"], principal: Principal, id: number, input: never) => unknown;
};

/**
 * The forms of the representative page: one zod schema each (parsed in the action), the service call,
 * and the success message key. `run` gets the parsed value of its own schema.
 */
export const detailForms: Record<string, Form> = {
  update: {
    schema: RepresentativeInput,
    saved: "updated",
    fromForm: representativeFromForm,
    run: (p, who, id, input: z.output<typeof RepresentativeInput>) => p.update(who, id, input),
  },
  suspend: { schema: StatusChangeInput, saved: "suspended", run: (p, who, id, input: z.output<typeof StatusChangeInput>) => p.suspend(who, id, input) },
  retire: { schema: StatusChangeInput, saved: "retired", run: (p, who, id, input: z.output<typeof StatusChangeInput>) => p.retire(who, id, input) },
  reinstate: { schema: ReinstateInput, saved: "reinstated", run: (p, who, id, input: z.output<typeof ReinstateInput>) => p.reinstate(who, id, input) },
  addTraining: { schema: TrainingInput, saved: "trainingAdded", run: (p, who, id, input: z.output<typeof TrainingInput>) => p.addTraining(who, id, input) },
  removeTraining: {
    schema: idField("trainingId"),
    saved: "trainingRemoved",
    run: (p, who, id, input: { trainingId: number }) => p.removeTraining(who, id, input.trainingId),
  },
  addDate: { schema: UnavailableDateInput, saved: "dateAdded", run: (p, who, id, input: { date: string }) => p.addUnavailableDate(who, id, input.date) },
  removeDate: { schema: UnavailableDateInput, saved: "dateRemoved", run: (p, who, id, input: { date: string }) => p.removeUnavailableDate(who, id, input.date) },
  addConflict: { schema: ConflictForm, saved: "conflictAdded", run: (p, who, id, input: z.output<typeof ConflictForm>) => p.addConflict(who, id, input) },
  removeConflict: {
    schema: idField("conflictId"),
    saved: "conflictRemoved",
    run: (p, who, id, input: { conflictId: number }) => p.removeConflict(who, id, input.conflictId),
  },
};

/** The form's fields minus `intent`, in the shape its schema expects. */
export function formInput(form: FormData, entry: Form): unknown {
  return entry.fromForm ? entry.fromForm(form) : Object.fromEntries([...form].filter(([k]) => k !== "intent"));
}
