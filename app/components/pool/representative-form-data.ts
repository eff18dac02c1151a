/**
 * Turns the representative form's fields into the shape RepresentativeInput parses: the `feature:<key>`
 * selects are gathered into one `features` object (empty choices are left out).
 */
export function representativeFromForm(form: FormData) {
  const features: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name.startsWith("feature:") && typeof value === "string" && value !== "") features[name.slice("feature:".length)] = value;
  }
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  // The consent checkbox sends nothing when unticked: the hidden marker says the form showed it.
  const publicNameConsent = form.has("publicNameConsentShown") ? form.get("publicNameConsent") === "on" : undefined;
  return { name: text("name"), phone: text("phone"), unitId: text("unitId"), category: text("category"), nomination: text("nomination"), features, publicNameConsent };
}
