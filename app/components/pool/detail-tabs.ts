/** The representative page's tabs and which tab each form (by intent) lives on. */
export const detailTabs = ["profile", "trainings", "unavailable", "conflicts", "status"] as const;
export type DetailTab = (typeof detailTabs)[number];

export const tabOfIntent: Record<string, DetailTab> = {
  update: "profile",
  suspend: "status",
  retire: "status",
  reinstate: "status",
  addTraining: "trainings",
  removeTraining: "trainings",
  addDate: "unavailable",
  removeDate: "unavailable",
  addConflict: "conflicts",
  removeConflict: "conflicts",
};
