/**
 * The casings a product name is searched in. openFDA's `.exact` fields are not analysed, so a phrase
 * matches only a value stored with the same case: harmonized drug names and most MAUDE brand names are
 * upper case, FDA's device classification names (`device.openfda.device_name`) are title case ("Bone
 * Cement"), and reported names (`medicinalproduct`, MAUDE generic and brand names) are as the reporter
 * typed them. openFDA does not document the casing per field, so every name field gets all three.
 */
export function nameCasings(value: string): string[] {
  return [...new Set([value, value.toUpperCase(), toTitleCase(value)])];
}

/**
 * Each word capitalised, the rest lower case; a word starts after a space, "-", "/" or "(" — the form
 * of FDA's classification names ("Coronary Drug-Eluting Stent", "Patello/Femorotibial").
 */
export function toTitleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** How a name is matched, in the words provenance states it (kept beside the code that does it). */
export const NAME_CASING_RULE =
  "exactly and case-sensitively (openFDA's .exact fields are not analysed) in any of three casings: as typed, UPPER CASE, and Title Case (each word capitalised after a space, -, / or \"(\"); other casings are not found";
